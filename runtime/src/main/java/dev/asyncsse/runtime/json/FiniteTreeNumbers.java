package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Reads JSON trees ({@link JsonNode} values) only with numbers that a {@code double} can hold.
 *
 * <p>Jackson otherwise turns a number beyond that range, such as {@code 1e400}, into an infinite
 * {@code DoubleNode}, which it writes back as the string {@code "Infinity"}. The typed {@code
 * double} path rejects such numbers in {@link FiniteNumberDeserializer}; this class makes trees
 * agree. The node factory rejects an infinite number while the parser still points at it, and
 * the deserializer turns that into the same decoding error, with the number's position.
 *
 * <p>A tree built in code may still hold an infinite or NaN {@code DoubleNode};
 * {@link FiniteNumberWriter} refuses to encode it.
 */
final class FiniteTreeNumbers {

  private FiniteTreeNumbers() {}

  /** Returns the node factory that rejects infinite and NaN numbers. */
  static JsonNodeFactory nodeFactory() {
    return FiniteNodeFactory.INSTANCE;
  }

  /** Returns the module that reports the factory's rejection as a decoding error. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("asyncsse-finite-tree-numbers");
    module.addDeserializer(JsonNode.class, new TreeDeserializer<>(JsonNode.class));
    module.addDeserializer(ObjectNode.class, new TreeDeserializer<>(ObjectNode.class));
    module.addDeserializer(ArrayNode.class, new TreeDeserializer<>(ArrayNode.class));
    return module;
  }

  /** Thrown by the node factory, and caught by the deserializer before it leaves Jackson. */
  private static final class NotFinite extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFinite() {
      super("the number is beyond the range of double", null, false, false);
    }
  }

  private static final class FiniteNodeFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    static final FiniteNodeFactory INSTANCE = new FiniteNodeFactory();

    private FiniteNodeFactory() {
      super(false);
    }

    @Override
    public NumericNode numberNode(double value) {
      if (!Double.isFinite(value)) {
        throw new NotFinite();
      }
      return super.numberNode(value);
    }

    @Override
    public ValueNode numberNode(Double value) {
      return value == null ? nullNode() : numberNode(value.doubleValue());
    }

    @Override
    public NumericNode numberNode(float value) {
      if (!Float.isFinite(value)) {
        throw new NotFinite();
      }
      return super.numberNode(value);
    }

    @Override
    public ValueNode numberNode(Float value) {
      return value == null ? nullNode() : numberNode(value.floatValue());
    }
  }

  /** Jackson's tree deserializer, with the factory's rejection reported as a decoding error. */
  private static final class TreeDeserializer<T extends JsonNode> extends StdDeserializer<T>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final transient JsonDeserializer<T> delegate;

    @SuppressWarnings("unchecked")
    TreeDeserializer(Class<T> type) {
      this(type, (JsonDeserializer<T>) JsonNodeDeserializer.getDeserializer(type));
    }

    private TreeDeserializer(Class<T> type, JsonDeserializer<T> delegate) {
      super(type);
      this.delegate = delegate;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      try {
        return delegate.deserialize(parser, context);
      } catch (NotFinite e) {
        throw beyondRange(parser);
      }
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context, T intoValue)
        throws IOException {
      try {
        return delegate.deserialize(parser, context, intoValue);
      } catch (NotFinite e) {
        throw beyondRange(parser);
      }
    }

    @Override
    public Object deserializeWithType(
        JsonParser parser, DeserializationContext context, TypeDeserializer types)
        throws IOException {
      try {
        return delegate.deserializeWithType(parser, context, types);
      } catch (NotFinite e) {
        throw beyondRange(parser);
      }
    }

    /** Returns the error for the number the parser points at, worded as for a {@code double}. */
    private static InvalidFormatException beyondRange(JsonParser parser) throws IOException {
      return InvalidFormatException.from(
          parser, "the number is beyond the range of double", parser.getText(), Double.class);
    }

    @Override
    public T getNullValue(DeserializationContext context) throws JsonMappingException {
      return delegate.getNullValue(context);
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) throws JsonMappingException {
      return delegate.getAbsentValue(context);
    }

    @Override
    public boolean isCachable() {
      return delegate.isCachable();
    }

    @Override
    public Boolean supportsUpdate(DeserializationConfig config) {
      return delegate.supportsUpdate(config);
    }

    @Override
    public LogicalType logicalType() {
      return delegate.logicalType();
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      JsonDeserializer<T> contextual = delegate instanceof ContextualDeserializer inner
          ? (JsonDeserializer<T>) inner.createContextual(context, property)
          : delegate;
      return contextual == delegate
          ? this
          : new TreeDeserializer<>((Class<T>) handledType(), contextual);
    }
  }
}
