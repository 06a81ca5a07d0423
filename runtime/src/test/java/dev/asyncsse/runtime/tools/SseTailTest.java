package dev.asyncsse.runtime.tools;

import static dev.asyncsse.runtime.tools.EventServer.events;
import static dev.asyncsse.runtime.tools.EventServer.eventsThenSilence;
import static dev.asyncsse.runtime.tools.EventServer.repeatUntilDisconnect;
import static dev.asyncsse.runtime.tools.EventServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SseTail#run} in this JVM against a real loopback server. */
class SseTailTest {

  private static final String URL_PLACEHOLDER = "URL";

  private final CountDownLatch releaseSilentResponses = new CountDownLatch(1);
  private EventServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new EventServer();
  }

  @AfterEach
  void stopServer() {
    releaseSilentResponses.countDown();
    server.close();
  }

  // Output.

  @Test
  void printsEventsAsJsonLines() throws Exception {
    server.enqueue(
        events(
            "data: plain\n\n"
                + "event: update\nid: 7\ndata: line 1\ndata: line 2\n\n"
                + "data: \"quoted\" \\ caf\u00e9 \u2028 tab\t \u0001\n\n"));

    Result result = run(server.url(), "--max-events", "3");

    assertEquals(0, result.status(), result.err());
    List<JsonNode> lines = result.jsonLines();
    assertEquals(3, lines.size());
    assertEvent("message", "plain", "", lines.get(0));
    assertEvent("update", "line 1\nline 2", "7", lines.get(1));
    assertEvent("message", "\"quoted\" \\ caf\u00e9 \u2028 tab\t \u0001", "7", lines.get(2));
    assertEquals("", result.err());
  }

  @Test
  void maxEventsClosesConnection() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(repeatUntilDisconnect("data: 1\n\ndata: 2\n\ndata: 3\n\n", ":\n", disconnected));

    Result result = run(server.url(), "--max-events=2");

    assertEquals(0, result.status(), result.err());
    assertEquals(2, result.jsonLines().size());
    assertEquals("2", result.jsonLines().get(1).get("data").asText());
    assertTrue(disconnected.await(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  // Requests.

  @Test
  void lastEventIdSentOnFirstRequest() throws Exception {
    server.enqueue(events("data: a\n\n"));

    Result result = run(server.url(), "--last-event-id", "41", "--max-events", "1");

    assertEquals(0, result.status(), result.err());
    assertEquals("41", server.takeRequest().getFirst("Last-Event-ID"));
    assertEvent("message", "a", "41", result.jsonLines().get(0));
  }

  @Test
  void headersSent() throws Exception {
    server.enqueue(events("data: a\n\n"));

    Result result =
        run(
            server.url(),
            "--header",
            "X-Trace: one",
            "--header=X-Trace:two",
            "--header",
            "Authorization: \t Bearer abc  ",
            "--max-events",
            "1");

    assertEquals(0, result.status(), result.err());
    Headers request = server.takeRequest();
    assertEquals(List.of("one", "two"), request.get("X-Trace"));
    assertEquals(List.of("Bearer abc"), request.get("Authorization"));
    assertEquals(List.of("text/event-stream"), request.get("Accept"));
  }

  @Test
  void reconnectsWithLastEventId() throws Exception {
    server.enqueue(events("retry: 10\nid: 1\ndata: a\n\n"), events("data: b\n\n"));

    Result result = run(server.url(), "--max-events", "2");

    assertEquals(0, result.status(), result.err());
    assertEvent("message", "a", "1", result.jsonLines().get(0));
    assertEvent("message", "b", "1", result.jsonLines().get(1));
    server.takeRequest();
    assertEquals("1", server.takeRequest().getFirst("Last-Event-ID"));
    assertEquals("", result.err());
  }

  // Ending for good.

  @Test
  void status204ExitsOne() throws Exception {
    Result result = run(server.url());

    assertEquals(1, result.status());
    assertEquals("", result.out());
    String message = result.singleErrLine();
    assertTrue(message.startsWith("SseTail: "), message);
    assertTrue(message.contains("204"), message);
  }

  @Test
  void status404ExitsOne() throws Exception {
    server.enqueue(status(404, "text/plain", "no such stream"));

    Result result = run(server.url());

    assertEquals(1, result.status());
    String message = result.singleErrLine();
    assertTrue(message.contains("404"), message);
    assertTrue(message.contains("no such stream"), message);
  }

  @Test
  void wrongContentTypeExitsOne() throws Exception {
    server.enqueue(status(200, "application/json", "{}"));

    Result result = run(server.url());

    assertEquals(1, result.status());
    assertTrue(result.singleErrLine().contains("application/json"), result.err());
  }

  @Test
  void endOfStreamWithoutReconnectExitsOne() throws Exception {
    server.enqueue(events("data: a\n\ndata: b\n\n"));

    Result result = run(server.url(), "--no-reconnect");

    assertEquals(1, result.status());
    assertEquals(2, result.jsonLines().size());
    assertTrue(result.singleErrLine().contains("ended the stream"), result.err());
  }

  @Test
  void idleTimeoutWithoutReconnectExitsOne() throws Exception {
    server.enqueue(eventsThenSilence("data: a\n\n", releaseSilentResponses));

    Result result = run(server.url(), "--idle-timeout", "300ms", "--no-reconnect");

    assertEquals(1, result.status());
    assertEquals(1, result.jsonLines().size());
    assertTrue(result.singleErrLine().contains("idle timeout"), result.err());
  }

  @Test
  void idleTimeoutReconnectsAndReportsIt() throws Exception {
    server.enqueue(eventsThenSilence("retry: 10\ndata: a\n\n", releaseSilentResponses));

    Result result = run(server.url(), "--idle-timeout", "300ms");

    assertEquals(1, result.status());
    List<String> errors = result.err().lines().toList();
    assertEquals(2, errors.size(), result.err());
    assertTrue(errors.get(0).contains("idle timeout"), errors.get(0));
    assertTrue(errors.get(0).endsWith("Reconnecting."), errors.get(0));
    assertTrue(errors.get(1).contains("204"), errors.get(1));
  }

  @Test
  void interruptExitsZero() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(repeatUntilDisconnect("data: a\n\n", ":\n", disconnected));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
    Thread tail =
        new Thread(
            () -> {
              status.complete(SseTail.run(new String[] {server.url()}, print(out), print(err)));
              interruptKept.complete(Thread.currentThread().isInterrupted());
            });
    tail.start();
    awaitOutput(out);

    tail.interrupt();
    assertEquals(0, status.get(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(interruptKept.get(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(disconnected.await(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  // Arguments.

  @Test
  void helpPrintsUsage() throws Exception {
    Result result = run("--help");

    assertEquals(0, result.status());
    assertEquals(SseTail.USAGE, result.out());
    assertEquals("", result.err());
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        Arguments.of(List.of(), "missing URL"),
        Arguments.of(List.of("--max-events", "3"), "missing URL"),
        Arguments.of(List.of("URL", "--max-events"), "missing value for --max-events"),
        Arguments.of(List.of("URL", "--max-events", "0"), "invalid --max-events \"0\""),
        Arguments.of(List.of("URL", "--max-events", "ten"), "invalid --max-events \"ten\""),
        Arguments.of(List.of("URL", "--idle-timeout", "3"), "invalid --idle-timeout \"3\""),
        Arguments.of(List.of("URL", "--idle-timeout", "3x"), "invalid --idle-timeout \"3x\""),
        Arguments.of(List.of("URL", "--idle-timeout", "-1s"), "invalid --idle-timeout \"-1s\""),
        Arguments.of(List.of("URL", "--idle-timeout", "1.5s"), "invalid --idle-timeout \"1.5s\""),
        Arguments.of(List.of("URL", "--idle-timeout", "s"), "invalid --idle-timeout \"s\""),
        Arguments.of(
            List.of("URL", "--idle-timeout", "999999999999999999h"),
            "invalid --idle-timeout \"999999999999999999h\""),
        Arguments.of(List.of("URL", "--header", "NoColon"), "invalid --header \"NoColon\""),
        Arguments.of(List.of("URL", "--header", ": value"), "invalid --header \": value\""),
        Arguments.of(List.of("URL", "--header", "Bad Name: x"), "invalid --header \"Bad Name: x\""),
        Arguments.of(List.of("URL", "--header", "Host: example.com"), "invalid --header \"Host"),
        Arguments.of(List.of("URL", "--header", "X-A: a\u0001b"), "invalid --header \"X-A"),
        Arguments.of(List.of("URL", "--header", "Last-Event-ID: 5"), "--last-event-id"),
        Arguments.of(List.of("URL", "--last-event-id", "caf\u00e9"), "invalid --last-event-id"),
        Arguments.of(List.of("URL", "--bogus"), "unknown option \"--bogus\""),
        Arguments.of(List.of("URL", "--no-reconnect=yes"), "--no-reconnect takes no value"),
        Arguments.of(List.of("URL", "URL"), "only one URL"),
        Arguments.of(List.of("ftp://127.0.0.1/events"), "invalid URL \"ftp://127.0.0.1/events\""),
        Arguments.of(List.of("/events"), "invalid URL \"/events\""),
        Arguments.of(List.of("http://[bad"), "invalid URL \"http://[bad\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidArguments")
  void invalidArgumentsExitTwo(List<String> arguments, String expectedMessage) throws Exception {
    String[] args =
        arguments.stream()
            .map(a -> a.equals(URL_PLACEHOLDER) ? server.url() : a)
            .toArray(String[]::new);

    Result result = run(args);

    assertEquals(2, result.status());
    assertEquals("", result.out());
    String line = result.singleErrLine();
    assertTrue(line.startsWith("SseTail: "), line);
    assertTrue(line.contains(expectedMessage), line);
    assertTrue(line.endsWith("; run with --help for usage."), line);
    assertFalse(line.contains("Usage:"), line);
  }

  @Test
  void refusedConnectionNamesUrlAndCause() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/events";

    Result result = run(url, "--no-reconnect");

    assertEquals(1, result.status());
    assertEquals("", result.out());
    String line = result.singleErrLine();
    assertTrue(line.startsWith("SseTail: "), line);
    assertTrue(line.contains(url), line);
    assertTrue(line.toLowerCase(java.util.Locale.ROOT).contains("connection refused"), line);
  }

  @Test
  void refusedConnectionReportedOnEachReconnect() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/events";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread tail = new Thread(() -> SseTail.run(new String[] {url}, print(out), print(err)));
    tail.start();
    try {
      awaitLine(err);
      String line = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
      assertTrue(line.contains(url), line);
      assertTrue(line.toLowerCase(java.util.Locale.ROOT).contains("connection refused"), line);
      assertTrue(line.endsWith("Reconnecting."), line);
    } finally {
      tail.interrupt();
      tail.join(EventServer.WAIT.toMillis());
    }
  }

  /** Returns a loopback port that nothing listens on. */
  private static int closedPort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  @Test
  void durationUnitsParsed() throws Exception {
    assertEquals(Duration.ofMillis(500), TailArguments.parseDuration("--idle-timeout", "500ms"));
    assertEquals(Duration.ofSeconds(3), TailArguments.parseDuration("--idle-timeout", "3s"));
    assertEquals(Duration.ofMinutes(2), TailArguments.parseDuration("--idle-timeout", "2m"));
    assertEquals(Duration.ofHours(1), TailArguments.parseDuration("--idle-timeout", "1h"));
    assertEquals(Duration.ZERO, TailArguments.parseDuration("--idle-timeout", "0s"));
  }

  // Helpers.

  /** The outcome of one run: the exit status and everything written to stdout and stderr. */
  private record Result(int status, String out, String err) {

    List<JsonNode> jsonLines() throws IOException {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.lines().toList()) {
        nodes.add(new ObjectMapper().readTree(line));
      }
      return nodes;
    }

    String singleErrLine() {
      List<String> lines = err.lines().toList();
      assertEquals(1, lines.size(), "expected one line on stderr, got: " + err);
      return lines.get(0);
    }
  }

  /** Runs the tool on another thread, failing the test if it does not end within 20 s. */
  private static Result run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    Thread tail = new Thread(() -> status.complete(SseTail.run(args, print(out), print(err))));
    tail.start();
    try {
      int exitStatus = status.get(EventServer.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
      return new Result(
          exitStatus, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      tail.interrupt();
      return fail("SseTail did not exit; stdout: " + out + "; stderr: " + err);
    }
  }

  private void assertEvent(String type, String data, String id, JsonNode line) {
    assertEquals(3, line.size(), line.toString());
    assertEquals(type, line.get("type").asText(), line.toString());
    assertEquals(data, line.get("data").asText(), line.toString());
    assertEquals(id, line.get("id").asText(), line.toString());
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static void awaitLine(ByteArrayOutputStream out) throws InterruptedException {
    long deadline = System.nanoTime() + EventServer.WAIT.toNanos();
    while (!out.toString(StandardCharsets.UTF_8).contains("\n")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("\n"), "no line within " + EventServer.WAIT);
  }

  private static void awaitOutput(ByteArrayOutputStream out) throws InterruptedException {
    long deadline = System.nanoTime() + EventServer.WAIT.toNanos();
    while (out.size() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(out.size() > 0, "no output within " + EventServer.WAIT);
  }
}
