package dev.asyncsse.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Server fan-out: the memory each subscriber takes on the server, and the time from the start of
 * one broadcast until every subscriber has received it.
 *
 * <p>The servers: {@code asyncsse} and {@code httpserver} run in a {@link FanoutServer} JVM, and
 * {@code better-sse} in a Node.js process ({@link BetterSseFanoutServer}). All speak the same
 * command protocol. Each measurement starts one server process, measures its memory after full
 * garbage collections, connects the subscribers from this process ({@link FanoutSubscribers}),
 * measures the memory again, then publishes events one at a time. Each event is published once the
 * previous one has reached every subscriber, after a 10 ms pause. The time to reach all runs from
 * the server's {@link System#nanoTime()} (Node.js: {@code process.hrtime.bigint()}) before the
 * broadcast to this process's {@code nanoTime()} when the last subscriber's copy was read; all use
 * the same monotonic clock of the machine (Linux {@code CLOCK_MONOTONIC}). Reading the sockets here
 * shares the machine's cores with the server, and that reading time is part of the figure for all
 * servers alike. Each run measures every server once, starting with a different server each run.
 *
 * <p>Memory: each figure is the growth from before to after the subscribers connected, divided by
 * the subscribers. For the JVM servers it is the heap in use after full collections, which contains
 * each connection's objects and buffers. Node.js keeps part of each connection (its libuv handle,
 * socket wrapper and HTTP parser) outside the V8 heap, so better-sse gets three figures. {@code
 * heap} is the V8 heap in use ({@code heapUsed}). {@code heap+native} adds the resident memory
 * outside the V8 heap. {@code rss} is the resident set size, which also counts free V8 heap pages.
 * The ratio against better-sse divides by {@code heap}. Like the JVM figure it leaves out memory
 * that is not in use, but it also leaves out each connection's native part, so it overstates
 * asyncsse's ratio. NOTE: that native part grew by about 3 KiB per connection from 2,000 to 10,000
 * subscribers (Node.js 20.20, Linux, 2 vCPUs). {@code heap+native} and {@code rss} also grow by an
 * amount that does not depend on the subscribers (about 10 MiB outside the V8 heap, and in {@code
 * rss} tens of MiB of free V8 heap pages), which dominates them at 1,000 subscribers.
 *
 * <p>Usage: {@code java -cp asyncsse-benchmarks.jar dev.asyncsse.benchmarks.FanoutBenchmark
 * [--subscribers N] [--events N] [--warmup N] [--runs N] [--servers LIST] [--jvm PATH] [--node
 * PATH] [--interop DIR] [--out FILE] [--server-option OPTION]...}. {@code --help} describes each
 * option. To profile the Java servers, pass {@code --server-option
 * -XX:StartFlightRecording=filename=server-%p.jfr}. The servers reply to commands on standard
 * output; any other line there, such as a recording's startup message or a {@code -Xlog} line, is
 * copied to standard error. A server that does not reply to a command within 60 s, or ends its
 * output, ends the benchmark with one line and exit status 1.
 */
public final class FanoutBenchmark {

  private static final List<String> SERVERS =
      List.of("asyncsse", "httpserver", BetterSseFanoutServer.NAME);
  private static final long PAUSE_BETWEEN_EVENTS_MILLIS = 10;
  private static final long EVENT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  /** How long a server may take to reply to one command, including its start before the port. */
  private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Settings settings;
  private final List<String> servers;
  private final BetterSseFanoutServer betterSse;

  private FanoutBenchmark(
      Settings settings, List<String> servers, BetterSseFanoutServer betterSse) {
    this.settings = settings;
    this.servers = servers;
    this.betterSse = betterSse;
  }

