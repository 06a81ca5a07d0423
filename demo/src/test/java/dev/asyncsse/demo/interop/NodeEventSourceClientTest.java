package dev.asyncsse.demo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.demo.GeneratedEventIds;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.demo.accounts.UserSignupsServer;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.Broadcaster;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the npm {@code eventsource} client ({@code interop/eventsource-client.mjs}) against the
 * generated {@code userSignups} server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeEventSourceClientTest {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);

  private Path node;
  private Path interopDirectory;
  private HttpServer http;
  private AccountService.Server server;
  private String channelUrl;

  @BeforeEach
  void startServer() throws Exception {
    node = InteropTools.node();
    interopDirectory = InteropTools.interopDirectory(List.of("eventsource"));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A short retry hint, so that the client reconnects at once instead of after its default of 3
    // seconds (eventsource 4.1.1).
    server =
        AccountService.server(
            http, JsonCodec.jackson(), endpoint -> endpoint.retryHint(Duration.ofMillis(100)));
    http.start();
    channelUrl =
        "http://127.0.0.1:" + http.getAddress().getPort() + "/" + UserSignupsServer.ADDRESS;
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.shutdown();
    }
    if (http != null) {
      http.stop(0);
    }
  }

  @Test
  void broadcastArrivesTypedInOrder() throws Exception {
    Broadcaster<UserSignedUp> broadcaster = server.userSignups().broadcast();
    List<UserSignedUp> published =
        IntStream.rangeClosed(1, 50)
            .mapToObj(i -> new UserSignedUp("User " + i, "user" + i + "@example.com"))
            .toList();

    JsonNode done;
    try (NodeScript client =
        NodeScript.start(
            node,
            interopDirectory,
            "eventsource-client.mjs",
            channelUrl,
            Integer.toString(published.size()),
            Long.toString(SCRIPT_TIMEOUT.toMillis()))) {
      // The broadcaster subscribes a client before its response starts, so after "open" every
      // published signup reaches it.
      client.awaitKind("open", SCRIPT_TIMEOUT);
      published.forEach(broadcaster::publish);
      done = client.awaitKind("done", SCRIPT_TIMEOUT);
      assertEquals(0, client.awaitExit(SCRIPT_TIMEOUT), client.diagnostics());
    }

    JsonNode events = done.path("events");
    assertEquals(published, payloads(events));
    assertEquals(Collections.nCopies(published.size(), "userSignedup"), field(events, "type"));
    List<Long> expectedIdNumbers =
        LongStream.rangeClosed(1, published.size()).boxed().toList();
    List<Long> idNumbers =
        field(events, "id").stream().map(GeneratedEventIds::number).toList();
    assertEquals(expectedIdNumbers, idNumbers);
  }

  @Test
  void reconnectSendsLastEventId() throws Exception {
    List<UserSignedUp> signups =
        IntStream.rangeClosed(1, 6)
            .mapToObj(i -> new UserSignedUp("User " + i, "user" + i + "@example.com"))
            .toList();
    // The first stream ends after id 3; ids 2 and 5 go out without an event name.
    ResumingSignupHandler handler = new ResumingSignupHandler(signups, 3, Set.of(2, 5));
    server.userSignups().handle(handler);

    JsonNode done;
    try (NodeScript client =
        NodeScript.start(
            node,
            interopDirectory,
            "eventsource-client.mjs",
            channelUrl,
            Integer.toString(signups.size()),
            Long.toString(SCRIPT_TIMEOUT.toMillis()))) {
      done = client.awaitKind("done", SCRIPT_TIMEOUT);
      assertEquals(0, client.awaitExit(SCRIPT_TIMEOUT), client.diagnostics());
    }

    JsonNode events = done.path("events");
    assertEquals(signups, payloads(events));
    assertEquals(
        List.of(
            "userSignedup", "message", "userSignedup", "userSignedup", "message", "userSignedup"),
        field(events, "type"));
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), field(events, "id"));

    List<ResumingSignupHandler.Connection> connections = handler.connections();
    assertEquals(2, connections.size(), connections.toString());
    assertEquals(Optional.empty(), connections.get(0).lastEventIdHeader());
    assertEquals(Optional.of("3"), connections.get(1).lastEventIdHeader());
  }

  private static List<UserSignedUp> payloads(JsonNode events) {
    List<UserSignedUp> payloads = new ArrayList<>();
    for (JsonNode event : events) {
      payloads.add(JsonCodec.jackson().decode(event.path("data").asText(), UserSignedUp.class));
    }
    return payloads;
  }

  private static List<String> field(JsonNode events, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode event : events) {
      values.add(event.path(name).asText());
    }
    return values;
  }
}
