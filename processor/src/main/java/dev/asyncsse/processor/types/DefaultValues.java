package dev.asyncsse.processor.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a property's {@code default} at compile time and returns the JSON text that the record
 * puts in place of a {@code null}.
 *
 * <p>A default is applied when it is a value of the component's Java type: a scalar or enum value,
 * a string that parses as the {@code java.time}, {@link java.util.UUID} or {@link URI} type its
 * format maps to, a list of such values, or an object of such values for a map. It must also meet
 * the property's own validation keywords, because the record checks them after filling in the
 * default. Any other default, and any default of a property that allows {@code null}, is one
 * warning at its position and is not applied.
 */
final class DefaultValues {

  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName INTEGER = ClassName.get(Integer.class);
  private static final ClassName LONG = ClassName.get(Long.class);
  private static final ClassName DOUBLE = ClassName.get(Double.class);
  private static final ClassName BOOLEAN = ClassName.get(Boolean.class);
  private static final ClassName OFFSET_DATE_TIME = ClassName.get(OffsetDateTime.class);
  private static final ClassName LOCAL_DATE = ClassName.get(LocalDate.class);
  private static final ClassName OFFSET_TIME = ClassName.get(OffsetTime.class);
  private static final ClassName UUID = ClassName.get(java.util.UUID.class);
  private static final ClassName URI_TYPE = ClassName.get(URI.class);
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Problems problems;
  private final Function<TypeName, Optional<EnumType>> enums;

  /** @param enums returns the generated enum of a type, or empty when the type is no enum */
  DefaultValues(Problems problems, Function<TypeName, Optional<EnumType>> enums) {
    this.problems = problems;
    this.enums = enums;
  }

  /**
   * Returns the JSON text of {@code given} when the record can apply it to a component of {@code
   * type}; otherwise warns at its position and returns empty. A {@code null} default is no
   * default and is not reported. The default of a {@code nullable} property is never applied,
   * because a record cannot tell an absent property from an explicit {@code null}, and filling in
   * the default would replace a {@code null} that the sender meant.
   */
  Optional<String> check(
      String property, Node given, TypeName type, Constraints rules, boolean nullable) {
    if (given instanceof ScalarNode scalar && scalar.value() == null) {
      return Optional.empty();
    }
    String literal = JsonLiterals.of(given);
    if (nullable) {
      problems.warning(given.position(), Messages.defaultOnNullable(property, literal));
      return Optional.empty();
    }
    if (isUnsupported(type)) {
      problems.warning(given.position(),
          Messages.defaultNotApplied(property, literal, javaTypeName(type)));
      return Optional.empty();
    }
    if (!fits(given, type)) {
      problems.warning(given.position(),
          Messages.defaultIgnored(property, literal, javaTypeName(type)));
      return Optional.empty();
    }
    Optional<String> broken = brokenRule(given, type, rules);
    if (broken.isPresent()) {
      problems.warning(given.position(),
          Messages.defaultBreaksRule(property, literal, broken.get()));
      return Optional.empty();
    }
    return Optional.of(literal);
  }

