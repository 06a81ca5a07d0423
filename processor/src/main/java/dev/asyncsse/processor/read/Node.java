package dev.asyncsse.processor.read;

import dev.asyncsse.processor.diagnostic.Messages;

/**
 * A node of a YAML or JSON document that remembers where it was written.
 *
 * <p>Unlike Jackson's {@code JsonNode}, every node keeps its {@link SourcePosition} and its JSON
 * pointer, so that every error found later can name the exact line and column.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

  /** Returns where the node's value starts. */
  SourcePosition position();

  /** Returns the document the node belongs to. */
  DocumentFile file();

  /** Returns the JSON pointer of the node inside its file, such as {@code /components/schemas}. */
  String pointer();

  /** Returns the node as a {@code file#pointer} reference, for messages. */
  default String location() {
    return file().name() + "#" + pointer();
  }

  /** Returns the JSON type of the node for messages: object, array, string, number, ... */
  String kind();

  /**
   * Returns the JSON type and value of the node for messages, such as {@code the number 5}. A
   * string longer than {@link Messages#QUOTED_LENGTH} characters, counted in code points, is cut
   * there, and its length given.
   */
  default String describe() {
    if (this instanceof ListNode list) {
      return list.items().isEmpty() ? "an empty list" : "a list";
    }
    if (this instanceof MapNode) {
      return "an object";
    }
    ScalarNode scalar = (ScalarNode) this;
    if (scalar.value() == null) {
      return "null";
    }
    if (scalar.value() instanceof String text
        && text.codePointCount(0, text.length()) > Messages.QUOTED_LENGTH) {
      return "a string of " + text.codePointCount(0, text.length()) + " characters starting "
          + Messages.escapeControls(ScalarNode.jsonString(Messages.startOf(text)));
    }
    return "the " + scalar.kind() + " " + Messages.escapeControls(scalar.json());
  }
}
