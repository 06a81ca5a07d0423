package dev.asyncsse.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import dev.asyncsse.processor.types.TypeDeclaration.UnionType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Generates the records and enums for payload and header schemas.
 *
 * <p>A record's compact constructor checks required properties and the schema's validation
 * keywords, and copies lists, sets and maps so the record stays immutable.
 */
final class PayloadGenerator {

  private static final ClassName JSON_PROPERTY =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
  private static final ClassName JSON_CREATOR =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator");
  private static final ClassName JSON_VALUE =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonValue");
  private static final ClassName JSON_ANY_GETTER =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonAnyGetter");
  private static final ClassName JSON_IGNORE =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonIgnore");
  private static final ClassName JSON_IGNORE_PROPERTIES =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonIgnoreProperties");

  /** Makes Jackson write a map's null values, which the default mapper leaves out. */
  static final AnnotationSpec INCLUDE_NULL_VALUES =
      AnnotationSpec.builder(ClassName.get("com.fasterxml.jackson.annotation", "JsonInclude"))
          .addMember("content", "$T.ALWAYS",
              ClassName.get("com.fasterxml.jackson.annotation", "JsonInclude", "Include"))
          .build();

  /**
   * Makes Jackson write a component whose value is null as JSON {@code null}, which the default
   * mapper leaves out.
   */
  private static final AnnotationSpec INCLUDE_NULL =
      AnnotationSpec.builder(ClassName.get("com.fasterxml.jackson.annotation", "JsonInclude"))
          .addMember("value", "$T.ALWAYS",
              ClassName.get("com.fasterxml.jackson.annotation", "JsonInclude", "Include"))
          .build();

  static final String DEPRECATED = "the document marks this schema as deprecated.\n";


  private final GeneratedFiles files;

  PayloadGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(TypeDeclaration declaration) {
    if (declaration instanceof RecordType record) {
      return files.file(record(record));
    }
    if (declaration instanceof UnionType union) {
      return files.file(new UnionGenerator().generate(union));
    }
    return files.file(new EnumGenerator().generate((EnumType) declaration));
  }

