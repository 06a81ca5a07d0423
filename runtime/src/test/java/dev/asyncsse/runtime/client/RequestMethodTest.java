package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.redirect;
import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncsse.runtime.client.ScriptedServer.Request;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP method of the client's requests, on reconnects and across redirects. */
class RequestMethodTest {

  private static final Duration SHORT_DELAY = Duration.ofMillis(20);

  private ScriptedServer server;
  private final List<Subscription> subscriptions = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopEverything() {
    subscriptions.forEach(Subscription::close);
    server.close();
  }

  private RecordingListener subscribe(SseClient client) {
    RecordingListener listener = new RecordingListener();
    subscriptions.add(client.subscribe(listener));
    return listener;
  }

  private SseClient.Builder client(String path, String method) {
    return SseClient.builder(server.uri(path)).method(method).reconnectDelay(SHORT_DELAY);
  }

  @Test
  void defaultMethodIsGet() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener =
        subscribe(SseClient.builder(server.uri("/events")).reconnect(false).build());

    Request request = server.takeRequest();
    assertEquals("GET", request.method());
    listener.expectOpen();
  }

  @Test
  void postSentWithEmptyBody() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = subscribe(client("/events", "POST").reconnect(false).build());

    Request request = server.takeRequest();
    assertEquals("POST", request.method());
    assertEquals("0", request.header("Content-Length"));
    assertEquals("text/event-stream", request.header("Accept"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void reconnectRepeatsPostWithLastEventId() throws Exception {
    server.enqueue(stream("id: 7\ndata: a\n\n"));
    server.enqueue(stream("id: 8\ndata: b\n\n"));
    RecordingListener listener = subscribe(client("/events", "POST").build());

    Request first = server.takeRequest();
    Request second = server.takeRequest();
    Request third = server.takeRequest();
    assertEquals("POST", first.method());
    assertNull(first.header("Last-Event-ID"));
    assertEquals("POST", second.method());
    assertEquals("7", second.header("Last-Event-ID"));
    assertEquals("POST", third.method());
    assertEquals("8", third.header("Last-Event-ID"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void otherTokenMethodIsSent() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = subscribe(client("/events", "REPORT").reconnect(false).build());

    assertEquals("REPORT", server.takeRequest().method());
    listener.expectOpen();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HEAD", "CONNECT", "TRACE", "OPTIONS", "head", "", "PO ST", "GET\r\n"})
  void methodWithoutStreamRejected(String method) {
    SseClient.Builder builder = SseClient.builder(URI.create("http://127.0.0.1:1/events"));

    assertThrows(IllegalArgumentException.class, () -> builder.method(method));
  }

  /** 303 always leads to GET; 301 and 302 lead to GET only after POST; 307 and 308 never. */
  @ParameterizedTest
  @CsvSource({
    "POST, 301, GET",
    "POST, 302, GET",
    "POST, 303, GET",
    "POST, 307, POST",
    "POST, 308, POST",
    "PUT, 301, PUT",
    "PUT, 302, PUT",
    "PUT, 303, GET",
    "PUT, 307, PUT",
    "GET, 303, GET",
  })
  void redirectSetsMethodOfNextRequest(String method, int status, String redirected)
      throws Exception {
    server.enqueue(redirect(status, "/moved"));
    server.enqueue(stream("data: a\n\n"));
    RecordingListener listener = subscribe(client("/events", method).reconnect(false).build());

    Request first = server.takeRequest();
    Request second = server.takeRequest();
    assertEquals(method, first.method());
    assertEquals("/moved", second.path());
    assertEquals(redirected, second.method());
    listener.expectOpen();
  }

  @Test
  void reconnectUsesPermanentPostTarget() throws Exception {
    server.enqueue(redirect(308, "/moved"));
    server.enqueue(stream("id: 1\ndata: a\n\n"));
    subscribe(client("/events", "POST").maxAttempts(1).build());

    assertEquals("/events", server.takeRequest().path());
    assertEquals("/moved", server.takeRequest().path());
    Request reconnect = server.takeRequest();
    assertEquals("/moved", reconnect.path());
    assertEquals("POST", reconnect.method());
    assertEquals("1", reconnect.header("Last-Event-ID"));
  }

  @Test
  void reconnectIgnoresMethodChangingRedirect() throws Exception {
    server.enqueue(redirect(301, "/moved"));
    server.enqueue(stream("id: 1\ndata: a\n\n"));
    subscribe(client("/events", "POST").maxAttempts(1).build());

    assertEquals("/events", server.takeRequest().path());
    Request redirected = server.takeRequest();
    assertEquals("/moved", redirected.path());
    assertEquals("GET", redirected.method());
    Request reconnect = server.takeRequest();
    assertEquals("/events", reconnect.path());
    assertEquals("POST", reconnect.method());
    assertEquals("1", reconnect.header("Last-Event-ID"));
  }
}
