package dev.asyncsse.runtime.robustness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Loopback servers and waits shared by the robustness tests. */
final class Loopback {

  /** How long an "eventually" condition may take on a loaded machine. */
  static final Duration EVENTUALLY = Duration.ofSeconds(20);

  private static final Pattern GENERATED_ID = Pattern.compile("[0-9a-z]+-[1-9][0-9]*");

  private Loopback() {}

  /** Creates an unstarted server on an ephemeral loopback port. */
  static HttpServer newServer() throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  /**
   * Creates an unstarted server on {@code port}, retrying while the port is still held by a server
   * that has just stopped.
   */
  static HttpServer newServer(int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    while (true) {
      try {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      } catch (BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  /**
   * Returns the counter of an id that a broadcaster generated, {@code 42} for {@code mibq3t1c-42},
   * and fails when the id does not have that form.
   */
  static long generatedIdNumber(String id) {
    if (id == null || !GENERATED_ID.matcher(id).matches()) {
      throw new AssertionError("Not a generated event id: " + id);
    }
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }

  static URI uri(HttpServer server, String path) {
    return uri(server.getAddress().getPort(), path);
  }

  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Returns an HTTP/1.1 client that follows redirects, as the SSE client's default one does. */
  static HttpClient.Builder httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10));
  }

  /** Polls {@code condition} every 10 ms until it is true or {@link #EVENTUALLY} has passed. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return true;
  }
}
