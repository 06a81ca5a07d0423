package dev.asyncsse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tool's {@code main} in a child JVM: {@code --help} and invalid options end it before any
 * measurement, with the exit status, output and work folders that a script relies on.
 */
class ToolExitTest {

  private static final List<Class<?>> TOOLS =
      List.of(
          ProcessorBenchmark.class,
          ParserRounds.class,
          BenchmarkReport.class,
          FanoutBenchmark.class);

  @TempDir Path folder;

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    for (Class<?> tool : TOOLS) {
      Result result = run(tool, "--help");
      assertEquals(0, result.status(), tool.getSimpleName() + ": " + result);
      assertTrue(
          result.out().contains("  --help "), tool.getSimpleName() + " usage: " + result.out());
      assertEquals("", result.err(), tool.getSimpleName());
    }
  }

  @Test
  void invalidValueExitsTwoWithOneLine() throws Exception {
    List<List<String>> cases =
        List.of(
            List.of("ProcessorBenchmark", "--clock", "foo"),
            List.of("ProcessorBenchmark", "--repeats", "0"),
            List.of("ParserRounds", "--rounds", "0"),
            List.of("ParserRounds", "--round-millis"),
            List.of("BenchmarkReport", "--runs", "x"),
            List.of("BenchmarkReport", "--no-such-option"),
            List.of("FanoutBenchmark", "--events", "-1"));
    for (List<String> words : cases) {
      Result result =
          run(
              Class.forName(ToolExitTest.class.getPackageName() + "." + words.get(0)),
              words.subList(1, words.size()).toArray(String[]::new));
      assertEquals(2, result.status(), words + ": " + result);
      assertEquals(1, result.err().lines().count(), words + ": " + result.err());
      assertTrue(result.err().contains(words.get(1)), words + ": " + result.err());
      assertFalse(result.err().contains("Exception"), words + ": " + result.err());
      assertEquals("", result.out(), words.toString());
    }
  }

  @Test
  void childJvmThatFailsEndsWithOneLine() throws Exception {
    Result fanout = run(FanoutBenchmark.class, "--jvm", "/bin/false", "--subscribers", "2",
        "--events", "1", "--warmup", "0", "--runs", "1", "--servers", "asyncsse");
    assertEquals(1, fanout.status(), fanout.toString());
    assertTrue(fanout.err().contains("The asyncsse measurement failed: "), fanout.err());
    assertFalse(fanout.err().contains("Exception"), fanout.err());

    Path emptyInterop = Files.createDirectories(folder.resolve("interop"));
    Result betterSse = run(FanoutBenchmark.class, "--interop", emptyInterop.toString());
    assertEquals(2, betterSse.status(), betterSse.toString());
    assertEquals(1, betterSse.err().lines().count(), betterSse.err());
    assertTrue(betterSse.err().startsWith("Cannot run the better-sse server: "), betterSse.err());

    Result jmh = run(BenchmarkReport.class, "--jvm", "/bin/false", "--runs", "1", "--warmup", "0",
        "--iterations", "1", "parser");
    assertEquals(1, jmh.status(), jmh.toString());
    assertTrue(jmh.err().contains("JMH failed: "), jmh.err());
    assertFalse(jmh.err().contains("Exception"), jmh.err());
  }

  @Test
  void baselineWithoutProcessorLeavesNoWorkFolder() throws Exception {
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path jar = Files.writeString(folder.resolve("other.jar"), "not a jar");
    for (String baseline : List.of(jar.toString(), folder.resolve("missing.jar").toString())) {
      Result result =
          run(List.of("-Djava.io.tmpdir=" + tmp), ProcessorBenchmark.class, "--baseline", baseline);
      assertEquals(2, result.status(), result.toString());
      assertEquals(1, result.err().lines().count(), result.err());
      assertEquals(List.of(), list(tmp));
    }
  }

  @Test
  void missingDocumentFailsBeforeWork() throws Exception {
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path missing = folder.resolve("missing.yaml");
    Result result =
        run(
            List.of("-Djava.io.tmpdir=" + tmp),
            ProcessorBenchmark.class,
            "--repeats",
            "2",
            "--document",
            missing.toString());
    assertEquals(2, result.status(), result.toString());
    assertEquals(
        "Invalid --document \""
            + missing
            + "\": not a readable file. Expected an AsyncAPI document in YAML or JSON.",
        result.err().strip());
    assertEquals(List.of(), list(tmp));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.toList();
    }
  }

  private Result run(Class<?> tool, String... args) throws Exception {
    return run(List.of(), tool, args);
  }

  /** Runs {@code tool} in a JVM with this test's class path and returns what it printed. */
  private Result run(List<String> jvmOptions, Class<?> tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), tool.getName()));
    command.addAll(List.of(args));
    Path out = folder.resolve("out.txt");
    Path err = folder.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(tool.getSimpleName() + " " + List.of(args) + " did not exit");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}
}
