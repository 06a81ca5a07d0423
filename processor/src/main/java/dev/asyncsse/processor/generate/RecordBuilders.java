package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes a nested {@code Builder} for a record with at least {@link #MIN_COMPONENTS} components,
 * where a constructor call with many positional arguments is hard to read. {@code
 * build()} calls the canonical constructor, so it runs the same checks.
 */
final class RecordBuilders {

  /** The name of the nested builder class. */
  static final String BUILDER = "Builder";

  /** The number of components from which a record gets a builder. */
  static final int MIN_COMPONENTS = 6;

  private final RecordType record;
  private final ClassName builder;

  RecordBuilders(RecordType record) {
    this.record = record;
    this.builder = record.name().nestedClass(BUILDER);
  }

  /** Returns whether {@code record} gets a nested {@code Builder}. */
  static boolean hasBuilder(RecordType record) {
    if (record.wrapper() || record.components().size() < MIN_COMPONENTS) {
      return false;
    }
    // A component named builder has an accessor builder() that the static method would clash with.
    return record.components().stream()
        .noneMatch(component -> component.javaName().equals("builder"));
  }

  /** Adds {@code builder()} and the {@code Builder} class, when the record has them. */
  void addTo(TypeSpec.Builder type) {
    if (!hasBuilder(record)) {
      return;
    }
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("Returns an empty builder; unset values are {@code null}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(builder)
        .addCode(CodeText.builder().addStatement("return new $T()", builder).build())
        .build());
    type.addType(builderClass());
  }

  private TypeSpec builderClass() {
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Builds a {@link $T} one property at a time.\n", record.name());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    CodeText arguments = CodeText.builder();
    CodeText buildBody = CodeText.builder();
    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addJavadoc("Returns the record, checked as by its constructor.\n\n"
            + "@throws NullPointerException when a required value is not set\n"
            + "@throws IllegalArgumentException when a value breaks a rule of the schema\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(record.name());
    for (Component component : record.components()) {
      String name = component.javaName();
      type.addField(FieldSpec.builder(component.type(), name, Modifier.PRIVATE).build());
      MethodSpec.Builder setter = MethodSpec.methodBuilder(name)
          .addJavadoc(CodeText.of(
              "Sets $L.\n\n@return this builder\n", PayloadGenerator.paramDoc(component)))
          .addModifiers(Modifier.PUBLIC)
          .returns(builder)
          .addParameter(component.type(), name)
          .addCode(CodeText.builder()
              .addStatement("this.$L = $L", name, name)
              .addStatement("return this")
              .build());
      if (component.doc().deprecated()) {
        setter.addAnnotation(Deprecated.class);
      }
      type.addMethod(setter.build());
      if (!arguments.isEmpty()) {
        arguments.add(", ");
      }
      if (component.defaultValue() != null && component.javaType().isPrimitive()) {
        // A primitive component cannot receive null, so its default is filled in here.
        arguments.add("$L == null ? $L : $L", name, RecordChecks.defaultLiteral(component), name);
      } else {
        arguments.add("$L", name);
      }
      if (component.required() && !component.nullable() && component.defaultValue() == null) {
        // Checked here as well as in the record so that an unset primitive is reported by name
        // instead of failing to unbox, and every missing value in component order.
        buildBody.addStatement("$T.requireNonNull($L, $S)", Objects.class, name,
            component.jsonName() + ": required property is missing");
      }
    }
    buildBody.add("$[return new $T(", record.name()).add(arguments).add(");\n$]");
    return type.addMethod(build.addCode(buildBody.build()).build()).build();
  }
}
