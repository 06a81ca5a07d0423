package dev.asyncsse.runtime.tools;

import static dev.asyncsse.runtime.tools.EventServer.repeatUntilDisconnect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SseTail} run as its own {@code java} process against a real loopback server. */
class SseTailProcessTest {

  private static final long PROCESS_WAIT_SECONDS = 30;

  private final List<Process> processes = new ArrayList<>();
  private EventServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new EventServer();
  }

  @AfterEach
  void stopEverything() {
    processes.forEach(Process::destroyForcibly);
    server.close();
  }

  @Test
  void printsEventsAndExitsZero() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(
        repeatUntilDisconnect(
            "id: 1\ndata: caf\u00e9\n\nevent: update\ndata: second\n\ndata: third\n\n",
            ":\n",
            disconnected));
    Process process = launch(server.url(), "--max-events", "2");

    List<String> lines = readLines(process);
    assertTrue(process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS), "SseTail did not exit");
    String err = readErr(process);
    assertEquals(0, process.exitValue(), err);
    assertEquals("", err);
    assertEquals(2, lines.size(), String.join("\n", lines));
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    assertEquals("message", first.get("type").asText());
    assertEquals("caf\u00e9", first.get("data").asText());
    assertEquals("1", first.get("id").asText());
    JsonNode second = mapper.readTree(lines.get(1));
    assertEquals("update", second.get("type").asText());
    assertEquals("second", second.get("data").asText());
    assertEquals("1", second.get("id").asText());
    assertTrue(disconnected.await(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void runsWithRuntimeClassesAlone() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(
        repeatUntilDisconnect("id: 7\ndata: \"quoted\"\tand \u00e9\n\n", ":\n", disconnected));
    String runtimeClasses =
        Path.of(SseTail.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Process process =
        launchWithClassPath(runtimeClasses, server.url(), "--max-events", "1", "--no-reconnect");

    List<String> lines = readLines(process);
    assertTrue(process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS), "SseTail did not exit");
    String err = readErr(process);
    assertEquals(0, process.exitValue(), err);
    assertEquals("", err);
    assertEquals(1, lines.size(), String.join("\n", lines));
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    assertEquals("message", event.get("type").asText());
    assertEquals("\"quoted\"\tand \u00e9", event.get("data").asText());
    assertEquals("7", event.get("id").asText());
    assertTrue(disconnected.await(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void status204ExitsOneWithOneLine() throws Exception {
    Process process = launch(server.url());

    List<String> lines = readLines(process);
    assertTrue(process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS), "SseTail did not exit");
    String err = readErr(process);
    assertEquals(1, process.exitValue(), err);
    assertEquals(List.of(), lines);
    List<String> errLines = err.lines().toList();
    assertEquals(1, errLines.size(), err);
    assertTrue(errLines.get(0).startsWith("SseTail: "), err);
    assertTrue(errLines.get(0).contains("204"), err);
  }

  @Test
  void unknownOptionExitsTwoWithOneLine() throws Exception {
    Process process = launch(server.url(), "--bogus");

    List<String> lines = readLines(process);
    assertTrue(process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS), "SseTail did not exit");
    String err = readErr(process);
    assertEquals(2, process.exitValue(), err);
    assertEquals(List.of(), lines);
    assertEquals(
        List.of("SseTail: unknown option \"--bogus\"; run with --help for usage."),
        err.lines().toList());
  }

  @Test
  void closedStdoutExitsZero() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(repeatUntilDisconnect("data: first\n\n", "data: more\n\n", disconnected));
    Process process = launch(server.url());

    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertNotNull(out.readLine(), "no event printed");
    out.close();
    assertTrue(process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS), "SseTail did not exit");
    String err = readErr(process);
    assertEquals(0, process.exitValue(), err);
    assertTrue(disconnected.await(EventServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  private Process launch(String... args) throws IOException {
    return launchWithClassPath(System.getProperty("java.class.path"), args);
  }

  private Process launchWithClassPath(String classPath, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(classPath);
    command.add(SseTail.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    processes.add(process);
    process.getOutputStream().close();
    return process;
  }

  private static List<String> readLines(Process process) throws IOException {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      return out.lines().toList();
    }
  }

  private static String readErr(Process process) throws IOException {
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
