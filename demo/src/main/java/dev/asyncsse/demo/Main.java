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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the account service demo.
 *
 * <p>Without arguments, starts the generated account service server on a free loopback port,
 * publishes a few user signups, receives them with the generated client and prints one line per
 * event. Exits with 0 when every signup arrived unchanged and in order, and with 1 otherwise,
 * including when one did not arrive within 10 seconds.
 *
 * <p>With {@code --serve [PORT]}, serves the {@link LiveDemo} page on 127.0.0.1 (port 8080 by
 * default, 0 for a free port) and publishes a signup every second until the process is stopped.
 */
public final class Main {

  private static final List<UserSignedUp> SIGNUPS =
      List.of(
          new UserSignedUp("Ada Lovelace", "ada@example.com"),
          new UserSignedUp("Grace Hopper", "grace@example.org"),
          new UserSignedUp("Alan Turing", "alan@example.net"),
          new UserSignedUp("Katherine Johnson", "katherine@example.edu"));

  private static final int DEFAULT_LIVE_PORT = 8080;
  private static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);
  private static final String USAGE =
      "Usage: java -jar asyncsse-demo.jar                 run the round trip once and exit\n"
          + "       java -jar asyncsse-demo.jar --serve [PORT]  serve the live page on"
          + " 127.0.0.1:PORT until stopped (default 8080, 0 picks a free port)";

  private Main() {}

  /** Runs the round trip without arguments, or serves the live page with {@code --serve}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 0) {
      runRoundTrip();
    } else if (args[0].equals("--serve") && args.length <= 2) {
      serveLivePage(args.length == 2 ? args[1] : Integer.toString(DEFAULT_LIVE_PORT));
    } else if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(USAGE);
    } else {
      System.err.println("Invalid arguments: " + String.join(" ", args) + "\n" + USAGE);
      System.exit(2);
    }
  }

  private static void runRoundTrip() throws IOException, InterruptedException {
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

  /**
   * Serves the live page until the process is stopped. Exits with 2 for an invalid port, and with 1
   * when the server cannot listen on it.
   */
  private static void serveLivePage(String portText) throws InterruptedException {
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      System.err.println("Invalid port " + portText + ": use a number from 0 to 65535.");
      System.exit(2);
    }

    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    LiveDemo demo;
    try {
      demo = LiveDemo.start(address, LIVE_INTERVAL);
    } catch (IOException e) {
      System.err.println(
          "Cannot listen on "
              + address.getAddress().getHostAddress()
              + ":"
              + port
              + ": "
              + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "asyncsse-demo-shutdown"));
    System.out.println(
        "Serving the live signup page at " + demo.pageUri() + " (press Ctrl-C to stop)");
    // The HTTP server's threads keep the process alive, so this thread only waits.
    new CountDownLatch(1).await();
  }
}
