package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.Set;

/**
 * Reads {@code double} and {@code float} values, boxed or not, only from JSON numbers that they
 * can hold.
 *
 * <p>Jackson otherwise reads the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}
 * as those values whatever the coercion settings, and turns a number beyond the type's range, such
 * as {@code 1e400}, into infinity, which it then writes back as a string. JSON has no such values.
 */
final class FiniteNumberDeserializer extends StdDeserializer<Object>
    implements ContextualDeserializer {

  private static final long serialVersionUID = 1L;
  private static final Set<Class<?>> TYPES =
      Set.of(double.class, Double.class, float.class, Float.class);

  private final transient JsonDeserializer<?> delegate;

  private FiniteNumberDeserializer(Class<?> type, JsonDeserializer<?> delegate) {
    super(type);
    this.delegate = delegate;
  }

  /** Returns a modifier that wraps the deserializers of {@code double} and {@code float}. */
  static BeanDeserializerModifier modifier() {
    return new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config,
          BeanDescription description,
          JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        return TYPES.contains(type) ? new FiniteNumberDeserializer(type, deserializer) : deserializer;
      }
    };
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_NULL)) {
      return delegate.deserialize(parser, context);
    }
    if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT)
        && !parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      return context.handleUnexpectedToken(handledType(), parser);
    }
    Object value = delegate.deserialize(parser, context);
    boolean finite = true;
    if (value instanceof Double number) {
      finite = Double.isFinite(number);
    } else if (value instanceof Float number) {
      finite = Float.isFinite(number);
    }
    if (!finite) {
      throw InvalidFormatException.from(
          parser,
          "the number is beyond the range of " + handledType().getSimpleName(),
          parser.getText(),
          handledType());
    }
    return value;
  }

  @Override
  public Object getNullValue(DeserializationContext context) throws JsonMappingException {
    return delegate.getNullValue(context);
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?> contextual = delegate instanceof ContextualDeserializer inner
        ? inner.createContextual(context, property)
        : delegate;
    return new FiniteNumberDeserializer(handledType(), contextual);
  }
}
