package dev.asyncsse.processor.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import dev.asyncsse.processor.types.TypeDeclaration.Member;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import dev.asyncsse.processor.types.TypeDeclaration.UnionType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a {@code oneOf} or {@code anyOf} schema to a sealed interface whose members are records.
 *
 * <p>An object member that maps to a record implements the interface itself; any other member (a
 * string, a number, an array, an enum, a nested union) gets a wrapper record with one {@code
 * value} component. The member of a JSON value is chosen, in this order, by the schema's {@code
 * discriminator}, by a property that every object member fixes to a different {@code const} or
 * one-value {@code enum}, and by the shape of the value: its JSON kind and which required or
 * unique properties it has.
 */
final class UnionMapper {

  private final SchemaTypeMapper types;
  private final RefResolver refs;
  private final AllOfFlattener flattener;

  UnionMapper(SchemaTypeMapper types, RefResolver refs, AllOfFlattener flattener) {
    this.types = types;
    this.refs = refs;
    this.flattener = flattener;
  }

  TypeName map(MapNode schema, String hint) {
    ClassName union = types.allocate(hint, schema.location(), schema.position());
    types.bind(schema, union);
    List<Node> candidates = schema.get("oneOf").or(() -> schema.get("anyOf"))
        .filter(ListNode.class::isInstance)
        .map(node -> ((ListNode) node).items())
        .orElse(List.of());
    boolean skipNullOnly = candidates.stream().anyMatch(candidate -> !isNullOnly(candidate));

    List<Member> members = new ArrayList<>();
    Map<ClassName, MapNode> objectSchemas = new LinkedHashMap<>();
    Set<ClassName> seen = new HashSet<>();
    List<String> labels = labels(candidates);
    for (int i = 0; i < candidates.size(); i++) {
      Node candidate = candidates.get(i);
      Optional<Node> resolved = refs.resolve(candidate);
      if (resolved.isEmpty() || (skipNullOnly && isNullOnly(candidate))) {
        continue;
      }
      Member member = member(union, candidate, resolved.get(), hint, labels.get(i), candidates.size());
      if (seen.add(member.record())) {
        members.add(member);
        if (member.wrapped() == null && resolved.get() instanceof MapNode map) {
          objectSchemas.put(member.record(), map);
        }
      }
    }

    String discriminator = discriminatorProperty(schema).orElse(null);
    Map<String, ClassName> tags = new LinkedHashMap<>();
    if (discriminator != null) {
      tags.putAll(mappedTags(schema, objectSchemas));
      for (Map.Entry<ClassName, MapNode> entry : objectSchemas.entrySet()) {
        for (String tag : implicitTags(entry.getKey(), entry.getValue(), discriminator)) {
          tags.putIfAbsent(tag, entry.getKey());
        }
      }
      restrictDeclaredTags(discriminator, tags, objectSchemas);
    } else {
      Optional<String> constant = constProperty(objectSchemas);
      if (constant.isPresent()) {
        discriminator = constant.get();
        for (Map.Entry<ClassName, MapNode> entry : objectSchemas.entrySet()) {
          fixedValue(entry.getValue(), discriminator)
              .ifPresent(value -> tags.putIfAbsent(value, entry.getKey()));
        }
      }
    }

    types.register(new UnionType(
        union,
        schema.location(),
        describe(schema),
        members,
        discriminator,
        tags,
        tagAccessors(discriminator, objectSchemas.keySet())));
    return union;
  }

  /**
   * Returns whether the candidate allows only {@code null}. The union gets no member for it unless
   * every candidate does. Such a candidate makes {@link SchemaTypeMapper#isNullable} true, so a
   * property of the union reads JSON {@code null} as Java {@code null} and the member would never
   * be chosen. The other members keep the names they have with it.
   */
  private boolean isNullOnly(Node candidate) {
    return refs.resolve(candidate).orElse(null) instanceof MapNode map
        && SchemaTypeMapper.isNullOnly(map);
  }

