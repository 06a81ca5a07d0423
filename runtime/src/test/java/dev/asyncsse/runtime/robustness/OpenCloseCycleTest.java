package dev.asyncsse.runtime.robustness;

import static dev.asyncsse.runtime.robustness.Loopback.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseListener;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Opens and closes many subscriptions against one server, and checks that threads, file descriptors
 * and server streams come back to where they were.
 */
class OpenCloseCycleTest {

  private static final int CYCLES = 1_000;
  private static final int WARM_UP_CYCLES = 30;

  /**
   * The name prefix of the server's stream pool threads. On JDK 17 to 20 the pool keeps up to
   * {@link #STREAM_POOL_MAX_THREADS} idle threads for 30 seconds, so the test checks that bound
   * instead of counting them. On JDK 21 and later streams run on virtual threads, which a platform
   * thread count does not include.
   */
  private static final String STREAM_POOL_PREFIX = "asyncsse-stream-";

  private static final int STREAM_POOL_MAX_THREADS = 256;

  /** Platform threads that may come and go without a leak, such as JDK-internal helpers. */
  private static final int THREAD_TOLERANCE = 8;

  private static final int FILE_DESCRIPTOR_TOLERANCE = 16;

  @Test
  void thousandOpenCloseCyclesLeakNothing() throws Exception {
    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(Duration.ofMillis(100))
            .handler(
                (request, stream) -> {
                  stream.send(null, "1", "first");
                  stream.send(null, "2", "second");
                })
            .build());
    http.start();
    ExecutorService clientExecutor = Executors.newFixedThreadPool(2);
    SseClient client =
        SseClient.builder(Loopback.uri(http, "/events"))
            .httpClient(Loopback.httpClient().executor(clientExecutor).build())
            .build();
    try {
      runCycles(client, WARM_UP_CYCLES);
      assertTrue(eventually(() -> server.openStreamCount() == 0), "warm-up streams ended");
      Map<String, Integer> threadsBefore = threadCounts();
      long descriptorsBefore = openFileDescriptors();

      runCycles(client, CYCLES);

      assertTrue(
          eventually(() -> server.openStreamCount() == 0),
          () -> server.openStreamCount() + " server streams still open");
      assertTrue(
          eventually(() -> threadCounts().getOrDefault("asyncsse client", 0) == 0),
          () -> "subscription threads left: " + threadCounts());
      assertTrue(
          eventually(
              () ->
                  countExceptStreamPool(threadCounts())
                      <= countExceptStreamPool(threadsBefore) + THREAD_TOLERANCE),
          () -> "threads before " + threadsBefore + ", after " + threadCounts());
      assertTrue(
          threadCounts().getOrDefault(STREAM_POOL_PREFIX, 0) <= STREAM_POOL_MAX_THREADS,
          () -> "stream pool threads: " + threadCounts());
      if (descriptorsBefore >= 0) {
        assertTrue(
            eventually(
                () -> openFileDescriptors() <= descriptorsBefore + FILE_DESCRIPTOR_TOLERANCE),
            () ->
                "file descriptors before "
                    + descriptorsBefore
                    + ", after "
                    + openFileDescriptors());
      }
    } finally {
      server.shutdown();
      http.stop(0);
      clientExecutor.shutdownNow();
    }
  }

  /** Subscribes, waits for both events, and closes, {@code cycles} times in a row. */
  private static void runCycles(SseClient client, int cycles) throws InterruptedException {
    for (int i = 0; i < cycles; i++) {
      CountDownLatch received = new CountDownLatch(2);
      AtomicInteger errors = new AtomicInteger();
      Subscription subscription =
          client.subscribe(
              new SseListener() {
                @Override
                public void onEvent(SseEvent event) {
                  received.countDown();
                }

                @Override
                public void onError(dev.asyncsse.runtime.client.SseError error) {
                  errors.incrementAndGet();
                }
              });
      try {
        assertTrue(received.await(20, TimeUnit.SECONDS), "cycle " + i + " received two events");
      } finally {
        subscription.close();
      }
      assertEquals(0, errors.get(), "errors in cycle " + i);
    }
  }

  /** Counts live platform threads by name, with digits removed so pool threads group together. */
  private static Map<String, Integer> threadCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      String group =
          name.startsWith(STREAM_POOL_PREFIX)
              ? STREAM_POOL_PREFIX
              : name.startsWith("asyncsse client")
                  ? "asyncsse client"
                  : name.replaceAll("[0-9]+", "#");
      counts.merge(group, 1, Integer::sum);
    }
    return counts;
  }

  private static int countExceptStreamPool(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .filter(entry -> !entry.getKey().equals(STREAM_POOL_PREFIX))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Returns the number of open file descriptors of this process, or -1 where it is unknown. */
  private static long openFileDescriptors() {
    Path descriptors = Paths.get("/proc/self/fd");
    if (!Files.isDirectory(descriptors)) {
      return -1;
    }
    try (Stream<Path> entries = Files.list(descriptors)) {
      return entries.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
