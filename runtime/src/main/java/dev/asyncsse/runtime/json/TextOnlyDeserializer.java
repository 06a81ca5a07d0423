package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Reads {@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime} and enums only from JSON
 * text.
 *
 * <p>Jackson's {@code java.time} support also reads a number as seconds since the epoch, whatever
 * the leniency setting; a {@code date-time} in JSON Schema is always text. An enum whose {@code
 * JsonCreator} takes a {@code String}, as a generated one-value enum does, would get a number or
 * boolean as its text, so {@code 5} would fail as the unknown value {@code "5"} instead of as a
 * number where a string belongs.
 */
final class TextOnlyDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

  private static final long serialVersionUID = 1L;
  private static final Set<Class<?>> TYPES =
      Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class);

  private final transient JsonDeserializer<?> delegate;

  private TextOnlyDeserializer(Class<?> type, JsonDeserializer<?> delegate) {
    super(type);
    this.delegate = delegate;
  }

  /** Returns a modifier that wraps the deserializers of enums and instant-like time types. */
  static BeanDeserializerModifier modifier() {
    return new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        return TYPES.contains(type) ? new TextOnlyDeserializer(type, deserializer) : deserializer;
      }

      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config,
          JavaType type, BeanDescription description, JsonDeserializer<?> deserializer) {
        return new TextOnlyDeserializer(type.getRawClass(), deserializer);
      }
    };
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return context.handleUnexpectedToken(handledType(), parser);
    }
    return delegate.deserialize(parser, context);
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?> contextual = delegate instanceof ContextualDeserializer inner
        ? inner.createContextual(context, property)
        : delegate;
    return new TextOnlyDeserializer(handledType(), contextual);
  }
}
