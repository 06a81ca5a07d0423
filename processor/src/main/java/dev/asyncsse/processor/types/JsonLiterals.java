package dev.asyncsse.processor.types;

import dev.asyncsse.processor.read.ScalarNode;
import java.math.BigDecimal;

/** Writes scalar nodes as JSON text. */
final class JsonLiterals {

  private JsonLiterals() {}

  static String of(ScalarNode scalar) {
    Object value = scalar.value();
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return ofString(text);
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    return value.toString();
  }

  /** Returns {@code text} as a JSON string literal. */
  static String ofString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
