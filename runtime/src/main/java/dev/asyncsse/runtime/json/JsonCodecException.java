package dev.asyncsse.runtime.json;

import java.lang.reflect.Type;

/** Thrown when a payload cannot be encoded to, or decoded from, JSON. */
public final class JsonCodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public JsonCodecException(String message, Throwable cause) {
    super(message, cause);
    this.reason = message;
  }

  private JsonCodecException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Creates the exception for data that cannot be decoded as {@code type}, with the message
   * "Cannot decode JSON as {@code type}: {@code reason}".
   *
   * @param reason what is wrong with the data, such as {@code items[2].price: expected a number,
   *     found the string "12" (line 1, column 40)}
   */
  public static JsonCodecException decoding(Type type, String reason, Throwable cause) {
    return new JsonCodecException(
        "Cannot decode JSON as " + type.getTypeName() + ": " + reason, reason, cause);
  }

  /**
   * Returns what is wrong with the data, without the type it was decoded as, for an exception
   * created by {@link #decoding}; otherwise the message.
   */
  public String reason() {
    return reason;
  }
}
