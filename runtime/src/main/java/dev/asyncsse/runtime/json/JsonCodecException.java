package dev.asyncsse.runtime.json;

/** Thrown when a payload cannot be encoded to, or decoded from, JSON. */
public final class JsonCodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JsonCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
