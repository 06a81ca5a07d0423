package dev.asyncsse.runtime;

import java.util.regex.Pattern;

/**
 * Reads the text of a channel's path parameters into Java values, for generated parameter records.
 *
 * <p>Every method throws {@link NullPointerException} when the value is missing and {@link
 * IllegalArgumentException} when it is empty or not of the parameter's type, with a message that
 * names the parameter and the rule. A server responds to such a request with 400 and that message.
 */
public final class PathParameters {

  /** A JSON number: no leading {@code +}, no hex, no {@code NaN} or infinity, no type suffix. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private PathParameters() {}

  /**
   * Returns {@code value} when it is present and not empty.
   *
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalArgumentException when {@code value} is empty
   */
  public static String requireText(String name, String value) {
    if (value == null) {
      throw new NullPointerException("parameter " + name + " is missing");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("parameter " + name + " must not be empty");
    }
    return value;
  }

  /**
   * Parses a decimal integer that fits in an {@code int}, with an optional leading {@code -}.
   *
   * @throws IllegalArgumentException when the text is not such an integer
   */
  public static int parseInt(String name, String value) {
    long parsed = parseLong(name, value);
    if (parsed != (int) parsed) {
      throw new IllegalArgumentException(
          "parameter " + name + " must be a 32-bit integer, but was " + value);
    }
    return (int) parsed;
  }

  /**
   * Parses a decimal integer that fits in a {@code long}, with an optional leading {@code -}.
   *
   * @throws IllegalArgumentException when the text is not such an integer
   */
  public static long parseLong(String name, String value) {
    requireText(name, value);
    if (INTEGER.matcher(value).matches()) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "parameter " + name + " must be a 64-bit integer, but was " + value, e);
      }
    }
    throw new IllegalArgumentException("parameter " + name + " must be an integer, but was " + value);
  }

  /**
   * Parses a number written as in JSON, such as {@code -1.5e3}.
   *
   * @throws IllegalArgumentException when the text is not a JSON number, or is too large for a
   *     {@code double}
   */
  public static double parseDouble(String name, String value) {
    requireText(name, value);
    if (!JSON_NUMBER.matcher(value).matches()) {
      throw new IllegalArgumentException("parameter " + name + " must be a number, but was " + value);
    }
    double parsed = Double.parseDouble(value);
    if (Double.isInfinite(parsed)) {
      throw new IllegalArgumentException(
          "parameter " + name + " is too large for a 64-bit floating-point number: " + value);
    }
    return parsed;
  }
}
