package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncsse.runtime.TypeToken;

/**
 * Converts a parsed JSON tree into a typed value.
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
