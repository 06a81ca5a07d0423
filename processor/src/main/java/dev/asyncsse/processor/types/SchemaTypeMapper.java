package dev.asyncsse.processor.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.read.SourcePosition;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.Constant;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import dev.asyncsse.processor.types.TypeDeclaration.PatternMap;
import dev.asyncsse.processor.types.TypeDeclaration.PatternProperty;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import dev.asyncsse.processor.types.TypeDeclaration.UnionType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps JSON Schemas to Java types, collecting the records and enums that must be generated.
 *
 * <p>A schema reached through {@code $ref} is one shared type named after its component key; an
 * inline object is named after its owner and property ({@code Order} + {@code shippingAddress}
 * becomes {@code OrderShippingAddress}). The same schema always maps to the same type, which also
 * makes recursive schemas work.
 */
public final class SchemaTypeMapper {

  /**
   * The maximum number of steps from a payload or component schema to a schema inside it. Each
   * schema under properties, items, additionalProperties, allOf, oneOf or anyOf is one step, and
   * following a $ref to it adds none. A string under 100 nested arrays is 100 steps deep and
   * allowed, and one more is rejected. With their default stack, javac 17 and 25 overflow at about 480 to 700 nested type
   * arguments such as {@code List<List<...>>}, and the mapper, which recurses, at about 1,350
   * nested records.
   */
  public static final int MAX_SCHEMA_DEPTH = 100;

  /**
   * The maximum length in UTF-8 bytes of a generated type's class file name without {@code
   * .class}: the simple name of a top-level type, and {@code Outer$Inner} for a nested one. Common
   * file systems allow 255 bytes in a file name. The rest leaves room for {@code .class} and for
   * the numbered classes that javac adds, such as {@code Outer$1.class} for an anonymous class.
   */
  public static final int MAX_TYPE_NAME_LENGTH = 200;

  static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName INTEGER = ClassName.get(Integer.class);
  private static final ClassName LONG = ClassName.get(Long.class);
  private static final ClassName DOUBLE = ClassName.get(Double.class);
  private static final ClassName BOOLEAN = ClassName.get(Boolean.class);
  private static final ClassName URI_TYPE = ClassName.get("java.net", "URI");
  private static final ClassName LIST = ClassName.get(List.class);
  static final ClassName MAP = ClassName.get(Map.class);
  /** The formats whose values a record checks. */
  private static final Set<String> CHECKED_FORMATS =
      Set.of("email", "hostname", "ipv4", "ipv6", "uri");
  private static final String COMPONENT_SCHEMAS = "/components/schemas/";
  private static final Pattern TRAIT_HEADERS =
      Pattern.compile("(/components/messageTraits/[^/]+)/headers");

  private final String packageName;
  private final RefResolver refs;
  private final Problems problems;
  private final Progress progress;
  private final Map<String, TypeName> bySchema = new HashMap<>();
  private final Map<String, SourcePosition> positions = new HashMap<>();
  private final Map<String, TypeDeclaration> declarations = new TreeMap<>();
  private final Map<String, String> origins = new HashMap<>();
  private final Map<String, String> preferred = new HashMap<>();
  private final Map<String, ClassName> payloadWrappers = new HashMap<>();
  private final Map<String, List<ClassName>> laterInterfaces = new HashMap<>();
  private final AllOfFlattener flattener;
  private final UnionMapper unions;
  private final DefaultValues defaults;
  private final SchemaKeywordChecks keywordChecks;
  private final AllOfTypeCheck allOfTypes;
  private final AllOfMerger allOfMerger;
  private final Set<String> checked = new HashSet<>();
  // The schemas being mapped, outermost first, and those on the way to a schema that was too deep.
  private final List<MapNode> nesting = new ArrayList<>();
  private final Set<String> overLimit = new HashSet<>();
  private final List<MapNode> tooDeep = new ArrayList<>();
  private final List<String> tooLongNames = new ArrayList<>();
  private final Set<String> tooLongOrigins = new HashSet<>();
  private final java.util.function.Predicate<String> classExists;

  /**
   * @param progress receives the position of each schema as it is mapped
   * @param classExists tests whether a canonical class name, such as {@code java.util.Map.Entry},
   *     names a class on the classpath or in the sources being compiled
   */
  public SchemaTypeMapper(
      String packageName, RefResolver refs, Problems problems, Progress progress,
      java.util.function.Predicate<String> classExists) {
    this.packageName = packageName;
    this.classExists = classExists;
    this.refs = refs;
    this.problems = problems;
    this.progress = progress;
    this.flattener =
        new AllOfFlattener(refs, (ref, target) -> !refersToNonSchemaObject(ref, target));
    this.unions = new UnionMapper(this, refs, flattener);
    this.defaults = new DefaultValues(problems, this::generatedEnum);
    this.keywordChecks = new SchemaKeywordChecks(problems);
    this.allOfTypes = new AllOfTypeCheck(refs, problems);
    this.allOfMerger = new AllOfMerger(refs, problems);
  }

  /**
   * Allocates a type name derived from {@code raw} that no other generated type uses, warning at
   * {@code position} when the name had to be changed.
   *
   * @param origin what the name is for, as {@code file#pointer} or a channel id, for the warning
   */
  public ClassName allocate(String raw, String origin, SourcePosition position) {
    return allocate(raw, origin, position, Messages.SCHEMA_NAME_FIX);
  }

  /**
   * Allocates a type name as above, for a type that a schema does not name.
   *
   * @param lengthFix the fix that an error for a name over {@link #MAX_TYPE_NAME_LENGTH} gives
   */
  public ClassName allocate(
      String raw, String origin, SourcePosition position, String lengthFix) {
    String reservedName = preferred.remove(origin);
    if (reservedName != null) {
      return ClassName.get(packageName, reservedName);
    }
    String base = JavaNames.className(raw);
    String name = base;
    for (int i = 2; origins.containsKey(name); i++) {
      name = base + i;
    }
    if (!name.equals(base)) {
      problems.warning(position, Messages.nameCollision(base, origins.get(base), origin, name));
    }
    origins.put(name, origin);
    checkLength(name, origin, position, lengthFix);
    return ClassName.get(packageName, name);
  }

