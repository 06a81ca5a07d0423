package dev.asyncsse.processor.read;

import java.math.BigDecimal;

/**
 * A string, number, boolean or null.
 *
 * @param value a {@link String}, a {@link BigDecimal}, a {@link Boolean}, or {@code null}
 */
public record ScalarNode(DocumentFile file, String pointer, SourcePosition position, Object value)
    implements Node {

  /** Returns the value as text: the string itself, or the number or boolean as written. */
  public String text() {
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    return String.valueOf(value);
  }

  @Override
  public String kind() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "number";
  }
}
