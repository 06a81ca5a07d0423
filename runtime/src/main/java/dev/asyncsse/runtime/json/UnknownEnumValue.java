package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The JSON value of a generated enum's {@code UNKNOWN} constant. Writing it fails with the message
 * given here, because the value that was received is not kept and cannot be sent back.
 *
 * <p>Jackson reads an enum's JSON value for every constant when it builds the enum's reader, so
 * the constant itself must have a value; only writing this value fails.
 */
public final class UnknownEnumValue {

  private final String message;

  /** @param message why the value cannot be sent and which values can */
  public UnknownEnumValue(String message) {
    this.message = message;
  }

  /**
   * Fails, since there is no value to write.
   *
   * @throws IllegalStateException always, with the message given to the constructor
   */
  @JsonValue
  public String value() {
    throw new IllegalStateException(message);
  }

  @Override
  public String toString() {
    return message;
  }
}