  private Member member(
      ClassName union, Node candidate, Node resolved, String hint, String label, int count) {
    TypeName type = types.map(candidate, hint + label);
    if (type instanceof ClassName record
        && types.declaration(record).orElse(null) instanceof RecordType declared
        && !declared.wrapper()) {
      types.addInterface(record, union);
      AllOfFlattener.Flattened flat = flattener.flatten((MapNode) resolved);
      return new Member(
          record,
          "object",
          new ArrayList<>(flat.required()),
          new ArrayList<>(flat.properties().keySet()),
          null);
    }
    if (type instanceof ClassName record && types.declaration(record).isEmpty()
        && resolved instanceof MapNode map && isObjectSchema(map)) {
      // A record still being built higher up the stack: a recursive member.
      types.addInterface(record, union);
      AllOfFlattener.Flattened flat = flattener.flatten(map);
      return new Member(record, "object", new ArrayList<>(flat.required()),
          new ArrayList<>(flat.properties().keySet()), null);
    }

    ClassName wrapper = types.allocate(
        hint + (count > 1 ? label : "Value"), resolved.location() + "#wrapper", resolved.position());
    Constraints rules = types.constraints(candidate, type);
    if (type instanceof ParameterizedTypeName generic
        && generic.rawType().equals(SchemaTypeMapper.MAP)) {
      // Of the constraints, only const, enum and the rules of the values apply to an object.
      rules = Constraints.NONE.allowing(rules.allowed()).withElements(rules.elements());
    }
    Component value = new Component(
        "value", "value", type, true, false, SchemaDoc.of("the member's value"), rules, false);
    types.register(new RecordType(
        wrapper,
        resolved.location(),
        SchemaDoc.of("A " + union.simpleName() + " that is " + shapeOf(type) + "."),
        List.of(value),
        List.of(union),
        true,
        false));
    return new Member(wrapper, shapeOf(type), List.of(), List.of(), type);
  }

