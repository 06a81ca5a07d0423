package dev.asyncsse.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Parser throughput as ratios taken in short interleaved rounds, for a machine whose load changes
 * faster than a JMH run.
 *
 * <p>Each round runs every parser for {@code --round-millis} on the same stream, one after the
 * other in a rotating order, and divides asyncsse's throughput by each peer's. Because the parsers
 * of one round run within a fraction of a second of each other, a change of load between rounds
 * moves all of them, and the median of the per-round ratios stays put even when MB/s values swing.
 * The figures of JMH's {@link ParserBenchmark} are the reference on a quiet machine.
 *
 * <p>Usage: {@code java -cp asyncsse-benchmarks.jar dev.asyncsse.benchmarks.ParserRounds [--rounds
 * N] [--warmup-rounds N] [--round-millis N]}. {@code --help} describes each option.
 */
public final class ParserRounds {

  private static final String[] NAMES = {"asyncsse", "okhttp-sse", "okhttp-eventsource", "scan"};

  /** The characters the parsers reported, kept so the JIT cannot drop the work that made them. */
  static volatile long consumedCharacters;

  private ParserRounds() {}

  /** Measures every stream shape and prints a Markdown table. */
  public static void main(String[] args) {
    Settings settings = CommandLine.parseOrExit(Settings.USAGE, args, Settings::parse);
    System.out.printf(
        "JVM: %s %s. Rounds: %d after %d warm-up rounds, %d ms per parser per round.%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        settings.rounds(),
        settings.warmupRounds(),
        settings.roundMillis());
    System.out.println(
        "| stream | asyncsse MB/s | okhttp-sse MB/s | okhttp-eventsource MB/s | scan MB/s"
            + " | asyncsse / okhttp-sse | asyncsse / okhttp-eventsource | asyncsse / scan |");
    System.out.println("|---|---:|---:|---:|---:|---|---|---|");
    for (StreamShape shape : StreamShape.values()) {
      measure(shape, settings.rounds(), settings.warmupRounds(), settings.roundMillis());
    }
  }

  private static void measure(StreamShape shape, int rounds, int warmupRounds, int roundMillis) {
    StreamShape.EncodedStream stream = shape.encode(ParserBenchmark.STREAM_BYTES);
    long[] consumed = new long[1];
    StreamParsers.EventSink sink =
        (type, data, id) -> consumed[0] += lengthOf(type) + data.length() + lengthOf(id);
    List<ToIntFunction<byte[]>> parsers =
        List.of(
            bytes -> StreamParsers.asyncsse(bytes, sink),
            bytes -> StreamParsers.okhttpSse(bytes, sink),
            bytes -> StreamParsers.okhttpEventSource(bytes, stream.events(), sink),
            StreamParsers::lineEndScan);
    List<double[]> megabytesPerSecond = new ArrayList<>();
    for (int round = 0; round < warmupRounds + rounds; round++) {
      double[] results = new double[parsers.size()];
      for (int k = 0; k < parsers.size(); k++) {
        int index = (round + k) % parsers.size();
        results[index] = run(parsers.get(index), stream.bytes(), roundMillis);
      }
      if (round >= warmupRounds) {
        megabytesPerSecond.add(results);
      }
    }
    StringBuilder row = new StringBuilder("| ").append(shape);
    for (int p = 0; p < NAMES.length; p++) {
      int column = p;
      row.append(String.format(
          Locale.ROOT, " | %,.0f", median(megabytesPerSecond, r -> r[column])));
    }
    for (int p = 1; p < NAMES.length; p++) {
      int peer = p;
      double[] ratios =
          megabytesPerSecond.stream().mapToDouble(r -> r[0] / r[peer]).sorted().toArray();
      row.append(String.format(
          Locale.ROOT,
          " | %.2f (%.2f–%.2f)",
          ratios[ratios.length / 2],
          ratios[0],
          ratios[ratios.length - 1]));
    }
    System.out.println(row.append(" |"));
    consumedCharacters += consumed[0];
  }

  /** Returns the length of a field that a peer may report as null. */
  private static int lengthOf(String field) {
    return field == null ? 0 : field.length();
  }

  /** Parses the stream repeatedly for about {@code millis}; returns MB/s (10^6 bytes). */
  private static double run(ToIntFunction<byte[]> parser, byte[] bytes, int millis) {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    long parses = 0;
    long now;
    do {
      parser.applyAsInt(bytes);
      parses++;
      now = System.nanoTime();
    } while (now < deadline);
    return (double) parses * bytes.length / ((now - start) / 1e9) / 1e6;
  }

  private static double median(
      List<double[]> rows, java.util.function.ToDoubleFunction<double[]> column) {
    double[] values = rows.stream().mapToDouble(column).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }

  /**
   * The command line.
   *
   * @param rounds measured rounds per stream shape
   * @param warmupRounds rounds before those, not measured
   * @param roundMillis milliseconds each parser runs per round
   */
  record Settings(int rounds, int warmupRounds, int roundMillis) {

    static final String USAGE =
        String.join(
            "\n",
            "Options of ParserRounds:",
            "  --rounds N          measured rounds per stream shape (default 60, at least 1)",
            "  --warmup-rounds N   rounds before those, not measured (default 20, at least 0)",
            "  --round-millis N    milliseconds each parser runs per round (default 25, at least",
            "                      1)",
            "  --help              print this list and exit");

    static Settings parse(CommandLine line) {
      int rounds = 60;
      int warmupRounds = 20;
      int roundMillis = 25;
      while (line.hasNext()) {
        switch (line.next()) {
          case "--rounds" -> rounds = line.count(1);
          case "--warmup-rounds" -> warmupRounds = line.count(0);
          case "--round-millis" -> roundMillis = line.count(1);
          default -> throw line.unknown();
        }
      }
      return new Settings(rounds, warmupRounds, roundMillis);
    }
  }
}
