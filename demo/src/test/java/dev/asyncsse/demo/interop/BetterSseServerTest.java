package dev.asyncsse.demo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.demo.accounts.UserSignupsClient;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.Subscription;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connects the generated {@code UserSignupsClient} to a better-sse server ({@code
 * interop/better-sse-server.mjs}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BetterSseServerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private NodeScript betterSse;
  private URI baseUri;
  private final List<Message<UserSignedUp>> received = new CopyOnWriteArrayList<>();
  private final List<SseError> errors = new CopyOnWriteArrayList<>();
  private final Semaphore arrivals = new Semaphore(0);

  @BeforeEach
  void startServer() throws Exception {
    Path node = InteropTools.node();
    Path interopDirectory = InteropTools.interopDirectory(List.of("better-sse"));
    betterSse = NodeScript.start(node, interopDirectory, "better-sse-server.mjs", "0");
    int port = betterSse.awaitKind("listening", TIMEOUT).path("port").asInt();
    baseUri = URI.create("http://127.0.0.1:" + port);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (betterSse != null) {
      betterSse.close();
    }
  }

  private Subscription listen(CountDownLatch opened) {
    UserSignupsClient client = AccountService.client(baseUri).build().userSignups();
    return client
        .onOpen(opened::countDown)
        .onError(errors::add)
        .listen(
            message -> {
              received.add(message);
              arrivals.release();
            });
  }

  @Test
  void signupsArriveTypedInOrder() throws Exception {
    List<UserSignedUp> published = signups(1, 50);
    CountDownLatch opened = new CountDownLatch(1);

    Subscription subscription = listen(opened);
    try {
      assertTrue(opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "not opened: " + errors);
      awaitConnected("");
      for (UserSignedUp signup : published) {
        publish(signup);
      }
      awaitArrivals(published.size());
    } finally {
      subscription.close();
    }

    assertEquals(published, received.stream().map(Message::payload).toList());
    assertEquals(
        Collections.nCopies(published.size(), "userSignedup"),
        received.stream().map(Message::name).toList());
    assertEquals(ids(1, published.size()), received.stream().map(Message::id).toList());
    assertEquals(List.of(), errors);
  }

  @Test
  void reconnectResumesAfterLastEventId() throws Exception {
    List<UserSignedUp> signups = signups(1, 6);
    CountDownLatch opened = new CountDownLatch(2);

    try (Subscription subscription = listen(opened)) {
      awaitConnected("");
      for (UserSignedUp signup : signups.subList(0, 3)) {
        publish(signup);
      }
      awaitArrivals(3);

      // Ids 4 and 5 are logged while the client is away. The server replays everything after the
      // client's Last-Event-ID, so only a reconnect that sends 3 gets them exactly once.
      betterSse.sendJson(Map.of("command", "drop"));
      publish(signups.get(3));
      publish(signups.get(4));
      JsonNode reconnect = awaitConnected("3");
      awaitArrivals(2);
      publish(signups.get(5));
      awaitArrivals(1);

      assertTrue(
          opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
          "the stream did not open twice: " + errors);
      assertEquals("3", reconnect.path("lastEventIdHeader").asText());
      assertEquals("6", subscription.lastEventId());
    }

    assertEquals(signups, received.stream().map(Message::payload).toList());
    assertEquals(ids(1, 6), received.stream().map(Message::id).toList());
    assertEquals(
        Collections.nCopies(6, "userSignedup"), received.stream().map(Message::name).toList());
  }

  private void publish(UserSignedUp signup) throws Exception {
    betterSse.sendJson(
        Map.of(
            "command",
            "publish",
            "signup",
            Map.of("displayName", signup.displayName(), "email", signup.email())));
  }

  /** Waits for better-sse to report a connection whose session read {@code lastEventId}. */
  private JsonNode awaitConnected(String lastEventId) throws InterruptedException {
    JsonNode connected = betterSse.awaitKind("connected", TIMEOUT);
    assertEquals(lastEventId, connected.path("sessionLastId").asText(), connected.toString());
    return connected;
  }

  private void awaitArrivals(int count) throws InterruptedException {
    assertTrue(
        arrivals.tryAcquire(count, TIMEOUT.toSeconds(), TimeUnit.SECONDS),
        "expected "
            + count
            + " more signups; received so far: "
            + received
            + "; errors: "
            + errors
            + "\n"
            + betterSse.diagnostics());
  }

  private static List<UserSignedUp> signups(int first, int last) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(i -> new UserSignedUp("User " + i, "user" + i + "@example.com"))
        .toList();
  }

  private static List<String> ids(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(Integer::toString).toList();
  }
}
