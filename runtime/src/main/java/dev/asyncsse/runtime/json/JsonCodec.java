package dev.asyncsse.runtime.json;

import java.lang.reflect.Type;

/** Converts payloads to and from the JSON text carried in an event's data. */
public interface JsonCodec {

  /**
   * Encodes a value as JSON text.
   *
   * @throws JsonCodecException when the value cannot be written as JSON
   */
  String encode(Object value);

  /**
   * Decodes JSON text into an instance of {@code type}.
   *
   * @throws JsonCodecException when the text is not valid JSON or does not fit {@code type},
   *     including a record constructor that rejects the values
   */
  <T> T decode(String json, Class<T> type);

  /**
   * Decodes JSON text into an instance of {@code type}, which may be generic, such as {@code
   * List<String>}.
   *
   * @throws JsonCodecException when the text is not valid JSON or does not fit {@code type}
   */
  <T> T decode(String json, Type type);

  /** Returns the shared Jackson codec with {@code java.time} support. */
  static JsonCodec jackson() {
    return JacksonJsonCodec.INSTANCE;
  }
}
