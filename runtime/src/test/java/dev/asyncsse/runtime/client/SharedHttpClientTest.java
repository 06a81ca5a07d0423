package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions of one client, and clients of one builder (as each {@code listen()} of a generated
 * channel client builds one), share an {@link HttpClient} and stay independent of each other.
 */
class SharedHttpClientTest {

  private ScriptedServer server;
  private final CountDownLatch sendSecondEvent = new CountDownLatch(1);
  private final CountDownLatch releaseHeldResponses = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopServer() {
    sendSecondEvent.countDown();
    releaseHeldResponses.countDown();
    server.close();
  }

  @Test
  void buildsOfOneBuilderShareHttpClient() {
    SseClient.Builder builder = SseClient.builder(server.uri("/events"));

    SseClient first = builder.build();
    SseClient second = builder.build();

    assertSame(first.httpClient(), second.httpClient());
    assertEquals(HttpClient.Redirect.NEVER, first.httpClient().followRedirects());
  }

  @Test
  void resolvedHttpClientIsTheOneBuildUses() {
    SseClient.Builder builder = SseClient.builder(server.uri("/events"));

    HttpClient resolved = builder.resolvedHttpClient();

    assertSame(resolved, builder.build().httpClient());
    HttpClient ownClient = HttpClient.newBuilder().build();
    assertSame(ownClient, builder.httpClient(ownClient).resolvedHttpClient());
  }

  @Test
  void changedConnectTimeoutGetsNewHttpClient() {
    SseClient.Builder builder = SseClient.builder(server.uri("/events"));
    SseClient first = builder.build();

    SseClient second = builder.connectTimeout(Duration.ofSeconds(3)).build();

    assertNotSame(first.httpClient(), second.httpClient());
    assertEquals(Duration.ofSeconds(3), second.httpClient().connectTimeout().orElseThrow());
  }

  @Test
  void closingOneSubscriptionKeepsOtherRunning() throws Exception {
    server.enqueue(
        ScriptedServer.streamThenHold("data: one\n\n", releaseHeldResponses), twoEvents());
    SseClient.Builder builder = SseClient.builder(server.uri("/events")).reconnect(false);
    RecordingListener firstListener = new RecordingListener();
    RecordingListener secondListener = new RecordingListener();

    Subscription first = builder.build().subscribe(firstListener);
    server.takeRequest();
    firstListener.expectOpen();
    assertEquals("one", firstListener.nextEvent().data());
    Subscription second = builder.build().subscribe(secondListener);
    server.takeRequest();
    secondListener.expectOpen();
    assertEquals("two", secondListener.nextEvent().data());

    first.close();
    firstListener.expectClosed();
    sendSecondEvent.countDown();

    assertEquals("three", secondListener.nextEvent().data());
    assertFalse(second.isClosed());
    second.close();
    secondListener.expectClosed();
    assertTrue(second.isClosed());
  }

  /** Sends one event, waits for {@link #sendSecondEvent}, sends another and keeps the response open. */
  private ScriptedServer.Script twoEvents() {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes("data: two\n\n"));
      out.flush();
      sendSecondEvent.await(30, TimeUnit.SECONDS);
      out.write(bytes("data: three\n\n"));
      out.flush();
      releaseHeldResponses.await(30, TimeUnit.SECONDS);
    };
  }
}
