package dev.asyncsse.processor.generate;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds generated types whose class file name, nested types included, is over {@link
 * SchemaTypeMapper#MAX_TYPE_NAME_LENGTH}. The planner reports such names at the node that gives
 * them; this is the last check before any source is written, for a nested type that {@link
 * NestedNameCheck} does not list.
 */
public final class ClassFileNames {

  private ClassFileNames() {}

  /** Returns the names over the limit, such as {@code Outer$Inner}, without {@code .class}. */
  public static List<String> overLimit(List<JavaFile> sources) {
    List<String> names = new ArrayList<>();
    for (JavaFile source : sources) {
      collect(source.typeSpec(), source.typeSpec().name(), names);
    }
    return names;
  }

  /** Returns the length of {@code name} in UTF-8 bytes, as a file system counts it. */
  public static int length(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void collect(TypeSpec type, String name, List<String> overLimit) {
    if (length(name) > SchemaTypeMapper.MAX_TYPE_NAME_LENGTH) {
      overLimit.add(name);
    }
    for (TypeSpec nested : type.typeSpecs()) {
      collect(nested, name + "$" + nested.name(), overLimit);
    }
  }
}
