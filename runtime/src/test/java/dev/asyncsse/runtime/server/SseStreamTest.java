package dev.asyncsse.runtime.server;

import static dev.asyncsse.runtime.server.LoopbackServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.server.EventStreamReader.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseStreamTest {

  /** Long enough that no heartbeat flushes the stream during a test. */
  private static final Duration NO_HEARTBEAT = Duration.ofMinutes(5);

  private static final Duration HEARTBEAT = Duration.ofMillis(150);

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
  void responseHeadersAreExact() throws Exception {
    server.register(SseEndpoint.builder("/events").heartbeat(NO_HEARTBEAT).build());

    HttpResponse<InputStream> response = server.connect("/events");

    assertEquals(200, response.statusCode());
    assertEquals(
        Optional.of("text/event-stream; charset=utf-8"),
        response.headers().firstValue("Content-Type"));
    assertEquals(Optional.of("no-cache"), response.headers().firstValue("Cache-Control"));
    assertEquals(Optional.of("no"), response.headers().firstValue("X-Accel-Buffering"));
    assertEquals(Optional.empty(), response.headers().firstValue("Content-Length"));
    assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"));
    response.body().close();
  }

  @Test
  void headersArriveBeforeAnyEvent() throws Exception {
    server.register(SseEndpoint.builder("/events").heartbeat(NO_HEARTBEAT).build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");

      assertEquals(200, connection.readHead().status());
    }
  }

  @Test
  void bodyUsesChunkedTransferEncoding() throws Exception {
    server.register(SseEndpoint.builder("/events").heartbeat(NO_HEARTBEAT).build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      RawHttpConnection.Head head = connection.readHead();

      assertEquals(200, head.status());
      assertEquals("chunked", head.header("Transfer-Encoding"));
      assertNull(head.header("Content-Length"));
      assertEquals("text/event-stream; charset=utf-8", head.header("Content-Type"));
    }
  }

  @Test
  void eventArrivesAfterSendWithoutFurtherWrites() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      stream.send("greeting", "1", "hello");

      Frame frame = reader.nextFrame();

      assertEquals(List.of("event: greeting", "id: 1", "data: hello"), frame.lines());
    }
  }

  @Test
  void eachEventIsFlushedAsOneChunk() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      connection.readHead();
      SseStream stream = opened.get(10, TimeUnit.SECONDS);

      stream.send(null, null, "a\r\nb");
      assertEquals("data: a\ndata: b\n\n", connection.readChunk());
      stream.send("upd", "7", "");
      assertEquals("event: upd\nid: 7\ndata: \n\n", connection.readChunk());
      stream.comment("note\nmore");
      assertEquals(": note\n: more\n", connection.readChunk());
    }
  }

  @Test
  void handlerMaySendBeforeReturning() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.send(null, null, "first");
                  stream.send(null, null, "second");
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      assertEquals("first", reader.nextEvent().data());
      assertEquals("second", reader.nextEvent().data());
    }
  }

  @Test
  void heartbeatCommentIsSent() throws Exception {
    server.register(SseEndpoint.builder("/events").heartbeat(HEARTBEAT).build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      connection.readHead();

      assertEquals(": ping\n\n", connection.readChunk());
      assertEquals(": ping\n\n", connection.readChunk());
    }
  }

  /**
   * The heartbeat interval is split into slices that the streams take in turn. So 16 streams of an
   * endpoint with a 1.6 s interval get their pings about 100 ms apart instead of all at once. Each
   * stream still gets one ping per interval.
   */
  @Test
  void heartbeatsOfManyStreamsAreSpread() throws Exception {
    Duration interval = Duration.ofMillis(1600);
    server.register(SseEndpoint.builder("/events").heartbeat(interval).build());
    int streamCount = 16;
    List<RawHttpConnection> connections = new ArrayList<>();
    ExecutorService readers = Executors.newFixedThreadPool(streamCount);
    try {
      for (int i = 0; i < streamCount; i++) {
        RawHttpConnection connection = RawHttpConnection.connect(server.port());
        connections.add(connection);
        connection.get("/events");
        connection.readHead();
      }
      List<Future<long[]>> pingTimes = new ArrayList<>();
      for (RawHttpConnection connection : connections) {
        pingTimes.add(readers.submit(() -> twoPingTimes(connection)));
      }

      long firstPing = Long.MAX_VALUE;
      long lastFirstPing = Long.MIN_VALUE;
      for (Future<long[]> future : pingTimes) {
        long[] times = future.get(10, TimeUnit.SECONDS);
        firstPing = Math.min(firstPing, times[0]);
        lastFirstPing = Math.max(lastFirstPing, times[0]);
        long betweenMillis = (times[1] - times[0]) / 1_000_000;
        assertTrue(
            Math.abs(betweenMillis - interval.toMillis()) < 400,
            "a stream's pings came " + betweenMillis + " ms apart");
      }
      long spreadMillis = (lastFirstPing - firstPing) / 1_000_000;
      assertTrue(
          spreadMillis >= interval.toMillis() / 2,
          "the first pings of all streams came within " + spreadMillis + " ms");
    } finally {
      readers.shutdownNow();
      for (RawHttpConnection connection : connections) {
        connection.close();
      }
    }
  }

  /** Reads two heartbeat comments and returns the {@link System#nanoTime()} of each. */
  private static long[] twoPingTimes(RawHttpConnection connection) throws IOException {
    long[] times = new long[2];
    for (int i = 0; i < times.length; i++) {
      assertEquals(": ping\n\n", connection.readChunk());
      times[i] = System.nanoTime();
    }
    return times;
  }

  @Test
  void heartbeatFollowsEachEndpointsInterval() throws Exception {
    CompletableFuture<SseStream> quiet = new CompletableFuture<>();
    server.register(SseEndpoint.builder("/fast").heartbeat(HEARTBEAT).build());
    server.register(
        SseEndpoint.builder("/quiet")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> quiet.complete(stream))
            .build());

    try (RawHttpConnection fast = RawHttpConnection.connect(server.port());
        RawHttpConnection slow = RawHttpConnection.connect(server.port())) {
      slow.get("/quiet");
      slow.readHead();
      fast.get("/fast");
      fast.readHead();
      assertEquals(": ping\n\n", fast.readChunk());
      assertEquals(": ping\n\n", fast.readChunk());
      assertEquals(": ping\n\n", fast.readChunk());
      quiet.get(10, TimeUnit.SECONDS).send(null, null, "after three fast pings");

      // The quiet stream got no ping while the fast one got three.
      assertEquals("data: after three fast pings\n\n", slow.readChunk());
    }
  }

  @Test
  void onCloseCallbacksRunOnceInOrder() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    List<String> calls = new CopyOnWriteArrayList<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.onClose(() -> calls.add("first"));
                  stream.onClose(() -> calls.add("second"));
                  stream.onClose(() -> calls.add("third"));
                  opened.complete(stream);
                })
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      connection.readHead();
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      stream.close();
      stream.close();
      assertEquals(List.of("first", "second", "third"), calls);

      stream.onClose(() -> calls.add("after close"));
      assertEquals(List.of("first", "second", "third", "after close"), calls);
    }
  }

  @Test
  void retryHintIsFirstFrame() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .retryHint(Duration.ofMillis(1500))
            .handler((request, stream) -> stream.send(null, null, "x"))
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      assertEquals(List.of("retry: 1500"), reader.nextFrame().lines());
      assertEquals(List.of("data: x"), reader.nextFrame().lines());
    }
  }

  @Test
  void goneClientIsClosedWithinTwoHeartbeats() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(HEARTBEAT)
            .handler((request, stream) -> stream.onClose(closed::countDown))
            .build());
    RawHttpConnection connection = RawHttpConnection.connect(server.port());
    connection.get("/events");
    connection.readHead();
    assertTrue(eventually(() -> server.sse.openStreamCount() == 1));

    long start = System.nanoTime();
    connection.close();

    // Two heartbeat intervals are enough on an idle machine; the bound leaves room for a loaded
    // one.
    assertTrue(closed.await(20 * HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(eventually(() -> server.sse.openStreamCount() == 0), "stream count");
    assertTrue(elapsedMillis < 20 * HEARTBEAT.toMillis(), "closed after " + elapsedMillis + " ms");
  }

  @Test
  void sendToGoneClientThrowsAndClosesStream() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    AtomicInteger closeCalls = new AtomicInteger();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.onClose(closeCalls::incrementAndGet);
                  opened.complete(stream);
                })
            .build());
    RawHttpConnection connection = RawHttpConnection.connect(server.port());
    connection.get("/events");
    connection.readHead();
    SseStream stream = opened.get(10, TimeUnit.SECONDS);
    connection.close();

    // The first write after the peer closed may still succeed; a later one fails.
    IOException failure = null;
    for (int i = 0; i < 100 && failure == null; i++) {
      try {
        stream.send(null, null, "x");
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (IOException e) {
        failure = e;
      }
    }

    assertInstanceOf(IOException.class, failure);
    assertFalse(stream.isOpen());
    assertEquals(1, closeCalls.get());
    assertThrows(IOException.class, () -> stream.send(null, null, "after"));
  }

  @Test
  void closeEndsBodyWithFinalChunk() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");
      connection.readHead();
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      stream.send(null, "1", "last");
      stream.close();

      assertEquals("id: 1\ndata: last\n\n", connection.readChunk());
      assertEquals("", connection.readChunk());
      assertFalse(stream.isOpen());
    }
    assertTrue(eventually(() -> server.sse.openStreamCount() == 0));
  }

  @Test
  void closeEndsBodyForHttpClient() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.send(null, null, "only");
                  stream.close();
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      assertEquals("only", reader.nextEvent().data());
      reader.awaitEnd();
    }
  }

  @Test
  void closeBeforeAnyWriteSendsEmptyStream() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((r, s) -> s.close())
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.get("/events");

      assertEquals(200, connection.readHead().status());
      assertEquals("", connection.readChunk());
    }
  }

  @Test
  void closeCallbacksRunExactlyOnce() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.onClose(calls::incrementAndGet);
                  stream.onClose(
                      () -> {
                        throw new IllegalStateException("a failing callback is only logged");
                      });
                  stream.onClose(calls::incrementAndGet);
                  opened.complete(stream);
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      stream.close();
      stream.close();
      assertEquals(2, calls.get());

      stream.onClose(calls::incrementAndGet);
      assertEquals(3, calls.get());
      reader.awaitEnd();
    }
  }

  @Test
  void sendAfterCloseThrows() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      assertTrue(stream.isOpen());
      stream.close();

      assertThrows(IOException.class, () -> stream.send(null, null, "x"));
      assertThrows(IOException.class, () -> stream.comment("x"));
      reader.awaitEnd();
    }
  }

  @Test
  void invalidIdIsRejectedWithoutWriting() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      SseStream stream = opened.get(10, TimeUnit.SECONDS);

      assertThrows(IllegalArgumentException.class, () -> stream.send(null, "a\nb", "x"));
      assertThrows(IllegalArgumentException.class, () -> stream.send("a\rb", null, "x"));
      stream.send(null, null, "valid");

      assertEquals(List.of("data: valid"), reader.nextFrame().lines());
      assertTrue(stream.isOpen());
    }
  }

  @Test
  void handlerFailureBeforeStreamAnswers500() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .handler(
                (request, stream) -> {
                  throw new IOException("the test handler fails on purpose");
                })
            .build());

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(500, response.statusCode());
    assertEquals(
        Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertEquals("The server failed to open the event stream.", response.body());
    assertTrue(eventually(() -> server.sse.openStreamCount() == 0));
  }

  @Test
  void handlerFailureAfterSendEndsStream() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(NO_HEARTBEAT)
            .handler(
                (request, stream) -> {
                  stream.send(null, null, "before");
                  throw new IllegalStateException("the test handler fails on purpose");
                })
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      assertEquals("before", reader.nextEvent().data());
      reader.awaitEnd();
    }
  }

  @Test
  void streamStaysOpenAfterHandlerReturns() throws Exception {
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(HEARTBEAT)
            .handler((request, stream) -> opened.complete(stream))
            .build());

    try (EventStreamReader reader = server.open("/events")) {
      SseStream stream = opened.get(10, TimeUnit.SECONDS);
      // Several heartbeats pass while the handler has long returned.
      assertTrue(reader.nextFrame().isComment());
      assertTrue(reader.nextFrame().isComment());
      assertTrue(stream.isOpen());
      stream.send(null, null, "later");

      assertEquals("later", reader.nextEvent().data());
    }
  }

  @Test
  void stalledClientDroppedAfterWriteTimeout() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    CompletableFuture<IOException> senderFailure = new CompletableFuture<>();
    String bigData = "x".repeat(64 * 1024);
    server.register(
        SseEndpoint.builder("/events")
            .heartbeat(Duration.ofMillis(100))
            .writeTimeout(Duration.ofMillis(300))
            .handler(
                (request, stream) -> {
                  stream.onClose(closed::countDown);
                  Thread sender =
                      new Thread(
                          () -> {
                            try {
                              while (true) {
                                stream.send(null, null, bigData);
                              }
                            } catch (IOException e) {
                              senderFailure.complete(e);
                            }
                          },
                          "test-sender");
                  sender.setDaemon(true);
                  sender.start();
                })
            .build());

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port(), 4096)) {
      connection.get("/events");

      assertTrue(closed.await(10, TimeUnit.SECONDS), "stream closed");
      IOException failure = senderFailure.get(10, TimeUnit.SECONDS);
      assertTrue(failure.getMessage().startsWith("Dropped"), failure.getMessage());
    }
    assertTrue(eventually(() -> server.sse.openStreamCount() == 0));
  }
}
