package dev.asyncsse.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.demo.accounts.AccountService;
import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.runtime.server.Broadcaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a live HTML page next to the generated {@code userSignups} channel and publishes a sample
 * signup at a fixed interval.
 *
 * <p>The page at {@code /} opens the browser's {@code EventSource} on {@code /user/signedup} and
 * lists each signup as it arrives. Every other path outside the channel gets 404.
 */
public final class LiveDemo implements AutoCloseable {

  /** The signups that are published in turn, starting again after the last one. */
  public static final List<UserSignedUp> SAMPLE_SIGNUPS =
      List.of(
          new UserSignedUp("Ada Lovelace", "ada@example.com"),
          new UserSignedUp("Grace Hopper", "grace@example.org"),
          new UserSignedUp("Alan Turing", "alan@example.net"),
          new UserSignedUp("Katherine Johnson", "katherine@example.edu"),
          new UserSignedUp("Edsger Dijkstra", "edsger@example.nl"),
          new UserSignedUp("Barbara Liskov", "barbara@example.com"));

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.demo");
  private static final String PAGE_RESOURCE = "live/index.html";

  private final HttpServer http;
  private final AccountService.Server server;
  private final ScheduledExecutorService publisher;
  private final AtomicLong published = new AtomicLong();

  private LiveDemo(
      HttpServer http, AccountService.Server server, ScheduledExecutorService publisher) {
    this.http = http;
    this.server = server;
    this.publisher = publisher;
  }

  /**
   * Starts the HTTP server on {@code address} and publishes the first signup at once, then one per
   * {@code interval}.
   *
   * @param address the address to listen on; port 0 picks a free port
   * @param interval the time between two signups
   * @throws IOException when the server cannot listen on {@code address}
   * @throws IllegalArgumentException when {@code interval} is shorter than one millisecond
   */
  public static LiveDemo start(InetSocketAddress address, Duration interval) throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "Invalid publish interval " + interval + ": it must be at least one millisecond");
    }
    byte[] page = readPage();

    HttpServer http = HttpServer.create(address, 0);
    AccountService.Server server = AccountService.server(http);
    Broadcaster<UserSignedUp> signups = server.userSignups().broadcast();
    http.createContext("/", exchange -> servePage(exchange, page));
    http.start();

    ScheduledExecutorService publisher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "asyncsse-demo-publisher");
              thread.setDaemon(true);
              return thread;
            });
    LiveDemo demo = new LiveDemo(http, server, publisher);
    publisher.scheduleAtFixedRate(
        () -> demo.publishNext(signups), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return demo;
  }

  /** Returns the URI of the live page, such as {@code http://127.0.0.1:8080/}. */
  public URI pageUri() {
    return baseUri().resolve("/");
  }

  /** Returns the server's base URI, such as {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    InetSocketAddress address = http.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** Returns how many signups have been published so far. */
  public long publishedCount() {
    return published.get();
  }

  /** Stops publishing, ends every open stream and stops the HTTP server. */
  @Override
  public void close() {
    publisher.shutdownNow();
    server.shutdown();
    http.stop(0);
  }

  private void publishNext(Broadcaster<UserSignedUp> signups) {
    long index = published.getAndIncrement();
    UserSignedUp signup = SAMPLE_SIGNUPS.get((int) (index % SAMPLE_SIGNUPS.size()));
    try {
      signups.publish(signup);
    } catch (RuntimeException e) {
      // A failure must not cancel the schedule, which would stop all later signups.
      LOGGER.log(Level.WARNING, "Cannot publish the sample signup " + signup, e);
    }
  }

  private static void servePage(HttpExchange exchange, byte[] page) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!path.equals("/")) {
        sendText(exchange, 404, "Not found: " + path + ". The live page is at /.");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendText(exchange, 405, "Method " + method + " is not allowed on the live page.");
      } else {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (method.equals("HEAD")) {
          exchange.sendResponseHeaders(200, -1);
        } else {
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
          }
        }
      }
    }
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] readPage() {
    try (InputStream in = LiveDemo.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "The live page resource dev/asyncsse/demo/" + PAGE_RESOURCE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the live page resource", e);
    }
  }
}
