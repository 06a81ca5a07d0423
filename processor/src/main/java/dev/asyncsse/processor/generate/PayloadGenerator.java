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
import dev.asyncsse.processor.types.TypeDeclaration.Constant;
import dev.asyncsse.processor.types.TypeDeclaration.Constraints;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import dev.asyncsse.processor.types.TypeDeclaration.UnionType;
import java.math.BigDecimal;
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
  private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

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
    return files.file(enumType((EnumType) declaration));
  }

  private TypeSpec.Builder record(RecordType record) {
    TypeSpec.Builder type = TypeSpec.recordBuilder(record.name()).addModifiers(Modifier.PUBLIC);
    type.addJavadoc("$L", Javadoc.text(record.description(), "Payload schema " + record.origin() + "."));
    type.addSuperinterfaces(record.interfaces());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    boolean checks = false;
    for (Component component : record.components()) {
      ParameterSpec.Builder parameter = ParameterSpec.builder(component.javaType(), component.javaName());
      if (record.wrapper()) {
        parameter.addAnnotation(JSON_VALUE);
      } else if (!component.javaName().equals(component.jsonName())) {
        parameter.addAnnotation(
            AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", component.jsonName()).build());
      }
      constructor.addParameter(parameter.build());
      type.addJavadoc("\n@param $L $L", component.javaName(), paramDoc(component));
      checks |= addChecks(type, compact, record.name(), component);
    }
    type.recordConstructor(constructor.build());
    if (checks) {
      type.addMethod(compact.build());
    }
    return type;
  }

  private static String paramDoc(Component component) {
    String description = component.description().isBlank()
        ? "the \"" + Javadoc.escape(component.jsonName()) + "\" property"
        : Javadoc.escape(component.description().strip());
    String presence = component.required() && !component.nullable() ? "required" : "may be null";
    return description + " (" + presence + ")";
  }

  /** Adds the checks for one component; returns whether it added any. */
  private boolean addChecks(
      TypeSpec.Builder type, MethodSpec.Builder compact, ClassName owner, Component component) {
    String name = component.javaName();
    String property = component.jsonName();
    boolean added = false;
    if (component.required() && !component.nullable() && !component.javaType().isPrimitive()) {
      compact.addStatement(
          "$T.requireNonNull($L, $S)", Objects.class, name, property + ": required property is missing");
      added = true;
    }
    TypeName copied = copyType(component.type());
    if (copied != null) {
      compact.addStatement("$L = $L == null ? null : $T.copyOf($L)", name, name, copied, name);
      added = true;
    }

    Constraints rules = component.constraints();
    if (rules.isEmpty()) {
      return added;
    }
    CodeBlock.Builder body = CodeBlock.builder();
    TypeName valueType = component.type();
    if (isNumber(valueType)) {
      bound(body, name, property, ">=", "<", rules.minimum());
      bound(body, name, property, "<=", ">", rules.maximum());
      bound(body, name, property, ">", "<=", rules.exclusiveMinimum());
      bound(body, name, property, "<", ">=", rules.exclusiveMaximum());
    } else if (valueType.equals(ClassName.get(String.class))) {
      length(body, name, property, "length()", "characters", rules.minLength(), rules.maxLength());
      if (rules.pattern() != null && isValidPattern(rules.pattern())) {
        String field = JavaNamesForFields.patternField(name);
        type.addField(
            FieldSpec.builder(Pattern.class, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.compile($S)", Pattern.class, rules.pattern())
                .build());
        body.beginControlFlow("if (!$L.matcher($L).find())", field, name)
            .addStatement(
                "throw new $T($S + $L)",
                IllegalArgumentException.class,
                property + ": must match pattern " + rules.pattern() + ", but was ",
                name)
            .endControlFlow();
      }
      if ("email".equals(rules.format())) {
        String field = JavaNamesForFields.patternField(name + "Email");
        type.addField(
            FieldSpec.builder(Pattern.class, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.compile($S)", Pattern.class, EMAIL)
                .build());
        body.beginControlFlow("if (!$L.matcher($L).matches())", field, name)
            .addStatement(
                "throw new $T($S + $L)",
                IllegalArgumentException.class,
                property + ": must be an email address, but was ",
                name)
            .endControlFlow();
      }
    } else if (copied != null) {
      length(body, name, property, "size()", "items", rules.minItems(), rules.maxItems());
    }
    CodeBlock checks = body.build();
    if (checks.isEmpty()) {
      return added;
    }
    if (component.javaType().isPrimitive()) {
      compact.addCode(checks);
    } else {
      compact.beginControlFlow("if ($L != null)", name).addCode(checks).endControlFlow();
    }
    return true;
  }

  private static void bound(
      CodeBlock.Builder body, String name, String property, String rule, String failing, BigDecimal limit) {
    if (limit == null) {
      return;
    }
    String literal = limit.stripTrailingZeros().scale() <= 0
        ? limit.toBigInteger() + "L"
        : limit.toPlainString();
    body.beginControlFlow("if ($L $L $L)", name, failing, literal)
        .addStatement(
            "throw new $T($S + $L)",
            IllegalArgumentException.class,
            property + ": must be " + rule + " " + limit.toPlainString() + ", but was ",
            name)
        .endControlFlow();
  }

  private static void length(
      CodeBlock.Builder body, String name, String property, String accessor, String unit,
      Integer min, Integer max) {
    if (min != null && min > 0) {
      body.beginControlFlow("if ($L.$L < $L)", name, accessor, min)
          .addStatement(
              "throw new $T($S + $L.$L)",
              IllegalArgumentException.class,
              property + ": must have at least " + min + " " + unit + ", but has ",
              name,
              accessor)
          .endControlFlow();
    }
    if (max != null) {
      body.beginControlFlow("if ($L.$L > $L)", name, accessor, max)
          .addStatement(
              "throw new $T($S + $L.$L)",
              IllegalArgumentException.class,
              property + ": must have at most " + max + " " + unit + ", but has ",
              name,
              accessor)
          .endControlFlow();
    }
  }

  private static boolean isValidPattern(String pattern) {
    try {
      Pattern.compile(pattern);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isNumber(TypeName type) {
    return type.equals(ClassName.get(Integer.class))
        || type.equals(ClassName.get(Long.class))
        || type.equals(ClassName.get(Double.class));
  }

  private static TypeName copyType(TypeName type) {
    if (type instanceof ParameterizedTypeName parameterized) {
      ClassName raw = parameterized.rawType();
      if (raw.equals(ClassName.get(List.class))
          || raw.equals(ClassName.get(Set.class))
          || raw.equals(ClassName.get(Map.class))) {
        return raw;
      }
    }
    return null;
  }

  private TypeSpec.Builder enumType(EnumType declaration) {
    TypeSpec.Builder type = TypeSpec.enumBuilder(declaration.name()).addModifiers(Modifier.PUBLIC);
    type.addJavadoc("$L", Javadoc.text(declaration.description(), "Values of " + declaration.origin() + "."));
    for (Constant constant : declaration.constants()) {
      type.addEnumConstant(
          constant.javaName(),
          TypeSpec.anonymousClassBuilder("$S", constant.wireValue())
              .addJavadoc("The value \"$L\".\n", Javadoc.escape(constant.wireValue()))
              .build());
    }
    type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addParameter(String.class, "value")
            .addStatement("this.value = value")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("value")
            .addJavadoc("Returns the value as written on the wire.\n")
            .addAnnotation(JSON_VALUE)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return value")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("fromValue")
            .addJavadoc(
                "Returns the constant for a wire value.\n\n@throws IllegalArgumentException when"
                    + " {@code value} is not one of the allowed values\n")
            .addAnnotation(JSON_CREATOR)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(declaration.name())
            .addParameter(String.class, "value")
            .beginControlFlow("for ($T constant : values())", declaration.name())
            .beginControlFlow("if (constant.value.equals(value))")
            .addStatement("return constant")
            .endControlFlow()
            .endControlFlow()
            .addStatement(
                "throw new $T($S + value + $S)",
                IllegalArgumentException.class,
                "Unknown " + declaration.name().simpleName() + " value \"",
                "\"; allowed: " + allowed(declaration))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("toString")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return value")
            .build());
    return type;
  }

  private static String allowed(EnumType declaration) {
    StringBuilder text = new StringBuilder();
    for (Constant constant : declaration.constants()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append('"').append(constant.wireValue()).append('"');
    }
    return text.toString();
  }
}