  /** Runs every server {@code --runs} times, rotating their order, and prints the report. */
  public static void main(String[] args) throws Exception {
    Settings settings = CommandLine.parseOrExit(Settings.USAGE, args, Settings::parse);
    List<String> servers =
        new ArrayList<>(settings.servers() != null ? settings.servers() : SERVERS);
    BetterSseFanoutServer betterSse = null;
    if (servers.contains(BetterSseFanoutServer.NAME)) {
      try {
        betterSse = BetterSseFanoutServer.locate(settings.node(), settings.interop());
      } catch (BetterSseFanoutServer.NotInstalledException e) {
        if (settings.betterSseRequired()) {
          System.err.println("Cannot run the better-sse server: " + e.getMessage());
          System.exit(2);
        }
        System.err.println("Skipping the better-sse server: " + e.getMessage());
        servers.remove(BetterSseFanoutServer.NAME);
      }
    }
    FanoutBenchmark benchmark = new FanoutBenchmark(settings, servers, betterSse);
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int run = 1; run <= settings.runs(); run++) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      List<String> order = new ArrayList<>(servers);
      Collections.rotate(order, 1 - run);
      for (String server : order) {
        System.err.printf(
            Locale.ROOT,
            "%s: fan-out to %d subscribers, %s, run %d of %d%n",
            Instant.now(),
            settings.subscribers(),
            server,
            run,
            settings.runs());
        Map<String, Double> measured;
        try {
          measured = benchmark.measure(server);
        } catch (IOException e) {
          System.err.println("The " + server + " measurement failed: " + e.getMessage()
              + ". Check --jvm, --node and --server-option.");
          System.exit(1);
          return;
        }
        measured.forEach((name, value) -> metrics.put(server + " " + name, value));
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
    List<String> command;
    if (server.equals(BetterSseFanoutServer.NAME)) {
      command = betterSse.command();
    } else {
      command = new ArrayList<>(List.of(settings.jvm(), "-Xmx2g"));
      command.addAll(settings.serverOptions());
      command.addAll(List.of("-cp", ownJar(), FanoutServer.class.getName(), server));
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (ServerConnection connection = new ServerConnection(process, REPLY_TIMEOUT_NANOS)) {
      MemoryUse memoryBefore = connection.memory();
      int events = settings.warmupEvents() + settings.events();
      try (FanoutSubscribers subscribers =
          FanoutSubscribers.connect(
              connection.port(), FanoutServer.PATH, settings.subscribers(), events)) {
        connection.awaitSubscribers(settings.subscribers());
        MemoryUse memoryAfter = connection.memory();

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
            "heap KiB/subscriber",
            kibPerSubscriber(memoryAfter.heapBytes() - memoryBefore.heapBytes()));
        if (memoryAfter.rssBytes() >= 0) {
          metrics.put(
              "rss KiB/subscriber",
              kibPerSubscriber(memoryAfter.rssBytes() - memoryBefore.rssBytes()));
          metrics.put(
              "heap+native KiB/subscriber",
              kibPerSubscriber(memoryAfter.inUseBytes() - memoryBefore.inUseBytes()));
        }
        metrics.put("ms to all p50", percentile(millisToAll, 50));
        metrics.put("ms to all p99", percentile(millisToAll, 99));
        metrics.put("ms to all max", percentile(millisToAll, 100));
        metrics.put("events missed", (double) missed);
        return metrics;
      }
    }
  }

  private double kibPerSubscriber(long bytes) {
    return bytes / 1024.0 / settings.subscribers();
  }

  private String report(List<Map<String, Double>> runs) {
    ResultTable table = new ResultTable();
    String section = settings.subscribers() + " subscribers";
    for (String server : servers) {
      for (String metric :
          List.of(
              "heap KiB/subscriber",
              "rss KiB/subscriber",
              "heap+native KiB/subscriber",
              "ms to all p50",
              "ms to all p99",
              "ms to all max",
              "events missed")) {
        String key = server + " " + metric;
        if (runs.get(0).containsKey(key)) {
          table.value(section, key, runs, key);
        }
      }
    }
    if (servers.contains("asyncsse")) {
      for (String peer : servers) {
        if (!peer.equals("asyncsse")) {
          addRatios(table, section, runs, peer);
        }
      }
    }
    String note =
        String.format(
            Locale.ROOT,
            "JVM of the Java servers: %s. Runs: %d, each with %d warm-up and %d measured events.",
            settings.jvm(),
            settings.runs(),
            settings.warmupEvents(),
            settings.events());
    if (betterSse != null) {
      note +=
          " better-sse server: "
              + betterSse.versions()
              + ". Its heap row is the V8 heap in use, heap+native adds the resident memory"
              + " outside the V8 heap, and rss is the resident set size.";
    }
    return table.render("Server fan-out", note);
  }

