package dev.asyncsse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.benchmarks.CommandLine.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark tool's options: defaults, accepted values and the messages for invalid ones. */
class ToolOptionsTest {

  @TempDir Path folder;

  @Test
  void processorDefaults() {
    ProcessorBenchmark.Settings settings = processor();
    assertEquals(List.of(), settings.documents());
    assertEquals(4, settings.repeats());
    assertEquals(List.of(50, 100, 200, 400), settings.syntheticChannels());
    assertEquals("wall", settings.clock());
    assertNull(settings.baseline());
    assertNull(settings.outputFile());
  }

  @Test
  void processorAcceptsValidValues() throws IOException {
    Path document = Files.writeString(folder.resolve("a.yaml"), "asyncapi: 3.0.0\n");
    Path output = folder.resolve("report.md");
    ProcessorBenchmark.Settings settings =
        processor(
            "--document", document.toString(),
            "--repeats", "2",
            "--synthetic", "1,3",
            "--clock", "cpu",
            "--out", output.toString());
    assertEquals(List.of(document), settings.documents());
    assertEquals(2, settings.repeats());
    assertEquals(List.of(1, 3), settings.syntheticChannels());
    assertEquals("cpu", settings.clock());
    assertEquals(output, settings.outputFile());
  }

  @Test
  void processorRejectsInvalidValues() {
    Path missing = folder.resolve("no-such.yaml");
    String baseline =
        "Expected a jar with dev.asyncsse.processor.AsyncApiProcessor and its dependencies, such"
            + " as an older asyncsse-benchmarks.jar.";
    assertProcessorMessage(
        "Invalid --repeats \"1\": expected a whole number of at least 2.", "--repeats", "1");
    assertProcessorMessage(
        "Invalid --repeats \"0\": expected a whole number of at least 2.", "--repeats", "0");
    assertProcessorMessage(
        "Invalid --repeats \"four\": expected a whole number of at least 2.", "--repeats", "four");
    assertProcessorMessage(
        "Missing value for --repeats: expected a whole number of at least 2.", "--repeats");
    assertProcessorMessage(
        "Invalid --synthetic \"0,-3\": \"0\" is not a whole number of at least 1. Expected"
            + " comma-separated whole numbers of at least 1.",
        "--synthetic",
        "0,-3");
    assertProcessorMessage("Invalid --clock \"foo\": expected wall or cpu.", "--clock", "foo");
    assertProcessorMessage(
        "Invalid --document \""
            + missing
            + "\": not a readable file. Expected an AsyncAPI document in YAML or JSON.",
        "--document",
        missing.toString());
    assertProcessorMessage(
        "Invalid --baseline \"/no/such.jar\": not a readable file. " + baseline,
        "--baseline",
        "/no/such.jar");
    assertProcessorMessage(
        "Unknown option \"--repeat\": expected --document, --repeats, --synthetic, --clock,"
            + " --baseline, --out or --help.",
        "--repeat",
        "3");
  }

