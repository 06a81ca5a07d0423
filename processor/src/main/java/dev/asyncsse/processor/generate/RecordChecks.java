package dev.asyncsse.processor.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.EcmaPatternTranslator;
import dev.asyncsse.processor.types.JavaNames;
import dev.asyncsse.processor.types.SchemaDoc;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes a record's compact constructor checks: required components, copies of collections, and
 * the schema's validation keywords. Each failed check throws {@code IllegalArgumentException} (or
 * {@code NullPointerException} for a missing required value) with a message that names the JSON
 * property and the rule. The keywords of the {@code items} or {@code additionalProperties} schema
 * of a list or map are checked in one loop per collection, with messages that name the item's
 * index or the value's key, as in {@code tags[1]} or {@code limits["a"]}.
 */
final class RecordChecks {

  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName INTEGER = ClassName.get(Integer.class);
  private static final ClassName LONG = ClassName.get(Long.class);
  private static final ClassName DOUBLE = ClassName.get(Double.class);
  private static final ClassName BOOLEAN = ClassName.get(Boolean.class);
  private static final ClassName URI = ClassName.get("java.net", "URI");
  private static final ClassName SET = ClassName.get(Set.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName MAP = ClassName.get(Map.class);
  private static final ClassName FORMATS = ClassName.get("dev.asyncsse.runtime.json", "Formats");
  private static final ClassName IMMUTABLE_COPIES =
      ClassName.get("dev.asyncsse.runtime.json", "ImmutableCopies");
  private static final ClassName PATTERN_PROPERTIES =
      ClassName.get("dev.asyncsse.runtime.json", "PatternProperties");
  private static final ClassName JSON_TREES =
      ClassName.get("dev.asyncsse.runtime.json", "JsonTrees");
  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** The factory method that reads each string-backed type from its text. */
  private static final Map<TypeName, String> TEXT_PARSERS = Map.of(
      ClassName.get("java.time", "OffsetDateTime"), "parse",
      ClassName.get("java.time", "LocalDate"), "parse",
      ClassName.get("java.time", "OffsetTime"), "parse",
      ClassName.get("java.util", "UUID"), "fromString",
      ClassName.get("java.net", "URI"), "create");
  /** The component types whose enum values {@link #javaLiteral} writes as Java literals. */
  private static final Set<TypeName> LITERAL_TYPES =
      Set.of(STRING, INTEGER, LONG, DOUBLE, BOOLEAN, JSON_NODE);
  private static final Map<String, String> FORMAT_CHECKS = Map.of(
      "email", "isEmail", "hostname", "isHostname", "ipv4", "isIpv4", "ipv6", "isIpv6");

  private final TypeSpec.Builder type;
  private final CodeText compact = CodeText.builder();
  private final String keyVariable;
  /** The names of the variables in scope, which a loop must not declare again. */
  private final Set<String> variables;
  private final Set<String> fields = new HashSet<>();
  private boolean any;

  /** @param parameters the names of the compact constructor's parameters */
  RecordChecks(TypeSpec.Builder type, Collection<String> parameters) {
    this(type, null, parameters);
  }

  /**
   * Creates checks whose messages start with the value of the {@code String} variable {@code
   * keyVariable}, for map values named by their key; {@code null} starts them with the property.
   *
   * @param variables the names of the variables in scope where the checks are written
   */
  RecordChecks(TypeSpec.Builder type, String keyVariable, Collection<String> variables) {
    this.type = type;
    this.keyVariable = keyVariable;
    this.variables = new HashSet<>(variables);
  }

  /**
   * Returns the checks of one map value, held in the variable {@code component.javaName()}, with
   * messages that start with the key. The value must not be null, but the items of a list value
   * and the values of a map value may be.
   */
  CodeText valueChecks(Component component) {
    Place place = new Place("$L + ", List.of(keyVariable), "");
    return checks(component, place, JavaNames.constantName(component.javaName()), true);
  }

  /** Returns whether any check was added. */
  boolean any() {
    return any;
  }

  /** Returns the body of the compact constructor: every check added so far. */
  CodeBlock code() {
    return compact.build();
  }

  /** Adds {@code code} to the compact constructor as it is. */
  void addCode(CodeBlock code) {
    compact.add(code);
    any = true;
  }

  void add(Component component) {
    String name = component.javaName();
    String property = component.catchAll() ? "additional properties" : component.jsonName();
    if (component.defaultValue() != null && !component.javaType().isPrimitive()) {
      compact.beginControlFlow("if ($L == null)", name)
          .addStatement("$L = $L", name, defaultLiteral(component))
          .endControlFlow();
      any = true;
    }
    if (component.required() && !component.nullable() && !component.javaType().isPrimitive()) {
      compact.addStatement("$T.requireNonNull($L, $S)",
          Objects.class, name, property + ": required property is missing");
      any = true;
    }
    ClassName collection = collectionType(component.type());
    if (component.catchAll()) {
      // Encoding would drop a null value, so the copy rejects it unless the schema allows null.
      List<TypeName> arguments = ((ParameterizedTypeName) component.type()).typeArguments();
      boolean trees = arguments.get(arguments.size() - 1).equals(JSON_NODE);
      compact.addStatement("$L = $L == null ? $T.of() : $T.$L($L, $L)", name, name, Map.class,
          PATTERN_PROPERTIES, trees ? "additionalTrees" : "additional", name,
          component.nullable());
      any = true;
    } else if (collection != null) {
      // NOTE: a null item is rejected even where the items schema allows null.
      compact.addStatement("$L = $L == null ? null : $T.$L($L, $S)", name, name, IMMUTABLE_COPIES,
          collection.simpleName().equals("Map") ? "map" : "list", name, property);
      any = true;
    }

    // The copy above rejects null items and values, except in the additionalProperties map.
    boolean nullElements = component.catchAll() && component.nullable();
    Place place = keyVariable == null
        ? Place.of(property)
        : new Place("$L + ", List.of(keyVariable), property);
    CodeText checks =
        checks(component, place, JavaNames.constantName(name), nullElements);
    if (checks.isEmpty()) {
      return;
    }
    if (component.javaType().isPrimitive() || component.catchAll()) {
      // The copy above replaces a null additionalProperties map with an empty one.
      compact.add(checks);
    } else {
      compact.beginControlFlow("if ($L != null)", name).add(checks).endControlFlow();
    }
    any = true;
  }

  /**
   * Returns the checks of the value in the variable {@code component.javaName()}, which is not
   * null.
   *
   * @param place the place that the messages name
   * @param fieldBase the start of the names of the constants that the checks add to the type
   * @param nullElements whether the items or values of a list or map may be null, which their
   *     checks then skip
   */
  private CodeText checks(
      Component component, Place place, String fieldBase, boolean nullElements) {
    String name = component.javaName();
    TypeName valueType = component.type();
    Constraints rules = component.constraints();
    CodeText body = CodeText.builder();
    if (valueType.equals(DOUBLE)) {
      // JSON has no NaN or infinity, so such a value could not be sent or read back.
      fail(body, CodeText.builder().add("!$T.isFinite($L)", Double.class, name),
          place, ": must be a finite number, but was ", name);
    }
    if (rules.isEmpty()) {
      return body;
    }
    allowed(body, component, place, fieldBase);
    if (isNumber(valueType)) {
      bound(body, name, place, valueType, ">=", "<", rules.minimum());
      bound(body, name, place, valueType, "<=", ">", rules.maximum());
      bound(body, name, place, valueType, ">", "<=", rules.exclusiveMinimum());
      bound(body, name, place, valueType, "<", ">=", rules.exclusiveMaximum());
      multipleOf(body, name, place, valueType, rules.multipleOf());
    } else if (valueType.equals(STRING)) {
      strings(body, name, place, fieldBase, rules);
    } else if (valueType.equals(URI)
        && "uri".equals(rules.format())) {
      fail(body, CodeText.builder().add("!$L.isAbsolute()", name),
          place, ": must be an absolute URI, but was ", name);
    } else if (collectionType(valueType) != null) {
      length(body, name, place, "size()", "items", rules.minItems(), rules.maxItems());
      if (rules.uniqueItems()) {
        fail(body, CodeText.builder().add(
            "new $T<>($L).size() != $L.size()", HashSet.class, name, name),
            place, ": items must be unique, but are ", name);
      }
      elements(body, component, place, fieldBase, nullElements);
    }
    return body;
  }

  /**
   * Adds one loop over the items of a list or the values of a map that checks each against the
   * keywords of the {@code items} or {@code additionalProperties} schema. An item that is a record
   * or a Java enum checks itself, so such a loop checks only {@code const} or {@code enum}, if
   * given. The items of a nested list are not copied, so they may be null, and the loop skips
   * them.
   */
  private void elements(CodeText body, Component collection, Place place, String fieldBase,
      boolean nullElements) {
    Constraints rules = collection.constraints().elements();
    if (rules == null) {
      return;
    }
    String name = collection.javaName();
    List<TypeName> arguments = ((ParameterizedTypeName) collection.type()).typeArguments();
    TypeName elementType = arguments.get(arguments.size() - 1);
    boolean list = collectionType(collection.type()).equals(LIST);
    String position = declare(list ? "i" : "entry");
    String element = declare(list ? "item" : "value");
    Place elementPlace;
    if (!list && collection.catchAll()) {
      // The keys of the additionalProperties map are property names of the record's own object.
      elementPlace = new Place("$L + ", List.of(position + ".getKey()"), "");
    } else if (list) {
      elementPlace = place.item(position);
    } else {
      elementPlace = place.value(position + ".getKey()");
    }
    Component item = new Component(
        element, "", elementType, true, false, SchemaDoc.NONE, rules, false);
    CodeText checks =
        checks(item, elementPlace, fieldBase + (list ? "_ITEM" : "_VALUE"), true);
    variables.remove(position);
    variables.remove(element);
    if (checks.isEmpty()) {
      return;
    }
    if (list) {
      body.beginControlFlow(
              "for (int $L = 0; $L < $L.size(); $L++)", position, position, name, position)
          .addStatement("$T $L = $L.get($L)", elementType, element, name, position);
    } else {
      body.beginControlFlow("for ($T $L : $L.entrySet())",
              ParameterizedTypeName.get(ClassName.get(Map.Entry.class), STRING, elementType),
              position, name)
          .addStatement("$T $L = $L.getValue()", elementType, element, position);
    }
    if (nullElements && !elementType.equals(JSON_NODE)) {
      body.beginControlFlow("if ($L != null)", element).add(checks).endControlFlow();
    } else {
      body.add(checks);
    }
    body.endControlFlow();
  }

  /** Returns a variable name that starts with {@code base} and is not in scope, and takes it. */
  private String declare(String base) {
    String name = base;
    for (int i = 2; !variables.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** Returns a constant name that starts with {@code base} and no check took before, and takes it. */
  private String field(String base) {
    String name = base;
    for (int i = 2; !fields.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  private void strings(
      CodeText body, String name, Place place, String fieldBase, Constraints rules) {
    length(body, name, place, "codePointCount(0, " + name + ".length())", "characters",
        rules.minLength(), rules.maxLength());
    for (String pattern : rules.patterns()) {
      Optional<String> javaPattern = EcmaPatternTranslator.translated(pattern);
      if (javaPattern.isEmpty()) {
        continue;
      }
      String field = field(fieldBase + "_PATTERN");
      type.addField(FieldSpec.builder(
              Pattern.class, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(CodeText.of("$T.compile($S)", Pattern.class, javaPattern.get()))
          .build());
      // The message shows the pattern as the document wrote it, not its translation.
      fail(body, CodeText.builder().add("!$L.matcher($L).find()", field, name),
          place, ": must match pattern " + pattern + ", but was ", name);
    }
    String check = rules.format() == null ? null : FORMAT_CHECKS.get(rules.format());
    if (check != null) {
      fail(body, CodeText.builder().add("!$T.$L($L)", FORMATS, check, name),
          place, ": must be a valid " + rules.format() + ", but was ", name);
    }
  }

  /** Checks {@code enum} or {@code const} values that no Java enum checks. */
  private void allowed(CodeText body, Component component, Place place, String fieldBase) {
    List<String> literals = allowedLiterals(component);
    if (literals.isEmpty()) {
      return;
    }
    // A number in a JsonNode keeps the form it was written in, so 1.0 would not equal 1.
    boolean numberTree = component.type().equals(JSON_NODE)
        && literals.stream().anyMatch(RecordChecks::isNumberLiteral);
    if (numberTree || literals.stream().anyMatch(RecordChecks::isStructured)) {
      allowedTrees(body, literals, component, place, fieldBase);
      return;
    }
    TypeName valueType = component.type();
    if (!LITERAL_TYPES.contains(valueType)) {
      // NOTE: a const of a date, time, UUID or URI property is not checked. An enum of such a
      // string is a generated Java enum, which checks its values itself.
      return;
    }
    // Set.of rejects duplicates, and enum values such as 1 and 1.0 are the same Double.
    Set<CodeBlock> values = new LinkedHashSet<>();
    for (String literal : literals) {
      CodeBlock value = javaLiteral(literal, valueType);
      if (value == null) {
        // No value of the Java type equals it, such as 1e400 for an Integer.
        continue;
      }
      values.add(value);
      // Double.equals distinguishes -0.0 from 0.0, but JSON Schema compares numbers by value.
      if (valueType.equals(DOUBLE) && new BigDecimal(literal).signum() == 0) {
        values.add(CodeBlock.of("-0.0"));
        values.add(CodeBlock.of("0.0"));
      }
    }
    String field = field(fieldBase + "_ALLOWED");
    type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(SET, valueType),
            field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", Set.class, CodeBlock.join(List.copyOf(values), ", "))
        .build());
    fail(body, CodeText.builder().add("!$L.contains($L)", field, component.javaName()),
        place, ": must be one of " + String.join(", ", literals) + ", but was ",
        component.javaName());
  }

  /**
   * Checks {@code enum} or {@code const} values of which one at least is an object or an array, or
   * is a number that a {@code JsonNode} must equal. The component's value is compared as a JSON
   * tree, because JSON Schema compares such values structurally and numbers by value, which no
   * {@code equals} of a Java type does.
   */
  private void allowedTrees(CodeText body, List<String> literals, Component component,
      Place place, String fieldBase) {
    List<CodeBlock> values = new ArrayList<>();
    for (String literal : literals) {
      values.add(CodeText.of("$T.parse($S)", JSON_TREES, literal));
    }
    String field = field(fieldBase + "_ALLOWED");
    type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(LIST, JSON_NODE),
            field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", List.class, CodeBlock.join(values, ", "))
        .build());
    fail(body, CodeText.builder().add(
            "!$T.equalsAny($L, $L)", JSON_TREES, component.javaName(), field),
        place, ": must be one of " + String.join(", ", literals) + ", but was ",
        component.javaName());
  }

  /**
   * Returns the JSON text of the values the component may have. A {@code JsonNode} that may be null
   * may also be JSON {@code null}, because Jackson reads a JSON {@code null} into a {@code
   * JsonNode} as {@code NullNode}, not as Java {@code null}.
   */
  private static List<String> allowedLiterals(Component component) {
    List<String> literals = component.constraints().allowed();
    if (literals.isEmpty() || !component.nullable() || !component.type().equals(JSON_NODE)
        || literals.contains("null")) {
      return literals;
    }
    List<String> withNull = new ArrayList<>(literals);
    withNull.add("null");
    return withNull;
  }

  private static boolean isNumberLiteral(String literal) {
    char first = literal.charAt(0);
    return first == '-' || first >= '0' && first <= '9';
  }

  private static boolean isStructured(String literal) {
    return literal.startsWith("{") || literal.startsWith("[");
  }

  /**
   * Returns the Java expression for a component's default or {@code const} value. The schema
   * mapper keeps only values that fit the type, so a string that no literal below matches is an
   * enum's wire value.
   */
  static CodeBlock defaultLiteral(Component component) {
    try {
      return defaultExpression(JSON.readTree(component.defaultValue()), component.type());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CodeBlock defaultExpression(JsonNode value, TypeName type) {
    if (type instanceof ParameterizedTypeName generic) {
      TypeName element = generic.typeArguments().get(generic.typeArguments().size() - 1);
      List<CodeBlock> items = new ArrayList<>();
      if (generic.rawType().equals(MAP)) {
        value.fields().forEachRemaining(field -> items.add(CodeText.of("$T.entry($S, $L)",
            Map.class, field.getKey(), defaultExpression(field.getValue(), element))));
        return CodeBlock.of("$T.ofEntries($L)", Map.class, CodeBlock.join(items, ", "));
      }
      value.forEach(item -> items.add(defaultExpression(item, element)));
      return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(items, ", "));
    }
    CodeBlock literal = javaLiteral(value.toString(), type);
    if (literal != null) {
      return literal;
    }
    String parse = TEXT_PARSERS.get(type);
    if (parse != null) {
      return CodeText.of("$T.$L($S)", type, parse, value.asText());
    }
    return CodeText.of("$T.fromValue($S)", type, value.asText());
  }

  /** Returns the Java literal of a JSON value for {@code type}, or null when it cannot be one. */
  private static CodeBlock javaLiteral(String literal, TypeName type) {
    JsonNode node;
    try {
      node = JSON.readTree(literal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (type.equals(JSON_NODE)) {
      return CodeText.of("$T.parse($S)", JSON_TREES, literal);
    }
    if (type.equals(STRING) && node.isTextual()) {
      return CodeText.of("$S", node.asText());
    }
    // An integer may be written with a fraction of zero or an exponent, such as 1.0 or 1e2.
    boolean finite = node.isNumber() && Double.isFinite(node.doubleValue());
    BigInteger integral = finite ? integralValue(node.decimalValue()) : null;
    if (type.equals(INTEGER) && integral != null && integral.bitLength() < Integer.SIZE) {
      return CodeBlock.of("$L", integral.intValue());
    }
    if (type.equals(LONG) && integral != null && integral.bitLength() < Long.SIZE) {
      return CodeBlock.of("$LL", integral.longValue());
    }
    if (type.equals(DOUBLE) && node.isNumber()) {
      return CodeBlock.of("$L", Double.toString(node.doubleValue()));
    }
    if (type.equals(BOOLEAN) && node.isBoolean()) {
      return CodeBlock.of("$L", node.booleanValue());
    }
    return null;
  }

  private static BigInteger integralValue(BigDecimal number) {
    try {
      return number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * Adds the check of one bound. A bound outside the Java type's range, such as a maximum above
   * {@code Long.MAX_VALUE} for a {@code long}, cannot be written as a literal. It needs no check
   * when every value meets it, and it fails every value when none does.
   */
  private void bound(CodeText body, String name, Place place,
      TypeName valueType, String rule, String failing, BigDecimal limit) {
    if (limit == null) {
      return;
    }
    String message = ": must be " + rule + " " + ScalarNode.numberText(limit) + ", but was ";
    boolean lower = rule.startsWith(">");
    boolean integral = !valueType.equals(DOUBLE);
    String literal;
    if (integral) {
      if (limit.compareTo(LONG_MIN) < 0 || limit.compareTo(LONG_MAX) > 0) {
        boolean aboveEveryValue = limit.signum() > 0;
        if (lower == aboveEveryValue) {
          fail(body, CodeText.builder().add("true"), place, message, name);
        }
        return;
      }
      literal = limit.stripTrailingZeros().scale() <= 0
          ? limit.toBigInteger() + "L"
          : Double.toString(limit.doubleValue());
      if (limit.stripTrailingZeros().scale() > 0 && limit.doubleValue() == 0) {
        // A fraction too close to 0 for a double, such as 1e-400, would read as 0.0 and let 0
        // through, so the bound becomes the whole number that keeps the check the same.
        boolean up = failing.equals("<") || failing.equals(">=");
        literal = limit.setScale(0, up ? RoundingMode.CEILING : RoundingMode.FLOOR)
            .toBigInteger() + "L";
      }
    } else {
      double value = limit.doubleValue();
      if (Double.isInfinite(value)) {
        if (lower == value > 0) {
          fail(body, CodeText.builder().add("true"), place, message, name);
        }
        return;
      }
      literal = Double.toString(value);
    }
    fail(body, CodeText.builder().add("$L $L $L", name, failing, literal), place, message, name);
  }

  private void multipleOf(CodeText body, String name, Place place,
      TypeName valueType, BigDecimal factor) {
    if (factor == null || factor.signum() <= 0) {
      return;
    }
    CodeText test;
    if (!valueType.equals(DOUBLE) && factor.stripTrailingZeros().scale() <= 0
        && factor.compareTo(LONG_MAX) <= 0) {
      test = CodeText.builder().add("$L % $LL != 0", name, factor.toBigInteger());
    } else {
      test = CodeText.builder().add("$T.valueOf($L).remainder(new $T($S)).signum() != 0",
          BigDecimal.class, name, BigDecimal.class, ScalarNode.numberText(factor));
    }
    fail(body, test, place, ": must be a multiple of " + ScalarNode.numberText(factor)
        + ", but was ", name);
  }

  private void length(CodeText body, String name, Place place,
      String accessor, String unit, Integer min, Integer max) {
    if (min != null && min > 0) {
      fail(body, CodeText.builder().add("$L.$L < $L", name, accessor, min),
          place, ": must have at least " + min + " " + unit + ", but was ", name);
    }
    if (max != null) {
      fail(body, CodeText.builder().add("$L.$L > $L", name, accessor, max),
          place, ": must have at most " + max + " " + unit + ", but was ", name);
    }
  }

  /**
   * Adds the statement that throws when {@code test} holds, with the message {@code place}, then
   * {@code rule}, then the value of {@code name}.
   */
  private void fail(CodeText body, CodeText test, Place place, String rule, String name) {
    body.add("if (").add(test).add(") {\n$>");
    List<Object> arguments = new ArrayList<>();
    arguments.add(IllegalArgumentException.class);
    arguments.addAll(place.args());
    arguments.add(place.text() + rule);
    arguments.add(name);
    body.addStatement("throw new $T(" + place.format() + "$S + $L)", arguments.toArray());
    body.endControlFlow();
  }

  /**
   * The place that a message names, such as {@code tags} or {@code tags[1]}: the code {@code
   * format} with {@code args}, a Java expression that ends in {@code +} or is empty, then the
   * text {@code text}.
   */
  private record Place(String format, List<Object> args, String text) {

    /** Returns the place of a property, named by its JSON name. */
    static Place of(String property) {
      return new Place("", List.of(), property);
    }

    /** Returns the place of the list item whose index is the variable {@code index}. */
    Place item(String index) {
      return then(text + "[", index, "]");
    }

    /** Returns the place of the map value whose key is the expression {@code key}. */
    Place value(String key) {
      return then(text + "[\"", key, "\"]");
    }

    private Place then(String before, String expression, String after) {
      List<Object> more = new ArrayList<>(args);
      more.add(before);
      more.add(expression);
      return new Place(format + "$S + $L + ", more, after);
    }
  }

  private static boolean isNumber(TypeName type) {
    return type.equals(INTEGER)
        || type.equals(LONG)
        || type.equals(DOUBLE);
  }

  private static ClassName collectionType(TypeName type) {
    if (type instanceof ParameterizedTypeName parameterized) {
      ClassName raw = parameterized.rawType();
      if (raw.equals(LIST) || raw.equals(MAP)) {
        return raw;
      }
    }
    return null;
  }
}
