package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;

/**
 * A {@link JsonCodec} backed by a Jackson {@link ObjectMapper}.
 *
 * <p>The default mapper writes {@code java.time} values as ISO-8601 text, leaves out null
 * components, and ignores unknown properties on read so that a producer may add fields without
 * breaking consumers.
 */
public final class JacksonJsonCodec implements JsonCodec {

  static final JacksonJsonCodec INSTANCE = new JacksonJsonCodec(defaultMapper());

  private final ObjectMapper mapper;

  /** Creates a codec over the given mapper, which must not be reconfigured afterwards. */
  public JacksonJsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Returns a new mapper with the settings described on this class. */
  public static ObjectMapper defaultMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
  }

  @Override
  public String encode(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonCodecException(
          "Cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T decode(String json, Class<T> type) {
    return decode(json, (Type) type);
  }

  @Override
  public <T> T decode(String json, Type type) {
    JavaType javaType = mapper.constructType(type);
    try {
      return mapper.readValue(json, javaType);
    } catch (JsonProcessingException e) {
      throw new JsonCodecException(
          "Cannot decode JSON as " + type.getTypeName() + ": " + cause(e), e);
    } catch (RuntimeException e) {
      throw new JsonCodecException(
          "Cannot decode JSON as " + type.getTypeName() + ": " + e.getMessage(), e);
    }
  }

  /** Returns the message of the innermost cause, which names the failed check of a record. */
  private static String cause(JsonProcessingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getOriginalMessage() : root.getMessage();
  }
}