  @Test
  void processorRejectsJarWithoutProcessor() throws IOException {
    Path jar = Files.writeString(folder.resolve("empty.jar"), "not a jar");
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> processor("--baseline", jar.toString()));
    assertEquals(
        "Invalid --baseline \""
            + jar
            + "\": no class dev.asyncsse.processor.AsyncApiProcessor in it. Expected a jar with"
            + " dev.asyncsse.processor.AsyncApiProcessor and its dependencies, such as an older"
            + " asyncsse-benchmarks.jar.",
        e.getMessage());
  }

  @Test
  void parserRoundsDefaults() {
    ParserRounds.Settings settings = parserRounds();
    assertEquals(60, settings.rounds());
    assertEquals(20, settings.warmupRounds());
    assertEquals(25, settings.roundMillis());
  }

  @Test
  void parserRoundsAcceptsMinimums() {
    ParserRounds.Settings settings =
        parserRounds("--rounds", "1", "--warmup-rounds", "0", "--round-millis", "1");
    assertEquals(1, settings.rounds());
    assertEquals(0, settings.warmupRounds());
    assertEquals(1, settings.roundMillis());
  }

  @Test
  void parserRoundsRejectsInvalidValues() {
    assertParserRoundsMessage(
        "Invalid --rounds \"0\": expected a whole number of at least 1.", "--rounds", "0");
    assertParserRoundsMessage(
        "Invalid --round-millis \"0\": expected a whole number of at least 1.",
        "--round-millis",
        "0");
    assertParserRoundsMessage(
        "Invalid --warmup-rounds \"-1\": expected a whole number of at least 0.",
        "--warmup-rounds",
        "-1");
    assertParserRoundsMessage(
        "Invalid --rounds \"ten\": expected a whole number of at least 1.", "--rounds", "ten");
    assertParserRoundsMessage(
        "Missing value for --round-millis: expected a whole number of at least 1.",
        "--round-millis");
    assertParserRoundsMessage(
        "Unknown option \"--round\": expected --rounds, --warmup-rounds, --round-millis or"
            + " --help.",
        "--round",
        "3");
  }

  @Test
  void reportDefaults() {
    BenchmarkReport.ReportOptions options = report();
    assertEquals(3, options.runs());
    assertNull(options.jvm());
    assertEquals(-1, options.warmupIterations());
    assertEquals(0, options.measurementIterations());
    assertNull(options.outputFile());
    assertEquals(List.of("parser", "client"), options.figures());
  }

  @Test
  void reportAcceptsValidValues() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    BenchmarkReport.ReportOptions options =
        report("--runs", "1", "--jvm", java, "--warmup", "0", "--iterations", "1", "client");
    assertEquals(1, options.runs());
    assertEquals(java, options.jvm());
    assertEquals(0, options.warmupIterations());
    assertEquals(1, options.measurementIterations());
    assertEquals(List.of("client"), options.figures());
  }

  @Test
  void reportRejectsInvalidValues() {
    assertReportMessage(
        "Invalid --runs \"0\": expected a whole number of at least 1.", "--runs", "0");
    assertReportMessage(
        "Invalid --warmup \"-1\": expected a whole number of at least 0.", "--warmup", "-1");
    assertReportMessage(
        "Invalid --iterations \"0\": expected a whole number of at least 1.", "--iterations", "0");
    assertReportMessage(
        "Invalid --jvm \"/no/such/java\": not an executable file. Expected the path of a java"
            + " executable.",
        "--jvm",
        "/no/such/java");
    assertReportMessage("Missing value for --out: expected a file in an existing folder.", "--out");
    assertReportMessage(
        "Unknown option \"parsers\": expected --runs, --jvm, --warmup, --iterations, --out,"
            + " parser, client or --help.",
        "parsers");
  }

  @Test
  void fanoutRejectsInvalidValues() {
    assertFanoutMessage(
        "Invalid --subscribers \"0\": expected a whole number of at least 1.",
        "--subscribers",
        "0");
    assertFanoutMessage(
        "Invalid --servers \"asyncsse,nginx\": unknown server \"nginx\". Expected a"
            + " comma-separated list out of asyncsse, httpserver, better-sse.",
        "--servers",
        "asyncsse,nginx");
    assertFanoutMessage(
        "Missing value for --server-option: expected a JVM option.", "--server-option");
  }

  @Test
  void fanoutAcceptsServerOptions() {
    FanoutBenchmark.Settings settings =
        parse(
            FanoutBenchmark.Settings.USAGE,
            FanoutBenchmark.Settings::parse,
            "--servers",
            "httpserver,asyncsse,httpserver",
            "--warmup",
            "0",
            "--server-option",
            "--add-opens=java.base/java.lang=ALL-UNNAMED");
    assertEquals(List.of("httpserver", "asyncsse"), settings.servers());
    assertEquals(0, settings.warmupEvents());
    assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"), settings.serverOptions());
    assertNotNull(settings.interop());
  }

  /** Each name in a tool's usage is one that its parser accepts. */
  @Test
  void usageListsAcceptedNames() throws IOException {
    Path document = Files.writeString(folder.resolve("b.yaml"), "asyncapi: 3.0.0\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> values =
        List.of(
            document.toString(), "2", "wall", "asyncsse", java, folder.resolve("r.md").toString());
    assertAcceptsUsageNames(
        ProcessorBenchmark.Settings.USAGE,
        ProcessorBenchmark.Settings::parse,
        values,
        "--baseline");
    assertAcceptsUsageNames(ParserRounds.Settings.USAGE, ParserRounds.Settings::parse, values);
    assertAcceptsUsageNames(
        BenchmarkReport.ReportOptions.USAGE, BenchmarkReport.ReportOptions::parse, values);
    assertAcceptsUsageNames(
        FanoutBenchmark.Settings.USAGE, FanoutBenchmark.Settings::parse, values);
  }

  /**
   * Checks that no name in {@code usage} except {@code --help} and {@code skipped} is rejected as
   * unknown, trying it alone and with each of {@code values}.
   */
  private static void assertAcceptsUsageNames(
      String usage, Function<CommandLine, ?> parser, List<String> values, String... skipped) {
    for (String name : usageNames(usage)) {
      if (name.equals("--help") || List.of(skipped).contains(name)) {
        continue;
      }
      boolean accepted = tryParse(usage, parser, name);
      for (String value : values) {
        accepted |= tryParse(usage, parser, name, value);
      }
      assertTrue(accepted, name + " in the usage is not accepted");
    }
  }

  private static boolean tryParse(String usage, Function<CommandLine, ?> parser, String... words) {
    try {
      parser.apply(new CommandLine(usage, words));
      return true;
    } catch (InvalidOptionException e) {
      return false;
    }
  }

  private static List<String> usageNames(String usage) {
    return usage
        .lines()
        .filter(line -> line.matches("  \\S.*"))
        .map(line -> line.trim().split(" ")[0])
        .toList();
  }

  private static ProcessorBenchmark.Settings processor(String... words) {
    return parse(ProcessorBenchmark.Settings.USAGE, ProcessorBenchmark.Settings::parse, words);
  }

  private static ParserRounds.Settings parserRounds(String... words) {
    return parse(ParserRounds.Settings.USAGE, ParserRounds.Settings::parse, words);
  }

  private static BenchmarkReport.ReportOptions report(String... words) {
    return parse(BenchmarkReport.ReportOptions.USAGE, BenchmarkReport.ReportOptions::parse, words);
  }

  private static <T> T parse(String usage, Function<CommandLine, T> parser, String... words) {
    return parser.apply(new CommandLine(usage, words));
  }

  private static void assertProcessorMessage(String expected, String... words) {
    assertMessage(
        expected, ProcessorBenchmark.Settings.USAGE, ProcessorBenchmark.Settings::parse, words);
  }

  private static void assertParserRoundsMessage(String expected, String... words) {
    assertMessage(expected, ParserRounds.Settings.USAGE, ParserRounds.Settings::parse, words);
  }

  private static void assertReportMessage(String expected, String... words) {
    assertMessage(
        expected, BenchmarkReport.ReportOptions.USAGE, BenchmarkReport.ReportOptions::parse, words);
  }

  private static void assertFanoutMessage(String expected, String... words) {
    assertMessage(expected, FanoutBenchmark.Settings.USAGE, FanoutBenchmark.Settings::parse, words);
  }

  private static void assertMessage(
      String expected, String usage, Function<CommandLine, ?> parser, String... words) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> parse(usage, parser, words));
    assertEquals(expected, e.getMessage());
  }
}
