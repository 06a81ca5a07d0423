package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.model.ParameterModel;
import dev.asyncsse.processor.model.ParameterModel.Kind;
import dev.asyncsse.processor.model.ParameterModel.Rules;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.EcmaPatternTranslator;
import dev.asyncsse.processor.types.JavaNames;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Generates the record of a channel's address parameters, such as {@code
 * LightingMeasuredParameters(String streetlightId)}.
 *
 * <p>A parameter with string {@code enum} values becomes a nested enum that keeps each wire value;
 * a 2.x parameter schema of {@code type: integer} or {@code number} becomes {@code int}, {@code
 * long} or {@code double}; any other parameter is a {@code String}. Values are checked on
 * construction: present, not empty, and within the schema's {@code pattern}, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum} and {@code
 * exclusiveMaximum}. The client percent-encodes them into the path, and the server decodes them
 * back and responds with 400 and the failed check's message.
 */
final class ParametersGenerator {

  private static final TypeName STRING_MAP =
      ParameterizedTypeName.get(Map.class, String.class, String.class);
  private static final ClassName PATH_PARAMETERS =
      ClassName.get("dev.asyncsse.runtime", "PathParameters");

  private final GeneratedFiles files;

  ParametersGenerator(GeneratedFiles files) {
    this.files = files;
  }

  /** Returns the Java type of a parameter's record component. */
  static TypeName componentType(ChannelPlan plan, ParameterModel parameter) {
    if (parameter.isEnum()) {
      return plan.parametersClass().nestedClass(enumName(plan, parameter));
    }
    switch (parameter.kind()) {
      case INT:
        return TypeName.INT;
      case LONG:
        return TypeName.LONG;
      case DOUBLE:
        return TypeName.DOUBLE;
      default:
        return ClassName.get(String.class);
    }
  }

