package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.PatternMap;
import dev.asyncsse.processor.types.TypeDeclaration.PatternProperty;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Generates what a record needs for {@code patternProperties}.
 *
 * <p>Jackson allows one any-setter and one any-getter per class, but such a record may have two
 * maps of undeclared properties: the pattern map and the {@code additionalProperties} map. So
 * Jackson reads every undeclared property as a JSON tree into the record's {@code JsonFields}
 * class, the factory method sorts them by name into the two maps, and a private {@code
 * @JsonAnyGetter} method writes both maps back as top-level properties. Both map components are
 * hidden from Jackson with {@code @JsonIgnore}.
 */
final class PatternPropertiesGenerator {

  private static final ClassName JSON_ANY_GETTER =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonAnyGetter");
  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName JSON_NODE_FACTORY =
      ClassName.get("com.fasterxml.jackson.databind.node", "JsonNodeFactory");
  private static final ClassName OBJECT_NODE =
      ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");
  private static final ClassName PATTERN_PROPERTIES =
      ClassName.get("dev.asyncsse.runtime.json", "PatternProperties");
  private static final ClassName JSON_TREES =
      ClassName.get("dev.asyncsse.runtime.json", "JsonTrees");
  private static final ClassName IMMUTABLE_COPIES =
      ClassName.get("dev.asyncsse.runtime.json", "ImmutableCopies");
  private static final ClassName TYPE_TOKEN = ClassName.get("dev.asyncsse.runtime", "TypeToken");
  private static final ClassName STRING = ClassName.get(String.class);

  private static final String PATTERNS_FIELD = "PATTERN_PROPERTIES";
  private static final String CHECK_METHOD = "checkPatternProperty";
  private static final String READ_METHOD = "readPatternProperties";
  private static final String WRITE_METHOD = "undeclaredProperties";

  private final RecordType record;
  private final PatternMap patternMap;

  PatternPropertiesGenerator(RecordType record) {
    this.record = record;
    this.patternMap = record.patternMap();
  }

  /** Returns whether {@code component} is one of the maps of undeclared properties. */
  boolean isUndeclaredMap(Component component) {
    return component.catchAll() || component.javaName().equals(patternMap.javaName());
  }

  /** Returns whether {@code component} is the pattern map. */
  boolean isPatternMap(Component component) {
    return component.javaName().equals(patternMap.javaName());
  }

  /**
   * Returns the compact constructor's code for the pattern map: an unmodifiable copy, the check
   * that no key is a declared property's name, the check of each entry, then the check that each
   * {@code required} name the map covers is present.
   */
  CodeBlock compactCode(DeclaredKeyCheck declaredKeys) {
    String name = patternMap.javaName();
    TypeName entryType = ParameterizedTypeName.get(
        ClassName.get(Map.Entry.class), STRING, patternMap.valueType());
    // The compact constructor's parameters are in scope, so the loop variable must differ.
    String entry = unusedName("entry");
    CodeText code = CodeText.builder()
        .addStatement("$L = $L == null ? $T.of() : $T.map($L, $S)",
            name, name, Map.class, IMMUTABLE_COPIES, name, name)
        .add(declaredKeys.check(patternMapComponent(), "patternProperties"))
        .beginControlFlow("for ($T $L : $L.entrySet())", entryType, entry, name)
        .addStatement("$L($L.getKey(), $L.getValue())", CHECK_METHOD, entry, entry)
        .endControlFlow();
    // The map rejects null values, so get returns null only for a missing key.
    for (String required : patternMap.required()) {
      code.addStatement("$T.requireNonNull($L.get($S), $S)", Objects.class, name, required,
          required + ": required property is missing");
    }
    return code.build();
  }

  /**
   * Returns the check that no key of the {@code additionalProperties} map {@code additional}
   * matches a pattern.
   */
  CodeBlock matchedKeyCheck(Component additional) {
    return CodeText.statement("$T.rejectMatched($L, $L, $S)",
        PATTERN_PROPERTIES, additional.javaName(), PATTERNS_FIELD, sources());
  }

