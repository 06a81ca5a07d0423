package dev.asyncsse.runtime.server;

import static dev.asyncsse.runtime.server.LoopbackServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseServerTest {

  private static final String ACTION = "smartylighting/streetlights/1/0/action/";

  private LoopbackServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void unmatchedPathUnderRegisteredPrefixGets404() throws Exception {
    server.register(SseEndpoint.builder(ACTION + "{streetlightId}/dim").build());

    HttpResponse<String> response = server.request("GET", "/" + ACTION + "7/brighten");

    assertEquals(404, response.statusCode());
    assertEquals(
        Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertEquals("No event stream at /" + ACTION + "7/brighten.", response.body());
  }

  @Test
  void postGets405WithAllowHeader() throws Exception {
    server.register(SseEndpoint.builder("/events").build());

    HttpResponse<String> response = server.request("POST", "/events");

    assertEquals(405, response.statusCode());
    assertEquals(Optional.of("GET"), response.headers().firstValue("Allow"));
    assertTrue(response.body().contains("POST"), response.body());
  }

  @Test
  void otherMethodsGet405() throws Exception {
    server.register(SseEndpoint.builder("/events").build());

    for (String method : List.of("HEAD", "PUT", "DELETE", "OPTIONS", "PATCH")) {
      assertEquals(405, server.request(method, "/events").statusCode(), method);
    }
  }

  @Test
  void endpointsSharingPrefixRouteToTheirOwnHandler() throws Exception {
    for (String action : List.of("turn/on", "turn/off", "dim")) {
      server.register(
          SseEndpoint.builder(ACTION + "{streetlightId}/" + action)
              .handler(
                  (request, stream) -> {
                    stream.send(action, null, request.pathParameter("streetlightId"));
                    stream.close();
                  })
              .build());
    }

    for (String action : List.of("turn/on", "dim", "turn/off")) {
      try (EventStreamReader reader =
          server.open("/" + ACTION + "light-" + action.length() + "/" + action)) {
        EventStreamReader.Frame frame = reader.nextEvent();

        assertEquals(action, frame.field("event"));
        assertEquals("light-" + action.length(), frame.data());
      }
    }
  }

  @Test
  void pathParametersArePercentDecoded() throws Exception {
    CompletableFuture<Map<String, String>> parameters = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/rooms/{roomId}/{resource}")
            .handler(
                (request, stream) -> {
                  parameters.complete(request.pathParameters());
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/rooms/caf%C3%A9%20au%20lait/a%2Fb+c")) {
      reader.awaitEnd();
    }

    assertEquals(
        Map.of("roomId", "caf\u00e9 au lait", "resource", "a/b+c"),
        parameters.get(10, TimeUnit.SECONDS));
  }

  @Test
  void literalTextWithSpaceIsRouted() throws Exception {
    server.register(
        SseEndpoint.builder("/my rooms/{roomId}")
            .handler((request, stream) -> sendAndClose(stream, request.pathParameter("roomId")))
            .build());

    assertEquals("r 1", firstData("/my%20rooms/r%201"));
  }

  @Test
  void literalTemplateWinsOverParameterTemplate() throws Exception {
    server.register(
        SseEndpoint.builder("/a/{name}")
            .handler(
                (request, stream) -> sendAndClose(stream, "param " + request.pathParameter("name")))
            .build());
    server.register(
        SseEndpoint.builder("/a/b")
            .handler((request, stream) -> sendAndClose(stream, "literal"))
            .build());

    assertEquals("literal", firstData("/a/b"));
    assertEquals("param bc", firstData("/a/bc"));
    assertEquals("param c", firstData("/a/c"));
  }

  @Test
  void rootTemplateServesOnlyRoot() throws Exception {
    server.register(SseEndpoint.builder("/").handler((r, s) -> sendAndClose(s, "root")).build());

    assertEquals("root", firstData("/"));
    assertEquals(404, server.request("GET", "/other").statusCode());
  }

  @Test
  void sameTemplateCannotBeRegisteredTwice() {
    server.register(SseEndpoint.builder("/a/{x}").build());

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> server.register(SseEndpoint.builder("a/{y}").build()));
    assertTrue(error.getMessage().contains("/a/{x}"), error.getMessage());
  }

  @Test
  void existingContextAtPrefixIsReported() {
    assumeTrue(
        Runtime.version().feature() >= 18, "JDK 17 accepts a second context at the same path");
    server.http.createContext("/taken", exchange -> exchange.close());

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> server.register(SseEndpoint.builder("/taken").build()));
    assertTrue(error.getMessage().contains("/taken"), error.getMessage());
  }

  @Test
  void handlerReplacedLaterServesNewConnections() throws Exception {
    SseEndpoint endpoint = SseEndpoint.builder("/events").build();
    server.register(endpoint);
    endpoint.handler((request, stream) -> sendAndClose(stream, "replaced"));

    assertEquals("replaced", firstData("/events"));
  }

  @Test
  void handlerRunsOnStreamThread() throws Exception {
    CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  handlerThread.complete(Thread.currentThread());
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      reader.awaitEnd();
    }

    Thread thread = handlerThread.get(10, TimeUnit.SECONDS);
    assertTrue(thread.getName().startsWith("asyncsse-stream-"), thread.getName());
    if (Runtime.version().feature() >= 21) {
      Method isVirtual = Thread.class.getMethod("isVirtual");
      assertEquals(true, isVirtual.invoke(thread), "virtual thread on JDK 21 and later");
    }
  }

  @Test
  void blockedHandlerDoesNotHoldUpOtherRequests() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.register(
        SseEndpoint.builder("/slow")
            .handler((request, stream) -> release.await(30, TimeUnit.SECONDS))
            .build());
    server.register(
        SseEndpoint.builder("/fast").handler((r, s) -> sendAndClose(s, "fast")).build());
    server.http.createContext("/ping", SseServerTest::pong);

    CompletableFuture<HttpResponse<java.io.InputStream>> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return server.connect("/slow");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(eventually(() -> server.sse.openStreamCount() == 1), "slow handler running");

    try {
      assertEquals("pong", server.request("GET", "/ping").body());
      assertEquals("fast", firstData("/fast"));
      assertFalse(slow.isDone(), "the slow response waits for its handler");
    } finally {
      release.countDown();
    }
    assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
    slow.get().body().close();
  }

  @Test
  void fiftyOpenStreamsAndPingAreAllAnswered() throws Exception {
    server.register(
        SseEndpoint.builder("/streams/{n}")
            .heartbeat(Duration.ofMillis(200))
            .handler((request, stream) -> stream.send(null, null, request.pathParameter("n")))
            .build());
    server.http.createContext("/ping", SseServerTest::pong);

    List<EventStreamReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        readers.add(server.open("/streams/" + i));
      }
      for (int i = 0; i < 50; i++) {
        assertEquals(String.valueOf(i), readers.get(i).nextEvent().data());
      }

      HttpResponse<String> ping = server.request("GET", "/ping");

      assertEquals(200, ping.statusCode());
      assertEquals("pong", ping.body());
      assertEquals(50, server.sse.openStreamCount());
      for (EventStreamReader reader : readers) {
        assertTrue(reader.nextFrame().isComment(), "heartbeat on every stream");
      }
    } finally {
      for (EventStreamReader reader : readers) {
        reader.close();
      }
    }
  }

  @Test
  void shutdownEndsEveryStreamCleanly() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    server.register(
        SseEndpoint.builder("/events/{n}")
            .heartbeat(Duration.ofMillis(200))
            .handler(
                (request, stream) -> {
                  stream.onClose(closed::incrementAndGet);
                  stream.send(null, request.pathParameter("n"), "hello");
                })
            .build());
    List<EventStreamReader> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      readers.add(server.open("/events/" + i));
      assertEquals("hello", readers.get(i).nextEvent().data());
    }

    try (RawHttpConnection raw = RawHttpConnection.connect(server.port())) {
      raw.get("/events/raw");
      raw.readHead();
      assertEquals("id: raw\ndata: hello\n\n", raw.readChunkSkippingHeartbeats());

      server.sse.shutdown();

      assertEquals("", raw.readChunkSkippingHeartbeats());
    }
    for (EventStreamReader reader : readers) {
      reader.awaitEnd();
      reader.close();
    }
    assertEquals(4, closed.get());
    assertEquals(0, server.sse.openStreamCount());
  }

  @Test
  void requestsAfterShutdownGet503() throws Exception {
    server.register(SseEndpoint.builder("/events").build());
    server.sse.shutdown();

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(503, response.statusCode());
    assertThrows(
        IllegalStateException.class, () -> server.register(SseEndpoint.builder("/x").build()));
  }

  @Test
  void shutdownStopsDefaultPoolThreads() throws Exception {
    server.register(SseEndpoint.builder("/events").heartbeat(Duration.ofMillis(100)).build());
    try (EventStreamReader reader = server.open("/events")) {
      assertTrue(reader.nextFrame().isComment());
      server.sse.shutdown();
      reader.awaitEnd();
    }

    // Virtual threads are not listed here; on JDK 17 the pool's platform threads must end.
    assertTrue(
        eventually(
            () -> threadsNamed("asyncsse-stream-") == 0 && threadsNamed("asyncsse-heartbeat") == 0),
        "stream and heartbeat threads ended");
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(prefix))
        .count();
  }

  private String firstData(String rawPath) throws Exception {
    try (EventStreamReader reader = server.open(rawPath)) {
      return reader.nextEvent().data();
    }
  }

  private static void sendAndClose(SseStream stream, String data) throws IOException {
    stream.send(null, null, data);
    stream.close();
  }

  private static void pong(HttpExchange exchange) throws IOException {
    byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