  /**
   * Returns whether {@code value} is a value of {@code type}: a matching scalar, an enum's wire
   * value, a parsable string for a date, time, UUID or URI type, or a list or map of such values.
   */
  boolean fits(Node value, TypeName type) {
    if (type.equals(SchemaTypeMapper.JSON_NODE)) {
      return true;
    }
    if (type instanceof ParameterizedTypeName generic) {
      return fitsCollection(value, generic);
    }
    if (!(value instanceof ScalarNode scalarNode) || scalarNode.value() == null) {
      return false;
    }
    Object scalar = scalarNode.value();
    Optional<EnumType> enumType = enums.apply(type);
    if (enumType.isPresent()) {
      return enumType.get().constants().stream()
          .anyMatch(constant -> constant.wireValue().equals(scalar));
    }
    if (scalar instanceof String text) {
      return fitsText(text, type);
    }
    if (type.equals(BOOLEAN)) {
      return scalar instanceof Boolean;
    }
    if (!(scalar instanceof BigDecimal number)) {
      return false;
    }
    if (type.equals(DOUBLE)) {
      return true;
    }
    boolean integral = number.stripTrailingZeros().scale() <= 0;
    if (type.equals(INTEGER)) {
      return integral && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }
    if (type.equals(LONG)) {
      return integral && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
    return false;
  }

  /** Returns whether a default for {@code type} cannot be written as a Java expression. */
  private boolean isUnsupported(TypeName type) {
    if (type instanceof ParameterizedTypeName generic) {
      TypeName element = generic.typeArguments().get(generic.typeArguments().size() - 1);
      return element instanceof ParameterizedTypeName || isUnsupported(element);
    }
    return !(type.equals(STRING) || type.isBoxedPrimitive() || isParsedFromText(type)
        || type.equals(SchemaTypeMapper.JSON_NODE) || enums.apply(type).isPresent());
  }

  private boolean fitsCollection(Node value, ParameterizedTypeName type) {
    TypeName element = type.typeArguments().get(type.typeArguments().size() - 1);
    if (type.rawType().equals(ClassName.get(List.class)) && value instanceof ListNode list) {
      return list.items().stream().allMatch(item -> fits(item, element));
    }
    if (type.rawType().equals(ClassName.get(Map.class)) && value instanceof MapNode map) {
      return map.entries().values().stream().allMatch(item -> fits(item, element));
    }
    return false;
  }

  private static boolean fitsText(String text, TypeName type) {
    if (type.equals(STRING)) {
      return true;
    }
    try {
      if (type.equals(OFFSET_DATE_TIME)) {
        OffsetDateTime.parse(text);
      } else if (type.equals(LOCAL_DATE)) {
        LocalDate.parse(text);
      } else if (type.equals(OFFSET_TIME)) {
        OffsetTime.parse(text);
      } else if (type.equals(UUID)) {
        // UUID.fromString accepts shortened groups such as 1-2-3-4-5, so the form is checked first.
        return UUID_TEXT.matcher(text).matches();
      } else if (type.equals(URI_TYPE)) {
        new URI(text);
      } else {
        return false;
      }
      return true;
    } catch (DateTimeParseException | URISyntaxException e) {
      return false;
    }
  }

  private static boolean isParsedFromText(TypeName type) {
    return type.equals(OFFSET_DATE_TIME) || type.equals(LOCAL_DATE) || type.equals(OFFSET_TIME)
        || type.equals(UUID) || type.equals(URI_TYPE);
  }

  /**
   * Returns the validation keyword that {@code value} breaks, as {@code keyword value}, or empty.
   * Only the keywords that the record checks on its component are checked.
   */
  private static Optional<String> brokenRule(Node value, TypeName type, Constraints rules) {
    if (!rules.allowed().isEmpty() && value instanceof ScalarNode scalar
        && rules.allowed().stream().noneMatch(allowed -> sameLiteral(allowed, scalar))) {
      return Optional.of("enum " + String.join(", ", rules.allowed()));
    }
    if (!rules.allowed().isEmpty() && !(value instanceof ScalarNode)
        && rules.allowed().stream().noneMatch(
            allowed -> JsonLiterals.sameValue(allowed, JsonLiterals.of(value)))) {
      return Optional.of("enum " + String.join(", ", rules.allowed()));
    }
    if (value instanceof ScalarNode scalar && scalar.value() instanceof BigDecimal number) {
      return brokenNumberRule(number, rules);
    }
    if (value instanceof ScalarNode scalar && scalar.value() instanceof String text) {
      if (type.equals(STRING)) {
        return brokenStringRule(text, rules);
      }
      if (type.equals(URI_TYPE) && "uri".equals(rules.format()) && !URI.create(text).isAbsolute()) {
        return Optional.of("format uri (an absolute URI)");
      }
      return Optional.empty();
    }
    if (value instanceof ListNode list) {
      int size = list.items().size();
      if (rules.minItems() != null && size < rules.minItems()) {
        return Optional.of("minItems " + rules.minItems());
      }
      if (rules.maxItems() != null && size > rules.maxItems()) {
        return Optional.of("maxItems " + rules.maxItems());
      }
      Set<String> distinct = new HashSet<>();
      if (rules.uniqueItems()
          && !list.items().stream().map(JsonLiterals::of).allMatch(distinct::add)) {
        return Optional.of("uniqueItems true");
      }
      for (int i = 0; i < size; i++) {
        Optional<String> broken = brokenElementRule(list.items().get(i), type, rules);
        if (broken.isPresent()) {
          return Optional.of(broken.get() + " of item " + i);
        }
      }
    }
    if (value instanceof MapNode map) {
      for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
        Optional<String> broken = brokenElementRule(entry.getValue(), type, rules);
        if (broken.isPresent()) {
          return Optional.of(broken.get() + " of value " + JsonLiterals.string(entry.getKey()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the validation keyword that {@code element}, an item or value of the list or map
   * {@code type}, breaks among the rules of the elements, or empty.
   */
  private static Optional<String> brokenElementRule(
      Node element, TypeName type, Constraints rules) {
    if (rules.elements() == null || !(type instanceof ParameterizedTypeName generic)) {
      return Optional.empty();
    }
    List<TypeName> arguments = generic.typeArguments();
    return brokenRule(element, arguments.get(arguments.size() - 1), rules.elements());
  }

  private static Optional<String> brokenNumberRule(BigDecimal number, Constraints rules) {
    if (rules.minimum() != null && number.compareTo(rules.minimum()) < 0) {
      return Optional.of("minimum " + ScalarNode.numberText(rules.minimum()));
    }
    if (rules.maximum() != null && number.compareTo(rules.maximum()) > 0) {
      return Optional.of("maximum " + ScalarNode.numberText(rules.maximum()));
    }
    if (rules.exclusiveMinimum() != null && number.compareTo(rules.exclusiveMinimum()) <= 0) {
      return Optional.of(
          "exclusiveMinimum " + ScalarNode.numberText(rules.exclusiveMinimum()));
    }
    if (rules.exclusiveMaximum() != null && number.compareTo(rules.exclusiveMaximum()) >= 0) {
      return Optional.of(
          "exclusiveMaximum " + ScalarNode.numberText(rules.exclusiveMaximum()));
    }
    if (rules.multipleOf() != null && rules.multipleOf().signum() > 0
        && number.remainder(rules.multipleOf()).signum() != 0) {
      return Optional.of("multipleOf " + ScalarNode.numberText(rules.multipleOf()));
    }
    return Optional.empty();
  }

  private static Optional<String> brokenStringRule(String text, Constraints rules) {
    int length = text.codePointCount(0, text.length());
    if (rules.minLength() != null && length < rules.minLength()) {
      return Optional.of("minLength " + rules.minLength());
    }
    if (rules.maxLength() != null && length > rules.maxLength()) {
      return Optional.of("maxLength " + rules.maxLength());
    }
    for (String pattern : rules.patterns()) {
      // find(), not matches(): a JSON Schema pattern is not anchored, as in the record's check.
      Optional<String> javaPattern = EcmaPatternTranslator.translated(pattern);
      if (javaPattern.isPresent() && !Pattern.compile(javaPattern.get()).matcher(text).find()) {
        return Optional.of("pattern " + pattern);
      }
    }
    // NOTE: format email, hostname, ipv4 and ipv6 are checked only when the record is created.
    return Optional.empty();
  }

  /** Returns whether the JSON text {@code allowed} is the same value as {@code scalar}. */
  private static boolean sameLiteral(String allowed, ScalarNode scalar) {
    if (scalar.value() instanceof BigDecimal number) {
      try {
        return new BigDecimal(allowed).compareTo(number) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return allowed.equals(JsonLiterals.of(scalar));
  }

  /** Returns the type as written in Java source without package names, such as List<UUID>. */
  private static String javaTypeName(TypeName type) {
    return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }
}