  private Component patternMapComponent() {
    return record.components().stream().filter(this::isPatternMap).findFirst().orElseThrow();
  }

  /**
   * Adds the patterns, the entry check, the JsonFields class with its factory method, and the
   * methods that read and write.
   */
  void addTo(TypeSpec.Builder type) {
    List<CodeBlock> compiled = new ArrayList<>();
    for (PatternProperty pattern : patternMap.patterns()) {
      compiled.add(CodeText.of("$T.compile($S)", Pattern.class, pattern.javaPattern()));
    }
    type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(Pattern.class)),
            PATTERNS_FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The java.util.regex translations of the patternProperties patterns.\n")
        .initializer(CodeText.of("$T.of($L)", List.class, CodeBlock.join(compiled, ", ")))
        .build());
    type.addMethod(checkMethod(type));
    new JsonFieldsGenerator(record, undeclared()).addTo(type);
    type.addMethod(readMethod());
    type.addMethod(writeMethod());
  }

  /**
   * Returns the method that checks one entry of the pattern map against the schema of every
   * pattern its key matches, as JSON Schema applies them all.
   */
  private MethodSpec checkMethod(TypeSpec.Builder type) {
    TypeName valueType = patternMap.valueType();
    CodeText body = CodeText.builder()
        .beginControlFlow("if (!$T.matchesAny(key, $L))", PATTERN_PROPERTIES, PATTERNS_FIELD)
        .addStatement("throw new $T(key + $S)", IllegalArgumentException.class,
            ": name matches no patternProperties pattern (" + sources() + ")")
        .endControlFlow();
    List<PatternProperty> patterns = patternMap.patterns();
    List<String> variables = new ArrayList<>(List.of("key", "value"));
    for (int i = 0; i < patterns.size(); i++) {
      variables.add("patternValue" + (i + 1));
    }
    RecordChecks checks = new RecordChecks(type, "key", variables);
    for (int i = 0; i < patterns.size(); i++) {
      PatternProperty pattern = patterns.get(i);
      if (pattern.forbidden()) {
        body.beginControlFlow("if ($L.get($L).matcher(key).find())", PATTERNS_FIELD, i)
            .addStatement("throw new $T(key + $S)", IllegalArgumentException.class,
                ": property not allowed, because the schema of patternProperties pattern "
                    + pattern.pattern() + " is false")
            .endControlFlow();
        continue;
      }
      String variable = "patternValue" + (i + 1);
      boolean converted = !pattern.type().equals(valueType);
      // A typed map rejects null values when it is copied, so only a JsonNode map needs this.
      boolean checkNull = valueType.equals(JSON_NODE) && !pattern.nullable();
      Component value = new Component(variable, "", pattern.type(), true, false,
          null, pattern.constraints(), false);
      CodeText valueChecks = checks.valueChecks(value);
      if (!converted && !checkNull && valueChecks.isEmpty()) {
        continue;
      }
      body.beginControlFlow("if ($L.get($L).matcher(key).find())", PATTERNS_FIELD, i);
      if (checkNull) {
        body.beginControlFlow("if (value.isNull())")
            .addStatement("throw new $T(key + $S)", IllegalArgumentException.class,
                ": must not be null, because the schema of patternProperties pattern "
                    + pattern.pattern() + " does not allow null")
            .endControlFlow();
      }
      if (converted) {
        // The map contains JsonNode values, so each is read as this pattern's type to check it.
        body.addStatement("$T $L = $T.read(key, value, $L)",
            pattern.type(), variable, PATTERN_PROPERTIES, reader(pattern.type()));
        if (!valueChecks.isEmpty()) {
          body.beginControlFlow("if ($L != null)", variable).add(valueChecks).endControlFlow();
        }
      } else {
        body.addStatement("$T $L = value", pattern.type(), variable).add(valueChecks);
      }
      body.endControlFlow();
    }
    return MethodSpec.methodBuilder(CHECK_METHOD)
        .addJavadoc("Checks one pattern property against the schema of each pattern it matches.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(STRING, "key")
        .addParameter(valueType, "value")
        .addCode(body.build())
        .build();
  }

  /**
   * Returns how Jackson collects every undeclared property as a tree, which is sorted into the maps
   * by {@code readPatternProperties} and the additional map's reader.
   */
  private JsonFieldsGenerator.Undeclared undeclared() {
    return new JsonFieldsGenerator.Undeclared(
        OBJECT_NODE,
        CodeBlock.of("$T.instance.objectNode()", JSON_NODE_FACTORY),
        JSON_NODE,
        "set",
        (component, properties) -> isPatternMap(component)
            ? CodeText.of("$L($L)", READ_METHOD, properties)
            : CodeText.of("$T.unmatched($L, $L, $L)", PATTERN_PROPERTIES, properties,
                PATTERNS_FIELD, reader(valueType(component.type()))));
  }

  /**
   * Returns the method that reads the pattern map from the undeclared properties. Under {@code
   * additionalProperties: false} it first rejects a property that matches no pattern.
   */
  private MethodSpec readMethod() {
    TypeName valueType = patternMap.valueType();
    CodeText body = CodeText.builder();
    if (record.closed()) {
      body.addStatement("$T.rejectUnmatched(undeclared, $L, $S)",
          PATTERN_PROPERTIES, PATTERNS_FIELD, sources());
    }
    body.addStatement("return $T.matching(undeclared, $L, $L)",
        PATTERN_PROPERTIES, PATTERNS_FIELD, reader(valueType));
    return MethodSpec.methodBuilder(READ_METHOD)
        .addJavadoc("Returns the undeclared properties whose names match a pattern.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(ClassName.get(Map.class), STRING, valueType))
        .addParameter(OBJECT_NODE, "undeclared")
        .addCode(body.build())
        .build();
  }

  /** Returns the method Jackson writes the entries of both maps with, as top-level properties. */
  private MethodSpec writeMethod() {
    CodeText body = CodeText.builder()
        .addStatement("$T<$T, $T> all = new $T<>($L)", Map.class, String.class, Object.class,
            LinkedHashMap.class, patternMap.javaName());
    for (Component component : record.components()) {
      if (component.catchAll()) {
        body.addStatement("all.putAll($L)", component.javaName());
      }
    }
    body.addStatement("return all");
    MethodSpec.Builder method = MethodSpec.methodBuilder(WRITE_METHOD)
        .addJavadoc("Returns the entries of the maps of undeclared properties, for Jackson to"
            + " write.\n")
        .addModifiers(Modifier.PRIVATE)
        .addAnnotation(JSON_ANY_GETTER);
    if (record.components().stream().anyMatch(PayloadGenerator::writesNullValues)) {
      method.addAnnotation(PayloadGenerator.INCLUDE_NULL_VALUES);
    }
    return method
        .returns(ParameterizedTypeName.get(
            ClassName.get(Map.class), STRING, ClassName.get(Object.class)))
        .addCode(body.build())
        .build();
  }

  /** Returns the function that converts a JSON tree into {@code type}. */
  private static CodeBlock reader(TypeName type) {
    if (type.equals(JSON_NODE)) {
      return CodeBlock.of("node -> node");
    }
    if (type instanceof ParameterizedTypeName) {
      return CodeText.of("node -> $T.convert(node, new $T<$T>() {})",
          JSON_TREES, TYPE_TOKEN, type);
    }
    return CodeText.of("node -> $T.convert(node, $T.class)", JSON_TREES, type);
  }

  private static TypeName valueType(TypeName mapType) {
    List<TypeName> arguments = ((ParameterizedTypeName) mapType).typeArguments();
    return arguments.get(arguments.size() - 1);
  }

  /** Returns {@code base}, followed by as many underscores as it takes to name no component. */
  private String unusedName(String base) {
    Set<String> used = record.components().stream()
        .map(Component::javaName)
        .collect(Collectors.toSet());
    String name = base;
    while (used.contains(name)) {
      name = name + "_";
    }
    return name;
  }

  private String sources() {
    return patternMap.patterns().stream()
        .map(PatternProperty::pattern)
        .collect(Collectors.joining(", "));
  }
}
