package dev.asyncsse.processor.types;

import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.math.BigDecimal;
import java.util.Map;

/** Writes scalar nodes as JSON text. */
final class JsonLiterals {

  private JsonLiterals() {}

  /** Writes any node as compact JSON, keeping the order of object keys. */
  static String of(Node node) {
    if (node instanceof MapNode map) {
      StringBuilder json = new StringBuilder("{");
      for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(string(entry.getKey())).append(':').append(of(entry.getValue()));
      }
      return json.append('}').toString();
    }
    if (node instanceof ListNode list) {
      StringBuilder json = new StringBuilder("[");
      for (Node item : list.items()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(of(item));
      }
      return json.append(']').toString();
    }
    return of((ScalarNode) node);
  }

  static String of(ScalarNode scalar) {
    Object value = scalar.value();
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return string(text);
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    return value.toString();
  }

  /** Writes {@code text} as a JSON string. */
  static String string(String text) {
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
