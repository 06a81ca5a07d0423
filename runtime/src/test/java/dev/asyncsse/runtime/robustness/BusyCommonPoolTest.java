package dev.asyncsse.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An application may keep every thread of the common {@link ForkJoinPool} busy, which on a machine
 * with one or two cores is a single thread. The client must still connect.
 */
class BusyCommonPoolTest {

  @Test
  void clientConnectsWhileCommonPoolIsBusy() throws Exception {
    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(
        SseEndpoint.builder("/events")
            .handler((request, stream) -> stream.send(null, "1", "hello"))
            .build());
    http.start();
    AtomicBoolean release = new AtomicBoolean();
    for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
      CompletableFuture.runAsync(() -> sleepUntil(release));
    }
    EventRecorder recorder = new EventRecorder();
    try (Subscription subscription =
        SseClient.builder(Loopback.uri(http, "/events")).build().subscribe(recorder)) {
      recorder.expectOpen();
      assertEquals(new SseEvent("message", "hello", "1"), recorder.expectEvent());
    } finally {
      release.set(true);
      server.shutdown();
      http.stop(0);
    }
  }

  /** Sleeps rather than blocks on a lock, so that the pool starts no compensating thread. */
  private static void sleepUntil(AtomicBoolean release) {
    try {
      while (!release.get()) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
