package dev.asyncsse.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connections that break in the middle: a reset inside an event, and a server that stalls. */
class BrokenConnectionTest {

  private static final String STREAM_HEAD =
      "HTTP/1.1 200 OK\r\n"
          + "Content-Type: text/event-stream\r\n"
          + "Transfer-Encoding: chunked\r\n"
          + "\r\n";

  /**
   * A raw server writes one event and half of the next one, then resets the connection (RST). The
   * client must drop the half event, reconnect with the id of the whole one, and get the rest.
   */
  @Test
  void resetMidEventDiscardsPartialEventAndResumes() throws Exception {
    BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();
    CountDownLatch firstEventSeen = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    // Not the common pool: java.net.http on JDK 25 needs a free common-pool thread to connect.
    ExecutorService serverThread = Executors.newSingleThreadExecutor();
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CompletableFuture<Void> server =
          CompletableFuture.runAsync(
              () -> {
                try {
                  try (Socket first = listener.accept()) {
                    lastEventIds.add(readRequestHeader(first, "last-event-id"));
                    OutputStream out = first.getOutputStream();
                    out.write(ascii(STREAM_HEAD));
                    out.write(ascii(chunk("id: 1\ndata: one\n\n") + "20\r\nid: 2\ndata: par"));
                    out.flush();
                    firstEventSeen.await(20, TimeUnit.SECONDS);
                    // Give the client time to read the half event before the reset arrives.
                    TimeUnit.MILLISECONDS.sleep(200);
                    first.setSoLinger(true, 0);
                  }
                  try (Socket second = listener.accept()) {
                    lastEventIds.add(readRequestHeader(second, "last-event-id"));
                    OutputStream out = second.getOutputStream();
                    out.write(ascii(STREAM_HEAD));
                    out.write(ascii(chunk("id: 2\ndata: two\n\nid: 3\ndata: three\n\n")));
                    out.flush();
                    done.await(20, TimeUnit.SECONDS);
                  }
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              serverThread);

      EventRecorder recorder = new EventRecorder();
      try (Subscription subscription =
          SseClient.builder(Loopback.uri(listener.getLocalPort(), "/events"))
              .reconnectDelay(Duration.ofMillis(50))
              .build()
              .subscribe(recorder)) {
        recorder.expectOpen();
        assertEquals(new SseEvent("message", "one", "1"), recorder.expectEvent());
        firstEventSeen.countDown();

        SseError reset = recorder.expectError();
        assertEquals(SseError.Kind.NETWORK, reset.kind());
        assertTrue(reset.willReconnect());
        recorder.expectOpen();
        assertEquals(new SseEvent("message", "two", "2"), recorder.expectEvent());
        assertEquals(new SseEvent("message", "three", "3"), recorder.expectEvent());
        assertEquals("", lastEventIds.poll(20, TimeUnit.SECONDS));
        assertEquals("1", lastEventIds.poll(20, TimeUnit.SECONDS));
      } finally {
        done.countDown();
      }
      server.get(20, TimeUnit.SECONDS);
    } finally {
      serverThread.shutdownNow();
    }
  }

  /**
   * The server sends the headers and one event, then stays silent with the connection open. The
   * client's idle timeout must close that connection and reconnect with the event's id.
   */
  @Test
  void stalledServerTimesOutAndResumes() throws Exception {
    BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();
    AtomicInteger connections = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer http = Loopback.newServer();
    http.setExecutor(handlers);
    http.createContext(
        "/events",
        exchange -> {
          String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
          lastEventIds.add(lastEventId == null ? "" : lastEventId);
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream body = exchange.getResponseBody();
          String id = String.valueOf(connections.incrementAndGet());
          body.write(ascii("id: " + id + "\ndata: event " + id + "\n\n"));
          body.flush();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    http.start();

    EventRecorder recorder = new EventRecorder();
    try (Subscription subscription =
        SseClient.builder(Loopback.uri(http, "/events"))
            .idleTimeout(Duration.ofSeconds(1))
            .reconnectDelay(Duration.ofMillis(50))
            .build()
            .subscribe(recorder)) {
      recorder.expectOpen();
      assertEquals(new SseEvent("message", "event 1", "1"), recorder.expectEvent());

      SseError timeout = recorder.expectError();
      assertEquals(SseError.Kind.TIMEOUT, timeout.kind());
      assertTrue(timeout.willReconnect());
      SseEvent resumed = recorder.nextEventSkippingOthers();
      assertEquals("event 2", resumed.data());
      assertEquals("", lastEventIds.poll(20, TimeUnit.SECONDS));
      assertEquals("1", lastEventIds.poll(20, TimeUnit.SECONDS));
    } finally {
      release.countDown();
      http.stop(0);
      handlers.shutdownNow();
    }
  }

  /** Reads a request's head and returns the value of one header, or {@code ""} without it. */
  private static String readRequestHeader(Socket socket, String lowerCaseName) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "the request ended inside its head");
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  /** Returns {@code data} framed as one HTTP/1.1 chunk. */
  private static String chunk(String data) {
    return Integer.toHexString(ascii(data).length) + "\r\n" + data + "\r\n";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
