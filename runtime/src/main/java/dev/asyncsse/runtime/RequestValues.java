package dev.asyncsse.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.asyncsse.runtime.json.JsonCodec;
import java.util.Collection;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Converts between a generated record and the text values of HTTP request headers or query
 * parameters, one value per JSON property.
 *
 * <p>A string property travels as its text. Any other value travels as its JSON text, so an
 * integer header is {@code 42} and a boolean query parameter is {@code true}. Reading builds a JSON
 * object from the values and decodes it with the codec, so the record's own checks (required
 * properties, {@code minimum}, {@code enum} and the rest) apply to requests as they do to payloads.
 */
public final class RequestValues {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestValues() {}

  /**
   * Returns the values of {@code record} by JSON property name, in the order the codec writes them.
   * Absent (null) properties are left out.
   *
   * @throws IllegalArgumentException when the codec does not write the record as a JSON object
   */
  public static Map<String, String> encode(Object record, JsonCodec codec) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(codec.encode(record));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The codec wrote invalid JSON for " + record, e);
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new IllegalArgumentException(
          "Request values must be a JSON object, but " + record + " was written as " + tree);
    }
    Map<String, String> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      values.put(field.getKey(), value.isTextual() ? value.textValue() : value.toString());
    }
    return values;
  }

  /**
   * Reads the values named {@code names} through {@code lookup} and decodes them into {@code type}.
   *
   * @param lookup returns the value of one name, such as {@code request::header}
   * @param names the JSON property names of {@code type}
   * @param jsonValued the names whose schema type is not {@code string}; their values are read as
   *     JSON text, and as a string when they are not valid JSON, which the codec then rejects
   * @param what what the values are, for the message, such as {@code "request headers"}
   * @throws IllegalArgumentException when the values do not fit {@code type}, with a message that
   *     names the property and the rule
   */
  public static <T> T decode(
      Function<String, Optional<String>> lookup,
      Collection<String> names,
      Set<String> jsonValued,
      Class<T> type,
      JsonCodec codec,
      String what) {
    ObjectNode object = MAPPER.createObjectNode();
    for (String name : names) {
      Optional<String> value = lookup.apply(name);
      if (value.isPresent()) {
        object.set(name, jsonValued.contains(name) ? jsonOrText(value.get()) : text(value.get()));
      }
    }
    T values;
    try {
      values = codec.decode(object.toString(), type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid " + what + ": " + e.getMessage(), e);
    }
    rejectUnknownEnumValues(values, object, codec, what);
    return values;
  }

  /**
   * Rejects a record component that decoded to a generated enum's {@code UNKNOWN} constant. Such a
   * constant stands for a value outside the document's list, which a payload may carry but a
   * request may not. It is the one constant whose writing fails.
   */
  private static void rejectUnknownEnumValues(
      Object values, ObjectNode received, JsonCodec codec, String what) {
    if (!values.getClass().isRecord()) {
      return;
    }
    for (RecordComponent component : values.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(values);
      } catch (ReflectiveOperationException e) {
        continue; // not readable here, so the codec's own checks are all that apply
      }
      if (!(value instanceof Enum<?>) || encodes(value, codec)) {
        continue;
      }
      JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      JsonNode raw = received.get(name);
      throw new IllegalArgumentException(
          "Invalid "
              + what
              + ": "
              + name
              + " must be one of "
              + allowedValues(((Enum<?>) value).getDeclaringClass(), codec)
              + ", but was "
              + (raw == null ? "absent" : raw.toString()));
    }
  }

  private static boolean encodes(Object value, JsonCodec codec) {
    try {
      codec.encode(value);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String allowedValues(Class<?> enumType, JsonCodec codec) {
    StringJoiner allowed = new StringJoiner(", ");
    for (Object constant : enumType.getEnumConstants()) {
      if (encodes(constant, codec)) {
        allowed.add(codec.encode(constant));
      }
    }
    return allowed.toString();
  }

  private static JsonNode jsonOrText(String value) {
    try {
      JsonNode parsed = MAPPER.readTree(value);
      return parsed == null || parsed.isMissingNode() ? text(value) : parsed;
    } catch (JsonProcessingException e) {
      return text(value);
    }
  }

  private static JsonNode text(String value) {
    return TextNode.valueOf(value);
  }
}
