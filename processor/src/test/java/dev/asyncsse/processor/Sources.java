package dev.asyncsse.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Writes {@code text} to the file {@code document} in {@code dir}, and compiles with the
   * processor a {@code package-info.java} of {@code packageName} that names it. The processor
   * looks for documents in {@code dir}.
   *
   * @param options more javac options, such as {@code -Xlint:all}
   */
  static Compilation compile(
      Path dir, String packageName, String document, String text, String... options)
      throws IOException {
    Files.writeString(dir.resolve(document), text);
    return compileWritten(dir, packageName, document, options);
  }

  /** Like {@link #compile(Path, String, String, String, String...)}, for content in bytes. */
  static Compilation compile(
      Path dir, String packageName, String document, byte[] content, String... options)
      throws IOException {
    Files.write(dir.resolve(document), content);
    return compileWritten(dir, packageName, document, options);
  }

  private static Compilation compileWritten(
      Path dir, String packageName, String document, String... options) {
    List<String> all = new ArrayList<>();
    all.add("-Aasyncsse.specDir=" + dir);
    all.addAll(List.of(options));
    return javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(all)
        .compile(packageInfoFor(packageName, document));
  }
}
