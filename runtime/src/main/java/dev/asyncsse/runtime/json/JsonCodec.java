package dev.asyncsse.runtime.json;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

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

  /**
   * Decodes JSON text given as {@code length} bytes of well-formed UTF-8 from {@code offset} into
   * an instance of {@code type}. The codec must neither modify the array nor keep it after
   * returning. The runtime calls this method for event data that is well-formed UTF-8.
   *
   * <p>The default decodes the bytes to a {@code String} and calls {@link #decode(String, Type)},
   * so a codec that implements only the text methods works unchanged. Override it to parse the
   * bytes directly.
   *
   * @throws JsonCodecException when the text is not valid JSON or does not fit {@code type}
   */
  default <T> T decode(byte[] json, int offset, int length, Type type) {
    return decode(new String(json, offset, length, StandardCharsets.UTF_8), type);
  }

  /** Returns the shared Jackson codec with {@code java.time} support. */
  static JsonCodec jackson() {
    return JacksonJsonCodec.INSTANCE;
  }
}
