package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A started {@link HttpServer} on an ephemeral loopback port with an {@link SseServer} on it, and a
 * java.net.http client for it.
 */
final class LoopbackServer implements AutoCloseable {

  final HttpServer http;
  final SseServer sse;
  final HttpClient client;

  private LoopbackServer(HttpServer http) {
    this.http = http;
    this.sse = SseServer.on(http);
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Starts a server created without an executor, so that the SseServer sets one. */
  static LoopbackServer start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LoopbackServer server = new LoopbackServer(http);
    http.start();
    return server;
  }

  LoopbackServer register(SseEndpoint endpoint) {
    sse.register(endpoint);
    return this;
  }

  int port() {
    return http.getAddress().getPort();
  }

  URI uri(String rawPath) {
    return URI.create("http://127.0.0.1:" + port() + rawPath);
  }

  /** Sends a GET for an event stream and returns once the response headers have arrived. */
  HttpResponse<InputStream> connect(String rawPath, String... headerNamesAndValues)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(rawPath))
            .timeout(EventStreamReader.TIMEOUT)
            .header("Accept", "text/event-stream");
    if (headerNamesAndValues.length > 0) {
      request.headers(headerNamesAndValues);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Connects, checks for status 200, and returns a reader of the body. */
  EventStreamReader open(String rawPath, String... headerNamesAndValues)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = connect(rawPath, headerNamesAndValues);
    assertEquals(200, response.statusCode(), "status of " + rawPath);
    return new EventStreamReader(response.body());
  }

  /** Sends an ordinary request with optional headers and reads the whole body as text. */
  HttpResponse<String> request(String method, String rawPath, String... headerNamesAndValues)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(rawPath))
            .timeout(EventStreamReader.TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headerNamesAndValues.length > 0) {
      request.headers(headerNamesAndValues);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    sse.shutdown();
    http.stop(0);
  }

  /** Polls {@code condition} every 10 ms until it is true or {@code timeout} has passed. */
  static boolean eventually(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return true;
  }

  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    return eventually(condition, EventStreamReader.TIMEOUT);
  }
}