  /**
   * Reports the class file name of a type nested in {@code outer} when it is over {@link
   * #MAX_TYPE_NAME_LENGTH}, as {@link #allocate} does for a top-level type.
   *
   * @param nested the nested type's name inside {@code outer}, such as {@code Event$Tick} for a
   *     type nested two levels deep
   * @param origin what gives the nested type its name, reported once
   */
  public void checkNestedName(
      ClassName outer, String nested, String origin, SourcePosition position, String lengthFix) {
    checkLength(outer.simpleName() + "$" + nested, origin, position, lengthFix);
  }

  /**
   * Reports a type name over {@link #MAX_TYPE_NAME_LENGTH}, unless it extends a name found over
   * the limit before, or its origin had a long name reported. An inline schema's name starts with
   * its owner's, so one long name makes every name inside it long too, a channel names three
   * types, and a nested type's name starts with its outer type's.
   */
  private void checkLength(
      String name, String origin, SourcePosition position, String lengthFix) {
    int length = name.getBytes(StandardCharsets.UTF_8).length;
    if (length <= MAX_TYPE_NAME_LENGTH || tooLongNames.stream().anyMatch(name::startsWith)) {
      return;
    }
    tooLongNames.add(name);
    if (!tooLongOrigins.add(origin)) {
      return;
    }
    problems.error(
        position, Messages.typeNameTooLong(name, length, MAX_TYPE_NAME_LENGTH, lengthFix));
  }

  /**
   * Reserves the names of the schemas under {@code components/schemas} before anything else is
   * named, so that a component keeps its own name and an inline schema that would take the same
   * name is numbered instead.
   */
  public void reserveComponentSchemas(Node root) {
    if (!(root instanceof MapNode document)
        || !(document.get("components").orElse(null) instanceof MapNode components)
        || !(components.get("schemas").orElse(null) instanceof MapNode schemas)) {
      return;
    }
    for (Map.Entry<String, Node> entry : schemas.entries().entrySet()) {
      if (!(entry.getValue() instanceof MapNode schema) || RefResolver.isRef(schema)) {
        continue;
      }
      String raw = schema.text("x-java-name").orElse(JavaNames.simpleName(entry.getKey()));
      preferred.put(schema.location(), allocate(raw, schema.location(), schema.position()).simpleName());
    }
  }

  /**
   * Maps each of {@code schemas} that no earlier call reached, to report its problems. The types
   * this registers are not generated, because a plan made before keeps its own list of types.
   *
   * <p>A schema below one reported as nested too deeply is skipped, because that error covers its
   * whole branch.
   *
   * @param schemas the schemas by the name their type would take, such as component keys
   */
  public void mapUnreached(Map<String, Node> schemas) {
    Set<String> belowTooDeep = refs.reachable(tooDeep);
    for (Map.Entry<String, Node> entry : schemas.entrySet()) {
      Optional<Node> target = refs.resolve(entry.getValue());
      if (target.isPresent() && !positions.containsKey(target.get().location())
          && !belowTooDeep.contains(target.get().location())) {
        map(entry.getValue(), JavaNames.simpleName(entry.getKey()));
      }
    }
  }

  /**
   * Returns the position of the schema at {@code origin} ({@code file#pointer}), or {@code null}
   * when no schema there was mapped.
   */
  public SourcePosition positionOf(String origin) {
    return positions.get(origin);
  }

  /** Returns the records and enums to generate, sorted by name. */
  public List<TypeDeclaration> declarations() {
    return new ArrayList<>(declarations.values());
  }

  /**
   * Returns the Java type for {@code schema}, boxed, registering the types it needs.
   *
   * @param nameHint the name an inline object or enum takes
   */
  public TypeName map(Node schema, String nameHint) {
    Optional<Node> resolved = refs.resolve(schema);
    if (resolved.isEmpty()) {
      return JSON_NODE;
    }
    Node target = resolved.get();
    progress.reach(target.pointer(), target.position());
    if (target != schema && !isSchema(target)) {
      // A non-schema written in place is reported by the keyword that contains it, such as items,
      // and an entry of components/schemas by the model reader. Any other is reported at the $ref.
      if (!isComponentSchemaEntry(target)) {
        MapNode ref = (MapNode) schema;
        problems.error(ref.get("$ref").orElse(ref).position(), Messages.referencedSchemaKind(
            ref.text("$ref").orElse(""), target.describe()));
      }
      return JSON_NODE;
    }
    if (target != schema && refersToNonSchemaObject((MapNode) schema, target)) {
      return JSON_NODE;
    }
    positions.putIfAbsent(target.location(), target.position());
    if (target instanceof MapNode checkedSchema && checked.add(target.location())) {
      keywordChecks.check(checkedSchema);
      checkAllOfMembers(checkedSchema);
      allOfTypes.check(checkedSchema);
    }
    String hint = componentName(target).orElse(nameHint);
    TypeName known = bySchema.get(target.location());
    if (known != null) {
      return known;
    }
    if (!(target instanceof MapNode map)) {
      return target instanceof ScalarNode scalar && Boolean.FALSE.equals(scalar.value())
          ? ClassName.get(Void.class)
          : JSON_NODE;
    }
    Optional<TypeName> given = javaTypeOverride(map);
    if (given.isPresent()) {
      bySchema.put(map.location(), given.get());
      return given.get();
    }
    return mapNested(map, hint);
  }

  /**
   * Checks the keywords of the schemas written in place in {@code schema}'s {@code allOf}, which
   * are merged rather than mapped, each once. A member reached through {@code $ref} is checked
   * where it is mapped.
   */
  private void checkAllOfMembers(MapNode schema) {
    if (!(schema.get("allOf").orElse(null) instanceof ListNode members)) {
      return;
    }
    for (Node member : members.items()) {
      if (member instanceof MapNode inline && !RefResolver.isRef(inline)
          && checked.add(inline.location())) {
        keywordChecks.check(inline);
        checkAllOfMembers(inline);
      }
    }
  }

