package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Component;
import dev.asyncsse.processor.types.TypeDeclaration.PatternMap;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Generates the compact constructor check that a map of undeclared properties ({@code
 * patternProperties} or {@code additionalProperties}) has no key that is the JSON name of a
 * declared property. Encoding writes the map's entries next to the declared properties, so such a
 * key would appear twice in the output.
 */
final class DeclaredKeyCheck {

  private static final ClassName PATTERN_PROPERTIES =
      ClassName.get("dev.asyncsse.runtime.json", "PatternProperties");
  private static final String FIELD = "DECLARED_PROPERTIES";

  private final List<String> jsonNames;
  private boolean used;

  DeclaredKeyCheck(RecordType record) {
    PatternMap patternMap = record.patternMap();
    List<String> names = new ArrayList<>();
    for (Component component : record.components()) {
      boolean patternMapComponent =
          patternMap != null && component.javaName().equals(patternMap.javaName());
      if (!component.catchAll() && !patternMapComponent) {
        names.add(component.jsonName());
      }
    }
    this.jsonNames = List.copyOf(names);
  }

  /**
   * Returns the statement that rejects a key of {@code map} that is a declared property's name,
   * or an empty block when the record declares no property.
   *
   * @param keyword the keyword the map comes from, for the message
   */
  CodeBlock check(Component map, String keyword) {
    if (jsonNames.isEmpty()) {
      return CodeBlock.of("");
    }
    used = true;
    return CodeText.statement("$T.rejectDeclared($L, $L, $S)",
        PATTERN_PROPERTIES, map.javaName(), FIELD, keyword);
  }

  /** Adds the set of declared JSON names to {@code type} if a check refers to it. */
  void addFieldTo(TypeSpec.Builder type) {
    if (!used) {
      return;
    }
    CodeBlock names = jsonNames.stream()
        .map(name -> CodeBlock.of("$S", name))
        .collect(CodeBlock.joining(", "));
    type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(Set.class, String.class),
            FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The JSON names of the declared properties.\n")
        .initializer(CodeText.of("$T.of($L)", Set.class, names))
        .build());
  }
}
