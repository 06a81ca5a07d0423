package dev.asyncsse.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.SseListener;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A 503 with Retry-After, which a restarting server sends, delays the client instead of ending it. */
class RetryAfterTest {

  @Test
  void serviceUnavailableWithRetryAfterReconnects() throws Exception {
    HttpServer http = Loopback.newServer();
    AtomicInteger requests = new AtomicInteger();
    http.createContext("/events", exchange -> {
      if (requests.incrementAndGet() == 1) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        byte[] body = "restarting".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("data: back\n\n".getBytes(StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      exchange.close();
    });
    http.start();
    List<SseError> errors = new CopyOnWriteArrayList<>();
    CountDownLatch received = new CountDownLatch(1);
    try (Subscription subscription = SseClient.builder(
            URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/events"))
        .reconnectDelay(Duration.ofMillis(10))
        .build()
        .subscribe(new SseListener() {
          @Override
          public void onEvent(SseEvent event) {
            received.countDown();
          }

          @Override
          public void onError(SseError error) {
            errors.add(error);
          }
        })) {
      assertTrue(received.await(20, TimeUnit.SECONDS), "no event after the 503: " + errors);
    } finally {
      http.stop(0);
    }

    assertEquals(503, errors.get(0).status().orElse(-1));
    assertTrue(errors.get(0).willReconnect());
  }

  @Test
  void shutDownServerAnswersRetryAfter() throws Exception {
    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(SseEndpoint.builder("/events").build());
    http.start();
    server.shutdown();
    try {
      var response = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/events"))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());

      assertEquals(503, response.statusCode());
      assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
    } finally {
      http.stop(0);
    }
  }
}
