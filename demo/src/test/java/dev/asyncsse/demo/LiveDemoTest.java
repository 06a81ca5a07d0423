package dev.asyncsse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.demo.accounts.UserSignupsServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.client.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveDemoTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private LiveDemo demo;

  @BeforeEach
  void startDemo() throws Exception {
    demo =
        LiveDemo.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofMillis(100));
  }

  @AfterEach
  void stopDemo() {
    demo.close();
  }

  @Test
  void pageOpensEventSourceOnChannelPath() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(demo.pageUri()).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals(
        Optional.of("text/html; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertTrue(
        response.body().contains("new EventSource(\"/" + UserSignupsServer.ADDRESS + "\")"),
        response.body());
    assertTrue(response.body().contains("addEventListener(\"userSignedup\""), response.body());
  }

  @Test
  void otherPathsAndMethodsAreRejected() throws Exception {
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(demo.baseUri().resolve("/index.html")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(demo.pageUri())
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(404, missing.statusCode());
    assertEquals(405, post.statusCode());
    assertEquals(Optional.of("GET, HEAD"), post.headers().firstValue("Allow"));
  }

  @Test
  void samplesArriveInTurn() throws Exception {
    List<Message<UserSignedUp>> received = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);

    Subscription subscription =
        AccountService.client(demo.baseUri())
            .build()
            .userSignups()
            .listen(
                message -> {
                  received.add(message);
                  three.countDown();
                });
    try {
      assertTrue(three.await(10, TimeUnit.SECONDS), "received only " + received);
    } finally {
      subscription.close();
    }

    for (Message<UserSignedUp> message : received) {
      long id = GeneratedEventIds.number(message.id());
      UserSignedUp expected =
          LiveDemo.SAMPLE_SIGNUPS.get((int) ((id - 1) % LiveDemo.SAMPLE_SIGNUPS.size()));
      assertEquals(expected, message.payload(), "signup with id " + id);
      assertEquals("userSignedup", message.name());
    }
    assertTrue(demo.publishedCount() >= 3, "published " + demo.publishedCount());
  }
}
