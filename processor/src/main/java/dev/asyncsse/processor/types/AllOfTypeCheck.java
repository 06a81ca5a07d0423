package dev.asyncsse.processor.types;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reports an {@code allOf} whose members, with the schema around them, declare types that no JSON
 * value has at once, such as {@code allOf: [{type: string}, {type: integer}]}. Such a schema
 * rejects every value, so it is an error rather than a type that accepts what the schema forbids.
 */
final class AllOfTypeCheck {

  /**
   * The types that one part of an {@code allOf} declares.
   *
   * @param place where the part is, such as {@code allOf[1]}, relative to the checked schema
   */
  record DeclaredTypes(String place, Set<String> types) {}

  private final RefResolver refs;
  private final Problems problems;

  AllOfTypeCheck(RefResolver refs, Problems problems) {
    this.refs = refs;
    this.problems = problems;
  }

  /** Reports the schema's {@code allOf} when the types it and its members declare are disjoint. */
  void check(MapNode schema) {
    if (!(schema.get("allOf").orElse(null) instanceof ListNode allOf)) {
      return;
    }
    List<DeclaredTypes> parts = new ArrayList<>();
    collect(schema, "", parts, new HashSet<>());
    Set<String> common = new LinkedHashSet<>(SchemaKeywordChecks.TYPES);
    for (DeclaredTypes part : parts) {
      common = intersect(common, part.types());
    }
    if (common.isEmpty()) {
      problems.error(allOf.position(), Messages.allOfTypeConflict(describe(parts)));
    }
  }

  /** Adds the types that {@code schema} and its {@code allOf} members declare, depth first. */
  private void collect(MapNode schema, String place, List<DeclaredTypes> parts, Set<String> path) {
    if (!path.add(schema.location())) {
      return;
    }
    Set<String> types = SchemaTypeMapper.types(schema);
    if (!types.isEmpty()) {
      if (schema.get("nullable").filter(AllOfTypeCheck::isTrue).isPresent()) {
        types.add("null");
      }
      parts.add(new DeclaredTypes(place.isEmpty() ? "type" : place, types));
    }
    if (schema.get("allOf").orElse(null) instanceof ListNode members) {
      for (int i = 0; i < members.items().size(); i++) {
        Node member = members.items().get(i);
        String memberPlace = (place.isEmpty() ? "" : place + ".") + "allOf[" + i + "]";
        Optional<Node> resolved = refs.resolve(member);
        if (resolved.isPresent() && resolved.get() instanceof MapNode map) {
          collect(map, memberPlace, parts, path);
        }
      }
    }
    path.remove(schema.location());
  }

  /** Returns the types a value may have to be of both sets: an integer is also a number. */
  private static Set<String> intersect(Set<String> first, Set<String> second) {
    Set<String> common = new LinkedHashSet<>(first);
    common.retainAll(second);
    if (first.contains("number") && second.contains("integer")
        || first.contains("integer") && second.contains("number")) {
      common.add("integer");
    }
    return common;
  }

  private static List<String> describe(List<DeclaredTypes> parts) {
    List<String> described = new ArrayList<>();
    for (DeclaredTypes part : parts) {
      described.add(String.join(" or ", part.types()) + " (" + part.place() + ")");
    }
    return described;
  }

  private static boolean isTrue(Node node) {
    return node instanceof ScalarNode scalar && Boolean.TRUE.equals(scalar.value());
  }
}
