package dev.asyncsse.processor;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Test sources for annotated packages. */
final class Sources {

  private Sources() {}

  /**
   * Returns a {@code package-info.java} whose annotation is on line 2, so diagnostics on the
   * annotation's value point at line 2.
   */
  static JavaFileObject packageInfo(String packageName, String annotationArguments) {
    return JavaFileObjects.forSourceString(
        packageName + ".package-info",
        "/** Generated from an AsyncAPI document. */\n"
            + "@dev.asyncsse.annotations.AsyncApiSpec("
            + annotationArguments
            + ")\n"
            + "package "
            + packageName
            + ";\n");
  }

  /** Returns a {@code package-info.java} that names {@code document}. */
  static JavaFileObject packageInfoFor(String packageName, String document) {
    return packageInfo(packageName, "\"" + document + "\"");
  }
}
