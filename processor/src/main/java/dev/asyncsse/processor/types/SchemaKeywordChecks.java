package dev.asyncsse.processor.types;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks the validation keywords of one schema before it is mapped, so that a misspelled type, a
 * broken regular expression or an empty range is reported instead of silently losing its check.
 *
 * <p>An error marks a schema that no value can satisfy or that the generated code cannot check. A
 * warning marks legal JSON Schema that is probably a mistake.
 */
public final class SchemaKeywordChecks {

  static final Set<String> TYPES =
      Set.of("string", "number", "integer", "boolean", "object", "array", "null");

  /** The formats that change the Java type or add a check, by the type they apply to. */
  static final Map<String, List<String>> SUPPORTED_FORMATS = Map.of(
      "string", List.of("date-time", "date", "time", "uuid", "uri", "email", "hostname", "ipv4",
          "ipv6"),
      "integer", List.of("int32", "int64"));

  /**
   * Formats that JSON Schema (draft 2020-12) or OpenAPI 3 define for each type, where a number may
   * also carry int32 or int64. They raise no warning, and those not in {@link #SUPPORTED_FORMATS}
   * have no effect.
   */
  private static final Map<String, Set<String>> KNOWN_FORMATS = Map.of(
      "string", Set.of("date-time", "date", "time", "duration", "uuid", "uri", "uri-reference",
          "uri-template", "iri", "iri-reference", "email", "idn-email", "hostname",
          "idn-hostname", "ipv4", "ipv6", "json-pointer", "relative-json-pointer", "regex",
          "byte", "binary", "password"),
      "integer", Set.of("int32", "int64"),
      "number", Set.of("float", "double", "int32", "int64"));

  private static final List<String> COUNT_KEYWORDS =
      List.of("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties");

  private final Problems problems;

