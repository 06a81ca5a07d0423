package dev.asyncsse.demo.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's Chromium, run headless with a fresh profile and driven over the Chrome DevTools Protocol
 * from {@code java.net.http.WebSocket}.
 *
 * <p>Chromium listens for the protocol on a free port of 127.0.0.1 ({@code
 * --remote-debugging-port=0}) and writes the port and the browser endpoint's path to {@code
 * DevToolsActivePort} in the profile folder. Each {@link Page} is a tab attached in flat session
 * mode, so one WebSocket carries the commands of every tab. Console output, log entries (such as
 * failed requests) and uncaught exceptions of the pages are kept for failure messages.
 */
final class HeadlessChromium implements AutoCloseable {

  /**
   * The flags of every run. The sandbox is off because Chromium refuses to start with it as root.
   * QUIC and the background requests to Google's services (sync, component updates and the like)
   * are off because they fail on a machine without Internet access.
   */
  static final List<String> HEADLESS_FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Process process;
  private final Path profile;
  private final Path log;
  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> pageMessages = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, Path log, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.socket = socket;
  }

  /** A tab, by its target id and the id of the protocol session attached to it. */
  record Page(String targetId, String sessionId) {}

  /**
   * Starts Chromium with a new temporary profile and connects to its DevTools endpoint.
   *
   * @throws AssertionError when Chromium exits or does not open the endpoint within 30 seconds
   */
  static HeadlessChromium launch(Path executable) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("asyncsse-chromium-");
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(HEADLESS_FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("--remote-debugging-port=0");
    command.add("about:blank");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean connected = false;
    try {
      URI endpoint = awaitEndpoint(process, profile, log);
      Listener listener = new Listener();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(COMMAND_TIMEOUT)
              .buildAsync(endpoint, listener)
              .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      HeadlessChromium chromium = new HeadlessChromium(process, profile, log, socket);
      listener.owner = chromium;
      connected = true;
      return chromium;
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(
          "Failed to connect to Chromium's DevTools endpoint. Output:\n" + readLog(log), e);
    } finally {
      if (!connected) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        deleteQuietly(profile, log);
      }
    }
  }

  /**
   * Opens a new tab, attaches to it, enables console and log reporting and navigates it to {@code
   * uri}.
   */
  Page open(URI uri) throws InterruptedException {
    ObjectNode create = JSON.createObjectNode().put("url", "about:blank");
    String targetId = command(null, "Target.createTarget", create).path("targetId").asText();
    ObjectNode attach = JSON.createObjectNode().put("targetId", targetId).put("flatten", true);
    String sessionId = command(null, "Target.attachToTarget", attach).path("sessionId").asText();
    Page page = new Page(targetId, sessionId);
    command(sessionId, "Runtime.enable", JSON.createObjectNode());
    command(sessionId, "Log.enable", JSON.createObjectNode());
    JsonNode navigation =
        command(sessionId, "Page.navigate", JSON.createObjectNode().put("url", uri.toString()));
    if (navigation.hasNonNull("errorText")) {
      throw new AssertionError(
          "Chromium failed to load " + uri + ": " + navigation.path("errorText").asText());
    }
    return page;
  }

  /**
   * Evaluates a JavaScript expression in {@code page} and returns its value as JSON.
   *
   * @throws AssertionError when the expression throws
   */
  JsonNode evaluate(Page page, String expression) throws InterruptedException {
    ObjectNode parameters =
        JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
    JsonNode result = command(page.sessionId(), "Runtime.evaluate", parameters);
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "The expression " + expression + " threw: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /**
   * Evaluates {@code expression} every 100 ms until its value passes {@code done}, and returns that
   * value. An evaluation that fails, for example while the page is still loading, counts as not
   * done.
   *
   * @throws AssertionError with the last value, the page's console output and Chromium's output
   *     when {@code timeout} passes first
   */
  JsonNode awaitValue(
      Page page, String expression, Predicate<JsonNode> done, String description, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    String lastFailure = null;
    while (System.nanoTime() < deadline) {
      try {
        last = evaluate(page, expression);
        lastFailure = null;
        if (done.test(last)) {
          return last;
        }
      } catch (AssertionError e) {
        lastFailure = e.getMessage();
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new AssertionError(
        "The page did not reach: "
            + description
            + " within "
            + timeout
            + ". Last value of "
            + expression
            + ": "
            + last
            + (lastFailure == null ? "" : "; last failure: " + lastFailure)
            + "\n"
            + diagnostics());
  }

  /**
   * Closes the tab. A failure is only recorded in {@link #diagnostics()}, so that it cannot hide
   * the failure of the test that is closing the tab.
   */
  void close(Page page) {
    ObjectNode parameters = JSON.createObjectNode().put("targetId", page.targetId());
    try {
      send(null, "Target.closeTarget", parameters)
          .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      pageMessages.add("Failed to close the tab " + page.targetId() + ": " + e);
    }
  }

  /**
   * Returns the pages' console output, log entries and uncaught exceptions and Chromium's output.
   */
  String diagnostics() {
    return "Page console, log entries and exceptions:\n"
        + String.join("\n", pageMessages)
        + "\nChromium output (last 4000 characters):\n"
        + tail(readLog(log), 4000);
  }

  /**
   * Asks Chromium to close, then ends it and every process it started, forcibly after a grace
   * period, and deletes the profile. An interrupt skips the waiting and stays set.
   */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      send(null, "Browser.close", JSON.createObjectNode())
          .get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // Chromium is ended below in any case.
    } finally {
      socket.abort();
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
      try {
        process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteQuietly(profile, log);
    }
  }

  private JsonNode command(String sessionId, String method, ObjectNode parameters)
      throws InterruptedException {
    try {
      return send(sessionId, method, parameters)
          .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(
          method + " failed: " + e.getCause().getMessage() + "\n" + diagnostics(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(
          method + " timed out: no response within " + COMMAND_TIMEOUT + "\n" + diagnostics(), e);
    }
  }

  private CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode parameters) {
    int id = nextId.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", parameters);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    pending.put(id, response);
    // WebSocket allows one outstanding send at a time.
    synchronized (socket) {
      socket.sendText(message.toString(), true).join();
    }
    return response;
  }

  /** Handles one protocol message: the response to a command, or an event. */
  private void receive(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> response = pending.remove(message.path("id").asInt());
      if (response == null) {
        return;
      }
      if (message.has("error")) {
        response.completeExceptionally(new IOException(message.path("error").toString()));
      } else {
        response.complete(message.path("result"));
      }
      return;
    }
    String method = message.path("method").asText();
    JsonNode parameters = message.path("params");
    if (method.equals("Runtime.consoleAPICalled")) {
      List<String> arguments = new ArrayList<>();
      for (JsonNode argument : parameters.path("args")) {
        arguments.add(argument.path("value").asText(argument.path("description").asText()));
      }
      pageMessages.add(
          "console." + parameters.path("type").asText() + ": " + String.join(" ", arguments));
    } else if (method.equals("Log.entryAdded")) {
      // Network failures, such as a 404 for an event stream, arrive here.
      JsonNode entry = parameters.path("entry");
      pageMessages.add(
          "log."
              + entry.path("level").asText()
              + ": "
              + entry.path("text").asText()
              + (entry.hasNonNull("url") ? " (" + entry.path("url").asText() + ")" : ""));
    } else if (method.equals("Runtime.exceptionThrown")) {
      JsonNode details = parameters.path("exceptionDetails");
      pageMessages.add(
          "uncaught: "
              + details
                  .path("exception")
                  .path("description")
                  .asText(details.path("text").asText()));
    }
  }

  private void failPending(Throwable cause) {
    pending.values().forEach(response -> response.completeExceptionally(cause));
    pending.clear();
  }

  /** Waits for {@code DevToolsActivePort} and returns the browser endpoint's WebSocket URI. */
  private static URI awaitEndpoint(Process process, Path profile, Path log)
      throws IOException, InterruptedException {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Chromium exited with code "
                + process.exitValue()
                + " before it opened DevTools. "
                + "Output:\n"
                + readLog(log));
      }
      if (Files.isRegularFile(portFile)) {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        // Chromium may not have written both lines yet.
        if (lines.size() >= 2 && !lines.get(0).isBlank() && lines.get(1).startsWith("/")) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "Chromium did not write "
            + portFile
            + " within "
            + START_TIMEOUT
            + ". Output:\n"
            + readLog(log));
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static String tail(String text, int length) {
    return text.length() <= length ? text : text.substring(text.length() - length);
  }

  private static void deleteQuietly(Path profile, Path log) {
    try (Stream<Path> paths = Files.walk(profile)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder does not affect the tests.
    }
    log.toFile().delete();
  }

  /** Collects text frames into messages and hands each to the owner. */
  private static final class Listener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();
    private volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        HeadlessChromium chromium = owner;
        if (chromium != null) {
          try {
            chromium.receive(JSON.readTree(text));
          } catch (IOException e) {
            chromium.pageMessages.add("unreadable DevTools message: " + text);
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      HeadlessChromium chromium = owner;
      if (chromium != null) {
        chromium.failPending(
            new IOException("DevTools connection closed: " + statusCode + " " + reason));
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      HeadlessChromium chromium = owner;
      if (chromium != null) {
        chromium.failPending(error);
      }
    }
  }
}
