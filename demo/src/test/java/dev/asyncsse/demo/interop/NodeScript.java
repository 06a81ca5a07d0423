package dev.asyncsse.demo.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One Node.js script from the {@code interop/} folder, run as a subprocess that prints one JSON
 * object per line on stdout.
 *
 * <p>Two daemon threads read stdout and stderr as they arrive, so the script never blocks on a full
 * pipe. {@link #close()} ends the process and every process it started.
 */
final class NodeScript implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final Writer stdin;
  // The parsed stdout records in order. A MissingNode marks the end of stdout.
  private final BlockingQueue<JsonNode> records = new LinkedBlockingQueue<>();
  private final List<String> stdoutLines = new ArrayList<>();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stdoutReader;

  private NodeScript(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdoutReader =
        readInBackground(
            process.getInputStream(),
            this::acceptStdoutLine,
            () -> records.add(MissingNode.getInstance()));
    readInBackground(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> {});
  }

  /**
   * Starts {@code node SCRIPT ARGS...} in the {@code interop/} folder, which must contain the
   * script and its installed packages.
   */
  static NodeScript start(Path node, Path interopDirectory, String script, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add(script);
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(interopDirectory.toFile()).start();
    return new NodeScript(script, process);
  }

  /**
   * Returns the next record that matches {@code filter}, discarding the records before it.
   *
   * @throws AssertionError when no such record arrives within {@code timeout}, or stdout ends
   */
  JsonNode awaitRecord(String description, Predicate<JsonNode> filter, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long remaining = deadline - System.nanoTime();
      JsonNode record = remaining > 0 ? records.poll(remaining, TimeUnit.NANOSECONDS) : null;
      if (record == null) {
        throw new AssertionError(
            name + " printed no " + description + " within " + timeout + ". " + diagnostics());
      }
      if (record.isMissingNode()) {
        // Put the end-of-output marker back, so that later calls fail at once too.
        records.add(record);
        throw new AssertionError(
            name + " ended its output before printing " + description + ". " + diagnostics());
      }
      if (filter.test(record)) {
        return record;
      }
    }
  }

  /** Returns the next record whose {@code kind} is {@code kind}, as {@link #awaitRecord} does. */
  JsonNode awaitKind(String kind, Duration timeout) throws InterruptedException {
    return awaitRecord(
        "record of kind \"" + kind + "\"",
        record -> kind.equals(record.path("kind").asText()),
        timeout);
  }

  /** Writes one line to the script's stdin and flushes it. */
  void sendLine(String line) throws IOException {
    synchronized (stdin) {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
    }
  }

  /** Writes {@code value} as one line of JSON to the script's stdin. */
  void sendJson(Object value) throws IOException {
    sendLine(JSON.writeValueAsString(value));
  }

  /**
   * Waits for the script to exit by itself and returns its exit code.
   *
   * @throws AssertionError when it is still running after {@code timeout}
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + timeout + ". " + diagnostics());
    }
    stdoutReader.join(EXIT_GRACE.toMillis());
    return process.exitValue();
  }

  /** Returns what the script printed so far, for failure messages. */
  String diagnostics() {
    String stdout;
    synchronized (stdoutLines) {
      stdout = String.join("\n", stdoutLines);
    }
    return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
  }

  /**
   * Closes stdin, then ends the process and its descendants, forcibly after a grace period. An
   * interrupt skips the grace period and stays set.
   */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      stdin.close();
    } catch (IOException e) {
      // The process has already gone.
    }
    process.destroy();
    try {
      process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private void acceptStdoutLine(String line) {
    synchronized (stdoutLines) {
      stdoutLines.add(line);
    }
    if (line.isBlank()) {
      return;
    }
    try {
      records.add(JSON.readTree(line));
    } catch (IOException e) {
      // Not a record: it stays in the diagnostics.
    }
  }

  /** Starts a daemon thread that hands each line to {@code consumer}, then runs {@code atEnd}. */
  private Thread readInBackground(InputStream stream, LineConsumer consumer, Runnable atEnd) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  consumer.accept(line);
                }
              } catch (IOException e) {
                // The stream closed because the process ended or was ended.
              } finally {
                atEnd.run();
              }
            },
            "node " + name + " output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Receives one line of a process's output. */
  @FunctionalInterface
  private interface LineConsumer {
    void accept(String line);
  }
}
