package dev.asyncsse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark work folder is gone after a normal end and after SIGTERM. */
class WorkDirectoryTest {

  @TempDir Path folder;

  @Test
  void closeDeletesNestedFiles() throws IOException {
    Path path;
    try (WorkDirectory directory = WorkDirectory.create("work-directory-test")) {
      path = directory.path();
      Path nested = Files.createDirectories(path.resolve("run").resolve("src"));
      Files.writeString(nested.resolve("A.java"), "class A {}");
      Files.writeString(path.resolve("top.txt"), "x");
    }
    assertFalse(Files.exists(path), path.toString());
  }

  @Test
  void sigtermDeletesWhileWriting() throws Exception {
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertNotNull(line, "the writer printed no folder");
      Path path = Path.of(line);
      assertTrue(Files.isDirectory(path), line);

      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the writer did not stop");
      assertFalse(Files.exists(path), line);
      try (var left = Files.list(tmp)) {
        assertEquals(List.of(), left.toList());
      }
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Writes files into a work folder until the JVM stops, the way a benchmark compiles into it,
   * after printing the folder's path.
   */
  static final class Writer {

    public static void main(String[] args) throws IOException, InterruptedException {
      try (WorkDirectory directory = WorkDirectory.create("work-directory-writer")) {
        Files.createDirectories(directory.path().resolve("run"));
        System.out.println(directory.path());
        System.out.flush();
        for (int i = 0; ; i++) {
          Path run = Files.createDirectories(directory.path().resolve("run"));
          Files.writeString(run.resolve(i + ".txt"), "file " + i);
          Thread.sleep(5);
        }
      } catch (WorkDirectory.StoppingException e) {
        // the JVM is stopping
      }
    }
  }
}
