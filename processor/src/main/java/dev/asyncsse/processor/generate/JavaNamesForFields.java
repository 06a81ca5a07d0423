package dev.asyncsse.processor.generate;

import dev.asyncsse.processor.types.JavaNames;

/** Names of private fields that generated types add next to their components. */
final class JavaNamesForFields {

  private JavaNamesForFields() {}

  static String patternField(String component) {
    return JavaNames.constantName(component) + "_PATTERN";
  }
}
