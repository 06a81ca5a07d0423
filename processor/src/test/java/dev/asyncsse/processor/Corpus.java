package dev.asyncsse.processor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared folder of real AsyncAPI documents written outside this project. */
final class Corpus {

  private Corpus() {}

  /**
   * Returns the corpus folder: the {@code asyncsse.corpus} system property that the build sets,
   * else {@code ../shared/corpus/asyncapi} above the repository root.
   */
  static Path dir() {
    String configured = System.getProperty("asyncsse.corpus");
    Path dir = configured != null
        ? Path.of(configured)
        : Path.of("").toAbsolutePath().resolve("../../shared/corpus/asyncapi");
    dir = dir.normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "AsyncAPI corpus not found at " + dir + "; set -Dasyncsse.corpus=DIR");
    }
    return dir;
  }

  /** Returns the {@code -A} option that points the processor at the corpus folder. */
  static String specDirOption() {
    return "-Aasyncsse.specDir=" + dir();
  }
}
