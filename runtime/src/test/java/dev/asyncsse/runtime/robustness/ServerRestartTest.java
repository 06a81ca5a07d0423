package dev.asyncsse.runtime.robustness;

import static dev.asyncsse.runtime.robustness.Loopback.eventually;
import static dev.asyncsse.runtime.robustness.Loopback.generatedIdNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.Broadcaster;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restarts the HTTP server under a connected client while events keep being published. The
 * broadcaster outlives the server, as it would when only the HTTP layer restarts, so its replay
 * buffer carries the events published while the client was away.
 */
class ServerRestartTest {

  record Tick(long n) {}

  private static final MessageType<Tick> TICK = MessageType.json("tick", Tick.class);

  /**
   * With {@code graceful}, the old server ends its streams with {@link SseServer#shutdown()} before
   * the HTTP server stops; otherwise the HTTP server stops at once and drops the connections.
   */
  @ParameterizedTest(name = "graceful={0}")
  @ValueSource(booleans = {true, false})
  void restartMidStreamLosesAndRepeatsNothing(boolean graceful) throws Exception {
    Broadcaster<Tick> broadcaster =
        Broadcaster.builder(TICK, JsonCodec.jackson())
            .queueCapacity(10_000)
            .replayCapacity(10_000)
            .build();
    HttpServer firstHttp = Loopback.newServer();
    SseServer first = serve(firstHttp, broadcaster);
    int port = firstHttp.getAddress().getPort();
    EventRecorder recorder = new EventRecorder();
    Subscription subscription =
        SseClient.builder(Loopback.uri(port, "/ticks"))
            .reconnectDelay(Duration.ofMillis(50))
            .maxReconnectDelay(Duration.ofMillis(200))
            .build()
            .subscribe(recorder);
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 1), "first connection");

    AtomicLong published = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    // Not the common pool: java.net.http on JDK 25 needs a free common-pool thread to connect.
    ExecutorService publisherThread = Executors.newSingleThreadExecutor();
    CompletableFuture<Void> publisher =
        CompletableFuture.runAsync(
            () -> {
              while (!stop.get()) {
                broadcaster.publish(new Tick(published.incrementAndGet()));
                sleepMillis(2);
              }
            },
            publisherThread);
    HttpServer secondHttp = null;
    SseServer second = null;
    try {
      long received = expectConsecutive(recorder, 1, 50);

      if (graceful) {
        first.shutdown();
      }
      firstHttp.stop(0);
      long publishedWhileDown = published.get();
      assertTrue(eventually(() -> published.get() >= publishedWhileDown + 50), "published");
      secondHttp = Loopback.newServer(port);
      second = serve(secondHttp, broadcaster);
      SseServer restarted = second;
      assertTrue(eventually(() -> restarted.openStreamCount() == 1), "reconnected");
      received = expectConsecutive(recorder, received + 1, 50);

      stop.set(true);
      publisher.get(10, TimeUnit.SECONDS);
      long last = published.get();
      expectConsecutive(recorder, received + 1, (int) (last - received));

      // The old connection is gone, also when it was dropped without a clean end.
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1), "one subscriber");
      assertEquals(1, second.openStreamCount());
      assertEquals(2, recorder.openCount());
      broadcaster.publish(new Tick(last + 1));
      assertEquals(last + 1, generatedIdNumber(recorder.nextEventSkippingOthers().id()));
    } finally {
      stop.set(true);
      publisherThread.shutdown();
      subscription.close();
      first.shutdown();
      firstHttp.stop(0);
      if (second != null) {
        second.shutdown();
        secondHttp.stop(0);
      }
    }
  }

  private static SseServer serve(HttpServer http, Broadcaster<Tick> broadcaster) {
    SseServer server = SseServer.on(http);
    server.register(
        SseEndpoint.builder("/ticks")
            .heartbeat(Duration.ofMillis(200))
            .handler(broadcaster.subscriber())
            .build());
    http.start();
    return server;
  }

  /**
   * Expects {@code count} events with the ids and payloads {@code first}, {@code first + 1} and so
   * on, and returns the last id.
   */
  private static long expectConsecutive(EventRecorder recorder, long first, int count)
      throws InterruptedException {
    long id = first;
    for (int i = 0; i < count; i++, id++) {
      SseEvent event = recorder.nextEventSkippingOthers();
      assertEquals(id, generatedIdNumber(event.id()));
      assertEquals("{\"n\":" + id + "}", event.data());
    }
    return id - 1;
  }

  private static void sleepMillis(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