  private TypeSpec.Builder record(RecordType record) {
    TypeSpec.Builder type = TypeSpec.recordBuilder(record.name()).addModifiers(Modifier.PUBLIC);
    CodeText javadoc = CodeText.builder()
        .add("$L", Javadoc.of(record.doc(), "Payload schema " + record.origin() + "."));
    type.addSuperinterfaces(record.interfaces());
    if (!record.wrapper() && !record.closed()) {
      type.addAnnotation(AnnotationSpec.builder(JSON_IGNORE_PROPERTIES)
          .addMember("ignoreUnknown", "true")
          .build());
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact =
        MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    boolean anyFixed = !record.wrapper()
        && record.components().stream().anyMatch(Component::fixed);
    PatternPropertiesGenerator patterns = record.patternMap() == null
        ? null
        : new PatternPropertiesGenerator(record);
    Component additional = record.wrapper()
        ? null
        : record.components().stream().filter(Component::catchAll).findFirst().orElse(null);
    if ((record.wrapper() || anyFixed) && patterns == null && additional == null) {
      // With a second constructor, @JsonCreator marks the one that Jackson reads JSON with.
      compact.addAnnotation(JSON_CREATOR);
    }
    RecordChecks checks = new RecordChecks(
        type, record.components().stream().map(Component::javaName).toList());
    DeclaredKeyCheck declaredKeys = new DeclaredKeyCheck(record);
    for (Component component : record.components()) {
      ParameterSpec.Builder parameter =
          ParameterSpec.builder(component.javaType(), component.javaName());
      if (component.doc().deprecated()) {
        parameter.addAnnotation(Deprecated.class);
      }
      if (record.wrapper()) {
        parameter.addAnnotation(JSON_VALUE);
      } else if (patterns != null && patterns.isUndeclaredMap(component)) {
        // The JsonFields class reads these maps, and the pattern map's any-getter writes them.
        parameter.addAnnotation(JSON_IGNORE);
      } else if (component.catchAll()) {
        // The JsonFields class reads this map, and the any-getter writes it.
        parameter.addAnnotation(JSON_ANY_GETTER);
        if (writesNullValues(component)) {
          parameter.addAnnotation(INCLUDE_NULL_VALUES);
        }
      } else if (!component.javaName().equals(component.jsonName()) || component.required()) {
        // required = true makes Jackson reject a missing property, which a primitive component
        // would otherwise read as 0 or false.
        AnnotationSpec.Builder property = AnnotationSpec.builder(JSON_PROPERTY)
            .addMember("value", CodeText.of("$S", component.jsonName()));
        if (component.required()) {
          property.addMember("required", "true");
        }
        parameter.addAnnotation(property.build());
        if (component.required() && component.nullable()) {
          // A required property must be present even when it is null, or decoding rejects it.
          parameter.addAnnotation(INCLUDE_NULL);
        }
      }
      constructor.addParameter(parameter.build());
      javadoc.add("\n@param $L $L", component.javaName(), paramDocWithExample(component));
      if (patterns != null && patterns.isPatternMap(component)) {
        checks.addCode(patterns.compactCode(declaredKeys));
      } else {
        checks.add(component);
      }
      if (component.catchAll()) {
        checks.addCode(additionalKeyChecks(component, declaredKeys, patterns));
      }
    }
    declaredKeys.addFieldTo(type);
    if (record.doc().deprecated()) {
      type.addAnnotation(Deprecated.class);
      javadoc.add("\n@deprecated $L", DEPRECATED);
    }
    type.addJavadoc(javadoc.build());
    type.recordConstructor(constructor.build());
    if (checks.any() || record.wrapper() || anyFixed) {
      type.addMethod(compact.addCode(checks.code()).build());
    }
    if (anyFixed) {
      type.addMethod(withoutFixed(record));
    }
    if (patterns != null) {
      patterns.addTo(type);
    } else if (additional != null) {
      new JsonFieldsGenerator(record, additionalOnly(additional)).addTo(type);
    }
    new RecordBuilders(record).addTo(type);
    return type;
  }

  /**
   * Returns how Jackson collects the undeclared properties of a record without {@code
   * patternProperties}: straight into a map of the {@code additionalProperties} value type.
   */
  private static JsonFieldsGenerator.Undeclared additionalOnly(Component additional) {
    List<TypeName> arguments = ((ParameterizedTypeName) additional.type()).typeArguments();
    return new JsonFieldsGenerator.Undeclared(
        additional.type(),
        CodeBlock.of("new $T<>()", LinkedHashMap.class),
        arguments.get(arguments.size() - 1),
        "put",
        (component, properties) -> properties);
  }

  /**
   * Returns the checks of the {@code additionalProperties} map's keys: none may be a declared
   * property's name or, with {@code patternProperties}, match a pattern, because either would
   * encode to JSON that does not decode back into the same record.
   */
  private static CodeBlock additionalKeyChecks(Component additional,
      DeclaredKeyCheck declaredKeys, PatternPropertiesGenerator patterns) {
    CodeText code = CodeText.builder().add(declaredKeys.check(additional, "additionalProperties"));
    if (patterns != null) {
      code.add(patterns.matchedKeyCheck(additional));
    }
    return code.build();
  }

  /**
   * Returns whether {@code component} is an {@code additionalProperties} map that may contain Java
   * {@code null} values, which encoding must write as JSON {@code null}. A map of JSON trees
   * contains {@code NullNode} instead, which Jackson writes in any case.
   */
  static boolean writesNullValues(Component component) {
    if (!component.catchAll() || !component.nullable()) {
      return false;
    }
    List<TypeName> arguments = ((ParameterizedTypeName) component.type()).typeArguments();
    return !arguments.get(arguments.size() - 1).equals(
        ClassName.get("com.fasterxml.jackson.databind", "JsonNode"));
  }

  /** Returns a constructor that leaves out the {@code const} components, which it fills in. */
  private static MethodSpec withoutFixed(RecordType record) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Creates the record with its fixed values:");
    List<CodeBlock> arguments = new java.util.ArrayList<>();
    for (Component component : record.components()) {
      if (component.fixed()) {
        constructor.addJavadoc(" {@code $L} is $L;", component.javaName(),
            Javadoc.escape(component.defaultValue()));
        arguments.add(RecordChecks.defaultLiteral(component));
      } else {
        constructor.addParameter(component.javaType(), component.javaName());
        arguments.add(CodeBlock.of("$L", component.javaName()));
      }
    }
    constructor.addJavadoc(" the other values are checked as in the canonical constructor.\n");
    for (Component component : record.components()) {
      if (!component.fixed()) {
        constructor.addJavadoc(
            "\n@param $L $L", component.javaName(), paramDocWithExample(component));
      }
    }
    constructor.addJavadoc("\n");
    return constructor.addStatement("this($L)", CodeBlock.join(arguments, ", ")).build();
  }

  /** Returns {@link #paramDoc} followed by the property schema's first example, if it has one. */
  private static String paramDocWithExample(Component component) {
    String example = component.doc().example();
    return example.isEmpty()
        ? paramDoc(component)
        : paramDoc(component) + " " + Javadoc.example(example);
  }

  static String paramDoc(Component component) {
    String summary = component.doc().summary();
    String description = summary.isEmpty()
        ? "the \"" + Javadoc.escape(component.jsonName()) + "\" property"
        : Javadoc.escape(summary);
    if (component.doc().deprecated()) {
      description = "deprecated: " + description;
    }
    String presence;
    if (component.fixed()) {
      presence = "always " + Javadoc.escape(component.defaultValue()) + "; null gives that value";
    } else if (component.defaultValue() != null && !component.javaType().isPrimitive()) {
      presence = "null gives the default " + Javadoc.escape(component.defaultValue());
    } else {
      presence = component.required() && !component.nullable() ? "required" : "may be null";
    }
    return description + " (" + presence + ")";
  }
}
