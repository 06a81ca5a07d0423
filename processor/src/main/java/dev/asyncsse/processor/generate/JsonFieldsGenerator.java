package dev.asyncsse.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.lang.model.element.Modifier;

/**
 * Generates how Jackson reads a record that has a map of undeclared properties: a private nested
 * class {@code JsonFields} that Jackson fills one property at a time, in input order, and a
 * delegating {@code @JsonCreator} factory that builds the record from it.
 *
 * <p>Jackson 2.22 also registers an any-setter creator parameter under its own name, so a JSON
 * property named like that parameter (the record component {@code additionalProperties}, or
 * {@code ""} for a factory parameter without a name) would be read as the whole map. A plain
 * class has no such parameter. Because Jackson sets its members in input order, a property that
 * an object repeats keeps its last value, declared or not, as Jackson's maps and trees do.
 */
final class JsonFieldsGenerator {

  static final String CLASS = "JsonFields";

  private static final ClassName JSON_CREATOR =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator");
  private static final ClassName JSON_CREATOR_MODE =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator", "Mode");
  private static final ClassName JSON_PROPERTY =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
  private static final ClassName JSON_ANY_SETTER =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonAnySetter");

  /**
   * The collection of the undeclared properties and its use in the factory method.
   *
   * @param type the collection's type, {@code ObjectNode} or {@code Map<String, V>}
   * @param initializer the expression that creates an empty collection
   * @param valueType the type Jackson reads each undeclared value as
   * @param add the method that adds one property to the collection, {@code set} or {@code put}
   * @param argument the record constructor's argument for a map component, given the expression
   *     that reads the collection
   */
  record Undeclared(TypeName type, CodeBlock initializer, TypeName valueType, String add,
      BiFunction<Component, CodeBlock, CodeBlock> argument) {}

  private final RecordType record;
  private final Undeclared undeclared;
  private final Set<String> used = new HashSet<>();

  JsonFieldsGenerator(RecordType record, Undeclared undeclared) {
    this.record = record;
    this.undeclared = undeclared;
    for (Component component : record.components()) {
      used.add(component.javaName());
    }
  }

  /** Adds the factory method and the nested class to {@code type}. */
  void addTo(TypeSpec.Builder type) {
    String collection = unused("undeclared");
    TypeSpec.Builder fields = TypeSpec.classBuilder(CLASS)
        .addJavadoc("The properties of one JSON object, set by Jackson in input order.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    MethodSpec.Builder factory = MethodSpec.methodBuilder("fromJson")
        .addJavadoc("Creates the record from the properties of one JSON object.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addAnnotation(AnnotationSpec.builder(JSON_CREATOR)
            .addMember("mode", "$T.DELEGATING", JSON_CREATOR_MODE)
            .build())
        .returns(record.name())
        .addParameter(record.name().nestedClass(CLASS), "json");
    List<CodeBlock> arguments = new ArrayList<>();
    for (Component component : record.components()) {
      if (isUndeclaredMap(component)) {
        arguments.add(undeclared.argument().apply(component, CodeBlock.of("json.$L", collection)));
      } else {
        addDeclared(component, fields, factory);
        arguments.add(CodeBlock.of("json.$L", component.javaName()));
      }
    }
    fields.addField(FieldSpec.builder(undeclared.type(), collection, Modifier.PRIVATE,
            Modifier.FINAL)
        .initializer(undeclared.initializer())
        .build());
    fields.addMethod(MethodSpec.methodBuilder(collection)
        .addModifiers(Modifier.PRIVATE)
        .addAnnotation(JSON_ANY_SETTER)
        .addParameter(String.class, "name")
        .addParameter(undeclared.valueType(), "value")
        .addStatement("$L.$L(name, value)", collection, undeclared.add())
        .build());
    type.addMethod(factory
        .addStatement("return new $T($L)", record.name(), CodeBlock.join(arguments, ", "))
        .build());
    type.addType(fields.build());
  }

  /**
   * Adds the field of a declared property, and the check of a required one. Jackson checks {@code
   * required} only for creator parameters. The record's constructor rejects a missing required
   * property whose component is an object, so this checks a primitive component, which must not be
   * unboxed from null, and a nullable one, which must be present but may be null.
   */
  private void addDeclared(
      Component component, TypeSpec.Builder fields, MethodSpec.Builder factory) {
    String name = component.javaName();
    AnnotationSpec property = AnnotationSpec.builder(JSON_PROPERTY)
        .addMember("value", "$S", component.jsonName())
        .build();
    String missing = component.jsonName() + ": required property is missing";
    if (component.required() && component.javaType().isPrimitive()) {
      factory.beginControlFlow("if (json.$L == null)", name)
          .addStatement("throw new $T($S)", NullPointerException.class, missing)
          .endControlFlow();
    }
    if (!component.required() || !component.nullable()) {
      fields.addField(FieldSpec.builder(component.type(), name, Modifier.PRIVATE)
          .addAnnotation(property)
          .build());
      return;
    }
    String present = unused(name + "Present");
    fields.addField(component.type(), name, Modifier.PRIVATE);
    fields.addField(TypeName.BOOLEAN, present, Modifier.PRIVATE);
    fields.addMethod(MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addAnnotation(property)
        .addParameter(component.type(), "value")
        .addStatement("this.$L = value", name)
        .addStatement("this.$L = true", present)
        .build());
    factory.beginControlFlow("if (!json.$L)", present)
        .addStatement("throw new $T($S)", NullPointerException.class, missing)
        .endControlFlow();
  }

  private boolean isUndeclaredMap(Component component) {
    return component.catchAll()
        || (record.patternMap() != null
            && component.javaName().equals(record.patternMap().javaName()));
  }

  /** Returns {@code base}, followed by as many underscores as it takes to be unused, and uses it. */
  private String unused(String base) {
    String name = base;
    while (used.contains(name)) {
      name = name + "_";
    }
    used.add(name);
    return name;
  }
}
