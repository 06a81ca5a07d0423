package dev.asyncsse.processor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

class ClassFileNamesTest {

  private static JavaFile file(String outer, String... nested) {
    TypeSpec.Builder inner = null;
    for (int i = nested.length - 1; i >= 0; i--) {
      TypeSpec.Builder type = TypeSpec.classBuilder(nested[i]).addModifiers(Modifier.STATIC);
      if (inner != null) {
        type.addType(inner.build());
      }
      inner = type;
    }
    TypeSpec.Builder top = TypeSpec.classBuilder(outer);
    if (inner != null) {
      top.addType(inner.build());
    }
    return JavaFile.builder("com.example", top.build()).build();
  }

  @Test
  void nameAtLimitPasses() {
    String outer = "A".repeat(SchemaTypeMapper.MAX_TYPE_NAME_LENGTH - 6);

    assertEquals(List.of(), ClassFileNames.overLimit(List.of(file(outer, "Inner"))));
  }

  @Test
  void nestedNameOverLimitIsFound() {
    String outer = "A".repeat(150);
    String inner = "B".repeat(49);
    String deepest = "C".repeat(10);

    assertEquals(
        List.of(outer + "$" + inner + "$" + deepest),
        ClassFileNames.overLimit(List.of(file(outer, inner, deepest))));
  }

  @Test
  void lengthCountsUtf8Bytes() {
    // U+00E9 takes two bytes in UTF-8, so 101 of them are 202 bytes.
    String outer = "\u00e9".repeat(101);

    assertEquals(202, ClassFileNames.length(outer));
    assertEquals(List.of(outer), ClassFileNames.overLimit(List.of(file(outer))));
  }
}
