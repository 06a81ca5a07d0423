package dev.asyncsse.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link HttpServer} on 127.0.0.1 that responds to each request with the next queued
 * response and records the request headers. With nothing queued it responds with 204.
 */
final class EventServer implements AutoCloseable {

  /** Writes the response to one request. */
  @FunctionalInterface
  interface Response {
    void write(HttpExchange exchange) throws IOException, InterruptedException;
  }

  static final Duration WAIT = Duration.ofSeconds(10);
  private static final long MAX_HOLD_MILLIS = 30_000;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Headers> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

  EventServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  void enqueue(Response... next) {
    for (Response response : next) {
      responses.add(response);
    }
  }

  /** Returns the headers of the next request, failing when none arrives within {@link #WAIT}. */
  Headers takeRequest() throws InterruptedException {
    Headers request = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(request, "no request arrived within " + WAIT);
    return request;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestHeaders());
    Response response = responses.poll();
    try {
      if (response == null) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        response.write(exchange);
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, or the server is stopping.
    }
    exchange.close();
  }

  // Responses.

  /** Responds with 200 text/event-stream and the body, then ends the response. */
  static Response events(String body) {
    return exchange -> {
      OutputStream out = startEventStream(exchange);
      out.write(bytes(body));
      out.flush();
    };
  }

  /**
   * Responds with 200 text/event-stream and the body, then sends {@code repeated} every 50 ms until
   * a write fails because the client closed the connection, and counts down {@code disconnected}.
   * Gives up after 30 s.
   */
  static Response repeatUntilDisconnect(String body, String repeated, CountDownLatch disconnected) {
    return exchange -> {
      OutputStream out = startEventStream(exchange);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_HOLD_MILLIS);
      try {
        out.write(bytes(body));
        out.flush();
        while (System.nanoTime() < deadline) {
          Thread.sleep(50);
          out.write(bytes(repeated));
          out.flush();
        }
      } catch (IOException e) {
        disconnected.countDown();
      }
    };
  }

  /** Responds with 200 text/event-stream and the body, then sends nothing until released. */
  static Response eventsThenSilence(String body, CountDownLatch release) {
    return exchange -> {
      OutputStream out = startEventStream(exchange);
      out.write(bytes(body));
      out.flush();
      release.await(MAX_HOLD_MILLIS, TimeUnit.MILLISECONDS);
    };
  }

  /** Responds with a status, a content type and a body. */
  static Response status(int status, String contentType, String body) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      byte[] bytes = bytes(body);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  private static OutputStream startEventStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
