package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.redirect;
import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.client.ScriptedServer.Request;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects followed by the client, between two loopback servers on different ports, which are
 * different origins: credentials reach only the origin of the configured URI.
 */
class RedirectCredentialsTest {

  private static final Duration SHORT_DELAY = Duration.ofMillis(20);

  private ScriptedServer origin;
  private ScriptedServer other;
  private final List<Subscription> subscriptions = new ArrayList<>();

  @BeforeEach
  void startServers() throws IOException {
    origin = new ScriptedServer();
    other = new ScriptedServer();
  }

  @AfterEach
  void stopEverything() {
    subscriptions.forEach(Subscription::close);
    origin.close();
    other.close();
  }

  private SseClient.Builder client(URI uri) {
    return SseClient.builder(uri)
        .reconnectDelay(SHORT_DELAY)
        .header("Authorization", "Bearer secret-token")
        .header("Cookie", "session=secret-cookie")
        .header("X-Api-Key", "secret-key")
        .credentialHeader("x-api-key")
        .header("X-Trace", "trace-1");
  }

  private RecordingListener subscribe(SseClient client) {
    RecordingListener listener = new RecordingListener();
    subscriptions.add(client.subscribe(listener));
    return listener;
  }

  @Test
  void crossOriginRedirectDropsCredentialHeaders() throws Exception {
    origin.enqueue(redirect(307, other.uri("/events").toString()));
    other.enqueue(stream("data: a\n\n"));
    RecordingListener listener = subscribe(client(origin.uri("/old")).reconnect(false).build());

    Request first = origin.takeRequest();
    assertEquals("Bearer secret-token", first.header("Authorization"));
    assertEquals("secret-key", first.header("X-Api-Key"));
    Request redirected = other.takeRequest();
    assertEquals("/events", redirected.path());
    assertNull(redirected.header("Authorization"));
    assertNull(redirected.header("Cookie"));
    assertNull(redirected.header("X-Api-Key"));
    assertEquals("trace-1", redirected.header("X-Trace"));
    assertEquals("text/event-stream", redirected.header("Accept"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void sameOriginRedirectKeepsCredentialHeaders() throws Exception {
    origin.enqueue(redirect(302, "/new"), stream("data: a\n\n"));
    RecordingListener listener = subscribe(client(origin.uri("/old")).reconnect(false).build());

    assertEquals("/old", origin.takeRequest().path());
    Request redirected = origin.takeRequest();
    assertEquals("/new", redirected.path());
    assertEquals("Bearer secret-token", redirected.header("Authorization"));
    assertEquals("session=secret-cookie", redirected.header("Cookie"));
    assertEquals("secret-key", redirected.header("X-Api-Key"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void crossOriginRedirectDropsApiKeyQuery() throws Exception {
    // The first server copies the query into the redirect, key included.
    origin.enqueue(redirect(302, other.uri("/events?api_key=secret-key&page=2").toString()));
    other.enqueue(stream("data: a\n\n"));
    URI uri = origin.uri("/old?api_key=secret-key&page=2");
    RecordingListener listener =
        subscribe(
            SseClient.builder(uri).credentialQueryParameter("api_key").reconnect(false).build());

    assertEquals("api_key=secret-key&page=2", origin.takeRequest().query());
    assertEquals("page=2", other.takeRequest().query());
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void sameOriginRedirectKeepsApiKeyQuery() throws Exception {
    origin.enqueue(redirect(307, "/new?page=2"), stream("data: a\n\n"));
    URI uri = origin.uri("/old?api_key=secret-key");
    RecordingListener listener =
        subscribe(
            SseClient.builder(uri).credentialQueryParameter("api_key").reconnect(false).build());

    assertEquals("api_key=secret-key", origin.takeRequest().query());
    Request redirected = origin.takeRequest();
    assertEquals("/new", redirected.path());
    assertEquals("page=2&api_key=secret-key", redirected.query());
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void permanentCrossOriginRedirectNeverGetsCredentials() throws Exception {
    origin.enqueue(redirect(308, other.uri("/events").toString()));
    other.enqueue(stream("data: a\n\n"), stream("data: b\n\n"));
    RecordingListener listener = subscribe(client(origin.uri("/old")).build());

    origin.takeRequest();
    assertNull(other.takeRequest().header("Authorization"));
    Request reconnect = other.takeRequest();
    assertEquals("/events", reconnect.path());
    assertNull(reconnect.header("Authorization"));
    listener.expectOpen();
    assertEquals("a", listener.nextEvent().data());
  }

  @Test
  void everyRedirectStatusFollowed() throws Exception {
    for (int status : new int[] {301, 302, 303, 307, 308}) {
      origin.enqueue(redirect(status, "/new"), stream("data: " + status + "\n\n"));
      RecordingListener listener =
          subscribe(client(origin.uri("/old")).reconnect(false).build());

      assertEquals("/old", origin.takeRequest().path());
      assertEquals("/new", origin.takeRequest().path(), "status " + status);
      listener.expectOpen();
      assertEquals(String.valueOf(status), listener.nextEvent().data());
      listener.expectClosed();
    }
  }

  @Test
  void redirectLoopStopsAfterMaxRedirects() throws Exception {
    for (int i = 0; i <= ReconnectLoop.MAX_REDIRECTS; i++) {
      origin.enqueue(redirect(307, "/loop"));
    }
    RecordingListener listener = subscribe(client(origin.uri("/loop")).build());

    for (int i = 0; i <= ReconnectLoop.MAX_REDIRECTS; i++) {
      origin.takeRequest();
    }
    SseError error = listener.nextError();
    assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
    assertEquals(OptionalInt.of(307), error.status());
    assertFalse(error.willReconnect());
    assertTrue(error.getMessage().contains("redirects in a row"), error.getMessage());
    listener.expectClosed();
    origin.assertNoRequestWithin(Duration.ofMillis(300));
  }

  @Test
  void redirectWithoutLocationStops() throws Exception {
    origin.enqueue(ScriptedServer.status(302, ""));
    RecordingListener listener = subscribe(client(origin.uri("/old")).build());

    origin.takeRequest();
    SseError error = listener.nextError();
    assertEquals(OptionalInt.of(302), error.status());
    assertFalse(error.willReconnect());
    assertTrue(error.getMessage().contains("without a Location header"), error.getMessage());
    listener.expectClosed();
  }
}
