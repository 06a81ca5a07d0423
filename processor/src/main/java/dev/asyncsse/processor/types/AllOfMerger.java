package dev.asyncsse.processor.types;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Merges an {@code allOf} whose parts all describe strings, numbers, integers, booleans or arrays
 * into one Java type and one set of validation keywords, since a value must satisfy every part.
 *
 * <p>The parts are the schema itself and its {@code allOf} members, depth first, with {@code $ref}s
 * followed. Of two bounds the tighter applies, every {@code pattern} applies, {@code enum}s
 * intersect, {@code multipleOf}s combine into their least common multiple, and an {@code integer}
 * part makes a {@code number} an integer. A part with properties, {@code oneOf}, {@code anyOf} or
 * {@code not}, or of type {@code object}, leaves the {@code allOf} to {@link AllOfFlattener}.
 */
final class AllOfMerger {

  /** The scalar and array types that a merged {@code allOf} can map to. */
  private static final Set<String> MERGED_TYPES =
      Set.of("string", "integer", "number", "boolean", "array");

  /**
   * The narrower format of each pair where every value of one format is also a value of the
   * other, as the generated checks read them: an IPv4 address, a UUID and a date are host names.
   */
  private static final Map<Set<String>, String> NARROWER = Map.of(
      Set.of("int32", "int64"), "int32",
      Set.of("ipv4", "hostname"), "ipv4",
      Set.of("uuid", "hostname"), "uuid",
      Set.of("date", "hostname"), "date");

  /**
   * Pairs of string formats that some values have at once, though neither implies the other:
   * {@code fe80::1} is an IPv6 address and an absolute URI, and {@code mailto:a@b.c} is an
   * absolute URI that the email check accepts. The generated type checks one
   * format, so the other is dropped with a warning. Any other two string formats that change the
   * generated code exclude each other.
   */
  private static final Set<Set<String>> OVERLAPPING =
      Set.of(Set.of("uri", "ipv6"), Set.of("uri", "email"));

  /** The keywords that make a part describe an object's properties. */
  private static final Set<String> PROPERTY_KEYWORDS =
      Set.of("properties", "additionalProperties", "patternProperties");

  /** The keywords whose rules a merged scalar type cannot check. */
  private static final List<String> COMBINATORS = List.of("oneOf", "anyOf", "not");

  /**
   * An {@code allOf} merged into one type.
   *
   * @param type the JSON type every value has: string, integer, number, boolean or array
   * @param format the {@code format} that applies, or {@code null}
   * @param items the distinct {@code items} schemas of array parts, in document order
   * @param rules the validation keywords of every part together
   * @param enumValues the strings every {@code enum} of a string {@code allOf} allows, which a
   *     Java enum checks; {@code null} when no part has an {@code enum}, or the type is no string
   */
  record Merged(
      String type, String format, List<Node> items, Constraints rules, List<String> enumValues) {}

  /** One part of an {@code allOf}, with where it is, such as {@code allOf[1]}. */
  private record Part(String place, MapNode schema) {}

  private final RefResolver refs;
  private final Problems problems;
  private final Map<String, Optional<Merged>> merged = new HashMap<>();

  AllOfMerger(RefResolver refs, Problems problems) {
    this.refs = refs;
    this.problems = problems;
  }

  /**
   * Returns the merged view of {@code schema}'s {@code allOf}, or empty when a part describes an
   * object or the parts allow more than one JSON type. Conflicting formats or values are reported
   * at the {@code allOf} once, however often the schema is asked for.
   */
  Optional<Merged> merge(MapNode schema) {
    Optional<Merged> known = merged.get(schema.location());
    if (known == null) {
      known = compute(schema);
      merged.put(schema.location(), known);
    }
    return known;
  }

  /**
   * Returns the keyword ({@code oneOf}, {@code anyOf} or {@code not}) that keeps an {@code allOf}
   * from merging although its parts share one JSON type other than object, or empty when nothing
   * does so. Such an {@code allOf} is no object, so it must not become a record or a map.
   */
  Optional<String> unmergedKeyword(MapNode schema) {
    if (!schema.has("allOf")) {
      return Optional.empty();
    }
    List<Part> parts = new ArrayList<>();
    collect(schema, "", parts, new HashSet<>());
    Optional<String> type = commonType(parts);
    if (type.isEmpty() || type.get().equals("object")
        || parts.stream().anyMatch(AllOfMerger::describesObject)) {
      return Optional.empty();
    }
    return parts.stream()
        .flatMap(part -> COMBINATORS.stream().filter(part.schema()::has))
        .findFirst();
  }

