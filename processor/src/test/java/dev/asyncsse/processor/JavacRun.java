package dev.asyncsse.processor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs the JDK's {@code javac} on files on disk with the processor on the processor path, the way
 * a build tool does, and keeps what it printed and wrote.
 */
final class JavacRun {

  /**
   * What one run left behind.
   *
   * @param exitCode 0 when compilation succeeded
   * @param output everything javac printed
   * @param generatedSources the files written under the {@code -s} folder
   */
  record Result(int exitCode, String output, List<Path> generatedSources) {}

  private JavacRun() {}

  /**
   * Compiles {@code sources} with the test class path as both class path and processor path.
   *
   * @param work a folder that receives {@code classes/} and {@code generated/}
   */
  static Result compile(Path work, List<Path> sources, List<String> extraOptions) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path generated = Files.createDirectories(work.resolve("generated"));
    String classPath = System.getProperty("java.class.path");
    List<String> arguments = new ArrayList<>(List.of(
        "-processorpath", classPath,
        "-classpath", classPath,
        "-d", classes.toString(),
        "-s", generated.toString(),
        "--release", "17"));
    arguments.addAll(extraOptions);
    sources.forEach(source -> arguments.add(source.toString()));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode = javac.run(null, output, output, arguments.toArray(String[]::new));
    List<Path> written;
    try (Stream<Path> files = Files.walk(generated)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    return new Result(exitCode, output.toString(StandardCharsets.UTF_8), written);
  }
}
