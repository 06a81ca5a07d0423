package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads typed values out of nodes, following {@code $ref}s and reporting wrong kinds. */
final class NodeAccess {

  private final RefResolver refs;
  private final Problems problems;
  private final Progress progress;
  private final List<Node> otherFormatSchemas = new ArrayList<>();

  NodeAccess(RefResolver refs, Problems problems, Progress progress) {
    this.refs = refs;
    this.problems = problems;
    this.progress = progress;
  }

  RefResolver refs() {
    return refs;
  }

  Problems problems() {
    return problems;
  }

  /**
   * Records a schema that a message declares in a format other than JSON Schema, such as Avro,
   * so that no later step reads it as JSON Schema.
   */
  void addOtherFormatSchema(Node schema) {
    otherFormatSchemas.add(schema);
  }

  /** Returns the schemas recorded by {@link #addOtherFormatSchema}, in the order read. */
  List<Node> otherFormatSchemas() {
    return List.copyOf(otherFormatSchemas);
  }

  /** Records that reading has reached {@code node}, so an internal error can name it. */
  void reach(Node node) {
    progress.reach(node.pointer(), node.position());
  }

  /** Resolves {@code node} and checks that it is an object; {@code what} names it in errors. */
  Optional<MapNode> resolveObject(Node node, String what) {
    Optional<Node> resolved = refs.resolve(node);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    if (resolved.get() instanceof MapNode map) {
      return Optional.of(map);
    }
    problems.error(
        resolved.get().position(), Messages.expectedKind(what, "an object", resolved.get().kind()));
    return Optional.empty();
  }

  /** Returns the object under {@code field}, empty when it is absent or null. */
  Optional<MapNode> object(MapNode owner, String field) {
    Optional<Node> node = owner.get(field);
    if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null) {
      return Optional.empty();
    }
    return resolveObject(node.get(), field);
  }

  /** Returns the items under {@code field}, reporting a value that is not an array. */
  List<Node> list(MapNode owner, String field) {
    Optional<Node> node = owner.get(field);
    if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null) {
      return List.of();
    }
    if (node.get() instanceof ListNode items) {
      return items.items();
    }
    problems.error(
        node.get().position(), Messages.expectedKind(field, "an array", node.get().kind()));
    return List.of();
  }

  /**
   * Reports {@code tags} that are not a list of objects. Tags do not change the generated code,
   * but a list written as an object is a broken document.
   */
  void checkTags(MapNode owner) {
    for (Node tag : list(owner, "tags")) {
      resolveObject(tag, "tag").ifPresent(object -> checkStrings(object, "name", "description"));
    }
  }

  /** Reports each of {@code fields} whose value is a list or object instead of a string. */
  void checkStrings(MapNode owner, String... fields) {
    for (String field : fields) {
      string(owner, field);
    }
  }

  /**
   * Returns the scalar under {@code field} as text, reporting a list or object. A number or
   * boolean is taken as written.
   */
  Optional<String> string(MapNode owner, String field) {
    Optional<Node> node = owner.get(field);
    if (node.isPresent() && !(node.get() instanceof ScalarNode)) {
      problems.error(
          node.get().position(), Messages.expectedKind(field, "a string", node.get().kind()));
      return Optional.empty();
    }
    return node.flatMap(NodeAccess::text);
  }

  /**
   * Returns the string under {@code field}, empty when it is absent or null, and reports a value
   * of any other kind, numbers and booleans included.
   *
   * @param ownerName names the owner in the message, such as {@code server "production"}
   */
  Optional<String> stringOnly(MapNode owner, String field, String ownerName) {
    Optional<Node> node = owner.get(field);
    if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.value() instanceof String text) {
      return Optional.of(text);
    }
    problems.error(
        node.get().position(),
        Messages.invalidFieldKind(field, ownerName, node.get().describe(), "a string",
            "Write it as a string, quoted where YAML would read a number or boolean."));
    return Optional.empty();
  }

  static Optional<String> text(Node node) {
    if (node instanceof ScalarNode scalar && scalar.value() != null) {
      return Optional.of(scalar.text());
    }
    return Optional.empty();
  }

  /** Returns the scalar items of the array under {@code field} as text. */
  static List<String> strings(MapNode owner, String field) {
    List<String> values = new ArrayList<>();
    owner.get(field)
        .filter(ListNode.class::isInstance)
        .map(ListNode.class::cast)
        .ifPresent(list -> list.items().forEach(item -> text(item).ifPresent(values::add)));
    return values;
  }
}
