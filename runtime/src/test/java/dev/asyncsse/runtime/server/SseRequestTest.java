package dev.asyncsse.runtime.server;

import static dev.asyncsse.runtime.server.LoopbackServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseRequestTest {

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
  void rejectWith403SendsReasonAndNoStream() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  stream.onClose(closed::countDown);
                  request.reject(403, "not a member of this project");
                })
            .build());

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(403, response.statusCode());
    assertEquals(
        Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertEquals("not a member of this project", response.body());
    assertTrue(closed.await(10, TimeUnit.SECONDS), "onClose ran");
    assertTrue(eventually(() -> server.sse.openStreamCount() == 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 429, 503})
  void rejectSendsStatusAndReason(int status) throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .handler((request, stream) -> request.reject(status, "reason " + status))
            .build());

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(status, response.statusCode());
    assertEquals("reason " + status, response.body());
  }

  @Test
  void rejectWith204SendsNoBody() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .handler((request, stream) -> request.reject(204, "no more events"))
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      RawHttpConnection.Head head = connection.readHead();

      assertEquals(204, head.status());
      assertNull(head.header("Content-Type"));
      assertNull(head.header("Transfer-Encoding"));
    }
  }

  @Test
  void rejectedRequestCannotSend() throws Exception {
    CompletableFuture<Boolean> openAfterReject = new CompletableFuture<>();
    CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  request.reject(401, "missing token");
                  openAfterReject.complete(stream.isOpen());
                  try {
                    stream.send(null, null, "x");
                    sendFailure.complete(null);
                  } catch (RuntimeException e) {
                    sendFailure.complete(e);
                  }
                })
            .build());

    assertEquals(401, server.request("GET", "/events").statusCode());
    assertEquals(false, openAfterReject.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, sendFailure.get(10, TimeUnit.SECONDS));
  }

  @Test
  void rejectWithUnsupportedStatusThrows() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  try {
                    request.reject(500, "server error");
                    failure.complete(null);
                  } catch (IllegalArgumentException e) {
                    failure.complete(e);
                  }
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      reader.awaitEnd();
    }
    Throwable error = failure.get(10, TimeUnit.SECONDS);
    assertInstanceOf(IllegalArgumentException.class, error);
    assertTrue(error.getMessage().contains("500"), error.getMessage());
  }

  @Test
  void rejectAfterFirstSendThrows() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  stream.send(null, null, "started");
                  try {
                    request.reject(403, "too late");
                    failure.complete(null);
                  } catch (IllegalStateException e) {
                    failure.complete(e);
                  }
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      assertEquals("started", reader.nextEvent().data());
    }
    assertInstanceOf(IllegalStateException.class, failure.get(10, TimeUnit.SECONDS));
  }

  @Test
  void lastEventIdBytesAreDecodedAsUtf8() throws Exception {
    CompletableFuture<String> lastEventId = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  lastEventId.complete(request.lastEventId());
                  stream.close();
                })
            .build());
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes("Last-Event-ID: ".getBytes(StandardCharsets.US_ASCII));
    header.writeBytes(new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA6});
    header.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.send("GET", "/events", header.toByteArray());
      assertEquals(200, connection.readHead().status());
    }

    assertEquals("\u2026", lastEventId.get(10, TimeUnit.SECONDS));
  }

  @Test
  void asciiLastEventIdIsReturnedAsSent() throws Exception {
    CompletableFuture<String> lastEventId = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  lastEventId.complete(request.lastEventId());
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/events", "Last-Event-ID", "abc-42")) {
      reader.awaitEnd();
    }

    assertEquals("abc-42", lastEventId.get(10, TimeUnit.SECONDS));
  }

  @Test
  void missingLastEventIdIsEmpty() throws Exception {
    CompletableFuture<String> lastEventId = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  lastEventId.complete(request.lastEventId());
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      reader.awaitEnd();
    }

    assertEquals("", lastEventId.get(10, TimeUnit.SECONDS));
  }

  @Test
  void requestExposesPathQueryHeadersAndClient() throws Exception {
    CompletableFuture<SseRequest> seen = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/rooms/{roomId}")
            .heartbeat(Duration.ofMinutes(5))
            .handler(
                (request, stream) -> {
                  seen.complete(request);
                  stream.close();
                })
            .build());

    try (EventStreamReader reader =
        server.open("/rooms/r%201?token=a%2Bb+c&flag&token=second", "Authorization", "Bearer t")) {
      reader.awaitEnd();
    }
    SseRequest request = seen.get(10, TimeUnit.SECONDS);

    assertEquals(Map.of("roomId", "r 1"), request.pathParameters());
    assertEquals("r 1", request.pathParameter("roomId"));
    assertEquals(Optional.of("a+b c"), request.queryParameter("token"));
    assertEquals(Optional.of(""), request.queryParameter("flag"));
    assertEquals(Optional.empty(), request.queryParameter("missing"));
    assertEquals(List.of("a+b c", "second"), request.queryParameters("token"));
    assertEquals(List.of(""), request.queryParameters("flag"));
    assertEquals(List.of(), request.queryParameters("missing"));
    assertEquals(Optional.of("Bearer t"), request.header("authorization"));
    assertEquals(Optional.empty(), request.header("X-Missing"));
    assertEquals("GET", request.method());
    assertEquals(URI.create("/rooms/r%201?token=a%2Bb+c&flag&token=second"), request.uri());
    assertEquals(InetAddress.getLoopbackAddress(), request.remoteAddress().getAddress());
    assertEquals("/rooms/r%201", request.exchange().getRequestURI().getRawPath());
  }

  @Test
  void unknownPathParameterThrows() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/rooms/{roomId}")
            .handler(
                (request, stream) -> {
                  try {
                    request.pathParameter("room");
                    failure.complete(null);
                  } catch (IllegalArgumentException e) {
                    failure.complete(e);
                  }
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/rooms/1")) {
      reader.awaitEnd();
    }

    Throwable error = failure.get(10, TimeUnit.SECONDS);
    assertInstanceOf(IllegalArgumentException.class, error);
    assertTrue(error.getMessage().contains("\"room\""), error.getMessage());
  }

  @Test
  void rejectBeforeStreamWritesNoEventStreamBytes() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .retryHint(Duration.ofSeconds(1))
            .handler((request, stream) -> request.reject(404, "no such room"))
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      RawHttpConnection.Head head = connection.readHead();

      assertEquals(404, head.status());
      assertEquals("12", head.header("Content-Length"));
      assertEquals("no such room", connection.readBody(12));
    }
    HttpResponse<String> again = server.request("GET", "/events");
    assertEquals("no such room", again.body());
  }
}