  /** Returns whether the part declares the type object or describes an object's properties. */
  private static boolean describesObject(Part part) {
    return PROPERTY_KEYWORDS.stream().anyMatch(part.schema()::has)
        || SchemaTypeMapper.types(part.schema()).contains("object");
  }

  private Optional<Merged> compute(MapNode schema) {
    if (!(schema.get("allOf").orElse(null) instanceof ListNode allOf)) {
      return Optional.empty();
    }
    List<Part> parts = new ArrayList<>();
    collect(schema, "", parts, new HashSet<>());
    boolean unmergeable = parts.stream().anyMatch(part -> describesObject(part)
        || COMBINATORS.stream().anyMatch(part.schema()::has));
    Optional<String> type = commonType(parts);
    if (unmergeable || type.isEmpty()) {
      return Optional.empty();
    }

    Optional<String> format = format(parts, type.get(), allOf);
    List<Node> values = allowedValues(parts, type.get(), allOf);
    if (format.isEmpty() || values == null) {
      // The conflict is reported; the rules below still give the allOf a type.
      format = Optional.of("");
      values = List.of();
    }
    if (type.get().equals("integer")) {
      checkIntegerRange(parts, values, format.get(), allOf);
    }

    List<String> allowed = values.stream().map(JsonLiterals::of).toList();
    List<String> enumValues = null;
    if (type.get().equals("string") && !values.isEmpty() && parts.stream()
        .anyMatch(part -> part.schema().has("enum"))) {
      enumValues = values.stream().map(value -> (String) ((ScalarNode) value).value()).toList();
      allowed = List.of();
    }

    // NOTE: bounds from different parts that leave no value, such as minimum 10 in one part and
    // maximum 5 in another, are not reported, so the generated type rejects every value.
    Constraints rules = new Constraints(
        tightest(parts, part -> SchemaKeywordChecks.bound(part, "minimum"), BigDecimal::max),
        tightest(parts, part -> SchemaKeywordChecks.bound(part, "maximum"), BigDecimal::min),
        tightest(parts, part -> SchemaKeywordChecks.bound(part, "exclusiveMinimum"),
            BigDecimal::max),
        tightest(parts, part -> SchemaKeywordChecks.bound(part, "exclusiveMaximum"),
            BigDecimal::min),
        tightest(parts, part -> SchemaTypeMapper.count(part, "minLength"), Math::max),
        tightest(parts, part -> SchemaTypeMapper.count(part, "maxLength"), Math::min),
        patterns(parts),
        tightest(parts, part -> SchemaTypeMapper.count(part, "minItems"), Math::max),
        tightest(parts, SchemaTypeMapper::maxItems, Math::min),
        format.get().isEmpty() ? null : format.get(),
        allowed,
        parts.stream().anyMatch(part -> isTrue(part.schema().get("uniqueItems").orElse(null))),
        tightest(parts, part -> positive(part, "multipleOf"), AllOfMerger::leastCommonMultiple),
        null);
    return Optional.of(new Merged(type.get(), rules.format(), items(parts), rules, enumValues));
  }

  /** Adds {@code schema} and its {@code allOf} members, depth first, skipping a cycle. */
  private void collect(MapNode schema, String place, List<Part> parts, Set<String> path) {
    if (!path.add(schema.location())) {
      return;
    }
    parts.add(new Part(place.isEmpty() ? "schema" : place, schema));
    if (schema.get("allOf").orElse(null) instanceof ListNode members) {
      for (int i = 0; i < members.items().size(); i++) {
        String memberPlace = (place.isEmpty() ? "" : place + ".") + "allOf[" + i + "]";
        if (refs.resolve(members.items().get(i)).orElse(null) instanceof MapNode member) {
          collect(member, memberPlace, parts, path);
        }
      }
    }
    path.remove(schema.location());
  }

  /**
   * Returns the one JSON type, other than null, that every part allows: from {@code type} where
   * parts declare it, else from {@code items}, a {@code const} or {@code enum} values that are
   * all strings. An {@code integer} part narrows a {@code number} to an integer.
   */
  private static Optional<String> commonType(List<Part> parts) {
    Set<String> common = null;
    for (Part part : parts) {
      Set<String> declared = SchemaTypeMapper.types(part.schema());
      if (!declared.isEmpty()) {
        common = common == null ? declared : intersect(common, declared);
      }
    }
    if (common == null) {
      common = new LinkedHashSet<>();
      for (Part part : parts) {
        String inferred = SchemaTypeMapper.inferType(part.schema());
        if (inferred.isEmpty() && isStringList(part.schema().get("enum").orElse(null))) {
          inferred = "string";
        }
        if (!inferred.isEmpty()) {
          common.add(inferred);
        }
      }
    }
    common.remove("null");
    if (common.size() != 1 || !MERGED_TYPES.contains(common.iterator().next())) {
      return Optional.empty();
    }
    return Optional.of(common.iterator().next());
  }

