package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.noHeaders;
import static dev.asyncsse.runtime.client.ScriptedServer.redirect;
import static dev.asyncsse.runtime.client.ScriptedServer.status;
import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static dev.asyncsse.runtime.client.ScriptedServer.streamThenHold;
import static dev.asyncsse.runtime.client.ScriptedServer.streamWithContentType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.ScriptedServer.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real {@code com.sun.net.httpserver} server on the loopback interface. */
class SseClientTest {

  private static final Duration SHORT_DELAY = Duration.ofMillis(20);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(500);

  private ScriptedServer server;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final CountDownLatch releaseHeldResponses = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopEverything() {
    subscriptions.forEach(Subscription::close);
    releaseHeldResponses.countDown();
    server.close();
  }

  private SseClient.Builder client() {
    return client("/events");
  }

  private SseClient.Builder client(String path) {
    return SseClient.builder(server.uri(path)).reconnectDelay(SHORT_DELAY);
  }

  private Subscription subscribe(SseClient client, SseListener listener) {
    Subscription subscription = client.subscribe(listener);
    subscriptions.add(subscription);
    return subscription;
  }

  // Requests.

  @Test
  void requestSendsAcceptAndCacheControl() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().reconnect(false).build(), listener);

    Request request = server.takeRequest();
    assertEquals("GET", request.method());
    assertEquals("/events", request.path());
    assertEquals(List.of("text/event-stream"), request.headers().get("Accept"));
    assertEquals(List.of("no-cache"), request.headers().get("Cache-Control"));
    assertNull(request.header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals(new SseEvent("message", "a", ""), listener.nextEvent());
    listener.expectClosed();
  }

  @Test
  void userAcceptReplacesDefault() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    SseClient client =
        client()
            .reconnect(false)
            .header("Accept", "text/event-stream, application/json")
            .header("X-Trace", "one")
            .header("X-Trace", "two")
            .build();
    subscribe(client, new RecordingListener());

    Request request = server.takeRequest();
    assertEquals(List.of("text/event-stream, application/json"), request.headers().get("Accept"));
    assertEquals(List.of("one", "two"), request.headers().get("X-Trace"));
  }

  @Test
  void initialLastEventIdSentOnFirstRequest() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().reconnect(false).lastEventId("17").build(), listener);

    assertEquals("17", server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals(new SseEvent("message", "a", "17"), listener.nextEvent());
  }

  @Test
  void builderRejectsInvalidSettings() {
    URI uri = server.uri("/events");
    assertThrows(
        IllegalArgumentException.class, () -> SseClient.builder(URI.create("ftp://x/events")));
    assertThrows(IllegalArgumentException.class, () -> SseClient.builder(URI.create("/events")));
    assertThrows(
        IllegalArgumentException.class, () -> SseClient.builder(uri).header("Last-Event-ID", "1"));
    assertThrows(IllegalArgumentException.class, () -> SseClient.builder(uri).header("Host", "x"));
    assertThrows(
        IllegalArgumentException.class, () -> SseClient.builder(uri).header("X-A", "a\u0001b"));
    IllegalArgumentException nonAscii = assertThrows(
        IllegalArgumentException.class, () -> SseClient.builder(uri).header("X-A", "t\u00e9"));
    assertTrue(
        nonAscii.getMessage().startsWith("X-A: must be visible ASCII"), nonAscii.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SseClient.builder(uri).reconnectDelay(Duration.ofMillis(-1)));
    assertThrows(
        IllegalArgumentException.class, () -> SseClient.builder(uri).connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> SseClient.builder(uri).maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> SseClient.builder(uri).maxEventBytes(0));
    assertEquals(uri, SseClient.builder(uri).build().uri());
  }

  // Reconnecting and the last event ID.

  @Test
  void endOfStreamReconnectsWithoutError() throws Exception {
    server.enqueue(stream("data: one\n\n"), stream("data: two\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().build(), listener);

    listener.expectOpen();
    assertEquals("one", listener.nextEvent().data());
    listener.expectOpen();
    assertEquals("two", listener.nextEvent().data());
    // The third request gets the default 204.
    SseError stop = listener.nextError();
    assertEquals(SseError.Kind.HTTP_STATUS, stop.kind());
    listener.expectClosed();
  }

  @Test
  void retryFieldSetsReconnectDelay() throws Exception {
    server.enqueue(stream("retry: 20\ndata: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    // Without the server's retry: the reconnect would wait 60 s, far beyond the test's wait.
    subscribe(client().reconnectDelay(Duration.ofSeconds(60)).build(), listener);

    server.takeRequest();
    server.takeRequest();
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    listener.expectOpen();
    assertEquals("b", listener.nextEvent().data());
  }

  @Test
  void retryWithoutEventSetsReconnectDelay() throws Exception {
    server.enqueue(stream("retry: 20\n"));
    subscribe(client().reconnectDelay(Duration.ofSeconds(60)).build(), new RecordingListener());

    server.takeRequest();
    server.takeRequest();
  }

  @Test
  void hugeRetryCappedAtMaxReconnectDelay() throws Exception {
    server.enqueue(stream("retry: 999999999\ndata: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    try (LogCapture log = new LogCapture()) {
      subscribe(client().maxReconnectDelay(Duration.ofMillis(50)).build(), listener);

      server.takeRequest();
      // Without the cap the reconnect would wait 999999999 ms, about 11.5 days.
      server.takeRequest();
      listener.expectOpen();
      assertEquals("a", listener.nextEvent().data());
      listener.expectOpen();
      assertEquals("b", listener.nextEvent().data());
      List<String> warnings =
          log.lines().stream()
              .filter(line -> line.startsWith("WARNING") && line.contains("999999999 ms"))
              .toList();
      assertEquals(1, warnings.size(), String.join("\n", log.lines()));
      assertTrue(warnings.get(0).contains("waits 50 ms instead"), warnings.get(0));
    }
  }

  @Test
  void overflowingRetryCappedAtMaxReconnectDelay() throws Exception {
    server.enqueue(stream("retry: 99999999999999999999\ndata: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    try (LogCapture log = new LogCapture()) {
      subscribe(client().maxReconnectDelay(Duration.ofMillis(50)).build(), listener);

      server.takeRequest();
      server.takeRequest();
      listener.expectOpen();
      assertEquals("a", listener.nextEvent().data());
      listener.expectOpen();
      assertEquals("b", listener.nextEvent().data());
      List<String> warnings =
          log.lines().stream()
              .filter(line -> line.startsWith("WARNING") && line.contains("a retry: field"))
              .toList();
      assertEquals(1, warnings.size(), String.join("\n", log.lines()));
      assertTrue(warnings.get(0).contains("waits 50 ms instead"), warnings.get(0));
    }
  }

  @Test
  void hugeRetryAfterCappedAtMaxReconnectDelay() throws Exception {
    server.enqueue(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "999999");
          exchange.sendResponseHeaders(503, -1);
        },
        stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    try (LogCapture log = new LogCapture()) {
      subscribe(client().maxReconnectDelay(Duration.ofMillis(50)).build(), listener);

      server.takeRequest();
      server.takeRequest();
      SseError error = listener.nextError();
      assertEquals(OptionalInt.of(503), error.status());
      assertTrue(error.willReconnect());
      listener.expectOpen();
      assertEquals("b", listener.nextEvent().data());
      assertTrue(
          log.lines().stream()
              .anyMatch(line -> line.startsWith("WARNING") && line.contains("Retry-After: 999999")),
          String.join("\n", log.lines()));
    }
  }

  @Test
  void lastEventIdSentOnReconnect() throws Exception {
    server.enqueue(stream("id: abc\ndata: Hello\n\ndata: World\n\n"), stream("data: again\n\n"));
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().build(), listener);

    assertNull(server.takeRequest().header("Last-Event-ID"));
    assertEquals("abc", server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals(new SseEvent("message", "Hello", "abc"), listener.nextEvent());
    assertEquals(new SseEvent("message", "World", "abc"), listener.nextEvent());
    listener.expectOpen();
    assertEquals(new SseEvent("message", "again", "abc"), listener.nextEvent());
    assertEquals("abc", subscription.lastEventId());
  }

  @Test
  void idOnlyBlockSentOnReconnect() throws Exception {
    server.enqueue(stream("id: 5\n\n"));
    subscribe(client().build(), new RecordingListener());

    server.takeRequest();
    assertEquals("5", server.takeRequest().header("Last-Event-ID"));
  }

  @Test
  void idOfUnfinishedEventNotSent() throws Exception {
    server.enqueue(stream("data:test1\n\nid:test\ndata:test2\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().build(), listener);

    server.takeRequest();
    assertNull(server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals(new SseEvent("message", "test1", ""), listener.nextEvent());
  }

  @Test
  void clearedIdSendsNoHeader() throws Exception {
    server.enqueue(stream("id: 5\ndata: a\n\nid:\ndata: b\n\n"));
    subscribe(client().build(), new RecordingListener());

    server.takeRequest();
    assertNull(server.takeRequest().header("Last-Event-ID"));
  }

  @Test
  void idWithNulNotSent() throws Exception {
    server.enqueue(stream("id: x\u0000x\ndata: hello\n\n"));
    subscribe(client().build(), new RecordingListener());

    server.takeRequest();
    assertNull(server.takeRequest().header("Last-Event-ID"));
  }

  @Test
  void nonAsciiIdNotSent() throws Exception {
    server.enqueue(stream("id: \u2026\ndata: hello\n\n"), stream("data: again\n\n"));
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().build(), listener);

    server.takeRequest();
    assertNull(server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals(new SseEvent("message", "hello", "\u2026"), listener.nextEvent());
    SseError error = listener.nextError();
    assertEquals(SseError.Kind.LAST_EVENT_ID, error.kind());
    assertTrue(error.willReconnect());
    assertTrue(error.getMessage().contains("\u2026"), error.getMessage());
    listener.expectOpen();
    // The new connection's parser starts from the old id.
    assertEquals(new SseEvent("message", "again", "\u2026"), listener.nextEvent());
    assertEquals("\u2026", subscription.lastEventId());
    // The third request, which gets a 204, has no header either, and the id was reported once.
    assertNull(server.takeRequest().header("Last-Event-ID"));
    assertEquals(SseError.Kind.HTTP_STATUS, listener.nextError().kind());
    listener.expectClosed();
  }

  @Test
  void controlCharacterIdNotSent() throws Exception {
    server.enqueue(stream("id: a\u0001b\ndata: hello\n\n"), stream("data: again\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().build(), listener);

    server.takeRequest();
    assertNull(server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    listener.nextEvent();
    assertEquals(SseError.Kind.LAST_EVENT_ID, listener.nextError().kind());
    listener.expectOpen();
    assertEquals("again", listener.nextEvent().data());
  }

  @Test
  void byteOrderMarkStrippedOnEveryConnection() throws Exception {
    server.enqueue(stream("\uFEFFdata: one\n\n"), stream("\uFEFFdata: two\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().build(), listener);

    listener.expectOpen();
    assertEquals("one", listener.nextEvent().data());
    listener.expectOpen();
    assertEquals("two", listener.nextEvent().data());
  }

  // Responses that stop the subscription.

  @Test
  void status204StopsWithoutReconnect() throws Exception {
    server.enqueue(status(204, ""));
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().build(), listener);

    server.takeRequest();
    SseError error = listener.nextError();
    assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
    assertEquals(OptionalInt.of(204), error.status());
    assertFalse(error.willReconnect());
    listener.expectClosed();
    assertTrue(subscription.isClosed());
    server.assertNoRequestWithin(QUIET_PERIOD);
  }

  @Test
  void otherStatusesStopAndReportBody() throws Exception {
    for (int code : new int[] {205, 299, 404, 410, 503}) {
      String body = code == 205 ? "" : "no stream here (" + code + ")";
      server.enqueue(status(code, body));
      RecordingListener listener = new RecordingListener();
      subscribe(client().build(), listener);

      server.takeRequest();
      SseError error = listener.nextError();
      assertEquals(SseError.Kind.HTTP_STATUS, error.kind(), "status " + code);
      assertEquals(OptionalInt.of(code), error.status());
      assertFalse(error.willReconnect(), "status " + code);
      assertTrue(error.getMessage().contains(server.uri("/events").toString()), error.getMessage());
      assertTrue(error.getMessage().contains(String.valueOf(code)), error.getMessage());
      assertTrue(error.getMessage().contains(body), error.getMessage());
      listener.expectClosed();
      server.assertNoRequestWithin(Duration.ofMillis(200));
    }
  }

  @Test
  void wrongContentTypeStops() throws Exception {
    for (String contentType : new String[] {"text/plain", "text/x-bogus", "x bogus", null}) {
      server.enqueue(streamWithContentType(contentType, ScriptedServer.bytes("data: x\n\n")));
      RecordingListener listener = new RecordingListener();
      subscribe(client().build(), listener);

      server.takeRequest();
      SseError error = listener.nextError();
      assertEquals(SseError.Kind.CONTENT_TYPE, error.kind(), "content type " + contentType);
      assertFalse(error.willReconnect());
      if (contentType != null) {
        assertTrue(error.getMessage().contains(contentType), error.getMessage());
      }
      listener.expectClosed();
      server.assertNoRequestWithin(Duration.ofMillis(200));
    }
  }

  @Test
  void eventStreamWithParametersAndCaseOpens() throws Exception {
    String[] contentTypes = {
      "text/event-stream;",
      "Text/Event-Stream; charset=utf-8",
      "text/event-stream;charset=windows-1252"
    };
    for (String contentType : contentTypes) {
      byte[] body = ScriptedServer.bytes("data:ok\u2026\n\n");
      server.enqueue(streamWithContentType(contentType, body));
      RecordingListener listener = new RecordingListener();
      subscribe(client().reconnect(false).build(), listener);

      listener.expectOpen();
      assertEquals("ok\u2026", listener.nextEvent().data(), "content type " + contentType);
      listener.expectClosed();
    }
  }

  // Redirects.

  @Test
  void temporaryRedirectFollowedAndReconnectStartsOver() throws Exception {
    server.enqueue(
        redirect(307, "/events"),
        stream("id: 1\ndata: a\n\n"),
        redirect(307, "/events"),
        stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client("/old").build(), listener);

    assertEquals("/old", server.takeRequest().path());
    Request redirected = server.takeRequest();
    assertEquals("/events", redirected.path());
    assertEquals(List.of("text/event-stream"), redirected.headers().get("Accept"));
    Request reconnect = server.takeRequest();
    assertEquals("/old", reconnect.path());
    assertEquals("1", reconnect.header("Last-Event-ID"));
    assertEquals("1", server.takeRequest().header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    listener.expectOpen();
    assertEquals("b", listener.nextEvent().data());
  }

  @Test
  void permanentRedirectRememberedForReconnect() throws Exception {
    server.enqueue(redirect(301, "/new"), stream("data: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client("/old").build(), listener);

    assertEquals("/old", server.takeRequest().path());
    assertEquals("/new", server.takeRequest().path());
    assertEquals("/new", server.takeRequest().path());
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    listener.expectOpen();
    assertEquals("b", listener.nextEvent().data());
  }

  // Timeouts and broken connections.

  @Test
  void idleTimeoutClosesAndReconnects() throws Exception {
    server.enqueue(streamThenHold("id: 1\ndata: a\n\n", releaseHeldResponses));
    server.enqueue(stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().idleTimeout(Duration.ofMillis(300)).build(), listener);

    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    SseError timeout = listener.nextError();
    assertEquals(SseError.Kind.TIMEOUT, timeout.kind());
    assertTrue(timeout.willReconnect());
    listener.expectOpen();
    assertEquals(new SseEvent("message", "b", "1"), listener.nextEvent());
    server.takeRequest();
    assertEquals("1", server.takeRequest().header("Last-Event-ID"));
  }

  @Test
  void heartbeatsKeepIdleConnectionOpen() throws Exception {
    server.enqueue(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          for (int i = 0; i < 12; i++) {
            out.write(ScriptedServer.bytes(": ping\n"));
            out.flush();
            Thread.sleep(100);
          }
          out.write(ScriptedServer.bytes("data: done\n\n"));
          out.flush();
        });
    RecordingListener listener = new RecordingListener();
    subscribe(client().reconnect(false).idleTimeout(Duration.ofMillis(600)).build(), listener);

    listener.expectOpen();
    // 1.2 s of heartbeats every 100 ms: twice the idle timeout, but never idle for that long.
    assertEquals("done", listener.nextEvent().data());
    listener.expectClosed();
  }

  @Test
  void missingResponseHeadersTimeOut() throws Exception {
    server.enqueue(noHeaders(releaseHeldResponses), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().connectTimeout(Duration.ofMillis(300)).build(), listener);

    SseError timeout = listener.nextError();
    assertEquals(SseError.Kind.TIMEOUT, timeout.kind());
    assertTrue(timeout.willReconnect());
    listener.expectOpen();
    assertEquals("b", listener.nextEvent().data());
  }

  @Test
  void droppedConnectionReconnectsWithLastEventId() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    server.enqueue(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          exchange.getResponseBody().write(ScriptedServer.bytes("id: 9\ndata: a\n\n"));
          exchange.getResponseBody().flush();
          received.await(10, TimeUnit.SECONDS);
          throw new ScriptedServer.DropConnection();
        },
        stream("data: b\n\n"));
    RecordingListener recorder = new RecordingListener();
    SseListener listener =
        new SseListener() {
          @Override
          public void onOpen() {
            recorder.onOpen();
          }

          @Override
          public void onEvent(SseEvent event) {
            recorder.onEvent(event);
            received.countDown();
          }

          @Override
          public void onError(SseError error) {
            recorder.onError(error);
          }
        };
    subscribe(client().build(), listener);

    recorder.expectOpen();
    assertEquals("a", recorder.nextEvent().data());
    SseError error = recorder.nextError();
    assertEquals(SseError.Kind.NETWORK, error.kind());
    assertTrue(error.willReconnect());
    recorder.expectOpen();
    assertEquals(new SseEvent("message", "b", "9"), recorder.nextEvent());
    server.takeRequest();
    assertEquals("9", server.takeRequest().header("Last-Event-ID"));
  }

  @Test
  void refusedConnectionRetriesUntilMaxAttempts() throws Exception {
    RecordingListener listener = new RecordingListener();
    subscribe(
        SseClient.builder(closedPortUri()).reconnectDelay(SHORT_DELAY).maxAttempts(3).build(),
        listener);

    for (int attempt = 1; attempt <= 3; attempt++) {
      SseError error = listener.nextError();
      assertEquals(SseError.Kind.NETWORK, error.kind(), "attempt " + attempt);
      assertEquals(attempt < 3, error.willReconnect(), "attempt " + attempt);
    }
    listener.expectClosed();
  }

  @Test
  void maxReconnectTimeGivesUp() throws Exception {
    RecordingListener listener = new RecordingListener();
    SseClient client =
        SseClient.builder(closedPortUri())
            .reconnectDelay(SHORT_DELAY)
            .maxReconnectDelay(SHORT_DELAY)
            .maxReconnectTime(Duration.ofMillis(300))
            .build();
    subscribe(client, listener);

    SseError error;
    do {
      error = listener.nextError();
      assertEquals(SseError.Kind.NETWORK, error.kind());
    } while (error.willReconnect());
    listener.expectClosed();
  }

  @Test
  void reconnectDisabledStopsAfterFirstStream() throws Exception {
    server.enqueue(stream("data: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().reconnect(false).build(), listener);

    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    listener.expectClosed();
    assertTrue(subscription.isClosed());
    server.takeRequest();
    server.assertNoRequestWithin(QUIET_PERIOD);
  }

  @Test
  void emptyStreamsCountAsFailedAttempts() throws Exception {
    server.enqueue(stream(": no events\n"), stream(": no events\n"), stream("data: a\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().maxAttempts(2).build(), listener);

    listener.expectOpen();
    listener.expectOpen();
    listener.expectClosed();
    server.takeRequest();
    server.takeRequest();
    server.assertNoRequestWithin(QUIET_PERIOD);
  }

  @Test
  void eventsResetFailedAttempts() throws Exception {
    server.enqueue(stream("data: 1\n\n"), stream("data: 2\n\n"), stream("data: 3\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().maxAttempts(1).build(), listener);

    for (String expected : new String[] {"1", "2", "3"}) {
      listener.expectOpen();
      assertEquals(expected, listener.nextEvent().data());
    }
    assertEquals(SseError.Kind.HTTP_STATUS, listener.nextError().kind());
    listener.expectClosed();
  }

  @Test
  void connectionOpenPastResetThresholdResetsFailedAttempts() throws Exception {
    ScriptedServer.Script commentsOnly =
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          for (int i = 0; i < 4; i++) {
            out.write(ScriptedServer.bytes(":\n"));
            out.flush();
            Thread.sleep(100);
          }
        };
    server.enqueue(commentsOnly, commentsOnly);
    RecordingListener listener = new RecordingListener();
    SseClient client =
        client().maxAttempts(1).backoffResetThreshold(Duration.ofMillis(100)).build();
    subscribe(client, listener);

    // Neither connection delivers an event, but each stays open past the threshold.
    listener.expectOpen();
    listener.expectOpen();
    assertEquals(SseError.Kind.HTTP_STATUS, listener.nextError().kind());
    listener.expectClosed();
  }

  // Size limit, bursts and listener failures.

  @Test
  void oversizeEventReportsErrorAndReconnects() throws Exception {
    String large = "x".repeat(200);
    server.enqueue(stream("data: small\n\ndata: " + large + "\n\n"), stream("data: after\n\n"));
    RecordingListener listener = new RecordingListener();
    subscribe(client().maxEventBytes(100).build(), listener);

    listener.expectOpen();
    assertEquals("small", listener.nextEvent().data());
    SseError error = listener.nextError();
    assertEquals(SseError.Kind.EVENT_TOO_LARGE, error.kind());
    assertTrue(error.willReconnect());
    assertTrue(error.getMessage().contains("100 bytes"), error.getMessage());
    listener.expectOpen();
    assertEquals("after", listener.nextEvent().data());
  }

  @Test
  void endlessLineIsCutOff() throws Exception {
    CountDownLatch serverSawEnd = new CountDownLatch(1);
    server.enqueue(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(ScriptedServer.bytes("data: "));
          byte[] chunk = ScriptedServer.bytes("y".repeat(16 * 1024));
          try {
            for (int i = 0; i < 4096; i++) { // at most 64 MiB
              out.write(chunk);
              out.flush();
            }
          } catch (IOException e) {
            serverSawEnd.countDown();
          }
        });
    RecordingListener listener = new RecordingListener();
    subscribe(client().maxEventBytes(1024).reconnect(false).build(), listener);

    listener.expectOpen();
    SseError error = listener.nextError();
    assertEquals(SseError.Kind.EVENT_TOO_LARGE, error.kind());
    listener.expectClosed();
    assertTrue(serverSawEnd.await(10, TimeUnit.SECONDS), "the server kept writing");
  }

  @Test
  void burstOfTenThousandEventsArrivesInOrder() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      body.append("id: ").append(i).append("\ndata: event ").append(i).append("\n\n");
    }
    server.enqueue(stream(body.toString()));
    BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    CountDownLatch closed = new CountDownLatch(1);
    subscribe(
        client().reconnect(false).build(),
        new SseListener() {
          @Override
          public void onEvent(SseEvent event) {
            events.add(event);
          }

          @Override
          public void onClosed() {
            closed.countDown();
          }
        });

    assertTrue(closed.await(30, TimeUnit.SECONDS), "the stream did not end");
    List<SseEvent> received = new ArrayList<>(events);
    assertEquals(10_000, received.size());
    for (int i = 0; i < received.size(); i++) {
      assertEquals(new SseEvent("message", "event " + i, String.valueOf(i)), received.get(i));
    }
  }

  @Test
  void listenerExceptionDoesNotStopSubscription() throws Exception {
    server.enqueue(stream("data: one\n\ndata: two\n\n"), stream("data: three\n\n"));
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    subscribe(
        client().build(),
        new SseListener() {
          @Override
          public void onOpen() {
            throw new IllegalStateException("listener failure in onOpen");
          }

          @Override
          public void onEvent(SseEvent event) {
            seen.add(event.data());
            throw new IllegalStateException("listener failure in onEvent");
          }
        });

    for (String expected : new String[] {"one", "two", "three"}) {
      assertEquals(expected, seen.poll(10, TimeUnit.SECONDS));
    }
  }

  // close().

  @Test
  void closeWhileReadBlockedReturnsPromptly() throws Exception {
    CountDownLatch serverSawEnd = new CountDownLatch(1);
    server.enqueue(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(ScriptedServer.bytes("data: a\n\n"));
          out.flush();
          try {
            for (int i = 0; i < 300; i++) { // comments only: no events, at most 30 s
              Thread.sleep(100);
              out.write(ScriptedServer.bytes(":\n"));
              out.flush();
            }
          } catch (IOException e) {
            serverSawEnd.countDown();
          }
        });
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().build(), listener);
    server.takeRequest();
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());

    long start = System.nanoTime();
    subscription.close();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(elapsedMillis < 2000, "close() took " + elapsedMillis + " ms");
    assertTrue(subscription.isClosed());
    listener.expectClosed();
    assertTrue(serverSawEnd.await(10, TimeUnit.SECONDS), "the server never saw the close");
    server.assertNoRequestWithin(Duration.ofMillis(200));
  }

  @Test
  void closeDuringReconnectDelayStopsLoop() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = new RecordingListener();
    Subscription subscription =
        subscribe(client().reconnectDelay(Duration.ofSeconds(30)).build(), listener);
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
    server.takeRequest();

    subscription.close();
    subscription.close();
    listener.expectClosed();
    listener.expectNothingWithin(Duration.ofMillis(200));
    server.assertNoRequestWithin(Duration.ofMillis(200));
  }

  @Test
  void closeWhileWaitingForHeadersStopsLoop() throws Exception {
    server.enqueue(noHeaders(releaseHeldResponses));
    RecordingListener listener = new RecordingListener();
    Subscription subscription = subscribe(client().build(), listener);
    server.takeRequest();

    subscription.close();
    listener.expectClosed();
    listener.expectNothingWithin(Duration.ofMillis(200));
  }

  @Test
  void closeFromListenerStopsDelivery() throws Exception {
    server.enqueue(stream("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
    RecordingListener recorder = new RecordingListener();
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    CountDownLatch subscribed = new CountDownLatch(1);
    subscription.set(
        subscribe(
            client().build(),
            new SseListener() {
              @Override
              public void onEvent(SseEvent event) {
                recorder.onEvent(event);
                try {
                  subscribed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                subscription.get().close();
              }

              @Override
              public void onClosed() {
                recorder.onClosed();
              }
            }));
    subscribed.countDown();

    assertEquals("1", recorder.nextEvent().data());
    recorder.expectClosed();
    recorder.expectNothingWithin(Duration.ofMillis(200));
  }

  /** Returns a loopback URI on which nothing listens. */
  private static URI closedPortUri() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = socket.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + "/events");
  }
}
