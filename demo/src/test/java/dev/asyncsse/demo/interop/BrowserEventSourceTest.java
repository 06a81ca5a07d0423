package dev.asyncsse.demo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.demo.GeneratedEventIds;
import dev.asyncsse.demo.LiveDemo;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the browser's own {@code EventSource}, in headless Chromium, against the generated server.
 *
 * <p>The pages are served by the same {@code HttpServer} as the event stream, so every request is
 * same-origin on 127.0.0.1. The test reads what a page received over the DevTools protocol.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrowserEventSourceTest {

  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static final String TEST_PAGE_PATH = "/eventsource-test.html";

  private static HeadlessChromium chromium;

  /**
   * Checks for Chromium before each test, so that a skip is reported per test, then starts it once.
   */
  @BeforeEach
  void launchChromium() throws Exception {
    Path executable = InteropTools.chromium();
    if (chromium == null) {
      chromium = HeadlessChromium.launch(executable);
    }
  }

  @AfterAll
  static void closeChromium() throws Exception {
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  @Test
  void livePageListsPublishedSignups() throws Exception {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (LiveDemo demo = LiveDemo.start(loopback, Duration.ofMillis(200))) {
      HeadlessChromium.Page page = chromium.open(demo.pageUri());
      try {
        JsonNode items =
            chromium.awaitValue(
                page,
                "Array.from(document.querySelectorAll('#signups li'), item => ({"
                    + " id: item.dataset.id, text: item.textContent }))",
                value -> value.size() >= 3,
                "three signups listed",
                PAGE_TIMEOUT);
        JsonNode status = chromium.evaluate(page, "document.getElementById('status').textContent");

        assertEquals("Connected. New signups appear at the top.", status.asText());
        // The list shows the newest signup first, and the broadcaster counts events from 1.
        long previousId = Long.MAX_VALUE;
        for (JsonNode item : items) {
          String fullId = item.path("id").asText();
          long id = GeneratedEventIds.number(fullId);
          assertTrue(id < previousId, "signups out of order: " + items);
          previousId = id;
          UserSignedUp expected =
              LiveDemo.SAMPLE_SIGNUPS.get((int) ((id - 1) % LiveDemo.SAMPLE_SIGNUPS.size()));
          assertEquals(
              "#" + fullId + expected.displayName() + "<" + expected.email() + ">",
              item.path("text").asText());
        }
      } finally {
        chromium.close(page);
      }
    }
  }

  @Test
  void pageReceivesNamedUnnamedAndResumed() throws Exception {
    List<UserSignedUp> signups =
        List.of(
            new UserSignedUp("Ada Lovelace", "ada@example.com"),
            new UserSignedUp("Grace Hopper", "grace@example.org"),
            new UserSignedUp("Alan Turing", "alan@example.net"),
            new UserSignedUp("Katherine Johnson", "katherine@example.edu"),
            new UserSignedUp("Edsger Dijkstra", "edsger@example.nl"));
    // The first stream ends after id 3; ids 2 and 5 go out without an event name.
    ResumingSignupHandler handler = new ResumingSignupHandler(signups, 3, Set.of(2, 5));

    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A short retry hint, so that the browser reconnects at once instead of after its default.
    AccountService.Server server =
        AccountService.server(
            http, JsonCodec.jackson(), endpoint -> endpoint.retryHint(Duration.ofMillis(200)));
    server.userSignups().handle(handler);
    byte[] testPage = readTestPage();
    http.createContext(TEST_PAGE_PATH, exchange -> serveHtml(exchange, testPage));
    http.start();
    try {
      URI pageUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + TEST_PAGE_PATH);
      HeadlessChromium.Page page = chromium.open(pageUri);
      try {
        JsonNode received =
            chromium.awaitValue(
                page,
                "window.received",
                value -> value.size() >= signups.size(),
                signups.size() + " events received",
                PAGE_TIMEOUT);
        int opens = chromium.evaluate(page, "window.opens").asInt();

        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<UserSignedUp> payloads = new ArrayList<>();
        for (JsonNode event : received) {
          types.add(event.path("type").asText());
          ids.add(event.path("id").asText());
          payloads.add(JsonCodec.jackson().decode(event.path("data").asText(), UserSignedUp.class));
        }
        assertEquals(
            List.of("userSignedup", "message", "userSignedup", "userSignedup", "message"),
            types,
            received.toString());
        assertEquals(List.of("1", "2", "3", "4", "5"), ids, received.toString());
        assertEquals(signups, payloads);
        assertEquals(2, opens, "the page should have opened the stream twice");
      } finally {
        chromium.close(page);
      }
    } finally {
      server.shutdown();
      http.stop(0);
    }

    List<ResumingSignupHandler.Connection> connections = handler.connections();
    assertEquals(2, connections.size(), connections.toString());
    assertEquals(Optional.empty(), connections.get(0).lastEventIdHeader());
    assertEquals(Optional.of("3"), connections.get(1).lastEventIdHeader());
  }

  private static byte[] readTestPage() throws IOException {
    try (InputStream in =
        BrowserEventSourceTest.class.getResourceAsStream("eventsource-test.html")) {
      if (in == null) {
        throw new IOException("The test resource eventsource-test.html is missing");
      }
      return in.readAllBytes();
    }
  }

  private static void serveHtml(HttpExchange exchange, byte[] page) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    }
  }
}
