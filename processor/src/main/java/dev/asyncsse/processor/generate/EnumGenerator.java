package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Constant;
import dev.asyncsse.processor.types.TypeDeclaration.EnumType;
import javax.lang.model.element.Modifier;

/**
 * Generates the Java enum for a string {@code enum} schema. Each constant keeps its wire value,
 * and an enum of two or more values gets a constant for values the document does not list.
 */
final class EnumGenerator {

  private static final ClassName JSON_CREATOR =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator");
  private static final ClassName JSON_VALUE =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonValue");
  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName UNKNOWN_ENUM_VALUE =
      ClassName.get("dev.asyncsse.runtime.json", "UnknownEnumValue");

  TypeSpec.Builder generate(EnumType declaration) {
    TypeSpec.Builder type = TypeSpec.enumBuilder(declaration.name()).addModifiers(Modifier.PUBLIC);
    CodeText javadoc = CodeText.builder()
        .add("$L", Javadoc.of(declaration.doc(), "Values of " + declaration.origin() + "."));
    String unknown = declaration.unknownConstant();
    if (unknown != null) {
      javadoc.add(
          "\n<p>A value the document does not list reads as {@link #$L}, so that a stream"
              + " survives values added after this code was generated. {@code $L} cannot be sent.\n",
          unknown, unknown);
    }
    if (declaration.doc().deprecated()) {
      type.addAnnotation(Deprecated.class);
      javadoc.add("\n@deprecated $L", PayloadGenerator.DEPRECATED);
    }
    type.addJavadoc(javadoc.build());
    for (Constant constant : declaration.constants()) {
      type.addEnumConstant(
          constant.javaName(),
          TypeSpec.anonymousClassBuilder(CodeText.of("$S", constant.wireValue()))
              .addJavadoc(CodeText.of("The value \"$L\".\n", Javadoc.escape(constant.wireValue())))
              .build());
    }
    if (unknown != null) {
      type.addEnumConstant(
          unknown,
          TypeSpec.anonymousClassBuilder("null")
              .addJavadoc("Any value the document does not list; the received value is not"
                  + " kept.\n")
              .build());
    }
    type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addParameter(String.class, "value")
            .addCode(CodeText.statement("this.value = value"))
            .build());
    MethodSpec.Builder value = MethodSpec.methodBuilder("value")
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class);
    if (unknown == null) {
      value.addJavadoc("Returns the value as written on the wire.\n").addAnnotation(JSON_VALUE);
      type.addMethod(value.addCode(CodeText.statement("return value")).build());
    } else {
      String rejection = declaration.name().simpleName() + "." + unknown + " cannot be sent: it"
          + " stands for a value this code does not know. Use one of " + allowed(declaration) + ".";
      value.addJavadoc(CodeText.of("Returns the value as written on the wire.\n\n@throws"
              + " IllegalStateException for {@link #$L}, which has no wire value\n", unknown))
          .addCode(CodeText.builder()
              .beginControlFlow("if (this == $L)", unknown)
              .addStatement("throw new $T($S)", IllegalStateException.class, rejection)
              .endControlFlow()
              .addStatement("return value")
              .build());
      type.addMethod(value.build());
      type.addMethod(MethodSpec.methodBuilder("json")
          .addJavadoc(CodeText.of("Returns what Jackson writes: the wire value, or for {@link #$L}"
              + " a value whose writing fails.\n", unknown))
          .addAnnotation(JSON_VALUE)
          .addModifiers(Modifier.PRIVATE)
          .returns(Object.class)
          .addCode(CodeText.builder()
              .addStatement("return this == $L ? new $T($S) : value", unknown, UNKNOWN_ENUM_VALUE,
                  rejection)
              .build())
          .build());
    }
    type.addMethod(fromValue(declaration));
    if (unknown != null) {
      type.addMethod(fromJson(declaration));
    }
    MethodSpec.Builder text = MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class);
    if (unknown == null) {
      text.addCode(CodeText.statement("return value"));
    } else {
      text.addCode(
          CodeText.builder().addStatement("return this == $L ? name() : value", unknown).build());
    }
    type.addMethod(text.build());
    return type;
  }

  /**
   * Returns the method Jackson reads an open enum with. It takes the JSON value instead of a
   * string, because Jackson would hand a number or boolean to a string creator as text, and only
   * an unknown string may become the unknown constant.
   */
  private static MethodSpec fromJson(EnumType declaration) {
    return MethodSpec.methodBuilder("fromJson")
        .addJavadoc("Reads a JSON value, which must be a string.\n")
        .addAnnotation(JSON_CREATOR)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(declaration.name())
        .addParameter(JSON_NODE, "node")
        .addCode(CodeText.builder()
            .beginControlFlow("if (!node.isTextual())")
            .addStatement("throw new $T($S + node)", IllegalArgumentException.class,
                declaration.name().simpleName() + " must be a JSON string, but was ")
            .endControlFlow()
            .addStatement("return fromValue(node.textValue())")
            .build())
        .build();
  }

  private static MethodSpec fromValue(EnumType declaration) {
    String unknown = declaration.unknownConstant();
    MethodSpec.Builder method = MethodSpec.methodBuilder("fromValue")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(declaration.name())
        .addParameter(String.class, "value");
    if (unknown == null) {
      method.addAnnotation(JSON_CREATOR);
      method.addJavadoc("Returns the constant for a wire value.\n\n@throws"
          + " IllegalArgumentException when {@code value} is not one of the allowed values\n");
    } else {
      method.addJavadoc(CodeText.of(
          "Returns the constant for a wire value, or {@link #$L} for a value the document does"
              + " not list.\n", unknown));
    }
    CodeText body = CodeText.builder();
    body.beginControlFlow("for ($T constant : values())", declaration.name())
        .beginControlFlow(unknown == null
            ? "if (constant.value.equals(value))"
            : "if (constant != " + unknown + " && constant.value.equals(value))")
        .addStatement("return constant")
        .endControlFlow()
        .endControlFlow();
    if (unknown == null) {
      body.addStatement(
          "throw new $T($S + value + $S)",
          IllegalArgumentException.class,
          "Unknown " + declaration.name().simpleName() + " value \"",
          "\"; allowed: " + allowed(declaration));
    } else {
      body.addStatement("return $L", unknown);
    }
    return method.addCode(body.build()).build();
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