  JavaFile generate(ChannelPlan plan) {
    ClassName name = plan.parametersClass();
    List<ParameterModel> parameters = plan.channel().parameters();
    TypeSpec.Builder type = TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC);
    type.addJavadoc(CodeText.of(
        "Parameters of the address {@code $L} of channel {@code $L}.\n",
        Javadoc.escape(plan.channel().address()),
        Javadoc.escape(plan.channel().id())));

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    CodeText toMap = CodeText.builder()
        .addStatement("$T values = new $T<>()", STRING_MAP, LinkedHashMap.class);
    CodeText fromMap = CodeText.builder();
    for (ParameterModel parameter : parameters) {
      String field = JavaNames.memberName(parameter.name());
      TypeName componentType = componentType(plan, parameter);
      constructor.addParameter(componentType, field);
      type.addJavadoc(CodeText.of("\n@param $L $L", field, describe(parameter)));
      if (parameter.isEnum()) {
        type.addType(enumType(plan, parameter));
      }
      check(type, compact, parameter, field);
      toMap.addStatement("values.put($S, $L)", parameter.name(), text(parameter, field));
      fromMap.add(fromMap.isEmpty() ? "" : ", ").add(parse(plan, parameter));
    }
    type.recordConstructor(constructor.build());
    type.addMethod(compact.build());
    type.addMethod(
        MethodSpec.methodBuilder("toMap")
            .addJavadoc(CodeText.of(
                "Returns the values as path text, keyed by the parameter names used in the"
                    + " address.\n"))
            .addModifiers(Modifier.PUBLIC)
            .returns(STRING_MAP)
            .addCode(toMap.build())
            .addCode(CodeText.statement("return values"))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("fromMap")
            .addJavadoc(CodeText.of(
                "Creates the parameters from path text keyed by parameter name.\n\n"
                    + "@throws NullPointerException when a value is missing\n"
                    + "@throws IllegalArgumentException when a value is not allowed\n"))
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(name)
            .addParameter(STRING_MAP, "values")
            .addCode(CodeText.statement("return new $T($L)", name, fromMap.build()))
            .build());
    return files.file(type);
  }

  /** Returns the name of the enum nested in the parameters record for {@code parameter}. */
  static String enumName(ChannelPlan plan, ParameterModel parameter) {
    String name = JavaNames.typeName(parameter.name());
    return name.equals(plan.parametersClass().simpleName()) ? name + "Value" : name;
  }

  private static CodeBlock text(ParameterModel parameter, String field) {
    if (parameter.isEnum()) {
      return CodeText.of("$L.value()", field);
    }
    if (parameter.kind() == Kind.STRING) {
      return CodeText.of("$L", field);
    }
    return CodeText.of("$T.valueOf($L)", String.class, field);
  }

  private static CodeBlock parse(ChannelPlan plan, ParameterModel parameter) {
    CodeBlock value = CodeText.of("values.get($S)", parameter.name());
    if (parameter.isEnum()) {
      return CodeText.of("$T.fromValue($T.requireText($S, $L))",
          componentType(plan, parameter), PATH_PARAMETERS, parameter.name(), value);
    }
    switch (parameter.kind()) {
      case INT:
        return CodeText.of("$T.parseInt($S, $L)", PATH_PARAMETERS, parameter.name(), value);
      case LONG:
        return CodeText.of("$T.parseLong($S, $L)", PATH_PARAMETERS, parameter.name(), value);
      case DOUBLE:
        return CodeText.of("$T.parseDouble($S, $L)", PATH_PARAMETERS, parameter.name(), value);
      default:
        return value;
    }
  }

  private static String describe(ParameterModel parameter) {
    StringBuilder text = new StringBuilder();
    String description = parameter.description().strip();
    if (description.endsWith(".")) {
      description = description.substring(0, description.length() - 1);
    }
    text.append(description.isEmpty()
        ? "the {@code " + Javadoc.escape(parameter.name()) + "} parameter"
        : Javadoc.escape(description));
    if (!parameter.allowedValues().isEmpty()) {
      text.append("; one of ").append(Javadoc.escape(String.join(", ", parameter.allowedValues())));
    }
    if (parameter.defaultValue() != null) {
      text.append("; default ").append(Javadoc.escape(parameter.defaultValue()));
    }
    if (!parameter.examples().isEmpty()) {
      text.append("; for example ").append(Javadoc.escape(String.join(", ", parameter.examples())));
    }
    return text.append('.').toString();
  }

  /** Generates the enum of a parameter's values, each constant keeping its value in the path. */
  private static TypeSpec enumType(ChannelPlan plan, ParameterModel parameter) {
    ClassName name = (ClassName) componentType(plan, parameter);
    TypeSpec.Builder type = TypeSpec.enumBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(CodeText.of(
            "Values of the {@code $L} parameter", Javadoc.escape(parameter.name())));
    String description = parameter.description().strip();
    if (description.isEmpty()) {
      type.addJavadoc(".\n");
    } else {
      type.addJavadoc(CodeText.of(": $L\n", Javadoc.escape(description)));
    }
    if (!parameter.examples().isEmpty()) {
      type.addJavadoc(CodeText.of("\n<p>For example {@code $L}.\n",
          Javadoc.escape(String.join(", ", parameter.examples()))));
    }

    Set<String> used = new HashSet<>();
    List<String> values = parameter.allowedValues();
    for (int i = 0; i < values.size(); i++) {
      String raw = parameter.enumNames().isEmpty() ? values.get(i) : parameter.enumNames().get(i);
      String constant = JavaNames.constantName(raw);
      for (int n = 2; !used.add(constant); n++) {
        constant = JavaNames.constantName(raw) + n;
      }
      type.addEnumConstant(
          constant,
          TypeSpec.anonymousClassBuilder(CodeText.of("$S", values.get(i)))
              .addJavadoc(CodeText.of("The value {@code $L}.\n", Javadoc.escape(values.get(i))))
              .build());
    }

    type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder()
        .addParameter(String.class, "value")
        .addCode(CodeText.statement("this.value = value"))
        .build());
    type.addMethod(MethodSpec.methodBuilder("value")
        .addJavadoc("Returns the value as written in the path.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addCode(CodeText.statement("return value"))
        .build());

    String allowed = String.join(", ", values);
    type.addMethod(MethodSpec.methodBuilder("fromValue")
        .addJavadoc(CodeText.of("Returns the constant for a value written in the path.\n\n"
            + "@throws IllegalArgumentException when {@code value} is not one of the allowed"
            + " values\n"))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(name)
        .addParameter(String.class, "value")
        .addCode(CodeText.controlFlowStart("for ($T constant : values())", name))
        .addCode(CodeText.controlFlowStart("if (constant.value.equals(value))"))
        .addCode(CodeText.statement("return constant"))
        .endControlFlow()
        .endControlFlow()
        .addCode(CodeText.statement("throw new $T($S + value)", IllegalArgumentException.class,
            "parameter " + parameter.name() + " must be one of [" + allowed + "], but was "))
        .build());
    type.addMethod(MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addCode(CodeText.statement("return value"))
        .build());
    return type.build();
  }

  private static void check(
      TypeSpec.Builder type, MethodSpec.Builder compact, ParameterModel parameter, String field) {
    String name = parameter.name();
    if (parameter.isEnum() || parameter.kind() == Kind.STRING) {
      compact.addCode(CodeText.statement(
          "$T.requireNonNull($L, $S)", Objects.class, field, "parameter " + name + " is missing"));
    }
    if (parameter.isEnum()) {
      return;
    }
    if (parameter.kind() == Kind.STRING) {
      fail(compact, CodeText.of("$L.isEmpty()", field), "parameter " + name + " must not be empty");
      allowedStrings(type, compact, parameter, field);
      strings(type, compact, parameter, field);
      return;
    }
    if (parameter.kind() == Kind.DOUBLE) {
      fail(compact, CodeText.of("!$T.isFinite($L)", Double.class, field),
          "parameter " + name + " must be a finite number, but was ", field);
    }
    allowedNumbers(type, compact, parameter, field);
    Rules rules = parameter.rules();
    bound(compact, parameter, field, "<", rules.minimum(), "at least");
    bound(compact, parameter, field, ">", rules.maximum(), "at most");
    bound(compact, parameter, field, "<=", rules.exclusiveMinimum(), "greater than");
    bound(compact, parameter, field, ">=", rules.exclusiveMaximum(), "less than");
  }

  private static void allowedStrings(
      TypeSpec.Builder type, MethodSpec.Builder compact, ParameterModel parameter, String field) {
    if (parameter.allowedValues().isEmpty()) {
      return;
    }
    CodeBlock values = parameter.allowedValues().stream()
        .map(value -> CodeText.of("$S", value))
        .collect(CodeBlock.joining(", "));
    allowedList(type, compact, parameter, field, ClassName.get(String.class), values);
  }

  /** Checks a numeric parameter's {@code enum}, compared as numbers so {@code 1} equals 1.0. */
  private static void allowedNumbers(
      TypeSpec.Builder type, MethodSpec.Builder compact, ParameterModel parameter, String field) {
    if (parameter.allowedValues().isEmpty()) {
      return;
    }
    CodeBlock values = parameter.allowedValues().stream()
        .map(value -> CodeText.of("$L", literal(new BigDecimal(value), Kind.DOUBLE)))
        .collect(CodeBlock.joining(", "));
    allowedList(type, compact, parameter, field, ClassName.get(Double.class), values);
  }

  private static void allowedList(TypeSpec.Builder type, MethodSpec.Builder compact,
      ParameterModel parameter, String field, ClassName element, CodeBlock values) {
    String constant = JavaNames.constantName(field) + "_VALUES";
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(ClassName.get(List.class), element),
                constant,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(CodeText.of("$T.of($L)", List.class, values))
            .build());
    CodeBlock value = element.equals(ClassName.get(Double.class))
        ? CodeText.of("(double) $L", field)
        : CodeText.of("$L", field);
    compact.addCode(CodeText.controlFlowStart("if (!$L.contains($L))", constant, value))
        .addCode(CodeText.statement(
            "throw new $T($S + $L + $S + $L)",
            IllegalArgumentException.class,
            "parameter " + parameter.name() + " must be one of ",
            constant,
            ", but was ",
            field))
        .endControlFlow();
  }

  private static void strings(
      TypeSpec.Builder type, MethodSpec.Builder compact, ParameterModel parameter, String field) {
    Rules rules = parameter.rules();
    String name = parameter.name();
    CodeBlock length = CodeText.of("$L.codePointCount(0, $L.length())", field, field);
    if (rules.minLength() != null) {
      fail(compact, CodeText.of("$L < $L", length, rules.minLength()),
          "parameter " + name + " must have at least " + rules.minLength()
              + " characters, but was ", field);
    }
    if (rules.maxLength() != null) {
      fail(compact, CodeText.of("$L > $L", length, rules.maxLength()),
          "parameter " + name + " must have at most " + rules.maxLength()
              + " characters, but was ", field);
    }
    // The parameter reader drops a pattern that has no translation, after reporting it.
    Optional<String> javaPattern = rules.pattern() == null
        ? Optional.empty()
        : EcmaPatternTranslator.translated(rules.pattern());
    if (javaPattern.isPresent()) {
      String constant = JavaNames.constantName(field) + "_PATTERN";
      type.addField(FieldSpec.builder(
              Pattern.class, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(CodeText.of("$T.compile($S)", Pattern.class, javaPattern.get()))
          .build());
      // JSON Schema patterns are not anchored: a match anywhere in the value is enough.
      fail(compact, CodeText.of("!$L.matcher($L).find()", constant, field),
          "parameter " + name + " must match pattern " + rules.pattern() + ", but was ", field);
    }
  }

  private static void bound(MethodSpec.Builder compact, ParameterModel parameter, String field,
      String failing, BigDecimal limit, String rule) {
    if (limit == null) {
      return;
    }
    String message = "parameter " + parameter.name() + " must be " + rule + " "
        + ScalarNode.numberText(limit) + ", but was ";
    if (Double.isInfinite(limit.doubleValue())) {
      // Beyond the range of a double: every value meets such a bound, or none does.
      boolean lower = failing.startsWith("<");
      if (lower == limit.signum() > 0) {
        fail(compact, CodeText.of("true"), message, field);
      }
      return;
    }
    fail(compact, CodeText.of("$L $L $L", field, failing, literal(limit, parameter.kind())),
        message, field);
  }

  /** Returns a Java literal for a schema number: a long for whole numbers, else a double. */
  private static String literal(BigDecimal value, Kind kind) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (kind != Kind.DOUBLE && stripped.scale() <= 0
        && stripped.toBigInteger().bitLength() < 64) {
      return stripped.toBigIntegerExact() + "L";
    }
    return value.doubleValue() + "d";
  }

  private static void fail(MethodSpec.Builder compact, CodeBlock condition, String message) {
    compact.addCode(CodeText.controlFlowStart("if ($L)", condition))
        .addCode(CodeText.statement("throw new $T($S)", IllegalArgumentException.class, message))
        .endControlFlow();
  }

  private static void fail(
      MethodSpec.Builder compact, CodeBlock condition, String message, String field) {
    compact.addCode(CodeText.controlFlowStart("if ($L)", condition))
        .addCode(CodeText.statement(
            "throw new $T($S + $L)", IllegalArgumentException.class, message, field))
        .endControlFlow();
  }
}
