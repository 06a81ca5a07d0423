package dev.asyncsse.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.util.Collection;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts between a generated record and the text values of HTTP request headers or query
 * parameters, one value per JSON property.
 *
 * <p>A string property travels as its text. Any other value travels as its JSON text, so an
 * integer header is {@code 42}, a boolean query parameter is {@code true} and an array is {@code
 * [1,2]} or {@code ["a","b"]}. When reading, an array query parameter may instead repeat ({@code
 * levels=1&levels=2}), and any other query parameter given more than once is rejected. A single
 * array value that starts with {@code [} is read as a JSON array whose items must have the
 * schema's item type, so {@code names=[1]} is rejected for an array of strings. Reading builds a JSON object
 * from the values and decodes it with the codec, so the record's own checks (required properties,
 * {@code minimum}, {@code pattern} and the rest) apply to requests as they do to payloads.
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
   * Returns the values of {@code record} as {@link #encode} does, checked to be sendable as HTTP
   * header values.
   *
   * @throws IllegalArgumentException when a value has a character other than visible ASCII, or a
   *     space or tab other than between visible characters, because {@code java.net.http} would
   *     send such a value altered or reject it
   */
  public static Map<String, String> encodeHeaders(Object record, JsonCodec codec) {
    Map<String, String> values = encode(record, codec);
    values.forEach(RequestValues::requireHeaderValue);
    return values;
  }

  /**
   * Checks that {@code value} is visible ASCII characters, with spaces and tabs only between them.
   * NOTE: com.sun.net.httpserver in JDK 17 reads a tab inside a header value as a space.
   *
   * @throws IllegalArgumentException when it is not, with a message of the form of the generated
   *     records' checks
   */
  public static void requireHeaderValue(String name, String value) {
    boolean valid = value.isEmpty() || (isVisibleAscii(value.charAt(0))
        && isVisibleAscii(value.charAt(value.length() - 1)));
    for (int i = 0; valid && i < value.length(); i++) {
      char c = value.charAt(i);
      valid = isVisibleAscii(c) || c == ' ' || c == '\t';
    }
    if (!valid) {
      throw new IllegalArgumentException(name
          + ": must be visible ASCII characters for an HTTP header, with spaces and tabs only"
          + " between them, but was \"" + escapeControlCharacters(value) + "\"");
    }
  }

  private static boolean isVisibleAscii(char c) {
    return c >= 0x21 && c <= 0x7e;
  }

  /**
   * Returns {@code text} with each control character (U+0000 to U+001F and U+007F) written as a
   * <code>&#92;uXXXX</code> escape, so a message that echoes a received value cannot break a log
   * line or hide bytes.
   */
  static String escapeControlCharacters(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * Reads the values named {@code names} through {@code lookup} and decodes them into {@code type}.
   *
   * <p>Each value is first read as the Java type of the record component it fills, so a missing
   * required value, a value given more than once, a value that is not of the component's type or
   * not one of its enum's values fails with a message of the form {@code name: rule, but was
   * value}. The record's constructor then applies the schema's other checks (such as {@code
   * minimum} or {@code pattern}) with messages of the same form. HTTP cannot send a null, so
   * {@link #encode} leaves a null value out, and an absent required value reads as null when its
   * component is written even when null ({@code @JsonInclude(ALWAYS)}, which generated records put
   * on required properties whose schema allows null).
   *
   * @param lookup returns every value of one name, in request order, such as each occurrence of a
   *     query parameter
   * @param names the JSON property names of {@code type}
   * @param jsonValued the names whose schema type is not {@code string}. Their values are read as
   *     JSON text when {@code type} has no record component of that name to give the Java type.
   * @param what what the values are, for the message, such as {@code "request headers"}
   * @throws IllegalArgumentException when the values do not fit {@code type}, with a message that
   *     starts with {@code "Invalid " + what + ": "} and then names the property and the rule.
   *     Control characters in the echoed value are written as <code>&#92;uXXXX</code> escapes.
   */
  public static <T> T decode(
      Function<String, List<String>> lookup,
      Collection<String> names,
      Set<String> jsonValued,
      Class<T> type,
      JsonCodec codec,
      String what) {
    Map<String, RecordComponent> components = componentsByJsonName(type);
    ObjectNode object = MAPPER.createObjectNode();
    try {
      for (String name : names) {
        List<String> values = lookup.apply(name);
        RecordComponent component = components.get(name);
        if (values.isEmpty()) {
          if (component != null && isRequired(component)) {
            if (!writtenWhenNull(component)) {
              throw new IllegalArgumentException(name + ": required property is missing");
            }
            // HTTP has no null: an absent required value whose schema allows null is null.
            object.putNull(name);
          }
          continue;
        }
        Type valueType = component != null
            ? component.getGenericType()
            : jsonValued.contains(name) ? Object.class : String.class;
        object.set(name, RequestValueReader.read(name, values, valueType, codec));
      }
    } catch (IllegalArgumentException e) {
      throw invalid(what, e.getMessage(), e);
    }
    try {
      return codec.decode(object.toString(), type);
    } catch (RuntimeException e) {
      throw invalid(what, constructorMessage(e), e);
    }
  }

  /** Returns the decoding failure, with the control characters of echoed values escaped. */
  private static IllegalArgumentException invalid(String what, String reason, Exception cause) {
    return new IllegalArgumentException(
        "Invalid " + what + ": " + escapeControlCharacters(reason), cause);
  }

  /** Returns the record components of {@code type} by JSON property name, or none for a class. */
  private static Map<String, RecordComponent> componentsByJsonName(Class<?> type) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    if (!type.isRecord()) {
      return components;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      components.put(name, component);
    }
    return components;
  }

  private static boolean isRequired(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property != null && property.required();
  }

  /**
   * Returns whether the codec writes the component even when it is null, which generated records
   * mark on required properties whose schema allows null.
   */
  private static boolean writtenWhenNull(RecordComponent component) {
    JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
    return include != null && include.value() == JsonInclude.Include.ALWAYS;
  }

  /**
   * Returns the message of the check in the record's constructor that rejected the values, which
   * the codec wraps, or the codec's own message when no constructor check failed.
   */
  private static String constructorMessage(RuntimeException decodingFailure) {
    for (Throwable cause = decodingFailure.getCause(); cause != null; cause = cause.getCause()) {
      if ((cause instanceof IllegalArgumentException || cause instanceof NullPointerException)
          && !cause.getClass().getName().startsWith("com.fasterxml.")
          && cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    // NOTE: reached only for component types that RequestValueReader passes through as JSON,
    // such as nested objects. The codec's line and column then count in the JSON object built
    // from the request values on the server, not in the text the client sent.
    return decodingFailure instanceof JsonCodecException codecFailure
        ? codecFailure.reason()
        : decodingFailure.getMessage();
  }

  static JsonNode jsonOrText(String value) {
    try {
      JsonNode parsed = MAPPER.readTree(value);
      return parsed == null || parsed.isMissingNode() ? text(value) : parsed;
    } catch (JsonProcessingException e) {
      return text(value);
    }
  }

  static JsonNode text(String value) {
    return TextNode.valueOf(value);
  }
}