  private static Set<String> intersect(Set<String> first, Set<String> second) {
    Set<String> common = new LinkedHashSet<>(first);
    common.retainAll(second);
    if (first.contains("number") && second.contains("integer")
        || first.contains("integer") && second.contains("number")) {
      common.add("integer");
    }
    return common;
  }

  /**
   * Returns the format that applies: the narrowest of the parts' formats, or {@code ""} when none
   * sets one. Of {@code int32} and {@code int64}, {@code int32} applies. Two string formats that
   * change the generated code and that no string has at once, such as {@code email} and {@code
   * date-time}, are reported, and empty is returned.
   */
  private Optional<String> format(List<Part> parts, String type, Node allOf) {
    List<String> supported = SchemaKeywordChecks.SUPPORTED_FORMATS.getOrDefault(type, List.of());
    String chosen = "";
    String chosenPlace = "";
    for (Part part : parts) {
      String format = part.schema().text("format").orElse("");
      if (format.isEmpty() || format.equals(chosen)) {
        continue;
      }
      Set<String> pair = Set.of(chosen, format);
      if (chosen.isEmpty() || !supported.contains(chosen) && supported.contains(format)
          || format.equals(NARROWER.get(pair))) {
        chosen = format;
        chosenPlace = part.place();
      } else if (!type.equals("string") || !supported.contains(format)
          || NARROWER.containsKey(pair)) {
        continue;
      } else if (OVERLAPPING.contains(pair)) {
        problems.warning(allOf.position(), Messages.allOfFormatNotChecked(
            format + " (" + part.place() + ")", chosen + " (" + chosenPlace + ")"));
      } else {
        problems.error(allOf.position(), Messages.allOfFormatConflict(List.of(
            chosen + " (" + chosenPlace + ")", format + " (" + part.place() + ")")));
        return Optional.empty();
      }
    }
    return Optional.of(chosen);
  }

  /**
   * Returns the values of the merged type that every {@code const} and {@code enum} allows, or an
   * empty list when no part restricts the values. When no value is left, it reports
   * the parts that restrict them and returns {@code null}.
   */
  private List<Node> allowedValues(List<Part> parts, String type, Node allOf) {
    List<Node> allowed = null;
    List<String> restricting = new ArrayList<>();
    for (Part part : parts) {
      List<Node> values = new ArrayList<>();
      Node constant = part.schema().get("const").orElse(null);
      if (constant != null) {
        values.add(constant);
        restricting.add("const " + JsonLiterals.of(constant) + " (" + part.place() + ")");
      } else if (part.schema().get("enum").orElse(null) instanceof ListNode list) {
        values.addAll(list.items());
        restricting.add("enum " + JsonLiterals.of(list) + " (" + part.place() + ")");
      } else {
        continue;
      }
      allowed = allowed == null ? ofType(values, type) : common(allowed, values);
    }
    if (allowed == null) {
      return List.of();
    }
    if (allowed.isEmpty()) {
      problems.error(allOf.position(), Messages.allOfValueConflict(restricting));
      return null;
    }
    return allowed;
  }

  /**
   * Reports, at the {@code allOf}, a value that every part allows but the merged Java type cannot
   * hold: beyond {@code long} with {@code format: int64}, else beyond {@code int}. A part's own
   * {@code const} that its own checks already report as an error is left to them.
   */
  private void checkIntegerRange(List<Part> parts, List<Node> values, String format, Node allOf) {
    boolean int64 = format.equals("int64");
    long min = int64 ? Long.MIN_VALUE : Integer.MIN_VALUE;
    long max = int64 ? Long.MAX_VALUE : Integer.MAX_VALUE;
    for (Node value : values) {
      if (!(value instanceof ScalarNode scalar) || !(scalar.value() instanceof BigDecimal number)
          || number.compareTo(BigDecimal.valueOf(min)) >= 0
              && number.compareTo(BigDecimal.valueOf(max)) <= 0) {
        continue;
      }
      boolean reportedByPart = parts.stream().anyMatch(part -> isConst(part.schema(), number)
          && SchemaKeywordChecks.integerRange(
              scalar, SchemaTypeMapper.types(part.schema()), part.schema()).isPresent());
      if (!reportedByPart) {
        problems.error(allOf.position(),
            Messages.constOutOfIntegerRange(JsonLiterals.of(scalar), int64 ? "int64" : "int"));
        return;
      }
    }
  }