  /** Returns each member's name part, numbering those that would otherwise be the same. */
  private List<String> labels(List<Node> candidates) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      labels.add(refs.resolve(candidates.get(i)).map(node -> label(node, 0)).orElse(""));
    }
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (labels.indexOf(label) != labels.lastIndexOf(label)) {
        labels.set(i, label + (i + 1));
      }
    }
    return labels;
  }

  /** Names a member for its type name: its title, else its JSON type, else its position. */
  private static String label(Node resolved, int index) {
    if (resolved instanceof MapNode map) {
      Optional<String> title = map.text("title");
      if (title.isPresent()) {
        return JavaNames.typeName(title.get());
      }
      Set<String> kinds = SchemaTypeMapper.types(map);
      kinds.remove("null");
      String kind = kinds.size() == 1 ? kinds.iterator().next() : SchemaTypeMapper.inferType(map);
      if (!kind.isEmpty()) {
        return JavaNames.typeName(kind);
      }
    }
    return "Option" + (index + 1);
  }

  private String shapeOf(TypeName type) {
    if (type.equals(ClassName.get(String.class))) {
      return "string";
    }
    if (type.equals(ClassName.get(Integer.class)) || type.equals(ClassName.get(Long.class))) {
      return "integer";
    }
    if (type.equals(ClassName.get(Double.class))) {
      return "number";
    }
    if (type.equals(ClassName.get(Boolean.class))) {
      return "boolean";
    }
    if (type instanceof ParameterizedTypeName parameterized) {
      return parameterized.rawType().simpleName().equals("Map") ? "object" : "array";
    }
    if (type instanceof ClassName name && name.packageName().startsWith("java.")) {
      return "string";
    }
    if (type instanceof ClassName name
        && types.declaration(name).orElse(null) instanceof EnumType) {
      return "string";
    }
    return "any";
  }

  private boolean isObjectSchema(MapNode map) {
    return map.has("properties") || map.has("allOf") && !types.mergesAllOf(map)
        || SchemaTypeMapper.types(map).contains("object");
  }

  /**
   * Lets each member that declares the discriminator property accept only its own tags, so that a
   * record cannot be built with a value that would read back as another member.
   */
  private void restrictDeclaredTags(
      String discriminator, Map<String, ClassName> tags, Map<ClassName, MapNode> members) {
    for (Map.Entry<ClassName, MapNode> member : members.entrySet()) {
      if (!flattener.flatten(member.getValue()).properties().containsKey(discriminator)) {
        continue;
      }
      List<String> literals = new ArrayList<>();
      tags.forEach((tag, record) -> {
        if (record.equals(member.getKey())) {
          literals.add(JsonLiterals.string(tag));
        }
      });
      // NOTE: a member whose record is still being built (a recursive one) is not restricted.
      types.restrictValues(member.getKey(), discriminator, literals);
    }
  }

  /** Returns the accessor of each declared record whose string component carries the tag. */
  private Map<ClassName, String> tagAccessors(String discriminator, Set<ClassName> records) {
    Map<ClassName, String> accessors = new LinkedHashMap<>();
    if (discriminator == null) {
      return accessors;
    }
    for (ClassName record : records) {
      if (types.declaration(record).orElse(null) instanceof RecordType declared) {
        for (Component component : declared.components()) {
          if (component.jsonName().equals(discriminator)
              && component.type().equals(ClassName.get(String.class))) {
            accessors.put(record, component.javaName());
          }
        }
      }
    }
    return accessors;
  }

  /** Reads {@code discriminator} as AsyncAPI's string or OpenAPI's {@code propertyName}. */
  private static Optional<String> discriminatorProperty(MapNode schema) {
    Optional<Node> node = schema.get("discriminator");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.value() instanceof String name) {
      return Optional.of(name);
    }
    if (node.get() instanceof MapNode map) {
      return map.text("propertyName");
    }
    return Optional.empty();
  }

  private Map<String, ClassName> mappedTags(MapNode schema, Map<ClassName, MapNode> members) {
    Map<String, ClassName> tags = new LinkedHashMap<>();
    if (!(schema.get("discriminator").orElse(null) instanceof MapNode discriminator)
        || !(discriminator.get("mapping").orElse(null) instanceof MapNode mapping)) {
      return tags;
    }
    for (Map.Entry<String, Node> entry : mapping.entries().entrySet()) {
      String ref = entry.getValue() instanceof ScalarNode scalar ? scalar.text() : "";
      for (Map.Entry<ClassName, MapNode> member : members.entrySet()) {
        if (ref.endsWith(member.getValue().pointer())
            || JsonPointers.lastToken(member.getValue().pointer()).equals(ref)) {
          tags.putIfAbsent(entry.getKey(), member.getKey());
        }
      }
    }
    return tags;
  }

  /**
   * Returns the values that name a member without a mapping: its fixed value of the property
   * when it has one, else its component key, the key's last dotted segment (a Java simple class
   * name), and its type name.
   */
  private List<String> implicitTags(ClassName record, MapNode schema, String property) {
    Set<String> tags = new LinkedHashSet<>();
    Optional<String> fixed = fixedValue(schema, property);
    if (fixed.isPresent()) {
      // The member itself accepts only this value, so no other name can select it.
      return List.of(fixed.get());
    }
    String key = JsonPointers.lastToken(schema.pointer());
    if (schema.pointer().startsWith("/components/schemas/")) {
      tags.add(key);
      tags.add(key.substring(key.lastIndexOf('.') + 1));
    }
    tags.add(record.simpleName());
    return new ArrayList<>(tags);
  }

  /** Finds a property that every object member fixes to a different single value. */
  private Optional<String> constProperty(Map<ClassName, MapNode> members) {
    if (members.size() < 2) {
      return Optional.empty();
    }
    MapNode first = members.values().iterator().next();
    for (String property : flattener.flatten(first).properties().keySet()) {
      Set<String> values = new HashSet<>();
      boolean all = true;
      for (MapNode member : members.values()) {
        Optional<String> value = fixedValue(member, property);
        if (value.isEmpty() || !values.add(value.get())) {
          all = false;
          break;
        }
      }
      if (all) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }

  /** Returns the {@code const} or one-value {@code enum} of {@code property}, if it has one. */
  private Optional<String> fixedValue(MapNode schema, String property) {
    Node propertySchema = flattener.flatten(schema).properties().get(property);
    if (propertySchema == null) {
      return Optional.empty();
    }
    Optional<Node> resolved = refs.resolve(propertySchema);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode map)) {
      return Optional.empty();
    }
    Optional<Node> constant = map.get("const");
    if (constant.isPresent() && constant.get() instanceof ScalarNode scalar
        && scalar.value() != null) {
      return Optional.of(scalar.text());
    }
    if (map.get("enum").orElse(null) instanceof ListNode values && values.items().size() == 1
        && values.items().get(0) instanceof ScalarNode only && only.value() != null) {
      return Optional.of(only.text());
    }
    return Optional.empty();
  }

  private static SchemaDoc describe(MapNode schema) {
    return SchemaTypeMapper.document(schema);
  }
}
