package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JsonCodec} backed by a Jackson {@link ObjectMapper}.
 *
 * <p>The default mapper writes {@code java.time} values as ISO-8601 text, refuses to write NaN or
 * infinity, which JSON cannot hold, and leaves out null components, except those annotated {@code
 * @JsonInclude(JsonInclude.Include.ALWAYS)}, which generated records put on required properties
 * that allow null. It reads strictly: no number is
 * read as a string or the other way round, {@code java.time} values must be ISO-8601 text, a
 * number beyond the range of a {@code double} fails even inside a {@code JsonNode}, and an unknown
 * property fails unless the type allows it. For integers it is stricter than JSON Schema: a number
 * written with a fraction or an exponent, even {@code 1.0} or {@code 1e2}, is not read as an
 * integer. A {@code Void} value, the type of a property that allows only null, is read only from
 * JSON {@code null}. Generated records allow unknown properties unless their schema sets {@code
 * additionalProperties: false}.
 */
public final class JacksonJsonCodec implements JsonCodec {

  static final JacksonJsonCodec INSTANCE = new JacksonJsonCodec(defaultMapper());

  private final ObjectMapper mapper;

  /**
   * One reader per decoded type. A reader keeps its type's deserializer, so a decode skips the
   * mapper's per-call type resolution and deserializer lookup. The map grows by one entry for each
   * distinct type this codec decodes.
   */
  private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  /** Creates a codec over the given mapper, which must not be reconfigured afterwards. */
  public JacksonJsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Returns a new mapper with the settings described on this class. */
  public static ObjectMapper defaultMapper() {
    JsonFactory factory = JsonFactory.builder().addDecorator(FiniteNumberWriter.decorator()).build();
    JsonMapper mapper = JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule("asyncsse-text-only")
            .setDeserializerModifier(TextOnlyDeserializer.modifier()))
        .addModule(new SimpleModule("asyncsse-finite-numbers")
            .setDeserializerModifier(FiniteNumberDeserializer.modifier()))
        .addModule(FiniteTreeNumbers.module())
        .nodeFactory(FiniteTreeNumbers.nodeFactory())
        .addModule(new SimpleModule("asyncsse-null-only")
            .addDeserializer(Void.class, new NullOnlyDeserializer()))
        // A repeated property name keeps its last value, as the README describes. Rejecting it
        // with STRICT_DUPLICATE_DETECTION made decoding an object of eight properties 19% to 29%
        // slower (JDK 17 and 25, interleaved runs on a loaded 2-core machine), so it stays off.
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .defaultLeniency(false)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
    // An empty string is not a UUID, URI or date; only strings may be empty.
    mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer,
        LogicalType.Float, LogicalType.Boolean, LogicalType.DateTime}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer
              || type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual
              || type == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
              ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    for (Class<?> time : new Class<?>[] {java.time.OffsetDateTime.class,
        java.time.OffsetTime.class, java.time.LocalDate.class, java.time.LocalTime.class,
        java.time.LocalDateTime.class, java.time.ZonedDateTime.class, java.time.Instant.class}) {
      mapper.configOverride(time).setFormat(JsonFormat.Value.forLeniency(false));
    }
    return mapper;
  }

  @Override
  public String encode(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonCodecException(
          "Cannot encode " + value.getClass().getName() + " as JSON: "
              + JacksonErrorMessages.encoding(e),
          e);
    }
  }

  @Override
  public <T> T decode(String json, Class<T> type) {
    return decode(json, (Type) type);
  }

  @Override
  public <T> T decode(String json, Type type) {
    try {
      return reader(type).readValue(json);
    } catch (JsonProcessingException e) {
      throw JsonCodecException.decoding(
          type, JacksonErrorMessages.decodingText(mapper, e, json, TypeFactory.rawClass(type)), e);
    } catch (RuntimeException e) {
      throw JsonCodecException.decoding(type, failureMessage(e), e);
    }
  }

  /**
   * Decodes the UTF-8 bytes with Jackson's byte parser, which skips the {@code String} and the
   * copy to a {@code char} array that the text method needs.
   */
  @Override
  public <T> T decode(byte[] json, int offset, int length, Type type) {
    if (!isPlainUtf8(json, offset, length)) {
      return decode(new String(json, offset, length, StandardCharsets.UTF_8), type);
    }
    try {
      return reader(type).readValue(json, offset, length);
    } catch (JsonProcessingException e) {
      throw JsonCodecException.decoding(
          type,
          JacksonErrorMessages.decodingBytes(
              mapper, e, json, offset, length, TypeFactory.rawClass(type)),
          e);
    } catch (IOException | RuntimeException e) {
      throw JsonCodecException.decoding(type, failureMessage(e), e);
    }
  }

  /**
   * Returns whether Jackson reads the bytes as UTF-8 text with nothing skipped. Jackson 2 guesses
   * the encoding of byte input from its first four bytes ({@code ByteSourceJsonBootstrapper}): it
   * skips a byte order mark, which starts with a non-ASCII byte, and reads UTF-16 or UTF-32 when a
   * NUL is among the first two bytes. Valid JSON contains no NUL byte and starts with an ASCII
   * character, so only invalid input takes the text path, which rejects it with the same message
   * as before.
   */
  private static boolean isPlainUtf8(byte[] json, int offset, int length) {
    if (length == 0) {
      return true;
    }
    if (json[offset] <= 0) {
      return false; // a NUL or a non-ASCII byte, since bytes are signed
    }
    return length == 1 || json[offset + 1] != 0;
  }

  private ObjectReader reader(Type type) {
    ObjectReader reader = readers.get(type);
    if (reader == null) {
      reader = readers.computeIfAbsent(type, key -> mapper.readerFor(mapper.constructType(key)));
    }
    return reader;
  }

  /** Returns the message of an exception that Jackson did not wrap, cut to a readable length. */
  private static String failureMessage(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return JacksonErrorMessages.cap(message, JacksonErrorMessages.MAX_PASSED_MESSAGE);
  }
}
