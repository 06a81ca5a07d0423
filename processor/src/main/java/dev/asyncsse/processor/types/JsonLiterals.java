package dev.asyncsse.processor.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.Map;

/** Writes nodes as JSON text, and compares JSON texts as JSON Schema compares values. */
final class JsonLiterals {

  /** Reads numbers with a fraction as {@code BigDecimal}, so that they compare exactly. */
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonLiterals() {}

  /** Writes any node as compact JSON, keeping the order of object keys. */
  static String of(Node node) {
    if (node instanceof MapNode map) {
      StringBuilder json = new StringBuilder("{");
      for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(string(entry.getKey())).append(':').append(of(entry.getValue()));
      }
      return json.append('}').toString();
    }
    if (node instanceof ListNode list) {
      StringBuilder json = new StringBuilder("[");
      for (Node item : list.items()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(of(item));
      }
      return json.append(']').toString();
    }
    return of((ScalarNode) node);
  }

  static String of(ScalarNode scalar) {
    return scalar.json();
  }

  /**
   * Returns whether two JSON texts are the same value as JSON Schema compares {@code const} and
   * {@code enum} values: numbers by value, objects whatever the order of their members, arrays item
   * by item.
   */
  static boolean sameValue(String firstJson, String secondJson) {
    try {
      return sameValue(EXACT.readTree(firstJson), EXACT.readTree(secondJson));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON literal", e);
    }
  }

  private static boolean sameValue(JsonNode first, JsonNode second) {
    if (first.isNumber() && second.isNumber()) {
      return first.decimalValue().compareTo(second.decimalValue()) == 0;
    }
    if (first.getNodeType() != second.getNodeType() || first.size() != second.size()) {
      return false;
    }
    if (first.isObject()) {
      for (Map.Entry<String, JsonNode> member : first.properties()) {
        JsonNode other = second.get(member.getKey());
        if (other == null || !sameValue(member.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (first.isArray()) {
      for (int i = 0; i < first.size(); i++) {
        if (!sameValue(first.get(i), second.get(i))) {
          return false;
        }
      }
      return true;
    }
    return first.equals(second);
  }

  /** Writes {@code text} as a JSON string. */
  static String string(String text) {
    return ScalarNode.jsonString(text);
  }
}
