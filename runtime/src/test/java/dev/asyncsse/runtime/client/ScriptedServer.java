package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link HttpServer} on 127.0.0.1 that responds to each request with the next queued script
 * and records every request. With no script queued it responds with 204, which stops a client.
 */
final class ScriptedServer implements AutoCloseable {

  /** Writes the response to one request. */
  @FunctionalInterface
  interface Script {
    void respond(HttpExchange exchange) throws Exception;
  }

  /** A request as the server received it; {@code query} is the raw query, or {@code null}. */
  record Request(String method, String path, String query, Headers headers) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** Thrown by a script to drop the connection without ending the chunked body. */
  static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("the script drops the connection", null, false, false);
    }
  }

  static final Duration WAIT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Queues scripts for the next requests, in order. */
  void enqueue(Script... next) {
    for (Script script : next) {
      scripts.add(script);
    }
  }

  /** Returns the next request, failing the test when none arrives within {@link #WAIT}. */
  Request takeRequest() throws InterruptedException {
    Request request = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(request, "no request arrived within " + WAIT);
    return request;
  }

  /** Fails the test if a request arrives within {@code duration}. */
  void assertNoRequestWithin(Duration duration) throws InterruptedException {
    Request request = requests.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
    assertNull(request, "unexpected request");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders()));
    Script script = scripts.poll();
    if (script == null) {
      script = status(204, "");
    }
    try {
      script.respond(exchange);
    } catch (DropConnection e) {
      throw e; // the server closes the connection without a final chunk
    } catch (IOException e) {
      // The client went away; nothing more to write.
    } catch (Exception e) {
      throw new IllegalStateException("A test script failed", e);
    }
    exchange.close();
  }

  // Scripts.

  /** Responds with 200 text/event-stream and the body, then ends the response. */
  static Script stream(String body) {
    return streamWithContentType("text/event-stream", bytes(body));
  }

  static Script streamWithContentType(String contentType, byte[] body) {
    return exchange -> {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      out.flush();
    };
  }

  /**
   * Responds with 200 text/event-stream and the body, and keeps the response open until released.
   */
  static Script streamThenHold(String body, CountDownLatch release) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes(body));
      out.flush();
      release.await(30, TimeUnit.SECONDS);
    };
  }

  /** Responds with a status and a plain-text body; an empty body is sent as no body. */
  static Script status(int status, String body) {
    return exchange -> {
      byte[] bytes = bytes(body);
      if (!body.isEmpty()) {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  /** Responds with a redirect to {@code location}. */
  static Script redirect(int status, String location) {
    return exchange -> {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(status, -1);
    };
  }

  /** Sends no response headers until released, so the client waits for them. */
  static Script noHeaders(CountDownLatch release) {
    return exchange -> release.await(30, TimeUnit.SECONDS);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
