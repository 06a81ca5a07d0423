package dev.asyncsse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.demo.accounts.UserSignupsClient;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.Broadcaster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignupStreamTest {

  private HttpServer http;
  private AccountService.Server server;
  private URI baseUri;

  @BeforeEach
  void startServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server = AccountService.server(http);
    http.start();
    baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    server.shutdown();
    http.stop(0);
  }

  private UserSignupsClient client() {
    return AccountService.client(baseUri).build().userSignups();
  }

  @Test
  void everyBroadcastSignupArrivesTypedAndInOrder() throws Exception {
    Broadcaster<UserSignedUp> broadcaster = server.userSignups().broadcast();
    List<UserSignedUp> published = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      published.add(new UserSignedUp("User " + i, "user" + i + "@example.com"));
    }
    List<Message<UserSignedUp>> received = new CopyOnWriteArrayList<>();
    List<SseError> errors = new CopyOnWriteArrayList<>();
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(published.size());

    try (Subscription subscription = client()
        .onOpen(opened::countDown)
        .onError(errors::add)
        .listen(message -> {
          received.add(message);
          all.countDown();
        })) {
      assertTrue(opened.await(10, TimeUnit.SECONDS), "stream did not open: " + errors);
      published.forEach(broadcaster::publish);
      assertTrue(all.await(10, TimeUnit.SECONDS), "received " + received.size() + ": " + errors);
    }

    assertEquals(published, received.stream().map(Message::payload).toList());
    assertEquals("userSignedup", received.get(0).name());
    assertEquals(List.of(), errors);
  }

  @Test
  void broadcastReachesEverySubscriber() throws Exception {
    Broadcaster<UserSignedUp> broadcaster = server.userSignups().broadcast();
    int subscribers = 5;
    CountDownLatch opened = new CountDownLatch(subscribers);
    CountDownLatch delivered = new CountDownLatch(subscribers);
    List<Subscription> subscriptions = new ArrayList<>();
    try {
      for (int i = 0; i < subscribers; i++) {
        subscriptions.add(client().onOpen(opened::countDown).listen(message -> delivered.countDown()));
      }
      assertTrue(opened.await(10, TimeUnit.SECONDS), "not every stream opened");
      broadcaster.publish(new UserSignedUp("Ada Lovelace", "ada@example.com"));
      assertTrue(delivered.await(10, TimeUnit.SECONDS), "not every subscriber got the signup");
    } finally {
      subscriptions.forEach(Subscription::close);
    }
  }

  @Test
  void handlerSendsTypedPayloadToOneClient() throws Exception {
    server.userSignups().handle((request, stream) -> {
      stream.send(new UserSignedUp("Grace Hopper", "grace@example.com"), "g-1");
    });
    CountDownLatch received = new CountDownLatch(1);
    List<Message<UserSignedUp>> messages = new CopyOnWriteArrayList<>();

    try (Subscription subscription = client().listen(message -> {
      messages.add(message);
      received.countDown();
    })) {
      assertTrue(received.await(10, TimeUnit.SECONDS), "no signup arrived");
    }

    assertEquals(new UserSignedUp("Grace Hopper", "grace@example.com"), messages.get(0).payload());
    assertEquals("g-1", messages.get(0).id());
  }

  @Test
  void rejectedRequestReachesErrorListenerWithoutReconnect() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    server.userSignups().handle((request, stream) -> {
      connections.incrementAndGet();
      request.reject(403, "not a member of this project");
    });
    List<SseError> errors = new CopyOnWriteArrayList<>();
    CountDownLatch closed = new CountDownLatch(1);

    try (Subscription subscription = client()
        .onError(errors::add)
        .onClosed(closed::countDown)
        .listen(message -> { })) {
      assertTrue(closed.await(10, TimeUnit.SECONDS), "subscription did not stop: " + errors);
    }

    assertEquals(1, connections.get());
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(403, errors.get(0).status().orElse(-1));
  }

  @Test
  void invalidEmailGivesDecodingError() throws Exception {
    server.userSignups().handle((request, stream) -> {
      stream.raw().send("userSignedup", "1", "{\"displayName\":\"Bad\",\"email\":\"not-an-address\"}");
      stream.send(new UserSignedUp("Good", "good@example.com"), "2");
    });
    List<SseError> errors = new CopyOnWriteArrayList<>();
    List<UserSignedUp> received = new CopyOnWriteArrayList<>();
    CountDownLatch good = new CountDownLatch(1);

    try (Subscription subscription = client().onError(errors::add).listen(message -> {
      received.add(message.payload());
      good.countDown();
    })) {
      assertTrue(good.await(10, TimeUnit.SECONDS), "valid signup after the invalid one missing");
    }

    assertEquals(List.of(new UserSignedUp("Good", "good@example.com")), received);
    assertEquals(SseError.Kind.DECODING, errors.get(0).kind());
    assertEquals("1", errors.get(0).eventId());
    assertTrue(errors.get(0).getMessage().contains("email: must be a valid email"),
        errors.get(0).getMessage());
  }

  @Test
  void wrongTypeErrorNamesPropertyAndValue() throws Exception {
    server.userSignups().handle((request, stream) -> {
      stream.raw().send("userSignedup", "1", "{\"displayName\":7,\"email\":\"a@example.com\"}");
      stream.send(new UserSignedUp("Good", "good@example.com"), "2");
    });
    List<SseError> errors = new CopyOnWriteArrayList<>();
    CountDownLatch good = new CountDownLatch(1);

    try (Subscription subscription =
        client().onError(errors::add).listen(message -> good.countDown())) {
      assertTrue(good.await(10, TimeUnit.SECONDS), "valid signup after the invalid one missing");
    }

    assertEquals(1, errors.size(), errors.toString());
    String message = errors.get(0).getMessage();
    assertTrue(message.startsWith("The data of event \"userSignedup\" (id \"1\")"), message);
    String reason = ": displayName: expected a string, found the number 7 (line 1, column 16)";
    assertTrue(message.endsWith(reason), message);
    assertFalse(message.contains("com.fasterxml"), message);
  }
}