  /** Adds the rows asyncsse divided by {@code peer}. */
  private static void addRatios(
      ResultTable table, String section, List<Map<String, Double>> runs, String peer) {
    for (String metric : List.of("heap KiB/subscriber", "ms to all p50", "ms to all p99")) {
      table.ratio(
          section,
          "asyncsse / " + peer + " " + metric,
          runs,
          "asyncsse " + metric,
          peer + " " + metric);
    }
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
  static final class ServerConnection implements AutoCloseable {

    /** The words that start the lines of the command protocol; other lines are passed on. */
    private static final List<String> REPLY_WORDS =
        List.of("PORT", "HEAP", "COUNT", "PUBLISHED", "ERROR");

    /** Marks the end of the server's output in {@link #replies}. */
    private static final String END = new String("end of output");

    private final Process process;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final PrintWriter commands;
    private final long replyTimeoutNanos;
    private final int port;

    /**
     * Reads the server's port, waiting at most {@code replyTimeoutNanos} for it and for each later
     * reply. A line that is not part of the protocol, such as a JVM log line written to standard
     * output, is copied to this process's standard error and otherwise skipped.
     */
    ServerConnection(Process process, long replyTimeoutNanos) throws IOException {
      this.process = process;
      this.replyTimeoutNanos = replyTimeoutNanos;
      this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(this::readReplies, "fanout-server-output");
      reader.setDaemon(true);
      reader.start();
      try {
        String[] reply = expect("PORT");
        long number = parse(reply, 1);
        if (number < 1 || number > 65535) {
          throw new IOException(
              "the fan-out server sent a malformed reply: " + String.join(" ", reply));
        }
        this.port = (int) number;
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
    }

    private void readReplies() {
      try (BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = output.readLine()) != null) {
          if (isReply(line)) {
            replies.add(line);
          } else {
            System.err.println("fan-out server: " + line);
          }
        }
      } catch (IOException e) {
        // The process has ended or its output was closed; END below reports that.
      } finally {
        replies.add(END);
      }
    }

    private static boolean isReply(String line) {
      for (String word : REPLY_WORDS) {
        if (line.startsWith(word + " ")) {
          return true;
        }
      }
      return false;
    }

    int port() {
      return port;
    }

    /** Returns the memory in use after full garbage collections. */
    MemoryUse memory() throws IOException {
      commands.println("heap");
      String[] words = expect("HEAP");
      long heap = parse(words, 1);
      if (words.length < 4) {
        return new MemoryUse(heap, -1, -1);
      }
      return new MemoryUse(heap, parse(words, 2), parse(words, 3));
    }

    long publish(long seq) throws IOException {
      commands.println("publish " + seq);
      return parse(expect("PUBLISHED"), 2);
    }

    void awaitSubscribers(int expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
      int count;
      do {
        commands.println("count");
        count = (int) parse(expect("COUNT"), 1);
        if (count == expected) {
          return;
        }
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      throw new IllegalStateException(
          "The server has " + count + " of " + expected + " subscribers after 120 s");
    }

    private String[] expect(String word) throws IOException {
      String line;
      try {
        line = replies.poll(replyTimeoutNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for " + word);
      }
      if (line == null) {
        throw new IOException(
            "timed out after "
                + TimeUnit.NANOSECONDS.toSeconds(replyTimeoutNanos)
                + " s waiting for the fan-out server's "
                + word
                + " reply");
      }
      if (line == END) {
        replies.add(END);
        throw new IOException(
            "the fan-out server ended its output before its " + word + " reply");
      }
      if (!line.startsWith(word + " ")) {
        throw new IOException("expected " + word + " from the fan-out server, but read " + line);
      }
      return line.split(" ");
    }

    private static long parse(String[] words, int index) throws IOException {
      try {
        return Long.parseLong(words[index]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IOException(
            "the fan-out server sent a malformed reply: " + String.join(" ", words));
      }
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
   * One {@code HEAP} response.
   *
   * @param heapBytes the JVM's heap in use, or the V8 heap in use of the Node.js server
   * @param rssBytes the Node.js server's resident set size, or -1 for a JVM server
   * @param nativeBytes the Node.js server's resident memory outside the V8 heap, or -1 for a JVM
   *     server
   */
  private record MemoryUse(long heapBytes, long rssBytes, long nativeBytes) {

    /** Returns the heap in use plus, for the Node.js server, the memory outside its heap. */
    long inUseBytes() {
      return heapBytes + Math.max(nativeBytes, 0);
    }
  }

  /**
   * The command line.
   *
   * @param subscribers connections per measurement
   * @param events measured broadcasts per measurement
   * @param warmupEvents broadcasts before those, not measured
   * @param runs measurements per server
   * @param servers the servers to measure, or {@code null} for all whose programs are installed
   * @param jvm the {@code java} executable of the Java server processes
   * @param node the Node.js executable of the better-sse server
   * @param interop the folder of the better-sse server's script and {@code node_modules}
   * @param outputFile where to write the Markdown report as well, or {@code null}
   * @param serverOptions options for the server's JVM, before the class path
   * @param betterSseRequired whether {@code --servers} names better-sse or {@code --node} or {@code
   *     --interop} is given, so that a missing better-sse server is an error rather than skipped
   */
  record Settings(
      int subscribers,
      int events,
      int warmupEvents,
      int runs,
      List<String> servers,
      String jvm,
      String node,
      Path interop,
      Path outputFile,
      List<String> serverOptions,
      boolean betterSseRequired) {

    static final String USAGE =
        String.join(
            "\n",
            "Options of FanoutBenchmark:",
            "  --subscribers N  connections per measurement (default 1000, at least 1)",
            "  --events N       measured broadcasts per measurement (default 200, at least 1)",
            "  --warmup N       broadcasts before those, not measured (default 50, at least 0)",
            "  --runs N         measurements per server (default 3, at least 1)",
            "  --servers LIST   comma-separated servers out of asyncsse, httpserver and better-sse",
            "                   (default: all three, without better-sse when Node.js or the npm",
            "                   package is missing)",
            "  --jvm PATH       java executable of the asyncsse and httpserver processes",
            "                   (default: the java that runs this benchmark)",
            "  --node PATH      Node.js executable of the better-sse process (default: node)",
            "  --interop DIR    folder with better-sse-fanout-server.mjs and node_modules/",
            "                   (default: the repository's interop/ folder); with --node or",
            "                   --interop, a better-sse server that cannot run is an error",
            "  --out FILE       also write the Markdown report to FILE",
            "  --server-option OPTION",
            "                   an option for the JVM of the asyncsse and httpserver processes;",
            "                   repeat it for several",
            "  --help           print this list and exit");

    static Settings parse(CommandLine line) {
      int subscribers = 1000;
      int events = 200;
      int warmup = 50;
      int runs = 3;
      List<String> servers = null;
      String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String node = "node";
      Path interop = null;
      Path output = null;
      List<String> serverOptions = new ArrayList<>();
      boolean betterSseOptionGiven = false;
      while (line.hasNext()) {
        switch (line.next()) {
          case "--subscribers" -> subscribers = line.count(1);
          case "--events" -> events = line.count(1);
          case "--warmup" -> warmup = line.count(0);
          case "--runs" -> runs = line.count(1);
          case "--servers" -> servers = parseServers(line);
          case "--jvm" -> jvm = line.executable("the path of a java executable").toString();
          case "--node" -> {
            node = line.text("the Node.js executable");
            betterSseOptionGiven = true;
          }
          case "--interop" -> {
            interop = line.path("a folder");
            betterSseOptionGiven = true;
          }
          case "--out" -> output = line.outputFile();
          case "--server-option" -> serverOptions.add(line.text("a JVM option"));
          default -> throw line.unknown();
        }
      }

      if (interop == null) {
        interop = BetterSseFanoutServer.defaultInteropDirectory();
      }
      return new Settings(
          subscribers,
          events,
          warmup,
          runs,
          servers,
          jvm,
          node,
          interop,
          output,
          List.copyOf(serverOptions),
          betterSseOptionGiven
              || (servers != null && servers.contains(BetterSseFanoutServer.NAME)));
    }

    private static List<String> parseServers(CommandLine line) {
      String accepted = "a comma-separated list out of " + String.join(", ", SERVERS);
      String value = line.text(accepted);
      List<String> servers = new ArrayList<>();
      for (String server : value.split(",", -1)) {
        if (!SERVERS.contains(server)) {
          throw line.invalid(value, "unknown server \"" + server + "\"", accepted);
        }
        if (!servers.contains(server)) {
          servers.add(server);
        }
      }
      return List.copyOf(servers);
    }
  }
}
