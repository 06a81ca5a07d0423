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
  private static final ClassName JSON_ANY_SETTER =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonAnySetter");
  private static final ClassName JSON_ANY_GETTER =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonAnyGetter");
  private static final ClassName JSON_IGNORE_PROPERTIES =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonIgnoreProperties");

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
    type.addJavadoc(
        "$L", Javadoc.text(record.description(), "Payload schema " + record.origin() + "."));
    type.addSuperinterfaces(record.interfaces());
    if (!record.wrapper() && !record.closed()) {
      type.addAnnotation(AnnotationSpec.builder(JSON_IGNORE_PROPERTIES)
          .addMember("ignoreUnknown", "true")
          .build());
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact =
        MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    if (record.wrapper()) {
      compact.addAnnotation(JSON_CREATOR);
    }
    RecordChecks checks = new RecordChecks(type, compact);
    for (Component component : record.components()) {
      ParameterSpec.Builder parameter =
          ParameterSpec.builder(component.javaType(), component.javaName());
      if (record.wrapper()) {
        parameter.addAnnotation(JSON_VALUE);
      } else if (component.catchAll()) {
        parameter.addAnnotation(JSON_ANY_SETTER).addAnnotation(JSON_ANY_GETTER);
      } else if (!component.javaName().equals(component.jsonName()) || component.required()) {
        // required = true makes Jackson reject a missing property, which a primitive component
        // would otherwise read as 0 or false.
        AnnotationSpec.Builder property =
            AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", component.jsonName());
        if (component.required()) {
          property.addMember("required", "true");
        }
        parameter.addAnnotation(property.build());
      }
      constructor.addParameter(parameter.build());
      type.addJavadoc("\n@param $L $L", component.javaName(), paramDoc(component));
      checks.add(component);
    }
    type.recordConstructor(constructor.build());
    if (checks.any() || record.wrapper()) {
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
