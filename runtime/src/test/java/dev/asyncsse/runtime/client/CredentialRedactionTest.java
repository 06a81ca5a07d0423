package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.redirect;
import static dev.asyncsse.runtime.client.ScriptedServer.status;
import static dev.asyncsse.runtime.client.ScriptedServer.streamThenHold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The value of an API key sent in the query string never shows in log records, listener errors,
 * exception messages or thread names; the client prints {@code api_key=***} instead.
 */
class CredentialRedactionTest {

  private static final String SECRET = "s3cr3t-key-value";
  private static final String REDACTED = "api_key=***";

  private ScriptedServer server;
  private LogCapture log;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final CountDownLatch releaseHeldResponses = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    log = new LogCapture();
  }

  @AfterEach
  void stopEverything() {
    subscriptions.forEach(Subscription::close);
    releaseHeldResponses.countDown();
    server.close();
    log.close();
  }

  private SseClient.Builder client(URI uri) {
    return SseClient.builder(uri)
        .credentialQueryParameter("api_key")
        .reconnectDelay(Duration.ofMillis(20));
  }

  private RecordingListener subscribe(SseClient client) {
    RecordingListener listener = new RecordingListener();
    subscriptions.add(client.subscribe(listener));
    return listener;
  }

  @Test
  void statusErrorRedactsKey() throws Exception {
    server.enqueue(status(404, "no such stream"));
    RecordingListener listener =
        subscribe(client(server.uri("/events?api_key=" + SECRET + "&page=2")).build());

    SseError error = listener.nextError();
    listener.expectClosed();
    assertTrue(error.getMessage().contains(REDACTED + "&page=2"), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    assertLogRedacted();
  }

  @Test
  void refusedConnectionRedactsKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/events?api_key=" + SECRET);
    RecordingListener listener = subscribe(client(uri).maxAttempts(2).build());

    for (int attempt = 1; attempt <= 2; attempt++) {
      SseError error = listener.nextError();
      assertEquals(SseError.Kind.NETWORK, error.kind());
      assertTrue(error.getMessage().contains(REDACTED), error.getMessage());
      assertFalse(error.getMessage().contains(SECRET), error.getMessage());
      for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
        assertFalse(String.valueOf(cause.getMessage()).contains(SECRET), cause.toString());
      }
    }
    listener.expectClosed();
    assertLogRedacted();
  }

  @Test
  void threadNamesRedactKey() throws Exception {
    server.enqueue(streamThenHold("data: a\n\n", releaseHeldResponses));
    RecordingListener listener =
        subscribe(
            client(server.uri("/events?api_key=" + SECRET))
                .idleTimeout(Duration.ofMinutes(1))
                .build());

    listener.expectOpen();
    listener.nextEvent();
    boolean clientThreadFound = false;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      assertFalse(thread.getName().contains(SECRET), thread.getName());
      clientThreadFound |= thread.getName().contains(REDACTED);
    }
    assertTrue(clientThreadFound, "no thread is named after the redacted URI");
  }

  @Test
  void redirectLogRedactsKey() throws Exception {
    server.enqueue(redirect(307, "/new?api_key=" + SECRET), status(410, "gone"));
    RecordingListener listener =
        subscribe(client(server.uri("/old?api_key=" + SECRET)).build());

    SseError error = listener.nextError();
    listener.expectClosed();
    assertTrue(error.getMessage().contains("/new?" + REDACTED), error.getMessage());
    assertTrue(
        log.lines().stream().anyMatch(line -> line.contains("redirect 307")),
        String.join("\n", log.lines()));
    assertLogRedacted();
  }

  @Test
  void invalidLocationRedactsKey() throws Exception {
    server.enqueue(redirect(302, "ftp://files.example/new?api_key=" + SECRET));
    RecordingListener listener = subscribe(client(server.uri("/old?api_key=" + SECRET)).build());

    SseError error = listener.nextError();
    listener.expectClosed();
    assertTrue(error.getMessage().contains("not an http or https URI"), error.getMessage());
    String message = error.getMessage();
    assertTrue(message.contains("ftp://files.example/new?" + REDACTED), message);
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    assertLogRedacted();
  }

  @Test
  void otherQueryParametersShown() throws Exception {
    server.enqueue(status(404, ""));
    RecordingListener listener =
        subscribe(
            SseClient.builder(server.uri("/events?api_key=" + SECRET))
                .credentialQueryParameter("token")
                .build());

    SseError error = listener.nextError();
    assertTrue(error.getMessage().contains("api_key=" + SECRET), error.getMessage());
  }

  private void assertLogRedacted() {
    List<String> lines = log.lines();
    assertFalse(lines.isEmpty(), "nothing was logged");
    for (String line : lines) {
      assertFalse(line.contains(SECRET), line);
    }
    assertTrue(
        lines.stream().anyMatch(line -> line.contains(REDACTED)), String.join("\n", lines));
  }
}