  public SchemaKeywordChecks(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reports the problems in {@code schema}'s own keywords. The schemas it contains are checked
   * when they are mapped.
   */
  void check(MapNode schema) {
    checkKeywordKinds(schema);
    checkExclusiveFlags(schema);
    Set<String> types = checkTypes(schema);
    checkPattern(schema);
    for (String keyword : COUNT_KEYWORDS) {
      if (schema.get(keyword).orElse(null) instanceof ScalarNode scalar
          && !(scalar.value() instanceof BigDecimal)) {
        problems.error(scalar.position(), Messages.invalidCount(keyword, JsonLiterals.of(scalar)));
      }
    }
    checkBounds(schema);
    checkFormat(schema, types);
    for (String keyword : List.of("const", "enum", "default")) {
      schema.get(keyword).ifPresent(value -> checkDoubleRange(keyword, value));
    }
    checkEnum(schema, types);
    checkConst(schema, types);
  }

  /**
   * Reports each number in a {@code const}, {@code enum} or {@code default} value, also inside an
   * array or object, that no {@code double} can represent: one beyond its range, such as {@code
   * 1e400}, or one so close to 0 that it reads as 0, such as {@code 1e-400}. Decoding rejects or rounds such a
   * number, so no value read from JSON can equal it, and the generated code cannot write it.
   */
  private void checkDoubleRange(String keyword, Node value) {
    if (value instanceof ScalarNode scalar && scalar.value() instanceof BigDecimal number
        && beyondDoubleRange(number)) {
      problems.error(scalar.position(), Messages.numberBeyondDoubleRange(
          keyword, scalar.text(), Double.isInfinite(number.doubleValue())));
    } else if (value instanceof ListNode list) {
      list.items().forEach(item -> checkDoubleRange(keyword, item));
    } else if (value instanceof MapNode map) {
      map.entries().values().forEach(member -> checkDoubleRange(keyword, member));
    }
  }

  /**
   * Returns whether no {@code double} can represent {@code number}: it is beyond the range of a
   * double, or it is not 0 but reads as 0.
   */
  public static boolean beyondDoubleRange(BigDecimal number) {
    double value = number.doubleValue();
    return Double.isInfinite(value) || value == 0 && number.signum() != 0;
  }

  /** Returns whether {@code node} is a number that {@link #checkDoubleRange} reports. */
  private static boolean reportedBeyondDouble(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() instanceof BigDecimal number
        && beyondDoubleRange(number);
  }

  /**
   * Reports negative counts, empty ranges and a {@code multipleOf} of 0 or less. A 2.x parameter
   * schema gets only these checks, because the parameter reader reports its type and pattern.
   */
  public void checkBounds(MapNode schema) {
    for (String keyword : COUNT_KEYWORDS) {
      checkCount(schema, keyword);
    }
    if (!checkRange(schema)) {
      checkIntegerRange(schema);
    }
    checkCountRange(schema, "minLength", "maxLength");
    checkCountRange(schema, "minItems", "maxItems");
    checkPositionalItems(schema);
    checkCountRange(schema, "minProperties", "maxProperties");
    checkMultipleOf(schema);
  }

  /**
   * Returns whether the {@code enum} value {@code value} is of one of the declared {@code types}.
   * An empty set of types accepts every value.
   */
  static boolean ofDeclaredType(ScalarNode value, Set<String> types) {
    if (types.isEmpty()) {
      return true;
    }
    String kind = value.kind();
    if (types.contains(kind)) {
      return true;
    }
    return kind.equals("number") && types.contains("integer")
        && isIntegral((BigDecimal) value.value());
  }

  /**
   * Returns whether the {@code enum} value {@code value} can be valid for {@code schema}: it is of
   * one of the declared {@code types} and, for an integer, within the range of its Java type (see
   * {@link #integerRange}).
   */
  static boolean allowedEnumValue(ScalarNode value, Set<String> types, MapNode schema) {
    return ofDeclaredType(value, types) && integerRange(value, types, schema).isEmpty();
  }

  /**
   * Returns the Java type whose range the integer {@code value} is outside of, or empty. The type
   * is {@code int} under {@code format: int32}, {@code long} under {@code format: int64}, and
   * {@code int} for a schema whose only type is {@code integer} and that has no other format,
   * because such a schema maps to {@code Integer}.
   */
  static Optional<String> integerRange(ScalarNode value, Set<String> types, MapNode schema) {
    if (!types.contains("integer") || !(value.value() instanceof BigDecimal number)
        || !isIntegral(number)) {
      return Optional.empty();
    }
    String format = schema.text("format").orElse("");
    if (format.equals("int64")) {
      return outside(number, Long.MIN_VALUE, Long.MAX_VALUE) ? Optional.of("int64")
          : Optional.empty();
    }
    if (!format.equals("int32") && !types.equals(Set.of("integer"))) {
      return Optional.empty();
    }
    if (!outside(number, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
      return Optional.empty();
    }
    return Optional.of(format.equals("int32") ? "int32" : "int");
  }

  private static boolean outside(BigDecimal number, long min, long max) {
    return number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0;
  }

  /**
   * Reports keyword values of the wrong JSON kind, such as {@code maximum: ten} or {@code enum:
   * foo}, which the mapper would otherwise skip together with the check they declare.
   */
  private void checkKeywordKinds(MapNode schema) {
    for (String keyword : List.of("minimum", "maximum")) {
      expectKind(schema, keyword, "a number", SchemaKeywordChecks::isNumber);
    }
    for (String keyword : List.of("exclusiveMinimum", "exclusiveMaximum")) {
      expectKind(schema, keyword, "a number, or a boolean in the draft 4 form",
          node -> isNumber(node) || isBoolean(node));
    }

    // checkMultipleOf reports a scalar that is not a positive number.
    expectKind(schema, "multipleOf", "a number greater than 0", ScalarNode.class::isInstance);

    expectKind(schema, "type", "a type name or a list of type names",
        node -> isString(node) || node instanceof ListNode);

    expectKind(schema, "enum", "a list of values", ListNode.class::isInstance);
    expectKind(schema, "required", "a list of property names", ListNode.class::isInstance);
    expectKind(schema, "properties", "an object of property schemas", MapNode.class::isInstance);
    // A list is the draft 4 tuple form, which maps to JsonNode elements.
    expectKind(schema, "items", "a schema", node -> isSchema(node) || node instanceof ListNode);
    expectKind(schema, "prefixItems", "a list of schemas", ListNode.class::isInstance);
    expectItems(schema, "prefixItems", "a schema", SchemaKeywordChecks::isSchema);
    expectKind(schema, "additionalItems", "a schema", SchemaKeywordChecks::isSchema);
    expectKind(schema, "additionalProperties", "a schema or a boolean",
        SchemaKeywordChecks::isSchema);
    expectKind(schema, "patternProperties", "an object of pattern schemas",
        MapNode.class::isInstance);
    expectKind(schema, "uniqueItems", "a boolean", SchemaKeywordChecks::isBoolean);
    expectKind(schema, "discriminator", "a property name or an object with 'propertyName'",
        node -> isString(node) || node instanceof MapNode);

    expectItems(schema, "type", "a type name", SchemaKeywordChecks::isString);
    expectItems(schema, "required", "a property name", SchemaKeywordChecks::isString);

    expectKind(schema, "not", "a schema", SchemaKeywordChecks::isSchema);
    expectKind(schema, "title", "a string", SchemaKeywordChecks::isString);
    expectKind(schema, "description", "a string", SchemaKeywordChecks::isString);
    expectKind(schema, "pattern", "a regular expression string", SchemaKeywordChecks::isString);
    expectKind(schema, "format", "a format name such as date-time", SchemaKeywordChecks::isString);
    // check() reports a count that is a scalar but not a number.
    for (String keyword : COUNT_KEYWORDS) {
      expectKind(schema, keyword, "a non-negative integer", ScalarNode.class::isInstance);
    }
    for (String keyword : List.of("properties", "patternProperties")) {
      if (schema.get(keyword).orElse(null) instanceof MapNode properties) {
        properties.entries().forEach((name, value) -> {
          if (!isSchema(value)) {
            problems.error(value.position(),
                Messages.invalidKeywordKind(keyword + "/" + name, value.describe(), "a schema"));
          }
        });
      }
    }

    for (String keyword : List.of("allOf", "oneOf", "anyOf")) {
      Optional<Node> node = schema.get(keyword);
      String expected = "a non-empty list of schemas";
      if (node.isPresent()
          && (!(node.get() instanceof ListNode list) || list.items().isEmpty())) {
        problems.error(node.get().position(),
            Messages.invalidKeywordKind(keyword, node.get().describe(), expected));
      }
      expectItems(schema, keyword, "a schema", SchemaKeywordChecks::isSchema);
    }
  }

  /**
   * Warns about the draft 4 form {@code exclusiveMinimum: true} or {@code exclusiveMaximum: true}
   * without the bound it makes exclusive.
   */
  private void checkExclusiveFlags(MapNode schema) {
    for (String bound : List.of("minimum", "maximum")) {
      String flag = "exclusive" + Character.toUpperCase(bound.charAt(0)) + bound.substring(1);
      if (schema.get(flag).orElse(null) instanceof ScalarNode scalar
          && Boolean.TRUE.equals(scalar.value()) && !schema.has(bound)) {
        problems.warning(scalar.position(), Messages.exclusiveFlagWithoutBound(flag, bound));
      }
    }
  }

  private void expectKind(
      MapNode schema, String keyword, String expected, Predicate<Node> valid) {
    Optional<Node> node = schema.get(keyword);
    if (node.isPresent() && !valid.test(node.get())) {
      problems.error(node.get().position(),
          Messages.invalidKeywordKind(keyword, node.get().describe(), expected));
    }
  }

  /** Reports each item of the list under {@code keyword} that {@code valid} rejects. */
  private void expectItems(
      MapNode schema, String keyword, String expected, Predicate<Node> valid) {
    if (!(schema.get(keyword).orElse(null) instanceof ListNode list)) {
      return;
    }
    for (Node item : list.items()) {
      if (!valid.test(item)) {
        problems.error(item.position(),
            Messages.invalidKeywordItem(keyword, item.describe(), expected));
      }
    }
  }

  private static boolean isNumber(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() instanceof BigDecimal;
  }

  private static boolean isBoolean(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() instanceof Boolean;
  }

  private static boolean isString(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() instanceof String;
  }

  private static boolean isSchema(Node node) {
    return node instanceof MapNode || isBoolean(node);
  }

  /** Reports a {@code const} whose JSON type matches none of the declared types. */
  private void checkConst(MapNode schema, Set<String> types) {
    Optional<Node> node = schema.get("const");
    Set<String> declared = new java.util.TreeSet<>(types);
    declared.remove("null");
    if (node.isEmpty() || declared.isEmpty()) {
      return;
    }
    String typeText = String.join(" or ", declared);
    if (reportedBeyondDouble(node.get())) {
      return;
    }
    if (node.get() instanceof ScalarNode scalar) {
      if (scalar.value() == null && !typeAllowsNull(schema)) {
        problems.error(scalar.position(), Messages.constTypeMismatch("null", typeText));
      } else if (scalar.value() != null && !ofDeclaredType(scalar, declared)) {
        problems.error(scalar.position(),
            Messages.constTypeMismatch(JsonLiterals.of(scalar), typeText));
      } else if (scalar.value() != null) {
        integerRange(scalar, declared, schema).ifPresent(range -> problems.error(
            scalar.position(), range.equals("int32")
                ? Messages.constTypeMismatch(JsonLiterals.of(scalar), "int32 integer")
                : Messages.constOutOfIntegerRange(JsonLiterals.of(scalar), range)));
      }
      return;
    }
    String kind = node.get() instanceof ListNode ? "array" : "object";
    if (!declared.contains(kind)) {
      problems.error(node.get().position(),
          Messages.constTypeMismatch(node.get().describe(), typeText));
    }
  }

  private Set<String> checkTypes(MapNode schema) {
    Optional<Node> type = schema.get("type");
    List<Node> named = type.isEmpty() ? List.of()
        : type.get() instanceof ListNode list ? list.items() : List.of(type.get());
    for (Node node : named) {
      if (node instanceof ScalarNode scalar && scalar.value() instanceof String name
          && !TYPES.contains(name)) {
        problems.error(node.position(), Messages.unknownSchemaType(name));
      }
    }
    return SchemaTypeMapper.types(schema);
  }

  private void checkPattern(MapNode schema) {
    Optional<Node> node = schema.get("pattern");
    if (node.isEmpty() || !(node.get() instanceof ScalarNode scalar)
        || !(scalar.value() instanceof String pattern)) {
      return;
    }
    try {
      EcmaPatternTranslator.translate(pattern);
    } catch (UntranslatablePatternException e) {
      problems.error(scalar.position(),
          Messages.invalidSchemaPattern(pattern, e.index(), e.reason(), e.fix()));
    }
  }

  private void checkCount(MapNode schema, String keyword) {
    Optional<Node> node = schema.get(keyword);
    if (node.isEmpty() || !(node.get() instanceof ScalarNode scalar)) {
      return;
    }
    if (scalar.value() instanceof BigDecimal value && (value.signum() < 0 || !isIntegral(value))) {
      problems.error(scalar.position(), Messages.invalidCount(keyword, scalar.text()));
    }
  }

  /**
   * Reports a numeric range that contains no value: a lower bound above the upper bound, or equal
   * to it when either bound is exclusive. Returns whether it reported one.
   */
  private boolean checkRange(MapNode schema) {
    BigDecimal minimum = bound(schema, "minimum");
    BigDecimal maximum = bound(schema, "maximum");
    BigDecimal exclusiveMinimum = bound(schema, "exclusiveMinimum");
    BigDecimal exclusiveMaximum = bound(schema, "exclusiveMaximum");
    boolean empty = false;
    if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
      emptyRange(schema, "minimum", minimum, "maximum", maximum);
      empty = true;
    }
    if (exclusiveMinimum != null && maximum != null && exclusiveMinimum.compareTo(maximum) >= 0) {
      emptyRange(schema, "exclusiveMinimum", exclusiveMinimum, "maximum", maximum);
      empty = true;
    }
    if (minimum != null && exclusiveMaximum != null && minimum.compareTo(exclusiveMaximum) >= 0) {
      emptyRange(schema, "minimum", minimum, "exclusiveMaximum", exclusiveMaximum);
      empty = true;
    }
    if (exclusiveMinimum != null && exclusiveMaximum != null
        && exclusiveMinimum.compareTo(exclusiveMaximum) >= 0) {
      emptyRange(schema, "exclusiveMinimum", exclusiveMinimum, "exclusiveMaximum",
          exclusiveMaximum);
      empty = true;
    }
    return empty;
  }

  /**
   * Reports bounds of an integer schema that no integer lies between, such as {@code
   * exclusiveMinimum: 1} with {@code exclusiveMaximum: 2}, when {@link #checkRange} found the
   * range itself non-empty.
   */
  private void checkIntegerRange(MapNode schema) {
    if (!SchemaTypeMapper.types(schema).equals(Set.of("integer"))) {
      return;
    }
    String lowerKeyword = null;
    BigDecimal lowest = null;
    for (String keyword : List.of("minimum", "exclusiveMinimum")) {
      BigDecimal bound = bound(schema, keyword);
      if (bound == null) {
        continue;
      }
      BigDecimal smallest = keyword.equals("minimum")
          ? bound.setScale(0, RoundingMode.CEILING)
          : bound.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
      if (lowest == null || smallest.compareTo(lowest) > 0) {
        lowest = smallest;
        lowerKeyword = keyword;
      }
    }
    String upperKeyword = null;
    BigDecimal highest = null;
    for (String keyword : List.of("maximum", "exclusiveMaximum")) {
      BigDecimal bound = bound(schema, keyword);
      if (bound == null) {
        continue;
      }
      BigDecimal largest = keyword.equals("maximum")
          ? bound.setScale(0, RoundingMode.FLOOR)
          : bound.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
      if (highest == null || largest.compareTo(highest) < 0) {
        highest = largest;
        upperKeyword = keyword;
      }
    }
    if (lowest != null && highest != null && lowest.compareTo(highest) > 0) {
      emptyRange(schema, lowerKeyword, bound(schema, lowerKeyword), upperKeyword,
          bound(schema, upperKeyword));
    }
  }

  /**
   * Returns how many items the positional keywords allow, or {@code null} when they set no limit.
   * {@code items: false} allows only the items that {@code prefixItems} describes (JSON Schema
   * 2020-12), so none without it. {@code additionalItems: false} beside a list of {@code items}
   * schemas allows only as many items as the list has (drafts 4 to 2019-09).
   */
  static Integer positionalItemLimit(MapNode schema) {
    Node items = schema.get("items").orElse(null);
    if (isFalse(items)) {
      return schema.get("prefixItems").orElse(null) instanceof ListNode prefix
          ? prefix.items().size()
          : 0;
    }
    if (items instanceof ListNode tuple && isFalse(schema.get("additionalItems").orElse(null))) {
      return tuple.items().size();
    }
    return null;
  }

  /** Reports a {@code minItems} above the number of items that the positional keywords allow. */
  private void checkPositionalItems(MapNode schema) {
    Integer limit = positionalItemLimit(schema);
    BigDecimal minItems = number(schema, "minItems");
    if (limit == null || minItems == null || minItems.compareTo(BigDecimal.valueOf(limit)) <= 0) {
      return;
    }
    String keyword = schema.get("items").orElseThrow() instanceof ListNode
        ? "additionalItems"
        : "items";
    problems.error(schema.get(keyword).orElseThrow().position(),
        Messages.tooFewPositionalItems(ScalarNode.numberText(minItems), keyword, limit));
  }

  private static boolean isFalse(Node node) {
    return node instanceof ScalarNode scalar && Boolean.FALSE.equals(scalar.value());
  }

  private void checkCountRange(MapNode schema, String lowerKeyword, String upperKeyword) {
    BigDecimal lower = number(schema, lowerKeyword);
    BigDecimal upper = number(schema, upperKeyword);
    if (lower != null && upper != null && upper.signum() >= 0 && lower.compareTo(upper) > 0) {
      emptyRange(schema, lowerKeyword, lower, upperKeyword, upper);
    }
  }

  private void emptyRange(
      MapNode schema, String lowerKeyword, BigDecimal lower, String upperKeyword,
      BigDecimal upper) {
    Node upperNode = schema.get(upperKeyword).orElseThrow();
    if (upperNode instanceof ScalarNode flag && flag.value() instanceof Boolean) {
      // The draft 4 form: the number is in the inclusive sibling, maximum or minimum.
      String inclusive = upperKeyword.equals("exclusiveMaximum") ? "maximum" : "minimum";
      upperNode = schema.get(inclusive).orElse(upperNode);
    }
    problems.error(
        upperNode.position(),
        Messages.emptyRange(lowerKeyword, ScalarNode.numberText(lower), upperKeyword,
            ScalarNode.numberText(upper)));
  }

  private void checkMultipleOf(MapNode schema) {
    Optional<Node> node = schema.get("multipleOf");
    if (node.isPresent() && node.get() instanceof ScalarNode scalar
        && (!(scalar.value() instanceof BigDecimal value) || value.signum() <= 0)) {
      problems.error(scalar.position(), Messages.invalidMultipleOf(scalar.text()));
    }
  }

  private void checkFormat(MapNode schema, Set<String> types) {
    Optional<Node> node = schema.get("format");
    if (node.isEmpty() || !(node.get() instanceof ScalarNode scalar)
        || !(scalar.value() instanceof String format)) {
      return;
    }
    Set<String> checked = new java.util.TreeSet<>(types);
    checked.retainAll(KNOWN_FORMATS.keySet());
    if (checked.isEmpty() && !types.isEmpty()) {
      return;
    }
    if (checked.isEmpty()) {
      checked.addAll(KNOWN_FORMATS.keySet());
    }
    for (String type : checked) {
      if (KNOWN_FORMATS.get(type).contains(format)) {
        return;
      }
    }
    String type = checked.size() == 1 ? checked.iterator().next() : "string";
    problems.warning(
        scalar.position(),
        Messages.unknownFormat(format, type, SUPPORTED_FORMATS.getOrDefault(type, List.of())));
  }

  /**
   * Reports an {@code enum} without values or without a value of the declared type, and warns
   * about each value of another type, which no valid value can equal. A {@code null} value is of
   * another type unless {@code type} lists {@code null} or the schema sets {@code nullable}.
   */
  private void checkEnum(MapNode schema, Set<String> types) {
    Optional<Node> node = schema.get("enum");
    if (node.isEmpty() || !(node.get() instanceof ListNode values)) {
      return;
    }
    if (values.items().isEmpty()) {
      problems.error(values.position(), Messages.emptyEnum());
      return;
    }
    Set<String> declared = new java.util.TreeSet<>(types);
    declared.remove("null");
    if (declared.isEmpty() || !TYPES.containsAll(declared)) {
      return;
    }
    boolean nullAllowed = typeAllowsNull(schema);
    List<Node> mismatched = values.items().stream()
        .filter(value -> !reportedBeyondDouble(value))
        .filter(value -> !(value instanceof ScalarNode scalar)
            ? !declared.contains(value.kind())
            : scalar.value() == null
                ? !nullAllowed
                : !allowedEnumValue(scalar, declared, schema))
        .toList();
    long allowedNulls = values.items().stream()
        .filter(value -> nullAllowed
            && value instanceof ScalarNode scalar && scalar.value() == null)
        .count();
    String typeText = String.join(" or ", declared);
    if (values.items().stream().anyMatch(SchemaKeywordChecks::reportedBeyondDouble)) {
      return;
    }
    if (allowedNulls == 0 && mismatched.size() == values.items().size()) {
      problems.error(values.position(), Messages.enumWithoutDeclaredType(typeText));
      return;
    }
    for (Node value : mismatched) {
      Optional<String> range = value instanceof ScalarNode scalar && scalar.value() != null
              && ofDeclaredType(scalar, declared)
          ? integerRange(scalar, declared, schema)
          : Optional.empty();
      problems.warning(
          value.position(),
          range.isEmpty()
              ? Messages.enumValueTypeMismatch(JsonLiterals.of(value), typeText)
              : range.get().equals("int32")
                  ? Messages.int32EnumValueOutOfRange(JsonLiterals.of(value))
                  : Messages.enumValueOutOfIntegerRange(JsonLiterals.of(value), range.get()));
    }
  }

  /**
   * Returns whether the schema's {@code type} allows {@code null}: it is absent, it lists {@code
   * null}, or the schema sets {@code nullable: true}, which adds null to a declared type.
   */
  static boolean typeAllowsNull(MapNode schema) {
    Set<String> types = SchemaTypeMapper.types(schema);
    return types.isEmpty() && !schema.has("type")
        || types.contains("null")
        || schema.get("nullable").filter(SchemaKeywordChecks::isTrue).isPresent();
  }

  private static boolean isTrue(Node node) {
    return node instanceof ScalarNode scalar && Boolean.TRUE.equals(scalar.value());
  }

  /**
   * Returns the numeric bound that {@code keyword} ({@code minimum}, {@code maximum}, {@code
   * exclusiveMinimum} or {@code exclusiveMaximum}) sets, or {@code null}. Reads the draft 4 form,
   * where {@code exclusiveMinimum: true} makes {@code minimum} exclusive, so there {@code
   * exclusiveMinimum} returns the value of {@code minimum} and {@code minimum} returns {@code
   * null}. A {@code false} leaves the sibling inclusive.
   */
  static BigDecimal bound(MapNode schema, String keyword) {
    String inclusive = keyword.startsWith("exclusive")
        ? Character.toLowerCase(keyword.charAt(9)) + keyword.substring(10)
        : keyword;
    String exclusive = "exclusive" + Character.toUpperCase(inclusive.charAt(0))
        + inclusive.substring(1);
    boolean draft4Exclusive = schema.get(exclusive).orElse(null) instanceof ScalarNode flag
        && Boolean.TRUE.equals(flag.value());
    if (keyword.equals(inclusive)) {
      return draft4Exclusive ? null : number(schema, inclusive);
    }
    return draft4Exclusive ? number(schema, inclusive) : number(schema, exclusive);
  }

  private static BigDecimal number(MapNode schema, String keyword) {
    return schema.get(keyword).orElse(null) instanceof ScalarNode scalar
            && scalar.value() instanceof BigDecimal value
        ? value
        : null;
  }

  private static boolean isIntegral(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }
}
