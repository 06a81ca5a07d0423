package dev.asyncsse.demo;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.Broadcaster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the generated account service server on a free loopback port, publishes a few user
 * signups, receives them with the generated client and prints one line per event.
 *
 * <p>Exits with 0 when every signup arrived unchanged and in order, and with 1 otherwise, including
 * when one did not arrive within 10 seconds.
 */
public final class Main {

  private static final List<UserSignedUp> SIGNUPS =
      List.of(
          new UserSignedUp("Ada Lovelace", "ada@example.com"),
          new UserSignedUp("Grace Hopper", "grace@example.org"),
          new UserSignedUp("Alan Turing", "alan@example.net"),
          new UserSignedUp("Katherine Johnson", "katherine@example.edu"));

  private Main() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AccountService.Server server = AccountService.server(http);
    Broadcaster<UserSignedUp> signups = server.userSignups().broadcast();
    http.start();
    URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    System.out.println("Serving " + AccountService.TITLE + " at " + baseUri);

    boolean complete;
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch received = new CountDownLatch(SIGNUPS.size());
    List<UserSignedUp> arrived = new CopyOnWriteArrayList<>();
    try (Subscription subscription =
        AccountService.client(baseUri)
            .build()
            .userSignups()
            .onOpen(opened::countDown)
            .onError(error -> System.err.println("Stream error: " + error.getMessage()))
            .listen(
                signup -> {
                  System.out.println(
                      "Received signup "
                          + signup.id()
                          + ": "
                          + signup.payload().displayName()
                          + " <"
                          + signup.payload().email()
                          + ">");
                  arrived.add(signup.payload());
                  received.countDown();
                })) {
      complete = opened.await(10, TimeUnit.SECONDS);
      if (complete) {
        SIGNUPS.forEach(signups::publish);
        complete = received.await(10, TimeUnit.SECONDS);
      }
    } finally {
      server.shutdown();
      http.stop(0);
    }

    if (!complete) {
      System.err.println(
          "Demo failed: " + received.getCount() + " of " + SIGNUPS.size() + " signups did not arrive"
              + " within 10 seconds.");
      System.exit(1);
    }
    if (!arrived.equals(SIGNUPS)) {
      System.err.println("Demo failed: signups arrived out of order or changed: " + arrived);
      System.exit(1);
    }
    System.out.println("All " + SIGNUPS.size() + " signups arrived in order.");
    System.exit(0);
  }
}