  /**
   * Maps {@code schema} one level deeper than the schema being mapped. A schema that contains
   * itself without a record in between maps to {@code JsonNode} with a warning, because it is
   * valid JSON Schema. A schema past {@link #MAX_SCHEMA_DEPTH} maps to {@code JsonNode} with an
   * error.
   */
  private TypeName mapNested(MapNode schema, String hint) {
    int seen = indexOfNesting(schema);
    if (seen >= 0) {
      List<String> steps = new ArrayList<>();
      nesting.subList(seen, nesting.size()).forEach(outer -> steps.add(outer.location()));
      steps.add(schema.location());
      problems.warning(schema.position(), Messages.schemaContainsItself(steps));
      return JSON_NODE;
    }
    if (nesting.size() > MAX_SCHEMA_DEPTH) {
      reportTooDeep(schema);
      return JSON_NODE;
    }
    nesting.add(schema);
    try {
      return mapObjectSchema(schema, hint);
    } finally {
      nesting.remove(nesting.size() - 1);
    }
  }

  private int indexOfNesting(MapNode schema) {
    for (int i = 0; i < nesting.size(); i++) {
      if (nesting.get(i).location().equals(schema.location())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reports a schema past the depth limit, unless it or the schema around it was on the way to
   * one reported before. So one deep branch is one error, whether it is reached through several
   * $refs or has many properties at the limit.
   */
  private void reportTooDeep(MapNode schema) {
    MapNode parent = nesting.get(nesting.size() - 1);
    if (overLimit.contains(schema.location()) || overLimit.contains(parent.location())) {
      return;
    }
    nesting.forEach(outer -> overLimit.add(outer.location()));
    overLimit.add(schema.location());
    tooDeep.add(schema);
    problems.error(
        schema.position(),
        Messages.schemaTooDeep(nesting.get(0).location(), MAX_SCHEMA_DEPTH));
  }

  /**
   * Reports a {@code $ref} whose target is an AsyncAPI object that is no schema, such as a channel
   * or {@code info}, at the {@code $ref}, and returns whether it did.
   */
  private boolean refersToNonSchemaObject(MapNode ref, Node target) {
    return SchemaRefTargets.reportNonSchema(ref, target, refs, problems);
  }

  /** Returns whether {@code node} is an entry of the main document's {@code components/schemas}. */
  private boolean isComponentSchemaEntry(Node node) {
    return refs.inMainDocument(node)
        && node.pointer().startsWith(COMPONENT_SCHEMAS)
        && node.pointer().indexOf('/', COMPONENT_SCHEMAS.length()) < 0;
  }

  private static boolean isSchema(Node node) {
    return node instanceof MapNode
        || node instanceof ScalarNode scalar && scalar.value() instanceof Boolean;
  }

  /**
   * Reads {@code x-java-type}, which names an existing class to use instead of a generated one.
   * A value that is not a qualified class name is reported and ignored.
   */
  private Optional<TypeName> javaTypeOverride(MapNode schema) {
    Optional<String> name = schema.text("x-java-type");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String value = name.get().strip();
    if (!value.matches("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)*[a-zA-Z_$][a-zA-Z0-9_$]*")
        || javax.lang.model.SourceVersion.isKeyword(value)) {
      problems.error(
          schema.get("x-java-type").orElseThrow().position(), Messages.invalidJavaType(value));
      return Optional.empty();
    }
    String canonical = value.contains(".") ? value : "java.lang." + value;
    if (!classExists.test(canonical)) {
      problems.error(
          schema.get("x-java-type").orElseThrow().position(), Messages.unknownJavaType(value));
      return Optional.empty();
    }
    if (!value.contains(".")) {
      return Optional.of(ClassName.get("java.lang", value));
    }
    int lastDot = value.lastIndexOf('.');
    boolean conventional = Character.isUpperCase(value.charAt(lastDot + 1));
    // bestGuess reads nested classes (java.util.Map.Entry) but rejects a class whose name starts
    // with a lower-case letter, which Java allows, so such a name is taken as package.Class.
    return Optional.of(conventional
        ? ClassName.bestGuess(value)
        : ClassName.get(value.substring(0, lastDot), value.substring(lastDot + 1)));
  }

  /**
   * Returns the Java type of a message payload. A string, number or boolean payload with
   * validation keywords becomes a record that wraps the value and checks it, since a plain {@code
   * String} could not.
   */
  public TypeName mapPayload(Node schema, String nameHint) {
    TypeName type = map(schema, nameHint);
    Optional<Node> resolved = refs.resolve(schema);
    // NOTE: a const or enum on a payload schema that becomes a record is not checked.
    boolean mapType = type instanceof ParameterizedTypeName generic
        && generic.rawType().equals(MAP);
    boolean wrappable = type.equals(STRING) || type.isBoxedPrimitive()
        || type.equals(JSON_NODE) || type.equals(URI_TYPE) || mapType
        || type instanceof ParameterizedTypeName list && list.rawType().equals(LIST);
    if (!wrappable || resolved.isEmpty() || !(resolved.get() instanceof MapNode map)) {
      return type;
    }
    Constraints rules = constraints(map, type);
    if (mapType) {
      // Of the constraints, only const, enum and the rules of the values apply to an object.
      rules = Constraints.NONE.allowing(rules.allowed()).withElements(rules.elements());
    }
    boolean checkedFormat = CHECKED_FORMATS.contains(rules.format() == null ? "" : rules.format());
    if (rules.withoutFormat().isEmpty() && !checkedFormat) {
      return type;
    }
    ClassName known = payloadWrappers.get(map.location());
    if (known != null) {
      return known;
    }
    ClassName name = allocate(componentName(map).orElse(nameHint), map.location(), map.position());
    payloadWrappers.put(map.location(), name);
    Component value = new Component(
        "value", "value", type, true, false, document(map), rules, false);
    declarations.put(name.simpleName(), new RecordType(
        name, map.location(), document(map), List.of(value), List.of(), true, false));
    return name;
  }

  /**
   * Returns whether the schema allows {@code null}: its {@code type} list includes it, it sets
   * {@code nullable}, or, without a {@code type}, its {@code enum} or {@code const} is null; or,
   * when the schema itself does not exclude null, a {@code oneOf} or {@code anyOf} member allows
   * it in one of these ways. An {@code enum} without null or a {@code const} other than null
   * rejects null all the same.
   */
  public boolean isNullable(Node schema) {
    Optional<Node> resolved = refs.resolve(schema);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode map)) {
      return false;
    }
    if (allowsNullItself(map)) {
      return true;
    }
    if (excludesNull(map)) {
      return false;
    }
    // One level of members only, so a union that contains itself cannot recurse forever.
    List<Node> members = map.get("oneOf").or(() -> map.get("anyOf"))
        .filter(ListNode.class::isInstance)
        .map(node -> ((ListNode) node).items())
        .orElse(List.of());
    for (Node member : members) {
      if (refs.resolve(member).orElse(null) instanceof MapNode memberMap
          && allowsNullItself(memberMap)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allowsNullItself(MapNode map) {
    if (excludesNullByValue(map)) {
      return false;
    }
    if (map.get("nullable").filter(SchemaTypeMapper::isTrue).isPresent()
        || types(map).contains("null")) {
      return true;
    }
    return !map.has("type") && (enumHasNull(map) || constIsNull(map));
  }

  /** Returns whether the schema's own {@code type}, {@code enum} or {@code const} rejects null. */
  private static boolean excludesNull(MapNode map) {
    return excludesNullByValue(map) || map.has("type") && !types(map).contains("null");
  }

  private static boolean excludesNullByValue(MapNode map) {
    return map.has("enum") && !enumHasNull(map) || map.has("const") && !constIsNull(map);
  }

  private static boolean enumHasNull(MapNode map) {
    return map.get("enum").orElse(null) instanceof ListNode list
        && list.items().stream().anyMatch(SchemaTypeMapper::isNull);
  }

  private static boolean constIsNull(MapNode map) {
    return map.get("const").filter(SchemaTypeMapper::isNull).isPresent();
  }

  /**
   * Returns whether the schema allows only {@code null}, so it maps to {@code Void}: by {@code
   * type: "null"}, by a {@code const} of null, or by an {@code enum} whose values are all null.
   */
  static boolean isNullOnly(MapNode schema) {
    if (types(schema).equals(Set.of("null"))) {
      return true;
    }
    Optional<Node> constant = schema.get("const");
    if (constant.isPresent()) {
      return isNull(constant.get()) && SchemaKeywordChecks.typeAllowsNull(schema);
    }
    return schema.get("enum").orElse(null) instanceof ListNode values
        && !values.items().isEmpty()
        && values.items().stream().allMatch(SchemaTypeMapper::isNull)
        && SchemaKeywordChecks.typeAllowsNull(schema);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() == null;
  }

  private TypeName mapObjectSchema(MapNode schema, String hint) {
    Set<String> types = types(schema);
    if (isNullOnly(schema)) {
      return ClassName.get(Void.class);
    }
    types.remove("null");

    if (isStringEnum(schema)) {
      return enumType(schema, hint);
    }
    if (schema.has("oneOf") || schema.has("anyOf")) {
      return unions.map(schema, hint);
    }
    if (schema.has("allOf")) {
      Optional<Node> sole = flattener.soleContentMember(schema);
      if (sole.isPresent()) {
        return map(sole.get(), hint);
      }
      Optional<AllOfMerger.Merged> merged = allOfMerger.merge(schema);
      if (merged.isPresent()) {
        return mergedType(schema, merged.get(), hint);
      }
      Optional<String> unmerged = allOfMerger.unmergedKeyword(schema);
      if (unmerged.isPresent()) {
        return fallback(schema, "allOf with " + unmerged.get(), hint);
      }
      return objectType(schema, hint);
    }
    if (schema.has("not")) {
      return fallback(schema, "not", hint);
    }
    if (types.size() > 1) {
      return fallback(schema, "type: " + types, hint);
    }
    String type = types.isEmpty() ? inferType(schema) : types.iterator().next();
    switch (type) {
      case "object":
        return objectType(schema, hint);
      case "array":
        return arrayType(schema, hint);
      case "string":
        return stringType(schema);
      case "integer":
        return schema.text("format").filter("int32"::equals).isPresent()
            ? INTEGER
            : integerType(schema);
      case "number":
        return DOUBLE;
      case "boolean":
        return BOOLEAN;
      default:
        return JSON_NODE;
    }
  }

  /**
   * Returns the Java type of an {@code allOf} of string, number, integer, boolean or array parts:
   * the type a single schema with the merged keywords would map to. A string {@code allOf} with
   * {@code enum} values becomes an enum of the values every part allows, named after its owner.
   */
  private TypeName mergedType(MapNode schema, AllOfMerger.Merged merged, String hint) {
    String format = merged.format() == null ? "" : merged.format();
    switch (merged.type()) {
      case "string":
        return merged.enumValues() != null
            ? mergedEnum(schema, merged.enumValues(), hint)
            : stringType(format);
      case "integer":
        return format.equals("int64") ? LONG : INTEGER;
      case "number":
        return DOUBLE;
      case "boolean":
        return BOOLEAN;
      default:
        if (merged.items().size() > 1) {
          return fallback(schema, "allOf with several items schemas", hint);
        }
        TypeName element = merged.items().isEmpty()
            ? JSON_NODE
            : map(merged.items().get(0), hint + "Item");
        return ParameterizedTypeName.get(
            LIST, element.equals(ClassName.get(Void.class)) ? JSON_NODE : element);
    }
  }

  /**
   * Returns the enum of a string {@code allOf}: the type of a member {@code $ref} whose enum has
   * exactly these values, else a new enum named after the owner.
   */
  private TypeName mergedEnum(MapNode schema, List<String> values, String hint) {
    ListNode members = (ListNode) schema.get("allOf").orElseThrow();
    for (Node member : members.items()) {
      if (RefResolver.isRef(member) && refs.resolve(member).orElse(null) instanceof MapNode target
          && isStringEnum(target)
          && stringValues(target.get("enum").orElseThrow()).equals(values)) {
        return map(member, hint);
      }
    }
    return enumType(schema, hint, values);
  }

  private TypeName integerType(MapNode schema) {
    if (schema.text("format").filter("int64"::equals).isPresent()) {
      return LONG;
    }
    return INTEGER;
  }

  private TypeName stringType(MapNode schema) {
    return stringType(schema.text("format").orElse(""));
  }

  private TypeName stringType(String format) {
    switch (format) {
      case "date-time":
        return ClassName.get("java.time", "OffsetDateTime");
      case "date":
        return ClassName.get("java.time", "LocalDate");
      case "time":
        return ClassName.get("java.time", "OffsetTime");
      case "uuid":
        return ClassName.get("java.util", "UUID");
      case "uri":
        return URI_TYPE;
      default:
        return STRING;
    }
  }

  private TypeName arrayType(MapNode schema, String hint) {
    Optional<Node> items = schema.get("items");
    TypeName element = items.isPresent() && !(items.get() instanceof ListNode)
        ? map(items.get(), hint + "Item")
        : JSON_NODE;
    if (element.equals(ClassName.get(Void.class))) {
      element = JSON_NODE;
    }
    // uniqueItems keeps a List and checks it: a Set would silently drop the duplicates the schema
    // forbids.
    return ParameterizedTypeName.get(LIST, element);
  }

  private TypeName objectType(MapNode schema, String hint) {
    AllOfFlattener.Flattened flat = flattener.flatten(schema);
    boolean patterned = schema.get("patternProperties").orElse(null) instanceof MapNode patterns
        && !patterns.entries().isEmpty();
    if (flat.properties().isEmpty() && !patterned) {
      Optional<Node> additional = schema.get("additionalProperties");
      if (additional.isPresent() && additional.get() instanceof ScalarNode scalar
          && Boolean.FALSE.equals(scalar.value())) {
        checkRequired(schema, flat, JavaNames.className(hint), null);
      }
      TypeName value = additional.isPresent() && additional.get() instanceof MapNode
          ? map(additional.get(), hint + "Value")
          : JSON_NODE;
      return ParameterizedTypeName.get(MAP, STRING, value);
    }

    ClassName name = allocate(hint, schema.location(), schema.position());
    bySchema.put(schema.location(), name);
    List<Component> components = new ArrayList<>();
    Set<String> usedNames = new HashSet<>();
    Map<String, String> jsonNameByMember = new HashMap<>();
    for (Map.Entry<String, Node> property : flat.properties().entrySet()) {
      String jsonName = property.getKey();
      Node propertySchema = property.getValue();
      String baseName =
          propertySchema instanceof MapNode inline && inline.text("x-java-name").isPresent()
                  && !isNamedType(inline)
              ? JavaNames.memberName(inline.text("x-java-name").orElseThrow())
              : JavaNames.memberName(jsonName);
      String javaName = uniqueMember(baseName, usedNames);
      jsonNameByMember.put(javaName, jsonName);
      if (!javaName.equals(baseName)) {
        problems.warning(
            propertySchema.position(),
            Messages.propertyNameCollision(
                name.simpleName(), baseName, jsonNameByMember.get(baseName), jsonName, javaName));
      }
      TypeName type = map(propertySchema, name.simpleName() + JavaNames.typeName(jsonName));
      boolean nullable = isNullable(propertySchema);
      Optional<String> fixed = fixedValue(propertySchema, type);
      String defaultValue = fixed.isPresent()
          ? fixed.get()
          : defaultValue(propertySchema, type, jsonName, nullable).orElse(null);
      components.add(
          new Component(
              javaName,
              jsonName,
              type,
              flat.required().contains(jsonName),
              nullable,
              document(propertySchema),
              constraints(propertySchema, type),
              false,
              defaultValue,
              fixed.isPresent()));
    }
    PatternMap patternMap = patternMap(schema, flat, name, usedNames);
    checkRequired(schema, flat, name.simpleName(), patternMap);
    if (patternMap != null) {
      components.add(new Component(
          patternMap.javaName(),
          "",
          ParameterizedTypeName.get(MAP, STRING, patternMap.valueType()),
          false,
          false,
          SchemaDoc.of("the properties the schema does not name whose names match a pattern of"
              + " patternProperties"),
          Constraints.NONE,
          false));
    }
    Optional<Node> additional = schema.get("additionalProperties");
    boolean closed = additional.isPresent()
        && additional.get() instanceof ScalarNode scalar && Boolean.FALSE.equals(scalar.value());
    if (additional.isPresent() && !closed) {
      TypeName value = additional.get() instanceof MapNode
          ? map(additional.get(), name.simpleName() + "Value")
          : JSON_NODE;
      Constraints valueRules = elementConstraints(additional.get(), value);
      components.add(new Component(
          uniqueMember("additionalProperties", usedNames),
          "",
          ParameterizedTypeName.get(MAP, STRING, value),
          false,
          allowsNull(additional.get(), value),
          SchemaDoc.of(patternMap == null
              ? "the properties the schema does not name"
              : "the properties the schema does not name that match no pattern of"
                  + " patternProperties"),
          Constraints.NONE.withElements(valueRules),
          true));
    }
    RecordType record = new RecordType(
        name, schema.location(), document(schema), components, pendingInterfaces(name), false,
        closed, patternMap);
    declarations.put(name.simpleName(), record);
    return name;
  }

  /**
   * Maps the schema's {@code patternProperties}, or returns {@code null} when it has none. A
   * pattern without a faithful java.util.regex translation is reported at its key and left out.
   *
   * <p>NOTE: a declared property is checked only against its own schema, not against a pattern
   * its name matches, and {@code patternProperties} of {@code allOf} members is not merged.
   */
  private PatternMap patternMap(MapNode schema, AllOfFlattener.Flattened flat, ClassName record,
      Set<String> usedNames) {
    if (!(schema.get("patternProperties").orElse(null) instanceof MapNode patterns)
        || patterns.entries().isEmpty()) {
      return null;
    }
    List<PatternProperty> mapped = new ArrayList<>();
    Set<TypeName> valueTypes = new LinkedHashSet<>();
    int index = 0;
    for (Map.Entry<String, Node> entry : patterns.entries().entrySet()) {
      index++;
      String pattern = entry.getKey();
      String suffix = patterns.entries().size() > 1 ? String.valueOf(index) : "";
      String hint = record.simpleName() + "PatternValue" + suffix;
      TypeName type = map(entry.getValue(), hint);
      boolean forbidden = type.equals(ClassName.get(Void.class));
      if (forbidden) {
        type = JSON_NODE;
      } else {
        valueTypes.add(type);
      }
      try {
        String javaPattern = EcmaPatternTranslator.translate(pattern);
        mapped.add(new PatternProperty(pattern, javaPattern, type,
            constraints(entry.getValue(), type), forbidden, allowsNull(entry.getValue(), type)));
      } catch (UntranslatablePatternException e) {
        problems.error(patterns.keyPosition(pattern),
            Messages.invalidPatternPropertiesKey(pattern, e.index(), e.reason(), e.fix()));
      }
    }
    if (mapped.isEmpty()) {
      return null;
    }
    // Mixed value types share JsonNode, as additionalProperties: true does.
    TypeName valueType = valueTypes.size() == 1 ? valueTypes.iterator().next() : JSON_NODE;
    List<String> required = flat.required().stream()
        .filter(property -> !flat.properties().containsKey(property))
        .filter(property -> matchesAllowedPattern(property, mapped))
        .toList();
    return new PatternMap(
        uniqueMember("patternProperties", usedNames), valueType, mapped, required);
  }

  /**
   * Returns whether a value of {@code schema}, which maps to {@code type}, may be JSON {@code
   * null}: the schema allows null explicitly, or it maps to {@code JsonNode} without a {@code
   * type} keyword, as {@code true} and {@code {}} do.
   */
  private boolean allowsNull(Node schema, TypeName type) {
    if (isNullable(schema)) {
      return true;
    }
    boolean typed = refs.resolve(schema).orElse(null) instanceof MapNode map && map.has("type");
    return type.equals(JSON_NODE) && !typed;
  }

  /**
   * Returns whether {@code property} matches a pattern and no pattern whose schema is {@code
   * false}, so that the pattern map can contain it.
   */
  private static boolean matchesAllowedPattern(String property, List<PatternProperty> patterns) {
    boolean matched = false;
    for (PatternProperty pattern : patterns) {
      if (Pattern.compile(pattern.javaPattern()).matcher(property).find()) {
        if (pattern.forbidden()) {
          return false;
        }
        matched = true;
      }
    }
    return matched;
  }

  /**
   * Warns about each name in the schema's own {@code required} that no property declares and the
   * pattern map does not check. It is legal JSON Schema, but the record has no component for it,
   * so it is most likely a typo.
   *
   * <p>NOTE: it also warns when the {@code additionalProperties} map could contain the name, and
   * the constructor does not check that the map contains it.
   *
   * @param patternMap the record's pattern map, or {@code null} when it has none
   */
  private void checkRequired(MapNode schema, AllOfFlattener.Flattened flat, String typeName,
      PatternMap patternMap) {
    if (!(schema.get("required").orElse(null) instanceof ListNode required)) {
      return;
    }
    for (Node item : required.items()) {
      if (item instanceof ScalarNode scalar && scalar.value() instanceof String property
          && !flat.properties().containsKey(property)
          && (patternMap == null || !patternMap.required().contains(property))) {
        problems.warning(
            item.position(), Messages.requiredPropertyMissing(property, typeName));
      }
    }
  }

  /**
   * Returns whether the schema's {@code allOf} describes strings, numbers, booleans or arrays, so
   * it maps to such a value rather than to a record.
   */
  boolean mergesAllOf(MapNode schema) {
    return allOfMerger.merge(schema).isPresent();
  }

  /** Registers a generated type; used for wrapper records and unions. */
  void register(TypeDeclaration declaration) {
    declarations.put(declaration.name().simpleName(), declaration);
  }

  /** Records that {@code record} implements {@code union}, now or once it is registered. */
  void addInterface(ClassName record, ClassName union) {
    TypeDeclaration declaration = declarations.get(record.simpleName());
    if (declaration instanceof RecordType existing) {
      declarations.put(record.simpleName(), existing.implementing(union));
    } else {
      laterInterfaces.computeIfAbsent(record.simpleName(), key -> new ArrayList<>()).add(union);
    }
  }

  /**
   * Restricts the string property {@code jsonName} of {@code record} to {@code literals} (JSON
   * text), if the record is declared already and the property has no other allowed values.
   */
  void restrictValues(ClassName record, String jsonName, List<String> literals) {
    if (declarations.get(record.simpleName()) instanceof RecordType existing) {
      declarations.put(record.simpleName(), existing.restricting(jsonName, literals));
    }
  }

  /** Returns the declaration generated under {@code name}, if any yet. */
  Optional<TypeDeclaration> declaration(ClassName name) {
    return Optional.ofNullable(declarations.get(name.simpleName()));
  }

  /** Reserves the schema's type before its members are mapped, so recursion finds it. */
  void bind(MapNode schema, ClassName name) {
    bySchema.put(schema.location(), name);
  }

  private List<ClassName> pendingInterfaces(ClassName name) {
    List<ClassName> pending = laterInterfaces.remove(name.simpleName());
    return pending == null ? List.of() : pending;
  }

  private TypeName enumType(MapNode schema, String hint) {
    return enumType(schema, hint, stringValues(schema.get("enum").orElseThrow()));
  }

  private TypeName enumType(MapNode schema, String hint, List<String> values) {
    ClassName name = allocate(hint, schema.location(), schema.position());
    bySchema.put(schema.location(), name);
    List<Constant> constants = new ArrayList<>();
    Set<String> usedNames = new HashSet<>();
    List<String> names = strings(schema.get("x-java-enum-names").orElse(null));
    if (!names.isEmpty() && names.size() != values.size()) {
      problems.error(
          schema.get("x-java-enum-names").orElseThrow().position(),
          Messages.enumNamesCount(names.size(), values.size()));
      names = List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      String raw = names.isEmpty() ? values.get(i) : names.get(i);
      constants.add(new Constant(uniqueMember(JavaNames.constantName(raw), usedNames), values.get(i)));
    }
    // A one-value enum is a fixed tag, like const, so it stays strict; a wider enum may grow
    // values that a stream must survive.
    String unknown = values.size() > 1 ? uniqueMember("UNKNOWN", usedNames) : null;
    declarations.put(
        name.simpleName(),
        new EnumType(name, schema.location(), document(schema), constants, unknown));
    return name;
  }

  /**
   * Documents the generated type {@code type} with {@code doc} when its own schema has neither
   * title nor description, as a message's text documents its payload.
   */
  public void describeIfBlank(TypeName type, SchemaDoc doc) {
    if (!(type instanceof ClassName name) || doc.isBlank()) {
      return;
    }
    TypeDeclaration declaration = declarations.get(name.simpleName());
    if (declaration instanceof RecordType record && record.name().equals(name)) {
      declarations.put(name.simpleName(), record.describedBy(doc));
    } else if (declaration instanceof EnumType enumType && enumType.name().equals(name)) {
      declarations.put(name.simpleName(), enumType.describedBy(doc));
    } else if (declaration instanceof UnionType union && union.name().equals(name)) {
      declarations.put(name.simpleName(), union.describedBy(doc));
    }
  }

  /**
   * Returns the JSON text of the value a property always has: its scalar {@code const}, or the
   * only value of a one-value string enum, when the Java type can hold it.
   */
  private Optional<String> fixedValue(Node raw, TypeName type) {
    Optional<Node> resolved = refs.resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode schema)) {
      return Optional.empty();
    }
    if (schema.get("const").orElse(null) instanceof ScalarNode constant) {
      String literal = JsonLiterals.of(constant);
      return fits(constant, type) ? Optional.of(literal) : Optional.empty();
    }
    if (declarations.get(simpleName(type)) instanceof EnumType enumType
        && enumType.name().equals(type) && enumType.constants().size() == 1
        && enumType.unknownConstant() == null) {
      return Optional.of(JsonLiterals.string(enumType.constants().get(0).wireValue()));
    }
    return Optional.empty();
  }

  /**
   * Returns the JSON text of the property's {@code default} when the record can apply it; {@link
   * DefaultValues} warns about any other default.
   */
  private Optional<String> defaultValue(
      Node raw, TypeName type, String property, boolean nullable) {
    Optional<Node> resolved = refs.resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode schema)
        || schema.get("default").isEmpty()) {
      return Optional.empty();
    }
    Node given = schema.get("default").orElseThrow();
    return defaults.check(property, given, type, constraints(schema, type), nullable);
  }

