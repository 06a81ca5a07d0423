package dev.asyncsse.processor.types;

import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.Map;

/** Writes scalar nodes as JSON text. */
final class JsonLiterals {

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

  /** Writes {@code text} as a JSON string. */
  static String string(String text) {
    return ScalarNode.jsonString(text);
  }
}
