package dev.asyncsse.processor.types;

import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Collects the properties and required names of a schema and everything it includes through
 * {@code allOf}, so the result can become one record.
 *
 * <p>Members are read in order and a later definition of a property replaces an earlier one. A
 * member's {@code oneOf} or {@code anyOf} is not followed: a schema that is both a base with
 * properties and a union of its subtypes contributes only its properties. A member already on the
 * path is skipped, which breaks cycles.
 */
final class AllOfFlattener {

  /** The merged view of a schema. */
  record Flattened(Map<String, Node> properties, Set<String> required, boolean additional) {}

  private final RefResolver refs;
  private final BiPredicate<MapNode, Node> schemaTarget;

  /**
   * @param schemaTarget tests a {@code $ref} member and its target, returning false, after
   *     reporting it, when the target is no schema; such a member is skipped
   */
  AllOfFlattener(RefResolver refs, BiPredicate<MapNode, Node> schemaTarget) {
    this.refs = refs;
    this.schemaTarget = schemaTarget;
  }

  Flattened flatten(MapNode schema) {
    Map<String, Node> properties = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    boolean[] additional = {false};
    collect(schema, properties, required, additional, new HashSet<>());
    return new Flattened(properties, required, additional[0]);
  }

  /**
   * Returns the one member that carries all the content of an {@code allOf}, when the other
   * members only add annotations such as a description; such an {@code allOf} is just that member.
   */
  Optional<Node> soleContentMember(MapNode schema) {
    if (schema.has("properties") || !(schema.get("allOf").orElse(null) instanceof ListNode list)) {
      return Optional.empty();
    }
    Node content = null;
    for (Node member : list.items()) {
      Optional<Node> resolved = refs.resolve(member);
      if (resolved.isEmpty() || isAnnotationOnly(resolved.get())) {
        continue;
      }
      if (content != null) {
        return Optional.empty();
      }
      content = member;
    }
    return Optional.ofNullable(content);
  }

  private void collect(
      MapNode schema,
      Map<String, Node> properties,
      Set<String> required,
      boolean[] additional,
      Set<String> path) {
    if (!path.add(schema.location())) {
      return;
    }
    if (schema.get("allOf").orElse(null) instanceof ListNode members) {
      for (Node member : members.items()) {
        Optional<Node> resolved = refs.resolve(member);
        if (resolved.isPresent() && resolved.get() instanceof MapNode map
            && (map == member || schemaTarget.test((MapNode) member, map))) {
          collect(map, properties, required, additional, path);
        }
      }
    }
    if (schema.get("properties").orElse(null) instanceof MapNode own) {
      properties.putAll(own.entries());
    }
    if (schema.get("required").orElse(null) instanceof ListNode names) {
      for (Node name : names.items()) {
        if (name instanceof ScalarNode scalar && scalar.value() != null) {
          required.add(scalar.text());
        }
      }
    }
    Optional<Node> extra = schema.get("additionalProperties");
    if (extra.isPresent() && !(extra.get() instanceof ScalarNode scalar && Boolean.FALSE.equals(scalar.value()))) {
      additional[0] = true;
    }
    path.remove(schema.location());
  }

  private static boolean isAnnotationOnly(Node node) {
    if (!(node instanceof MapNode map)) {
      return false;
    }
    Set<String> annotations =
        Set.of("description", "title", "examples", "example", "deprecated", "$comment", "default");
    return map.entries().keySet().stream().allMatch(annotations::contains);
  }
}
