package dev.asyncsse.processor.read;

import java.math.BigDecimal;

/**
 * A string, number, boolean or null.
 *
 * @param value a {@link String}, a {@link BigDecimal}, a {@link Boolean}, or {@code null}
 */
public record ScalarNode(DocumentFile file, String pointer, SourcePosition position, Object value)
    implements Node {

  /**
   * The maximum length of a number in plain notation. A longer one, such as {@code 1e400}, is
   * written in scientific notation, so that it fits a Java string constant and a JSON parser's
   * limit on the length of a number.
   */
  private static final int MAX_PLAIN_NUMBER_LENGTH = 40;

  /** Returns the value as text: the string itself, or the number or boolean as written. */
  public String text() {
    if (value instanceof BigDecimal number) {
      return numberText(number);
    }
    return String.valueOf(value);
  }

  /**
   * Writes {@code number} in plain notation, or in scientific notation such as {@code 1E+400} when
   * the plain one has more than {@value #MAX_PLAIN_NUMBER_LENGTH} characters. Both are valid JSON.
   */
  public static String numberText(BigDecimal number) {
    String plain = number.toPlainString();
    return plain.length() <= MAX_PLAIN_NUMBER_LENGTH ? plain : number.toString();
  }

  /** Returns the value as JSON text: a string quoted and escaped, a number as {@link #text}. */
  public String json() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String string) {
      return jsonString(string);
    }
    return text();
  }

  /** Writes {@code text} as a JSON string. */
  public static String jsonString(String text) {
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