  /** Returns whether {@code value} is a value of {@code type}: a matching scalar or enum value. */
  private boolean fits(ScalarNode value, TypeName type) {
    boolean scalarType = type.equals(STRING) || type.isBoxedPrimitive()
        || generatedEnum(type).isPresent();
    return scalarType && defaults.fits(value, type);
  }

  /** Returns the generated enum named {@code type}, if there is one. */
  private Optional<EnumType> generatedEnum(TypeName type) {
    return declarations.get(simpleName(type)) instanceof EnumType enumType
            && enumType.name().equals(type)
        ? Optional.of(enumType)
        : Optional.empty();
  }

  private static String simpleName(TypeName type) {
    return type instanceof ClassName name ? name.simpleName() : "";
  }

  private TypeName fallback(MapNode schema, String construct, String hint) {
    problems.warning(schema.position(), Messages.schemaFallback(construct, hint));
    bySchema.put(schema.location(), JSON_NODE);
    return JSON_NODE;
  }

  static String inferType(MapNode schema) {
    if (schema.has("properties") || schema.has("additionalProperties")
        || schema.has("patternProperties")) {
      return "object";
    }
    if (schema.has("items") || schema.has("prefixItems")) {
      return "array";
    }
    return schema.get("const")
        .filter(ScalarNode.class::isInstance)
        .map(node -> ((ScalarNode) node).kind())
        .orElse("");
  }