  /** Returns whether the schema's {@code const} is the number. */
  private static boolean isConst(MapNode schema, BigDecimal number) {
    return schema.get("const").orElse(null) instanceof ScalarNode scalar
        && scalar.value() instanceof BigDecimal other && other.compareTo(number) == 0;
  }

  /** Returns the values that are of {@code type}, where an integral number is an integer. */
  private static List<Node> ofType(List<Node> values, String type) {
    List<Node> typed = new ArrayList<>();
    for (Node value : values) {
      boolean fits = value instanceof ScalarNode scalar
          ? scalar.value() != null && SchemaKeywordChecks.ofDeclaredType(scalar, Set.of(type))
          : value.kind().equals(type);
      if (fits) {
        typed.add(value);
      }
    }
    return typed;
  }

  private static List<Node> common(List<Node> first, List<Node> second) {
    List<Node> common = new ArrayList<>();
    for (Node value : first) {
      String json = JsonLiterals.of(value);
      if (second.stream().anyMatch(other -> JsonLiterals.sameValue(json, JsonLiterals.of(other)))) {
        common.add(value);
      }
    }
    return common;
  }

  /** Returns every part's {@code pattern}, in document order, each once. */
  private static List<String> patterns(List<Part> parts) {
    Set<String> patterns = new LinkedHashSet<>();
    for (Part part : parts) {
      part.schema().text("pattern").ifPresent(patterns::add);
    }
    return List.copyOf(patterns);
  }

  /** Returns the distinct item schemas of the parts, by where they are. */
  private List<Node> items(List<Part> parts) {
    Map<String, Node> items = new java.util.LinkedHashMap<>();
    for (Part part : parts) {
      Optional<Node> partItems = part.schema().get("items");
      if (partItems.isPresent() && !(partItems.get() instanceof ListNode)
          && !isBoolean(partItems.get())) {
        Node target = refs.resolve(partItems.get()).orElse(partItems.get());
        items.putIfAbsent(target.location(), partItems.get());
      }
    }
    return List.copyOf(items.values());
  }

  /** Combines the parts' values of one keyword with {@code tighter}, or returns {@code null}. */
  private static <T> T tightest(
      List<Part> parts, Function<MapNode, T> value, BinaryOperator<T> tighter) {
    T result = null;
    for (Part part : parts) {
      T next = value.apply(part.schema());
      if (next != null) {
        result = result == null ? next : tighter.apply(result, next);
      }
    }
    return result;
  }

  /**
   * Returns the least common multiple of two positive decimals, which every multiple of both is a
   * multiple of: {@code 0.5} and {@code 0.75} give {@code 1.5}.
   */
  static BigDecimal leastCommonMultiple(BigDecimal first, BigDecimal second) {
    if (first.compareTo(second) == 0) {
      return first;
    }
    int scale = Math.max(0, Math.max(
        first.stripTrailingZeros().scale(), second.stripTrailingZeros().scale()));
    BigInteger a = first.movePointRight(scale).toBigIntegerExact();
    BigInteger b = second.movePointRight(scale).toBigIntegerExact();
    BigInteger multiple = a.divide(a.gcd(b)).multiply(b);
    return new BigDecimal(multiple, scale).stripTrailingZeros();
  }

  /** Returns the keyword's number when it is above 0; the keyword checks report other values. */
  private static BigDecimal positive(MapNode schema, String keyword) {
    if (schema.get(keyword).orElse(null) instanceof ScalarNode scalar
        && scalar.value() instanceof BigDecimal number && number.signum() > 0) {
      return number;
    }
    return null;
  }

  private static boolean isStringList(Node node) {
    return node instanceof ListNode list && !list.items().isEmpty()
        && list.items().stream().allMatch(
            item -> item instanceof ScalarNode scalar && scalar.value() instanceof String);
  }

  private static boolean isBoolean(Node node) {
    return node instanceof ScalarNode scalar && scalar.value() instanceof Boolean;
  }

  private static boolean isTrue(Node node) {
    return node instanceof ScalarNode scalar && Boolean.TRUE.equals(scalar.value());
  }
}
