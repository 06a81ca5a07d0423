package dev.asyncsse.runtime;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the HTTP method that opens an event stream, for the client and the server alike.
 *
 * <p>Any HTTP method token, made of letters, digits and {@code !#$%&'*+-.^_`|~}, may open a stream,
 * such as {@code GET} (the default), {@code POST} or {@code PUT}. The exceptions are the methods
 * whose response cannot carry a stream body: {@code HEAD}, {@code CONNECT}, {@code TRACE} and
 * {@code OPTIONS}. Methods are case-sensitive, as in HTTP, but these four are rejected in any case.
 */
public final class StreamMethods {

  /** The method an event stream is requested with unless another is set. */
  public static final String DEFAULT = "GET";

  private static final Set<String> REJECTED = Set.of("HEAD", "CONNECT", "TRACE", "OPTIONS");

  /** The characters of an HTTP token besides letters and digits. */
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private StreamMethods() {}

  /**
   * Returns {@code method} when it can open an event stream.
   *
   * @throws IllegalArgumentException when {@code method} is not a token, or is {@code HEAD},
   *     {@code CONNECT}, {@code TRACE} or {@code OPTIONS}
   */
  public static String requireStreamMethod(String method) {
    Objects.requireNonNull(method, "method");
    if (!isToken(method)) {
      throw new IllegalArgumentException(
          "Invalid HTTP method \"" + method + "\": a method is a token of letters, digits and"
              + " " + TOKEN_SYMBOLS + ", such as GET or POST.");
    }
    if (REJECTED.contains(method.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "Unsupported HTTP method \"" + method + "\" for an event stream: the response to HEAD,"
              + " CONNECT, TRACE and OPTIONS cannot carry a stream. Use GET or POST.");
    }
    return method;
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean letterOrDigit =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
