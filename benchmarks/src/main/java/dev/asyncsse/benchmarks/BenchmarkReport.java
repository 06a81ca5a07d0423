package dev.asyncsse.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the parser and client benchmarks several times and prints, as Markdown, each library's score
 * and asyncsse's ratio to each peer, with the minimum, median and maximum over the runs.
 *
 * <p>Each run is one JMH run of the figure's benchmarks, with one fork per benchmark and parameter
 * combination. A run's score for a benchmark is the median of its measurement iterations, and its
 * ratios compare scores from that same run.
 *
 * <p>Usage: {@code java -jar asyncsse-benchmarks.jar [--runs N] [--jvm PATH] [--warmup N]
 * [--iterations N] [--out FILE] [parser] [client]}. {@code --help} describes each option. Without a
 * figure name it runs both.
 */
public final class BenchmarkReport {

  private static final List<String> LIBRARIES =
      List.of("asyncsse", "okhttpSse", "okhttpEventSource");

  private final ReportOptions options;
  private final PrintStream out;

  private BenchmarkReport(ReportOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the benchmarks that the arguments name and prints the report. */
  public static void main(String[] args) throws RunnerException, IOException {
    ReportOptions options =
        CommandLine.parseOrExit(ReportOptions.USAGE, args, ReportOptions::parse);
    StringBuilder report = new StringBuilder();
    BenchmarkReport runner = new BenchmarkReport(options, System.out);
    try {
      if (options.figures().contains("parser")) {
        report.append(runner.parserFigure());
      }
      if (options.figures().contains("client")) {
        report.append(runner.clientFigure());
      }
    } catch (RunnerException | RuntimeException e) {
      // JMH reports a forked JVM that does not start with a RuntimeException.
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      System.err.println("JMH failed: " + reason.strip().replace('\n', ' ') + ". Check --jvm.");
      System.exit(1);
      return;
    }
    System.out.println();
    System.out.println(report);
    if (options.outputFile() != null) {
      Files.writeString(options.outputFile(), report, StandardCharsets.UTF_8);
    }
  }

  private String parserFigure() throws RunnerException {
    List<Map<String, Double>> runs = new ArrayList<>();
    String jvm = "";
    for (int run = 1; run <= options.runs(); run++) {
      progress("parser", run);
      Collection<RunResult> results = runJmh(ParserBenchmark.class);
      jvm = describeJvm(results);
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (RunResult result : results) {
        StreamShape shape = StreamShape.valueOf(result.getParams().getParam("shape"));
        String library = methodName(result.getParams());
        StreamShape.EncodedStream stream = shape.encode(ParserBenchmark.STREAM_BYTES);
        double operations = medianScore(result);
        metrics.put(shape + " " + library + " MB/s", operations * stream.bytes().length / 1e6);
        metrics.put(shape + " " + library + " events/s", operations * stream.events());
      }
      runs.add(metrics);
    }

    ResultTable table = new ResultTable();
    for (StreamShape shape : StreamShape.values()) {
      StreamShape.EncodedStream stream = shape.encode(ParserBenchmark.STREAM_BYTES);
      String label =
          shape + " (" + stream.bytes().length + " bytes, " + stream.events() + " events)";
      for (String library : withCeiling()) {
        table.value(label, library + " MB/s", runs, shape + " " + library + " MB/s");
        table.value(label, library + " events/s", runs, shape + " " + library + " events/s");
      }
      for (String peer : List.of("okhttpSse", "okhttpEventSource", "lineEndScan")) {
        table.ratio(
            label,
            "asyncsse / " + peer,
            runs,
            shape + " asyncsse MB/s",
            shape + " " + peer + " MB/s");
      }
    }
    return table.render("Parser throughput", "JVM: " + jvm + ". Runs: " + options.runs() + ".");
  }

  private String clientFigure() throws RunnerException {
    List<Map<String, Double>> runs = new ArrayList<>();
    String jvm = "";
    for (int run = 1; run <= options.runs(); run++) {
      progress("client", run);
      Collection<RunResult> results = runJmh(ClientBenchmark.class);
      jvm = describeJvm(results);
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (RunResult result : results) {
        String key =
            result.getParams().getParam("payload") + " " + result.getParams().getParam("client");
        metrics.put(key + " events/s", medianScore(result));
        metrics.put(key + " CPU us/event", cpuMicrosPerEvent(result));
      }
      runs.add(metrics);
    }

    ResultTable table = new ResultTable();
    for (Payload payload : Payload.values()) {
      String label = payload.toString();
      for (String client : clients()) {
        table.value(label, client + " events/s", runs, payload + " " + client + " events/s");
        table.value(
            label, client + " CPU us/event", runs, payload + " " + client + " CPU us/event");
      }
      for (String peer : clients().subList(1, clients().size())) {
        table.ratio(
            label,
            "asyncsse / " + peer + " events/s",
            runs,
            payload + " asyncsse events/s",
            payload + " " + peer + " events/s");
      }
      for (String peer : clients().subList(1, clients().size())) {
        table.ratio(
            label,
            "asyncsse / " + peer + " CPU per event",
            runs,
            payload + " asyncsse CPU us/event",
            payload + " " + peer + " CPU us/event");
      }
    }
    return table.render("End-to-end client", "JVM: " + jvm + ". Runs: " + options.runs() + ".");
  }

  private Collection<RunResult> runJmh(Class<?> benchmark) throws RunnerException {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include("^" + benchmark.getName() + "\\.")
            .forks(1)
            .verbosity(VerboseMode.SILENT);
    if (options.jvm() != null) {
      builder.jvm(options.jvm());
    }
    if (options.warmupIterations() >= 0) {
      builder.warmupIterations(options.warmupIterations());
    }
    if (options.measurementIterations() > 0) {
      builder.measurementIterations(options.measurementIterations());
    }
    Collection<RunResult> results = new Runner(builder.build()).run();
    if (results.isEmpty()) {
      throw new RunnerException("no results, because every forked JVM failed");
    }
    return results;
  }

  private void progress(String figure, int run) {
    System.err.printf(
        Locale.ROOT,
        "%s: %s benchmarks, run %d of %d%n",
        Instant.now(),
        figure,
        run,
        options.runs());
  }

  private static List<String> withCeiling() {
    List<String> names = new ArrayList<>(LIBRARIES);
    names.add("lineEndScan");
    return names;
  }

  private static List<String> clients() {
    List<String> names = new ArrayList<>(LIBRARIES);
    names.add("jdkBufferedReader");
    names.add("jdkHttpClientBytes");
    names.add("jdkSubscriberBytes");
    names.add("okhttpBytes");
    return names;
  }

  private static String methodName(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private static String describeJvm(Collection<RunResult> results) {
    BenchmarkParams params = results.iterator().next().getParams();
    return params.getVmName() + " " + params.getJdkVersion() + " (" + params.getJvm() + ")";
  }

  /** Returns the median of the measurement iterations' primary scores. */
  private static double medianScore(RunResult result) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    return ResultTable.median(scores);
  }

  /** Returns the client's CPU time per event in microseconds, over all measurement iterations. */
  private static double cpuMicrosPerEvent(RunResult result) {
    double cpuNanos = 0;
    double events = 0;
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        cpuNanos += iteration.getSecondaryResults().get("clientCpuNanos").getScore();
        events += iteration.getSecondaryResults().get("receivedEvents").getScore();
      }
    }
    return cpuNanos / events / 1e3;
  }

  /**
   * The command line.
   *
   * @param runs how many times each figure's benchmarks run
   * @param jvm the {@code java} executable of the benchmark forks, or {@code null} for this one
   * @param warmupIterations warmup iterations per fork, or -1 for the benchmark's own setting
   * @param measurementIterations measurement iterations per fork, or 0 for the benchmark's own
   * @param outputFile where to write the Markdown report as well, or {@code null}
   * @param figures the figures to run: {@code parser}, {@code client}
   */
  record ReportOptions(
      int runs,
      String jvm,
      int warmupIterations,
      int measurementIterations,
      Path outputFile,
      List<String> figures) {

    static final String USAGE =
        String.join(
            "\n",
            "Usage: java -jar asyncsse-benchmarks.jar [OPTION]... [parser] [client]",
            "Runs the JMH benchmarks of the parser figure, the client figure, or both.",
            "  --runs N         JMH runs of each figure (default 3, at least 1)",
            "  --jvm PATH       java executable of the benchmark forks (default: the java that",
            "                   runs this report)",
            "  --warmup N       warm-up iterations per fork, at least 0 (default: the @Warmup",
            "                   setting of the benchmark class)",
            "  --iterations N   measurement iterations per fork, at least 1 (default: the",
            "                   @Measurement setting of the benchmark class)",
            "  --out FILE       also write the Markdown report to FILE",
            "  parser           run the parser figure",
            "  client           run the client figure",
            "  --help           print this list and exit");

    static ReportOptions parse(CommandLine line) {
      int runs = 3;
      String jvm = null;
      int warmup = -1;
      int iterations = 0;
      Path output = null;
      List<String> figures = new ArrayList<>();
      while (line.hasNext()) {
        String name = line.next();
        switch (name) {
          case "--runs" -> runs = line.count(1);
          case "--jvm" -> jvm = line.executable("the path of a java executable").toString();
          case "--warmup" -> warmup = line.count(0);
          case "--iterations" -> iterations = line.count(1);
          case "--out" -> output = line.outputFile();
          case "parser", "client" -> {
            if (!figures.contains(name)) {
              figures.add(name);
            }
          }
          default -> throw line.unknown();
        }
      }
      if (figures.isEmpty()) {
        figures = List.of("parser", "client");
      }
      return new ReportOptions(runs, jvm, warmup, iterations, output, List.copyOf(figures));
    }
  }
}
