package dev.asyncsse.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput: one operation parses a whole in-memory stream of about 1 MiB.
 *
 * <p>Multiply the score (operations per second) by the stream's size or event count, which {@link
 * BenchmarkReport} prints, for MB/s and events/s. The setup parses the stream once with each
 * library and fails unless all of them find the same events with the same data.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ParserBenchmark {

  /** The stream size: 1 MiB, rounded up to a whole event. */
  static final int STREAM_BYTES = 1 << 20;

  @Param({"SMALL_JSON", "LARGE", "SHORT_LINES", "CRLF"})
  public StreamShape shape;

  private StreamShape.EncodedStream stream;

  /** Encodes the stream and checks that every library reads the same events from it. */
  @Setup
  public void encodeAndCheck() {
    stream = shape.encode(STREAM_BYTES);
    DataDigest asyncsse = new DataDigest();
    DataDigest okhttp = new DataDigest();
    DataDigest launchDarkly = new DataDigest();
    StreamParsers.asyncsse(stream.bytes(), asyncsse);
    StreamParsers.okhttpSse(stream.bytes(), okhttp);
    StreamParsers.okhttpEventSource(stream.bytes(), stream.events(), launchDarkly);
    String expected = stream.events() + " events, data digest " + stream.dataDigest();
    for (DataDigest digest : new DataDigest[] {asyncsse, okhttp, launchDarkly}) {
      if (!digest.toString().equals(expected)) {
        throw new IllegalStateException(
            "The parsers disagree on "
                + shape
                + ": expected "
                + expected
                + ", asyncsse read "
                + asyncsse
                + ", okhttp-sse "
                + okhttp
                + ", okhttp-eventsource "
                + launchDarkly);
      }
    }
  }

  @Benchmark
  public int asyncsse(Blackhole blackhole) {
    return StreamParsers.asyncsse(stream.bytes(), sink(blackhole));
  }

  @Benchmark
  public int okhttpSse(Blackhole blackhole) {
    return StreamParsers.okhttpSse(stream.bytes(), sink(blackhole));
  }

  @Benchmark
  public int okhttpEventSource(Blackhole blackhole) {
    return StreamParsers.okhttpEventSource(stream.bytes(), stream.events(), sink(blackhole));
  }

  @Benchmark
  public int lineEndScan() {
    return StreamParsers.lineEndScan(stream.bytes());
  }

  private static StreamParsers.EventSink sink(Blackhole blackhole) {
    return (type, data, id) -> {
      blackhole.consume(type);
      blackhole.consume(data);
      blackhole.consume(id);
    };
  }

  /** Combines the data of the events one parser read, for the setup's check. */
  private static final class DataDigest implements StreamParsers.EventSink {

    private int events;
    private long digest;

    @Override
    public void accept(String type, String data, String id) {
      events++;
      digest = StreamShape.addToDigest(digest, data);
    }

    @Override
    public String toString() {
      return events + " events, data digest " + digest;
    }
  }
}
