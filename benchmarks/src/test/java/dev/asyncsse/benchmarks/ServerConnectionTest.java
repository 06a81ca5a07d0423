package dev.asyncsse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fan-out benchmark's side of the command protocol, against shell processes that stand in for
 * a server: other output is passed on, and a silent, ended or garbled server ends the measurement
 * with one message instead of a hang.
 */
class ServerConnectionTest {

  private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void skipsLinesOutsideTheProtocol() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream copied = new ByteArrayOutputStream();
    System.setErr(new PrintStream(copied, true, StandardCharsets.UTF_8));
    Process process =
        shell("echo '[0.004s][info][gc] Using G1'; echo 'PORT 4242'; echo 'COUNT 7'; read x");
    try (FanoutBenchmark.ServerConnection connection =
        new FanoutBenchmark.ServerConnection(process, ONE_SECOND)) {
      assertEquals(4242, connection.port());
    } finally {
      System.setErr(original);
    }
    assertTrue(
        copied.toString(StandardCharsets.UTF_8).contains("[0.004s][info][gc] Using G1"),
        copied.toString(StandardCharsets.UTF_8));
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void silentServerTimesOut() throws Exception {
    Process process = shell("sleep 60");
    long start = System.nanoTime();
    IOException e =
        assertThrows(
            IOException.class, () -> new FanoutBenchmark.ServerConnection(process, ONE_SECOND));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
    assertEquals("timed out after 1 s waiting for the fan-out server's PORT reply", e.getMessage());
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void serverThatEndsItsOutputFails() throws Exception {
    Process process = shell("echo 'Error: could not find the main class'");
    IOException e =
        assertThrows(
            IOException.class, () -> new FanoutBenchmark.ServerConnection(process, ONE_SECOND));
    assertEquals("the fan-out server ended its output before its PORT reply", e.getMessage());
  }

  @Test
  void malformedReplyFailsWithTheLine() throws Exception {
    Process process = shell("echo 'PORT eighty'; read x");
    IOException e =
        assertThrows(
            IOException.class, () -> new FanoutBenchmark.ServerConnection(process, ONE_SECOND));
    assertEquals("the fan-out server sent a malformed reply: PORT eighty", e.getMessage());
    assertFalse(e.getMessage().contains("Exception"));
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
  }

  private static Process shell(String script) throws IOException {
    return new ProcessBuilder("sh", "-c", script)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