  /**
   * Returns the schema's {@code type} names. An unknown name is left out, because {@link
   * SchemaKeywordChecks} reports it as an error already.
   */
  static Set<String> types(MapNode schema) {
    Set<String> types = new LinkedHashSet<>();
    Optional<Node> type = schema.get("type");
    if (type.isPresent() && type.get() instanceof ScalarNode scalar && scalar.value() != null) {
      types.add(scalar.text());
    } else if (type.isPresent() && type.get() instanceof ListNode list) {
      types.addAll(strings(list));
    }
    types.retainAll(SchemaKeywordChecks.TYPES);
    return types;
  }

  /** Returns the validation keywords of a schema that maps to {@code type}. */
  Constraints constraints(Node raw, TypeName type) {
    Optional<Node> resolved = refs.resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode schema)) {
      return Constraints.NONE;
    }
    Optional<AllOfMerger.Merged> merged = allOfMerger.merge(schema);
    if (merged.isPresent()) {
      Constraints rules = merged.get().rules();
      List<Node> items = merged.get().items();
      if (items.size() == 1 && type instanceof ParameterizedTypeName generic
          && generic.rawType().equals(LIST)) {
        rules = rules.withElements(elementConstraints(items.get(0), generic.typeArguments().get(0)));
      }
      return rules;
    }
    return new Constraints(
        SchemaKeywordChecks.bound(schema, "minimum"),
        SchemaKeywordChecks.bound(schema, "maximum"),
        SchemaKeywordChecks.bound(schema, "exclusiveMinimum"),
        SchemaKeywordChecks.bound(schema, "exclusiveMaximum"),
        count(schema, "minLength"),
        count(schema, "maxLength"),
        schema.text("pattern").map(List::of).orElse(List.of()),
        count(schema, "minItems"),
        maxItems(schema),
        schema.text("format").orElse(null),
        allowedLiterals(schema),
        schema.get("uniqueItems").filter(SchemaTypeMapper::isTrue).isPresent(),
        number(schema, "multipleOf"),
        itemConstraints(schema, type));
  }

  /**
   * Returns the validation keywords of each item of a list or value of a map of {@code type},
   * from the schema's {@code items} or {@code additionalProperties}, or {@code null} when there
   * are none or {@code type} is no list or map.
   */
  private Constraints itemConstraints(MapNode schema, TypeName type) {
    if (!(type instanceof ParameterizedTypeName generic)) {
      return null;
    }
    List<TypeName> arguments = generic.typeArguments();
    TypeName element = arguments.get(arguments.size() - 1);
    Optional<Node> elementSchema = generic.rawType().equals(LIST)
        ? schema.get("items").filter(items -> !(items instanceof ListNode))
        : schema.get("additionalProperties");
    return elementSchema.map(node -> elementConstraints(node, element)).orElse(null);
  }

  /**
   * Returns the validation keywords of a list item or map value of {@code type}, or {@code null}
   * when none of them is checked. A {@code format} that no check reads is left out, so that it
   * alone does not make a payload a record.
   */
  private Constraints elementConstraints(Node schema, TypeName type) {
    Constraints rules = constraints(schema, type);
    if (rules.format() != null && !CHECKED_FORMATS.contains(rules.format())) {
      rules = rules.withoutFormat();
    }
    // Jackson reads a JSON null item into a JsonNode as NullNode, which the check compares with
    // the allowed values, so an enum that allows null must list it.
    if (type.equals(JSON_NODE) && !rules.allowed().isEmpty() && !rules.allowed().contains("null")
        && isNullable(schema)) {
      List<String> withNull = new ArrayList<>(rules.allowed());
      withNull.add("null");
      rules = rules.allowing(withNull);
    }
    return rules.isEmpty() ? null : rules;
  }

  /**
   * Returns the maximum number of items: {@code maxItems}, or fewer when {@code items: false} or
   * {@code additionalItems: false} allows fewer.
   */
  static Integer maxItems(MapNode schema) {
    Integer declared = count(schema, "maxItems");
    Integer positional = SchemaKeywordChecks.positionalItemLimit(schema);
    if (positional == null) {
      return declared;
    }
    return declared == null ? positional : Math.min(declared, positional);
  }

  /**
   * Returns the {@code enum} or {@code const} values as JSON text, unless a generated Java enum
   * checks them already.
   */
  private static List<String> allowedLiterals(MapNode schema) {
    List<String> literals = new ArrayList<>();
    Optional<Node> constant = schema.get("const");
    if (constant.isPresent()) {
      if (!(constant.get() instanceof ScalarNode scalar && scalar.value() == null)) {
        literals.add(JsonLiterals.of(constant.get()));
      }
      return literals;
    }
    if (schema.get("enum").orElse(null) instanceof ListNode values && !isStringEnum(schema)) {
      Set<String> declared = types(schema);
      declared.remove("null");
      for (Node value : values.items()) {
        if (value instanceof ScalarNode scalar
            ? scalar.value() != null
                && SchemaKeywordChecks.allowedEnumValue(scalar, declared, schema)
            : declared.isEmpty() || declared.contains(value.kind())) {
          literals.add(JsonLiterals.of(value));
        }
      }
    }
    return literals;
  }

  /**
   * Returns whether the schema becomes a Java enum: a string enum, maybe with a null value, or an
   * enum of declared type string, whose values of other types no string can equal.
   */
  static boolean isStringEnum(MapNode schema) {
    Set<String> kinds = types(schema);
    kinds.remove("null");
    if (!schema.has("enum")) {
      return false;
    }
    Node values = schema.get("enum").orElseThrow();
    if (kinds.equals(Set.of("string"))) {
      return !stringValues(values).isEmpty();
    }
    return kinds.isEmpty() && allStrings(values);
  }

  private static BigDecimal number(MapNode schema, String keyword) {
    return schema.get(keyword)
        .filter(ScalarNode.class::isInstance)
        .map(node -> ((ScalarNode) node).value())
        .filter(BigDecimal.class::isInstance)
        .map(BigDecimal.class::cast)
        .orElse(null);
  }

  static Integer count(MapNode schema, String keyword) {
    BigDecimal value = number(schema, keyword);
    if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return null;
    }
    return value.intValue();
  }

  private SchemaDoc document(Node raw) {
    Optional<Node> resolved = refs.resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode schema)) {
      return SchemaDoc.NONE;
    }
    return document(schema);
  }

  /** Reads {@code title}, {@code description}, the first example and {@code deprecated}. */
  static SchemaDoc document(MapNode schema) {
    String example = "";
    if (schema.get("examples").orElse(null) instanceof ListNode examples
        && !examples.items().isEmpty()) {
      example = JsonLiterals.of(examples.items().get(0));
    } else if (schema.get("example").isPresent()) {
      example = JsonLiterals.of(schema.get("example").orElseThrow());
    }
    return new SchemaDoc(
        schema.text("title").orElse(""),
        schema.text("description").orElse(""),
        example,
        schema.get("deprecated").filter(SchemaTypeMapper::isTrue).isPresent());
  }

  /**
   * Returns the name a schema gives its type: {@code x-java-name}, else its key under {@code
   * components/schemas} (the simple name when the key is a qualified class name), else for the
   * headers of a message trait the trait's key.
   */
  private static Optional<String> componentName(Node target) {
    if (target instanceof MapNode map && map.text("x-java-name").isPresent()) {
      return map.text("x-java-name");
    }
    String pointer = target.pointer();
    if (pointer.startsWith(COMPONENT_SCHEMAS)
        && pointer.indexOf('/', COMPONENT_SCHEMAS.length()) < 0) {
      return Optional.of(JavaNames.simpleName(JsonPointers.lastToken(pointer)));
    }
    Matcher traitHeaders = TRAIT_HEADERS.matcher(pointer);
    if (traitHeaders.matches()) {
      String trait = JsonPointers.lastToken(traitHeaders.group(1));
      return Optional.of(trait.toLowerCase(Locale.ROOT).endsWith("headers") ? trait : trait + "Headers");
    }
    return Optional.empty();
  }

  /** Returns whether a schema becomes a type of its own, so its x-java-name names that type. */
  private static boolean isNamedType(MapNode schema) {
    Set<String> kinds = types(schema);
    return schema.has("properties") || schema.has("enum") || schema.has("oneOf")
        || schema.has("anyOf") || schema.has("allOf") || kinds.contains("object");
  }

  private static String uniqueMember(String base, Set<String> used) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** Returns whether every value but a {@code null} is a string, and one at least is. */
  private static boolean allStrings(Node node) {
    if (!(node instanceof ListNode list)) {
      return false;
    }
    boolean any = false;
    for (Node item : list.items()) {
      if (!(item instanceof ScalarNode scalar)) {
        return false;
      }
      if (scalar.value() instanceof String) {
        any = true;
      } else if (scalar.value() != null) {
        return false;
      }
    }
    return any;
  }

  private static boolean isTrue(Node node) {
    return node instanceof ScalarNode scalar && Boolean.TRUE.equals(scalar.value());
  }

  /** Returns the string items of a list, leaving out numbers, booleans and nulls. */
  private static List<String> stringValues(Node node) {
    List<String> values = new ArrayList<>();
    if (node instanceof ListNode list) {
      for (Node item : list.items()) {
        if (item instanceof ScalarNode scalar && scalar.value() instanceof String text) {
          values.add(text);
        }
      }
    }
    return values;
  }

  private static List<String> strings(Node node) {
    List<String> values = new ArrayList<>();
    if (node instanceof ListNode list) {
      for (Node item : list.items()) {
        if (item instanceof ScalarNode scalar && scalar.value() != null) {
          values.add(scalar.text());
        }
      }
    }
    return values;
  }
}
