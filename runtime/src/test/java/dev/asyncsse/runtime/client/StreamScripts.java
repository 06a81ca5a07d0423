package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ScriptedServer} scripts and checks for tests of demand, back-pressure and closing. */
final class StreamScripts {

  private static final byte[] HEARTBEAT = ScriptedServer.bytes(":\n");
  private static final long HEARTBEAT_MILLIS = 50;
  private static final long MAX_HOLD_MILLIS = 30_000;

  private StreamScripts() {}

  /** Returns events {@code 0} to {@code count - 1}, each with its number as id and data. */
  static String numberedEvents(int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("id: ").append(i).append("\ndata: ").append(i).append("\n\n");
    }
    return body.toString();
  }

  /**
   * Sends the body, then a comment every 50 ms until a write fails because the client closed the
   * connection, and then counts down {@code disconnected}. Gives up after 30 s.
   */
  static ScriptedServer.Script heartbeatsUntilDisconnect(String body, CountDownLatch disconnected) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_HOLD_MILLIS);
      try {
        out.write(ScriptedServer.bytes(body));
        out.flush();
        while (System.nanoTime() < deadline) {
          Thread.sleep(HEARTBEAT_MILLIS);
          out.write(HEARTBEAT);
          out.flush();
        }
      } catch (IOException e) {
        disconnected.countDown();
      }
    };
  }

  /**
   * Sends 1 KiB events until {@code maxBytes} are written or a write fails, and adds each written
   * event's size to {@code written}.
   */
  static ScriptedServer.Script flood(AtomicLong written, long maxBytes) {
    byte[] event = ScriptedServer.bytes("data: " + "x".repeat(1016) + "\n\n");
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        while (written.get() < maxBytes) {
          out.write(event);
          written.addAndGet(event.length);
        }
        out.flush();
      } catch (IOException e) {
        // The client closed the connection.
      }
    };
  }

  /**
   * Waits until {@code written} has not changed for 600 ms, which means the server's writes are
   * blocked or finished, and returns its value. Gives up waiting after 20 s.
   */
  static long awaitSteady(AtomicLong written) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long previous = -1;
    int steadyChecks = 0;
    while (steadyChecks < 3 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      long current = written.get();
      steadyChecks = current == previous ? steadyChecks + 1 : 0;
      previous = current;
    }
    return previous;
  }

  /** Fails unless the latch reaches zero within {@link ScriptedServer#WAIT}. */
  static void assertWithinWait(CountDownLatch latch, String description)
      throws InterruptedException {
    assertTrue(
        latch.await(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS),
        description + " did not happen within " + ScriptedServer.WAIT);
  }
}
