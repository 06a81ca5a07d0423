package dev.asyncsse.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server fan-out: the heap each subscriber takes on the server, and the time from the start of one
 * broadcast until every subscriber has received it.
 *
 * <p>Each measurement starts a {@link FanoutServer} process, measures its heap after full garbage
 * collections, connects the subscribers from this process ({@link FanoutSubscribers}), measures the
 * heap again, then publishes events one at a time. Each event is published once the previous one
 * has reached every subscriber, after a 10 ms pause. The time to reach all runs from the server's
 * {@link System#nanoTime()} before the broadcast to this process's {@code nanoTime()} when the last
 * subscriber's copy was read; both use the same monotonic clock of the machine (Linux {@code
 * CLOCK_MONOTONIC}). Reading 1,000 sockets here shares the machine's cores with the server, and
 * that reading time is part of the figure for both servers alike.
 *
 * <p>Usage: {@code java -cp asyncsse-benchmarks.jar dev.asyncsse.benchmarks.FanoutBenchmark
 * [--subscribers N] [--events N] [--warmup N] [--runs N] [--jvm PATH] [--out FILE] [--server-option
 * OPTION]...}. Each {@code --server-option} is passed to the server's JVM. To profile the servers,
 * pass {@code -XX:StartFlightRecording=filename=server-%p.jfr} and {@code -Xlog:jfr+startup=off}:
 * the server writes its command responses to standard output, where the recording's startup message
 * would otherwise go.
 */
public final class FanoutBenchmark {

  private static final List<String> SERVERS = List.of("asyncsse", "httpserver");
  private static final long PAUSE_BETWEEN_EVENTS_MILLIS = 10;
  private static final long EVENT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final Settings settings;

  private FanoutBenchmark(Settings settings) {
    this.settings = settings;
  }

