package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.PathTemplate;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Serves {@link SseEndpoint}s on a {@link HttpServer}.
 *
 * <p>{@link #register} creates one {@link HttpContext} per distinct {@linkplain
 * PathTemplate#literalPrefix() literal prefix}, or reuses the one it created before, so several
 * endpoints may share a prefix (for example {@code .../action/{id}/turn/on} and {@code
 * .../action/{id}/dim}). Every context routes to the endpoint whose template matches the raw
 * request path. Templates with more literal characters are tried first, then in registration order.
 * A path that matches no template gets 404 with a plain-text reason.
 *
 * <p><b>Threads.</b> Connection handlers, writes started by the server and heartbeats never run on
 * the {@code HttpServer}'s own threads, so one open stream does not hold up other requests, even
 * when the server keeps its default single dispatcher thread. They run on the stream executor. On
 * JDK 21 and later that is a new virtual thread per task. On older JDKs it is a pool of at most 256
 * daemon threads, and further tasks wait in a queue. An open stream occupies no thread between
 * writes, but a handler that loops for the life of its stream keeps a pool thread all that time, so
 * on JDK 17 at most 256 such handlers run at once. Use a {@link Broadcaster}, or {@link
 * #on(HttpServer, Executor)} with a larger executor, for more. One more daemon thread per server
 * schedules the heartbeats and the write-timeout checks, with two periodic tasks per endpoint for
 * all of its streams.
 *
 * <p>An {@code HttpServer} without an executor reads every request line and header on its single
 * dispatcher thread, so one client that sends an incomplete request holds up every other client.
 * When {@code on} gets such a server before it is started, it sets an executor of the same kind as
 * the stream executor (virtual threads, or a pool of at most 256 threads). That executor outlives
 * {@link #shutdown()}, because the {@code HttpServer} still responds to requests afterwards. When the
 * server is already started, {@code on} logs a warning instead: call {@link
 * HttpServer#setExecutor} before {@link HttpServer#start()}.
 *
 * <p>NOTE: on JDK 17 that pool still has at most 256 threads, so 256 clients that each hold an
 * incomplete request block the others again; the JDK server has no request read timeout by default.
 *
 * <p>Call {@link #shutdown()} before {@link HttpServer#stop(int)}, so that clients see a clean end
 * of their streams and reconnect.
 */
public final class SseServer {

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");

  /**
   * The executor a started JDK {@code HttpServer} reports when none was set: it runs every task on
   * the dispatcher thread (JDK 17 to 25).
   */
  private static final String DEFAULT_EXECUTOR_CLASS =
      "sun.net.httpserver.ServerImpl$DefaultExecutor";

  private final HttpServer http;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<String, HttpContext> contexts = new HashMap<>();
  private volatile List<SseEndpoint> endpoints = List.of();
  private final Map<SseEndpoint, EndpointStreams> streams = new ConcurrentHashMap<>();
  private final AtomicBoolean shutDown = new AtomicBoolean();

  private SseServer(HttpServer http, Executor executor, ExecutorService ownedExecutor) {
    this.http = http;
    this.executor = executor;
    this.ownedExecutor = ownedExecutor;
    this.scheduler = StreamThreads.newScheduler("asyncsse-heartbeat");
  }

  /**
   * Serves endpoints on {@code http} with the default stream executor described on this class, and
   * sets an executor for reading requests when {@code http} has none. The server may already be
   * started, but then it keeps reading requests on one thread, and a warning is logged.
   */
  public static SseServer on(HttpServer http) {
    Objects.requireNonNull(http, "http");
    ensureRequestExecutor(http);
    ExecutorService executor = StreamThreads.newExecutor("asyncsse-stream-");
    return new SseServer(http, executor, executor);
  }

  /**
   * Serves endpoints on {@code http}, running handlers, server-started writes and heartbeats on
   * {@code streamExecutor}. The executor must run tasks on other threads than the caller's, and
   * {@link #shutdown()} does not shut it down.
   */
  public static SseServer on(HttpServer http, Executor streamExecutor) {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(streamExecutor, "streamExecutor");
    ensureRequestExecutor(http);
    return new SseServer(http, streamExecutor, null);
  }

  /**
   * Gives {@code http} an executor for reading requests when it has none, or warns when it is too
   * late for that because the server is already started.
   */
  private static void ensureRequestExecutor(HttpServer http) {
    Executor current = http.getExecutor();
    boolean startedWithDefault =
        current != null && current.getClass().getName().equals(DEFAULT_EXECUTOR_CLASS);
    if (current == null) {
      ExecutorService requestExecutor = StreamThreads.newExecutor("asyncsse-http-");
      try {
        http.setExecutor(requestExecutor);
      } catch (IllegalStateException e) {
        // Another thread started the server since getExecutor().
        requestExecutor.shutdown();
        startedWithDefault = true;
      }
    }
    if (startedWithDefault) {
      LOGGER.log(
          Level.WARNING,
          "The HttpServer at "
              + http.getAddress()
              + " was started without an executor, so it reads every request on one thread and a"
              + " client that sends an incomplete request blocks all other clients. Call"
              + " http.setExecutor(...) before http.start(), or create the SSE server before"
              + " starting the HttpServer.");
    }
  }

  /**
   * Adds an endpoint.
   *
   * @return this server
   * @throws IllegalArgumentException when an endpoint with the same template, ignoring parameter
   *     names, is already registered, or the {@code HttpServer} already has a context at the
   *     template's literal prefix that this server did not create. JDK 17 does not report such a
   *     context: it adds a second one at the same path, and requests keep going to the first (fixed
   *     in JDK 18 by JDK-8269692).
   * @throws IllegalStateException after {@link #shutdown()}
   */
  public synchronized SseServer register(SseEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (shutDown.get()) {
      throw new IllegalStateException("Cannot register " + endpoint + ": the server is shut down");
    }
    String shape = shape(endpoint.pathTemplate());
    for (SseEndpoint existing : endpoints) {
      if (shape(existing.pathTemplate()).equals(shape)) {
        throw new IllegalArgumentException(
            "Cannot register " + endpoint + ": " + existing + " already serves the same paths");
      }
    }

    String prefix = endpoint.pathTemplate().literalPrefix();
    if (!contexts.containsKey(prefix)) {
      try {
        contexts.put(prefix, http.createContext(prefix, this::route));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot register "
                + endpoint
                + ": the HttpServer already has a context at "
                + prefix
                + "; remove it or choose another path",
            e);
      }
    }

    EndpointStreams group = new EndpointStreams(endpoint.heartbeat());
    long sliceInterval = endpoint.heartbeat().toNanos() / group.slices;
    long checkInterval = writeCheckIntervalNanos(endpoint);
    try {
      // At a fixed rate, so that the slices of an interval do not add up their running times.
      scheduler.scheduleAtFixedRate(
          group::tick, sliceInterval, sliceInterval, TimeUnit.NANOSECONDS);
      scheduler.scheduleWithFixedDelay(
          group::checkWrites, checkInterval, checkInterval, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("Cannot register " + endpoint + ": the server is shut down");
    }
    // Added before the endpoint is published in the list that route() reads.
    streams.put(endpoint, group);

    List<SseEndpoint> updated = new ArrayList<>(endpoints);
    updated.add(endpoint);
    // A stable sort keeps registration order among templates with as many literal characters.
    updated.sort(Comparator.comparingInt((SseEndpoint e) -> -literalLength(e.pathTemplate())));
    endpoints = List.copyOf(updated);
    return this;
  }

  /** Returns the number of streams that have been accepted and have not ended yet. */
  public int openStreamCount() {
    int count = 0;
    for (EndpointStreams group : streams.values()) {
      count += group.open.size();
    }
    return count;
  }

  /**
   * Ends every open stream cleanly with the final chunk, so that clients reconnect, and stops the
   * heartbeats and the default stream executor. Requests that arrive afterwards get 503 with {@code
   * Retry-After: 1}, which the asyncsse client follows to reconnect, so a restarting server keeps
   * its clients. Waits for each stream's write in progress, which takes at most about the write
   * timeout for a client that stopped reading. The {@code HttpServer} and its contexts are left as
   * they are. Calling it again does nothing.
   */
  public void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    for (EndpointStreams group : streams.values()) {
      for (ExchangeStream stream : List.copyOf(group.open.keySet())) {
        stream.close();
      }
    }
    scheduler.shutdownNow();
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  /** Routes a request in one of this server's contexts, on the HttpServer's thread. */
  private void route(HttpExchange exchange) throws IOException {
    if (shutDown.get()) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      PlainTextResponse.send(exchange, 503, "The server is shutting down.");
      return;
    }
    // A request target such as "*" has no path.
    String rawPath = Objects.requireNonNullElse(exchange.getRequestURI().getRawPath(), "");
    for (SseEndpoint endpoint : endpoints) {
      Optional<Map<String, String>> parameters = endpoint.pathTemplate().match(rawPath);
      if (parameters.isPresent()) {
        dispatch(exchange, endpoint, parameters.get());
        return;
      }
    }
    PlainTextResponse.send(exchange, 404, "No event stream at " + rawPath + ".");
  }

  private void dispatch(HttpExchange exchange, SseEndpoint endpoint, Map<String, String> parameters)
      throws IOException {
    String method = exchange.getRequestMethod();
    Optional<CorsPolicy> cors = endpoint.cors();
    String streamMethod = endpoint.method();
    if (method.equals("OPTIONS") && cors.isPresent()) {
      cors.get()
          .respondToOptions(exchange, streamMethod, endpoint.admission().requestHeaders());
      return;
    }
    if (!method.equals(streamMethod)) {
      exchange
          .getResponseHeaders()
          .set("Allow", cors.isPresent() ? streamMethod + ", OPTIONS" : streamMethod);
      PlainTextResponse.send(
          exchange,
          405,
          "Method " + method + " is not allowed; this event stream accepts only " + streamMethod
              + ".");
      return;
    }
    try {
      executor.execute(() -> connect(exchange, endpoint, parameters));
    } catch (RejectedExecutionException e) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      PlainTextResponse.send(exchange, 503, "The server is shutting down.");
    }
  }

  /** Runs the endpoint's handler for one request, on the stream executor. */
  private void connect(
      HttpExchange exchange, SseEndpoint endpoint, Map<String, String> parameters) {
    EndpointStreams group = streams.get(endpoint);
    ExchangeStream stream =
        new ExchangeStream(exchange, endpoint, executor, scheduler, group.remove);
    group.add(stream);
    // Checking after adding means that shutdown() either finds this stream or has already set
    // the flag.
    if (shutDown.get()) {
      stream.rejectDuringShutdown();
      return;
    }

    endpoint.cors().ifPresent(cors -> cors.addResponseHeaders(exchange));
    ExchangeRequest request =
        new ExchangeRequest(exchange, endpoint.pathTemplate(), parameters, stream);
    try {
      AccessDecision decision = endpoint.admission().decide(request);
      if (!decision.isAccepted()) {
        reject(exchange, stream, decision);
        return;
      }
      endpoint.handler().onConnect(request, stream);
    } catch (Exception e) {
      LOGGER.log(
          Level.WARNING,
          () ->
              "The access checks or the SSE handler of "
                  + endpoint
                  + " failed for "
                  + exchange.getRequestURI().getRawPath(),
          e);
      stream.handlerFailed();
      if (e instanceof InterruptedException) {
        // Restored only now, because an interrupted thread cannot write the 500 response.
        Thread.currentThread().interrupt();
      }
      return;
    } catch (Error e) {
      stream.handlerFailed();
      throw e;
    }
    stream.handlerReturned();
  }

  /** Responds with a rejection; the log leaves out the query, which may carry an API key. */
  private static void reject(
      HttpExchange exchange, ExchangeStream stream, AccessDecision decision) {
    for (String challenge : decision.challenges()) {
      exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
    }
    LOGGER.log(
        Level.DEBUG,
        () ->
            "Rejected the SSE request for "
                + exchange.getRequestURI().getRawPath()
                + " from "
                + exchange.getRemoteAddress()
                + " with "
                + decision.status()
                + ": "
                + decision.reason());
    stream.reject(decision.status(), decision.reason());
  }

  /**
   * Returns the interval of the endpoint's write-timeout checks: half the write timeout, so that
   * every write that blocks for the timeout is seen by a check before its end (see {@link
   * ExchangeStream#checkWrite}).
   */
  private static long writeCheckIntervalNanos(SseEndpoint endpoint) {
    return Math.max(1, endpoint.writeTimeout().toNanos() / 2);
  }

  /** Returns the template's path with every parameter written as {@code {}}. */
  private static String shape(PathTemplate template) {
    String text = template.toString().replaceAll("\\{[^}]*}", "{}");
    return text.startsWith("/") ? text : "/" + text;
  }

  private static int literalLength(PathTemplate template) {
    return shape(template).replace("{}", "").length();
  }

  /**
   * The streams of one endpoint that have been accepted and have not ended, with the heartbeat and
   * write-timeout tasks that visit them all. Tasks per endpoint, rather than per stream or per
   * write, keep the memory and the scheduling work of an open stream down.
   *
   * <p>The heartbeat interval is split into {@link #slices}. Each stream gets the next slice in
   * turn when it is accepted, and the heartbeat task runs once per slice and ticks the streams of
   * that slice. So every stream still gets a ping per interval, but the pings of many streams are
   * spread over the interval. Written all at once, 10,000 pings delayed the broadcasts that ran at
   * the same time by 30 to 90 ms in the fan-out benchmark (2 cores).
   */
  private static final class EndpointStreams {

    private static final int MAX_HEARTBEAT_SLICES = 16;

    /** The shortest time between two slices; shorter heartbeat intervals get fewer slices. */
    private static final long MIN_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The open streams, each with its heartbeat slice. */
    final Map<ExchangeStream, Integer> open = new ConcurrentHashMap<>();

    final Consumer<ExchangeStream> remove = open::remove;
    final int slices;
    private final AtomicInteger accepted = new AtomicInteger();
    private int nextSlice; // touched by the heartbeat task only

    EndpointStreams(Duration heartbeat) {
      long fitting = heartbeat.toNanos() / MIN_SLICE_NANOS;
      slices = (int) Math.max(1, Math.min(MAX_HEARTBEAT_SLICES, fitting));
    }

    void add(ExchangeStream stream) {
      open.put(stream, Math.floorMod(accepted.getAndIncrement(), slices));
    }

    /** Runs once per slice of the endpoint's heartbeat interval, on the scheduler thread. */
    void tick() {
      int slice = nextSlice;
      nextSlice = (slice + 1) % slices;
      open.forEach(
          (stream, streamSlice) -> {
            if (streamSlice != slice) {
              return;
            }
            try {
              stream.tick();
            } catch (RuntimeException e) {
              // An exception would cancel this periodic task, and with it every stream's heartbeat.
              LOGGER.log(Level.WARNING, () -> "The heartbeat of an SSE stream failed", e);
            }
          });
    }

    /** Runs every write-check interval of the endpoint, on the scheduler thread. */
    void checkWrites() {
      long now = System.nanoTime();
      for (ExchangeStream stream : open.keySet()) {
        try {
          stream.checkWrite(now);
        } catch (RuntimeException e) {
          // An exception would cancel this periodic task, and with it every stream's check.
          LOGGER.log(Level.WARNING, () -> "The write-timeout check of an SSE stream failed", e);
        }
      }
    }
  }
}
