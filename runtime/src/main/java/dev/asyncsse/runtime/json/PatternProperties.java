package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sorts the properties a generated record does not declare by its schema's {@code
 * patternProperties}: a property whose name matches a pattern goes to the pattern map, any other
 * to the {@code additionalProperties} map, or it is dropped or rejected as that keyword requires.
 * It also checks the keys of those maps when a record is constructed.
 *
 * <p>Generated records read their undeclared properties as JSON trees and call these methods from
 * the constructor that Jackson reads them with. Values are converted with {@link JsonTrees}, so
 * they follow {@link JacksonJsonCodec#defaultMapper()} settings even under another mapper.
 */
public final class PatternProperties {

  private PatternProperties() {}

  /** Returns whether {@code name} matches (contains a match of) any of {@code patterns}. */
  public static boolean matchesAny(String name, List<Pattern> patterns) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(name).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the properties whose names match one of {@code patterns}, each value converted by
   * {@code read}, in the order of {@code properties}.
   *
   * @throws IllegalArgumentException when a value does not fit its type, with a message that
   *     starts with the property name
   */
  public static <V> Map<String, V> matching(
      ObjectNode properties, List<Pattern> patterns, Function<JsonNode, V> read) {
    return select(properties, patterns, true, read);
  }

  /**
   * Returns the properties whose names match none of {@code patterns}, each value converted by
   * {@code read}, in the order of {@code properties}.
   *
   * @throws IllegalArgumentException when a value does not fit its type, with a message that
   *     starts with the property name
   */
  public static <V> Map<String, V> unmatched(
      ObjectNode properties, List<Pattern> patterns, Function<JsonNode, V> read) {
    return select(properties, patterns, false, read);
  }

  /**
   * Rejects the first property whose name matches none of {@code patterns}, for a schema with
   * {@code additionalProperties: false}.
   *
   * @param sources the patterns as the document writes them, for the message
   * @throws IllegalArgumentException when such a property exists
   */
  public static void rejectUnmatched(
      ObjectNode properties, List<Pattern> patterns, String sources) {
    if (properties == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      String name = property.getKey();
      if (!matchesAny(name, patterns)) {
        throw new IllegalArgumentException(name + ": unrecognized property, because the schema"
            + " does not declare it, it matches no patternProperties pattern (" + sources
            + "), and additionalProperties is false");
      }
    }
  }

  /**
   * Returns an unmodifiable copy of a record's {@code additionalProperties} map, in its order.
   *
   * @param nullAllowed whether the {@code additionalProperties} schema allows a JSON {@code null}
   *     value; a {@code null} value is then kept, and encoded as {@code null}
   * @throws IllegalArgumentException when a key is null, or a value is null and {@code
   *     nullAllowed} is false, with a message that starts with the key
   */
  public static <V> Map<String, V> additional(Map<String, V> map, boolean nullAllowed) {
    for (Map.Entry<String, V> entry : map.entrySet()) {
      checkAdditional(entry.getKey(), entry.getValue() == null, nullAllowed);
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Returns an unmodifiable copy of a record's {@code additionalProperties} map of JSON trees, in
   * its order. Where the schema allows {@code null}, a Java {@code null} value becomes {@link
   * NullNode}, which is what decoding a JSON {@code null} gives, so the record decodes back equal.
   *
   * @param nullAllowed whether the {@code additionalProperties} schema allows a JSON {@code null}
   *     value
   * @throws IllegalArgumentException when a key is null, or a value is null or {@link NullNode}
   *     and {@code nullAllowed} is false, with a message that starts with the key
   */
  public static Map<String, JsonNode> additionalTrees(
      Map<String, JsonNode> map, boolean nullAllowed) {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : map.entrySet()) {
      JsonNode value = entry.getValue();
      checkAdditional(entry.getKey(), value == null || value.isNull(), nullAllowed);
      copy.put(entry.getKey(), value == null ? NullNode.getInstance() : value);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static void checkAdditional(String key, boolean nullValue, boolean nullAllowed) {
    if (key == null) {
      throw new IllegalArgumentException("additionalProperties: keys must not be null");
    }
    if (nullValue && !nullAllowed) {
      throw new IllegalArgumentException(key + ": must not be null, because the"
          + " additionalProperties schema does not allow null");
    }
  }

  /**
   * Rejects a key of a map of undeclared properties that is the JSON name of a declared property,
   * because encoding would write that name twice.
   *
   * @param keyword the keyword the map comes from, {@code patternProperties} or {@code
   *     additionalProperties}, for the message
   * @throws IllegalArgumentException when such a key exists, with a message that starts with it
   */
  public static void rejectDeclared(Map<String, ?> map, Set<String> declared, String keyword) {
    for (String name : map.keySet()) {
      if (name != null && declared.contains(name)) {
        throw new IllegalArgumentException(name + ": the " + keyword + " map must not contain a"
            + " property that the schema declares under properties, so set its own component");
      }
    }
  }

  /**
   * Rejects a key of the {@code additionalProperties} map that matches one of {@code patterns},
   * because such a property belongs to the pattern map and would not decode back into this map.
   *
   * @param sources the patterns as the document writes them, for the message
   * @throws IllegalArgumentException when such a key exists, with a message that starts with it
   */
  public static void rejectMatched(
      Map<String, ?> additional, List<Pattern> patterns, String sources) {
    for (String name : additional.keySet()) {
      if (name != null && matchesAny(name, patterns)) {
        throw new IllegalArgumentException(name + ": the additionalProperties map must not contain"
            + " a name that matches a patternProperties pattern (" + sources + "), so put it in"
            + " the patternProperties map");
      }
    }
  }

  /**
   * Converts the value of property {@code name} with {@code read}.
   *
   * @throws IllegalArgumentException when the value does not fit, with a message that starts with
   *     {@code name}
   */
  public static <V> V read(String name, JsonNode value, Function<JsonNode, V> read) {
    try {
      return read.apply(value);
    } catch (IllegalArgumentException e) {
      // The codec reports the innermost cause, so the failure is attached as suppressed to keep
      // this message, which names the property, in the report.
      IllegalArgumentException named = new IllegalArgumentException(name + ": " + e.getMessage());
      named.addSuppressed(e);
      throw named;
    }
  }

  private static <V> Map<String, V> select(ObjectNode properties,
      List<Pattern> patterns, boolean matched, Function<JsonNode, V> read) {
    if (properties == null) {
      return Map.of();
    }
    Map<String, V> selected = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      String name = property.getKey();
      if (matchesAny(name, patterns) == matched) {
        selected.put(name, read(name, property.getValue(), read));
      }
    }
    return Collections.unmodifiableMap(selected);
  }
}
