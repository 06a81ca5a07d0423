package dev.asyncsse.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.asyncsse.benchmarks.EventReceivers.EventReceiver;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end client throughput: one operation opens a connection to a {@link LoopbackEventServer}
 * in the same process, receives {@value #EVENTS_PER_CONNECTION} events of {@link
 * StreamShape#SMALL_JSON} (95 bytes each) and closes it. The score is events per second.
 *
 * <p>The clients {@code jdkHttpClientBytes}, {@code jdkSubscriberBytes} and {@code okhttpBytes}
 * only read the body's bytes: they are the transport ceilings of the clients built on {@code
 * java.net.http} (through an input stream, and in a body subscriber on the delivering thread) and
 * on OkHttp.
 *
 * <p>The secondary results {@code clientCpuNanos} and {@code receivedEvents} give the CPU time per
 * event: the process CPU time during the operations, less the time of the server's connection
 * threads. It includes garbage collection and the HTTP client's own threads, but also whatever else
 * the JVM did meanwhile, such as JIT compilation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ClientBenchmark {

  /** The events received per connection: about 19 MB. */
  public static final int EVENTS_PER_CONNECTION = 200_000;

  @Param({
    "asyncsse",
    "okhttpSse",
    "okhttpEventSource",
    "jdkBufferedReader",
    "jdkHttpClientBytes",
    "jdkSubscriberBytes",
    "okhttpBytes"
  })
  public String client;

  @Param({"RAW", "JSON"})
  public Payload payload;

  private LoopbackEventServer server;
  private EventReceiver receiver;
  private URI uri;
  private long expectedMeasure;

  /** Starts the server and creates the client. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    byte[] frame = StreamShape.SMALL_JSON.frame(1).getBytes(StandardCharsets.UTF_8);
    server = LoopbackEventServer.start(frame, EVENTS_PER_CONNECTION);
    uri = server.uri("/user/signedup");
    receiver = EventReceivers.create(client, payload);
    expectedMeasure = EventReceivers.expectedMeasure(client, payload, EVENTS_PER_CONNECTION);
  }

  /** Closes the client and the server. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    receiver.close();
    server.close();
  }

  /** Receives one connection's events and checks what the client read. */
  @Benchmark
  @OperationsPerInvocation(EVENTS_PER_CONNECTION)
  public long receive(CpuCounters cpu) throws Exception {
    long processStart = CpuCounters.processCpuNanos();
    long serverStart = server.cpuNanos();

    long measure = receiver.receive(uri, EVENTS_PER_CONNECTION);
    server.awaitConnectionEnd(EventReceivers.RECEIVE_TIMEOUT_SECONDS);

    long serverNanos = server.cpuNanos() - serverStart;
    cpu.clientCpuNanos += CpuCounters.processCpuNanos() - processStart - serverNanos;
    cpu.receivedEvents += EVENTS_PER_CONNECTION;
    if (measure != expectedMeasure) {
      throw new IllegalStateException(
          client + " read " + measure + " where " + expectedMeasure + " was expected");
    }
    return measure;
  }

  /** The CPU time of the client side and the events it received, summed per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuCounters {

    private static final OperatingSystemMXBean OS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long clientCpuNanos;
    public long receivedEvents;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      clientCpuNanos = 0;
      receivedEvents = 0;
    }

    static long processCpuNanos() {
      return OS.getProcessCpuTime();
    }
  }
}
