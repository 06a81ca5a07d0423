package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncsse.runtime.TypeToken;
import java.util.List;
import java.util.Map;

/**
 * Converts a parsed JSON tree into a typed value, and compares JSON values as JSON Schema does.
 *
 * <p>Generated {@code oneOf} types read a value as a tree, choose the member type, and then
 * convert the tree with this class, which uses {@link JacksonJsonCodec#defaultMapper()} settings.
 */
public final class JsonTrees {

  private static final ObjectMapper MAPPER = JacksonJsonCodec.defaultMapper();

  private JsonTrees() {}

  /**
   * Parses JSON text into a tree.
   *
   * @throws IllegalArgumentException when {@code json} is not valid JSON, or has a number beyond
   *     the range of a {@code double}
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String syntax = JacksonErrorMessages.syntaxError(json);
      throw new IllegalArgumentException(syntax == null
          ? JacksonErrorMessages.decodingText(MAPPER, e, json, JsonNode.class)
          : syntax, e);
    }
  }

  /**
   * Returns whether {@code value}, written as a JSON tree with the default settings, equals one of
   * {@code allowed} as JSON Schema compares {@code const} and {@code enum} values: see {@link
   * #schemaEquals}.
   */
  public static boolean equalsAny(Object value, List<JsonNode> allowed) {
    JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    for (JsonNode candidate : allowed) {
      if (schemaEquals(tree, candidate)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether two JSON values are equal as JSON Schema defines it: numbers by their value, so
   * {@code 1} equals {@code 1.0}, objects by their members whatever their order, and arrays item by
   * item. A number read as a {@code double} compares with the precision of a {@code double}.
   */
  public static boolean schemaEquals(JsonNode first, JsonNode second) {
    if (first.isNumber() && second.isNumber()) {
      return numberEquals(first, second);
    }
    if (first.getNodeType() != second.getNodeType() || first.size() != second.size()) {
      return false;
    }
    if (first.isObject()) {
      for (Map.Entry<String, JsonNode> field : first.properties()) {
        JsonNode other = second.get(field.getKey());
        if (other == null || !schemaEquals(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (first.isArray()) {
      for (int i = 0; i < first.size(); i++) {
        if (!schemaEquals(first.get(i), second.get(i))) {
          return false;
        }
      }
      return true;
    }
    return first.equals(second);
  }

  /**
   * Compares two numbers exactly, unless either is a {@code double} or {@code float}: it has lost
   * the digits beyond its precision when it was read, so both compare as {@code double}. That also
   * covers NaN and infinity, which a tree built in code may hold.
   */
  private static boolean numberEquals(JsonNode first, JsonNode second) {
    if (first.isDouble() || first.isFloat() || second.isDouble() || second.isFloat()) {
      return first.doubleValue() == second.doubleValue();
    }
    return first.decimalValue().compareTo(second.decimalValue()) == 0;
  }

  /**
   * Converts {@code node} into an instance of {@code type}.
   *
   * @throws IllegalArgumentException when the tree does not fit {@code type}, with the reason
   */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.getSimpleName() + ": "
              + JacksonErrorMessages.decodingTree(MAPPER, e, node, type),
          e);
    }
  }

  /**
   * Converts {@code node} into an instance of a generic type, such as {@code List<Item>}.
   *
   * @throws IllegalArgumentException when the tree does not fit the type, with the reason
   */
  public static <T> T convert(JsonNode node, TypeToken<T> type) {
    try {
      return MAPPER.readerFor(MAPPER.constructType(type.type())).readValue(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Class<?> raw = MAPPER.constructType(type.type()).getRawClass();
      throw new IllegalArgumentException(
          "not a valid " + type.type().getTypeName() + ": "
              + JacksonErrorMessages.decodingTree(MAPPER, e, node, raw),
          e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.type().getTypeName() + " (see the cause)", e);
    }
  }
}