  /** Runs every server {@code --runs} times, alternating their order, and prints the report. */
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    FanoutBenchmark benchmark = new FanoutBenchmark(settings);
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int run = 1; run <= settings.runs(); run++) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      List<String> order = new ArrayList<>(SERVERS);
      if (run % 2 == 0) {
        java.util.Collections.reverse(order);
      }
      for (String server : order) {
        System.err.printf(
            Locale.ROOT,
            "%s: fan-out to %d subscribers, %s, run %d of %d%n",
            Instant.now(),
            settings.subscribers(),
            server,
            run,
            settings.runs());
        benchmark.measure(server).forEach((name, value) -> metrics.put(server + " " + name, value));
      }
      runs.add(metrics);
    }
    String report = benchmark.report(runs);
    System.out.println(report);
    if (settings.outputFile() != null) {
      Files.writeString(settings.outputFile(), report, StandardCharsets.UTF_8);
    }
  }

  private Map<String, Double> measure(String server) throws Exception {
    List<String> command = new ArrayList<>(List.of(settings.jvm(), "-Xmx2g"));
    command.addAll(settings.serverOptions());
    command.addAll(List.of("-cp", ownJar(), FanoutServer.class.getName(), server));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (ServerConnection connection = new ServerConnection(process)) {
      long heapBefore = connection.heap();
      int events = settings.warmupEvents() + settings.events();
      try (FanoutSubscribers subscribers =
          FanoutSubscribers.connect(
              connection.port(), FanoutServer.PATH, settings.subscribers(), events)) {
        connection.awaitSubscribers(settings.subscribers());
        long heapAfter = connection.heap();

        List<Double> millisToAll = new ArrayList<>();
        int missed = 0;
        for (int seq = 1; seq <= events; seq++) {
          long published = connection.publish(seq);
          long lastReceipt = subscribers.awaitAll(seq, published + EVENT_TIMEOUT_NANOS);
          if (lastReceipt < 0) {
            missed++;
          } else if (seq > settings.warmupEvents()) {
            millisToAll.add((lastReceipt - published) / 1e6);
          }
          Thread.sleep(PAUSE_BETWEEN_EVENTS_MILLIS);
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(
            "heap KiB/subscriber", (heapAfter - heapBefore) / 1024.0 / settings.subscribers());
        metrics.put("ms to all p50", percentile(millisToAll, 50));
        metrics.put("ms to all p99", percentile(millisToAll, 99));
        metrics.put("ms to all max", percentile(millisToAll, 100));
        metrics.put("events missed", (double) missed);
        return metrics;
      }
    }
  }

  private String report(List<Map<String, Double>> runs) {
    ResultTable table = new ResultTable();
    String section = settings.subscribers() + " subscribers";
    for (String server : SERVERS) {
      for (String metric :
          List.of(
              "heap KiB/subscriber",
              "ms to all p50",
              "ms to all p99",
              "ms to all max",
              "events missed")) {
        table.value(section, server + " " + metric, runs, server + " " + metric);
      }
    }
    for (String metric : List.of("heap KiB/subscriber", "ms to all p50", "ms to all p99")) {
      table.ratio(
          section,
          "asyncsse / httpserver " + metric,
          runs,
          "asyncsse " + metric,
          "httpserver " + metric);
    }
    return table.render(
        "Server fan-out",
        String.format(
            Locale.ROOT,
            "JVM of the server: %s. Runs: %d, each with %d warm-up and %d measured events.",
            settings.jvm(),
            settings.runs(),
            settings.warmupEvents(),
            settings.events()));
  }

  /** Returns the nearest-rank percentile; 100 is the maximum. */
  private static double percentile(List<Double> values, int percent) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String ownJar() throws URISyntaxException {
    return Path.of(
            FanoutBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  /** The command channel to one {@link FanoutServer} process. */
  private static final class ServerConnection implements AutoCloseable {

    private final Process process;
    private final BufferedReader answers;
    private final PrintWriter commands;
    private final int port;

    ServerConnection(Process process) throws IOException {
      this.process = process;
      this.answers =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.port = Integer.parseInt(expect("PORT")[1]);
    }

    int port() {
      return port;
    }

    long heap() throws IOException {
      commands.println("heap");
      return Long.parseLong(expect("HEAP")[1]);
    }

    long publish(long seq) throws IOException {
      commands.println("publish " + seq);
      return Long.parseLong(expect("PUBLISHED")[2]);
    }

    void awaitSubscribers(int expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
      int count;
      do {
        commands.println("count");
        count = Integer.parseInt(expect("COUNT")[1]);
        if (count == expected) {
          return;
        }
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      throw new IllegalStateException(
          "The server has " + count + " of " + expected + " subscribers after 120 s");
    }

    private String[] expect(String word) throws IOException {
      String line = answers.readLine();
      if (line == null || !line.startsWith(word + " ")) {
        throw new IOException("Expected " + word + " from the fan-out server, but read " + line);
      }
      return line.split(" ");
    }

    /** Asks the server to stop, and kills it when it has not stopped within 30 s. */
    @Override
    public void close() {
      commands.println("quit");
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The command line.
   *
   * @param subscribers connections per measurement
   * @param events measured broadcasts per measurement
   * @param warmupEvents broadcasts before those, not measured
   * @param runs measurements per server
   * @param jvm the {@code java} executable of the server process
   * @param outputFile where to write the Markdown report as well, or {@code null}
   * @param serverOptions options for the server's JVM, before the class path
   */
  private record Settings(
      int subscribers,
      int events,
      int warmupEvents,
      int runs,
      String jvm,
      Path outputFile,
      List<String> serverOptions) {

    static Settings parse(String[] args) {
      int subscribers = 1000;
      int events = 200;
      int warmup = 50;
      int runs = 3;
      String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path output = null;
      List<String> serverOptions = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--subscribers" -> subscribers = Integer.parseInt(value);
          case "--events" -> events = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--runs" -> runs = Integer.parseInt(value);
          case "--jvm" -> jvm = value;
          case "--out" -> output = Path.of(value);
          case "--server-option" -> serverOptions.add(value);
          default ->
              throw new IllegalArgumentException(
                  "Unknown option \""
                      + name
                      + "\"; expected --subscribers, --events, --warmup, --runs, --jvm, --out or"
                      + " --server-option");
        }
      }
      return new Settings(
          subscribers, events, warmup, runs, jvm, output, List.copyOf(serverOptions));
    }
  }
}
