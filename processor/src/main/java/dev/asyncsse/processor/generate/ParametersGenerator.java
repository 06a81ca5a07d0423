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
import dev.asyncsse.processor.types.JavaNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Generates the record of a channel's address parameters, such as {@code
 * LightingMeasuredParameters(String streetlightId)}.
 *
 * <p>Values are checked on construction: present, not empty, and one of the {@code enum} values
 * when the document lists them. The client percent-encodes them into the path and the server
 * decodes them back.
 */
final class ParametersGenerator {

  private static final TypeName STRING_MAP =
      ParameterizedTypeName.get(Map.class, String.class, String.class);

  private final GeneratedFiles files;

  ParametersGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(ChannelPlan plan) {
    ClassName name = plan.parametersClass();
    List<ParameterModel> parameters = plan.channel().parameters();
    TypeSpec.Builder type = TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC);
    type.addJavadoc(
        "Parameters of the address {@code $L} of channel {@code $L}.\n",
        Javadoc.escape(plan.channel().address()),
        Javadoc.escape(plan.channel().id()));

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    CodeBlock.Builder toMap = CodeBlock.builder()
        .addStatement("$T values = new $T<>()", STRING_MAP, LinkedHashMap.class);
    CodeBlock.Builder fromMap = CodeBlock.builder();
    for (ParameterModel parameter : parameters) {
      String field = JavaNames.memberName(parameter.name());
      constructor.addParameter(String.class, field);
      type.addJavadoc("\n@param $L $L", field, describe(parameter));
      check(type, compact, parameter, field);
      toMap.addStatement("values.put($S, $L)", parameter.name(), field);
      fromMap.add(fromMap.isEmpty() ? "" : ", ").add("values.get($S)", parameter.name());
    }
    type.recordConstructor(constructor.build());
    type.addMethod(compact.build());
    type.addMethod(
        MethodSpec.methodBuilder("toMap")
            .addJavadoc("Returns the values keyed by the parameter names used in the address.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STRING_MAP)
            .addCode(toMap.build())
            .addStatement("return values")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("fromMap")
            .addJavadoc(
                "Creates the parameters from values keyed by parameter name.\n\n"
                    + "@throws IllegalArgumentException when a value is missing or not allowed\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(name)
            .addParameter(STRING_MAP, "values")
            .addStatement("return new $T($L)", name, fromMap.build())
            .build());
    return files.file(type);
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
    if (!parameter.examples().isEmpty()) {
      text.append("; for example ").append(Javadoc.escape(parameter.examples().get(0)));
    }
    return text.append('.').toString();
  }

  private static void check(
      TypeSpec.Builder type, MethodSpec.Builder compact, ParameterModel parameter, String field) {
    String name = parameter.name();
    compact.addStatement(
        "$T.requireNonNull($L, $S)", Objects.class, field, "parameter " + name + " is missing");
    compact.beginControlFlow("if ($L.isEmpty())", field)
        .addStatement(
            "throw new $T($S)",
            IllegalArgumentException.class,
            "parameter " + name + " must not be empty")
        .endControlFlow();
    if (parameter.allowedValues().isEmpty()) {
      return;
    }
    String constant = JavaNames.constantName(field) + "_VALUES";
    CodeBlock values = parameter.allowedValues().stream()
        .map(value -> CodeBlock.of("$S", value))
        .collect(CodeBlock.joining(", "));
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(List.class, String.class),
                constant,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer("$T.of($L)", List.class, values)
            .build());
    compact.beginControlFlow("if (!$L.contains($L))", constant, field)
        .addStatement(
            "throw new $T($S + $L + $S + $L)",
            IllegalArgumentException.class,
            "parameter " + name + " must be one of ",
            constant,
            ", but was ",
            field)
        .endControlFlow();
  }
}
