package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.SseEventTooLargeException;
import dev.asyncsse.runtime.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription: the reconnect loop, run on its own thread, and the handle that closes it.
 *
 * <p>Only the loop thread calls the listener. {@link #close()} may run on any thread, including
 * inside a listener call. It never waits for a listener call to finish. It only waits, for a few
 * instructions at most, while the loop thread checks whether the subscription is closed.
 */
final class ReconnectLoop implements Subscription {

  private static final System.Logger LOG = System.getLogger("dev.asyncsse.runtime.client");
  private static final int READ_BUFFER_BYTES = 8 * 1024;
  private static final int ERROR_BODY_PREVIEW_BYTES = 200;

  /**
   * The maximum number of redirects followed in a row: the default of {@code
   * jdk.httpclient.redirects.retrylimit}, the limit {@code java.net.http} 17 applies itself.
   */
  static final int MAX_REDIRECTS = 5;

  // Phases of a listener call, so that close() can tell a call in progress from one about to start.
  private static final int LISTENER_IDLE = 0;
  private static final int LISTENER_CHECKING = 1;
  private static final int LISTENER_CALLING = 2;

  private static final VarHandle LAST_EVENT_ID;

  static {
    try {
      LAST_EVENT_ID =
          MethodHandles.lookup().findVarHandle(ReconnectLoop.class, "lastEventId", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ClientSettings settings;
  private final Credentials credentials;
  private final SseListener listener;
  private final boolean keepsDataAsBytes;
  private final Backoff backoff;
  private final CountDownLatch closeSignal = new CountDownLatch(1);
  private final AtomicInteger listenerPhase = new AtomicInteger(LISTENER_IDLE);
  private final Object connectionLock = new Object();

  private volatile boolean closed;
  private volatile String lastEventId;

  private Thread connectingThread; // guarded by connectionLock
  private InputStream openBody; // guarded by connectionLock

  // Loop thread only.
  private URI requestUri; // where each attempt starts: the configured URI or a permanent redirect
  private URI currentUri; // the URI of the request in progress, after redirects
  private int attempt;
  private int eventsOnConnection;
  private String reportedUnsendableId;

  /**
   * Creates a loop whose events keep their data as bytes when {@code listener} is a {@link
   * ChannelListener}, which decodes every event it routes and can hand the bytes to its codec.
   */
  ReconnectLoop(ClientSettings settings, SseListener listener) {
    this(settings, listener, listener instanceof ChannelListener);
  }

  /**
   * Creates a loop whose events keep their data as UTF-8 bytes when {@code keepsDataAsBytes} is
   * true, as {@link SseParser.Handler#keepsDataAsBytes()} describes. Pass true when the events go
   * to a JSON codec, which can parse the bytes without the text.
   */
  ReconnectLoop(ClientSettings settings, SseListener listener, boolean keepsDataAsBytes) {
    this.settings = settings;
    this.credentials = settings.credentials();
    this.listener = listener;
    this.keepsDataAsBytes = keepsDataAsBytes;
    this.backoff =
        new Backoff(
            ClientSettings.saturatedMillis(settings.reconnectDelay()),
            ClientSettings.saturatedMillis(settings.maxReconnectDelay()),
            new Random());
    this.lastEventId = settings.initialLastEventId();
    this.requestUri = settings.uri();
    this.currentUri = settings.uri();
  }

  void start() {
    Thread thread = new Thread(this::run, "asyncsse client " + credentials.redact(settings.uri()));
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    InputStream body;
    synchronized (connectionLock) {
      if (closed) {
        return;
      }
      closed = true;
      body = openBody;
      // Interrupting under the lock means the loop thread either is still in send() or clears the
      // interrupt after it, so no stray interrupt reaches a later wait or listener call.
      Thread connecting = connectingThread;
      if (connecting != null && connecting != Thread.currentThread()) {
        connecting.interrupt();
      }
    }
    closeSignal.countDown();
    if (body != null) {
      closeQuietly(body);
    }
    // A loop thread that read closed == false may be between that check and the listener call.
    // Wait out that short window, so that no call starts after close() returns.
    while (listenerPhase.get() == LISTENER_CHECKING) {
      Thread.onSpinWait();
    }
    LOG.log(Level.DEBUG, () -> "Closed the subscription to " + credentials.redact(settings.uri()));
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String lastEventId() {
    return lastEventId;
  }

  private void run() {
    try {
      runLoop();
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "The subscription to " + credentials.redact(settings.uri()) + " stopped unexpectedly",
          e);
    } finally {
      synchronized (connectionLock) {
        closed = true;
      }
      closeSignal.countDown();
      try {
        listener.onClosed();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The listener's onClosed threw an exception", e);
      }
    }
  }

  private void runLoop() {
    int failures = 0;
    long failingSinceNanos = 0;
    while (!closed) {
      attempt++;
      Ending ending = connectAndRead();
      if (closed) {
        return;
      }
      if (ending.healthy()) {
        failures = 0;
      } else {
        if (failures == 0) {
          failingSinceNanos = System.nanoTime();
        }
        failures++;
      }
      long delayMillis =
          Math.max(backoff.jitteredDelayMillis(failures), ending.minimumDelayMillis());
      boolean reconnect =
          ending.retryable() && mayReconnect(failures, failingSinceNanos, delayMillis);
      report(ending, reconnect, failures, delayMillis);
      if (!reconnect || awaitClose(delayMillis)) {
        return;
      }
    }
  }

  private boolean mayReconnect(int failures, long failingSinceNanos, long delayMillis) {
    if (!settings.reconnect() || failures >= settings.maxAttempts()) {
      return false;
    }
    Duration limit = settings.maxReconnectTime();
    if (limit == null || failures == 0) {
      return true;
    }
    long elapsedNanos = System.nanoTime() - failingSinceNanos;
    long delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    return delayNanos <= ClientSettings.saturatedNanos(limit) - elapsedNanos;
  }

  /** Waits for the reconnect delay; returns whether the subscription was closed meanwhile. */
  private boolean awaitClose(long delayMillis) {
    try {
      return closeSignal.await(delayMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      return true;
    }
  }

  private void report(Ending ending, boolean reconnect, int failures, long delayMillis) {
    String next;
    if (reconnect) {
      next = " Reconnecting in " + delayMillis + " ms (attempt " + (attempt + 1) + ").";
    } else if (!ending.retryable()) {
      next = " The subscription stops.";
    } else if (!settings.reconnect()) {
      next = " Reconnecting is turned off, so the subscription stops.";
    } else {
      next = " Giving up after " + failures + " consecutive failed attempts.";
    }
    // A stream that ends while reconnecting is turned off is the expected end, not a warning.
    boolean expected = reconnect || (ending.errorKind() == null && !settings.reconnect());
    Level level = expected ? Level.DEBUG : Level.WARNING;
    if (ending.errorKind() == null) {
      LOG.log(level, () -> ending.message() + next);
      return;
    }
    LOG.log(level, () -> ending.message() + next, ending.cause());
    SseError error =
        SseError.connection(
            ending.errorKind(), ending.status(), ending.message(), ending.cause(), reconnect);
    deliver("onError", () -> listener.onError(error));
  }

  /**
   * Makes one request, follows its redirects, and reads the body of the final response until the
   * connection ends.
   */
  private Ending connectAndRead() {
    URI target = requestUri;
    String method = settings.method();
    boolean everyRedirectPermanent = true;
    for (int redirects = 0; ; redirects++) {
      Sent sent = send(target, method);
      if (sent.ending() != null) {
        return sent.ending();
      }
      HttpResponse<InputStream> response = sent.response();
      int status = response.statusCode();
      if (!isRedirect(status)) {
        URI permanentTarget = redirects > 0 && everyRedirectPermanent ? target : null;
        return readResponse(response, permanentTarget);
      }

      discardBody(response.body());
      if (closed) {
        return Ending.CLOSED;
      }
      if (redirects >= MAX_REDIRECTS) {
        return Ending.stopped(
            SseError.Kind.HTTP_STATUS,
            status,
            "The server at " + shownUri() + " answered with HTTP status " + status
                + " after " + MAX_REDIRECTS + " redirects in a row, so the client stopped"
                + " following them.",
            null);
      }
      Redirect redirect = redirectTarget(target, status, response.headers().firstValue("Location"));
      if (redirect.ending() != null) {
        return redirect.ending();
      }
      URI from = target;
      target = redirect.target();
      String redirectedMethod = redirectedMethod(status, method);
      // A reconnect starts with the configured method, which the final URI may not accept.
      everyRedirectPermanent &=
          (status == 301 || status == 308) && redirectedMethod.equals(settings.method());
      method = redirectedMethod;
      logRedirect(from, target, status);
    }
  }

  /**
   * Returns the method of the request that follows a redirect with {@code status}: {@code GET}
   * after 303, and after 301 or 302 in response to {@code POST}, as the redirect filter of {@code
   * java.net.http} 17 does. Otherwise the method is kept.
   */
  static String redirectedMethod(int status, String method) {
    boolean postMovedOrFound = (status == 301 || status == 302) && method.equals("POST");
    boolean seeOther = status == 303 && !method.equals("GET");
    return postMovedOrFound || seeOther ? "GET" : method;
  }

  /** Sends one request to {@code target} and returns the response, or the ending without one. */
  private Sent send(URI target, String method) {
    HttpRequest request = buildRequest(target, method);
    currentUri = request.uri();
    int thisAttempt = attempt;
    String shown = shownUri();
    LOG.log(Level.DEBUG, () -> "Connecting to " + shown + " (attempt " + thisAttempt + ")");
    synchronized (connectionLock) {
      if (closed) {
        return new Sent(null, Ending.CLOSED);
      }
      connectingThread = Thread.currentThread();
    }
    HttpResponse<InputStream> response;
    try {
      // send() rather than sendAsync().get(): on JDK 25 the latter completes only once a common
      // ForkJoinPool thread is free, which stalls the client inside a busy application. close()
      // interrupts this thread to abandon the wait for response headers.
      response = settings.httpClient().send(request, this::bodyOnHeaders);
    } catch (InterruptedException e) {
      if (!closed) {
        Thread.currentThread().interrupt();
        close();
      }
      return new Sent(null, Ending.CLOSED);
    } catch (IOException e) {
      return new Sent(null, closed ? Ending.CLOSED : connectFailure(e));
    } finally {
      synchronized (connectionLock) {
        connectingThread = null;
      }
      if (closed) {
        // An interrupt from close() may arrive after send() returned; it is not for later waits.
        Thread.interrupted();
      }
    }

    synchronized (connectionLock) {
      if (closed) {
        closeQuietly(response.body());
        return new Sent(null, Ending.CLOSED);
      }
    }
    return new Sent(response, null);
  }

  /** Reads the response that ended the redirects, under the idle watchdog. */
  private Ending readResponse(HttpResponse<InputStream> response, URI permanentTarget) {
    InputStream body = response.body();
    IdleWatchdog watchdog =
        new IdleWatchdog(
            settings.scheduler(),
            ClientSettings.saturatedNanos(settings.idleTimeout()),
            () -> closeQuietly(body));
    try {
      watchdog.start();
      return handleResponse(response, body, watchdog, permanentTarget);
    } finally {
      watchdog.stop();
      discardBody(body);
    }
  }

  /** Closes a body that will not be read any further, and clears the reference close() uses. */
  private void discardBody(InputStream body) {
    synchronized (connectionLock) {
      openBody = null;
    }
    closeQuietly(body);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Resolves a redirect's {@code Location} against the URI that was requested, and rejects a
   * target the client must not follow: a missing or invalid {@code Location}, a scheme other than
   * {@code http} or {@code https}, or a step down from {@code https} to {@code http}.
   */
  private Redirect redirectTarget(URI from, int status, Optional<String> location) {
    String prefix =
        "The server at " + shownUri() + " answered with redirect status " + status + ", but ";
    if (location.isEmpty() || location.get().isBlank()) {
      return Redirect.stop(status, prefix + "without a Location header.");
    }
    String shownLocation = "\"" + escape(credentials.redact(location.get())) + "\"";
    URI target;
    try {
      target = from.resolve(new URI(location.get().strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Redirect.stop(
          status, prefix + "its Location " + shownLocation + " is not a valid URI.");
    }
    String scheme = target.getScheme();
    boolean http = "http".equalsIgnoreCase(scheme);
    if (!(http || "https".equalsIgnoreCase(scheme)) || target.getHost() == null) {
      return Redirect.stop(
          status, prefix + "its Location " + shownLocation + " is not an http or https URI.");
    }
    if (http && "https".equalsIgnoreCase(from.getScheme())) {
      return Redirect.stop(
          status, prefix + "it leads from https to http, which the client does not follow.");
    }
    try {
      HttpRequest.newBuilder(credentials.requestUri(target)); // rejects what it cannot request
    } catch (IllegalArgumentException e) {
      return Redirect.stop(
          status, prefix + "java.net.http cannot request its Location " + shownLocation + ".");
    }
    return new Redirect(target, null);
  }

  private void logRedirect(URI from, URI to, int status) {
    String shownFrom = credentials.redact(from);
    String shownTo = credentials.redact(credentials.requestUri(to));
    if (credentials.isSameOrigin(to)) {
      LOG.log(Level.DEBUG, () -> "Following redirect " + status + " from " + shownFrom + " to "
          + shownTo);
    } else {
      LOG.log(Level.DEBUG, () -> "Following redirect " + status + " from " + shownFrom + " to "
          + shownTo + ", another origin, so credentials are left out");
    }
  }

  /** Returns the URI of the request in progress, with credential query values redacted. */
  private String shownUri() {
    return credentials.redact(currentUri);
  }

  /**
   * Reads the body as a stream, which is published as soon as the response headers arrive, so
   * close() can close it while send() has not yet returned.
   */
  private HttpResponse.BodySubscriber<InputStream> bodyOnHeaders(
      HttpResponse.ResponseInfo info) {
    HttpResponse.BodySubscriber<InputStream> subscriber =
        HttpResponse.BodySubscribers.ofInputStream();
    subscriber.getBody().thenAccept(stream -> {
      synchronized (connectionLock) {
        if (closed) {
          closeQuietly(stream);
        } else {
          openBody = stream;
        }
      }
    });
    return subscriber;
  }

  /**
   * Builds the request for {@code target}. Credentials go with it only when it is on the
   * configured origin.
   */
  private HttpRequest buildRequest(URI target, String method) {
    boolean sameOrigin = credentials.isSameOrigin(target);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(credentials.requestUri(target))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(settings.connectTimeout())
            .setHeader("Accept", "text/event-stream")
            .setHeader("Cache-Control", "no-cache");
    Set<String> replacedNames = new HashSet<>();
    for (ClientSettings.Header header : settings.headers()) {
      if (!sameOrigin && credentials.isCredentialHeader(header.name())) {
        continue;
      }
      // The first value for a name replaces a default; later values for it are added.
      if (replacedNames.add(header.name().toLowerCase(Locale.ROOT))) {
        builder.setHeader(header.name(), header.value());
      } else {
        builder.header(header.name(), header.value());
      }
    }
    addLastEventId(builder);
    return builder.build();
  }

  /** Adds {@code Last-Event-ID} when the id can be sent; never throws. */
  private void addLastEventId(HttpRequest.Builder builder) {
    String id = lastEventId;
    if (id.isEmpty()) {
      return;
    }
    if (isPrintableAscii(id)) {
      try {
        builder.setHeader("Last-Event-ID", id);
        return;
      } catch (IllegalArgumentException e) {
        LOG.log(Level.DEBUG, "java.net.http rejected the Last-Event-ID value", e);
      }
    }
    if (id.equals(reportedUnsendableId)) {
      return;
    }
    reportedUnsendableId = id;
    String message =
        "The last event ID \""
            + escape(id)
            + "\" is not printable ASCII, so java.net.http cannot send it in the Last-Event-ID"
            + " header; requesting "
            + shownUri()
            + " without the header.";
    LOG.log(Level.DEBUG, message);
    SseError error = SseError.connection(SseError.Kind.LAST_EVENT_ID, -1, message, null, true);
    deliver("onError", () -> listener.onError(error));
  }

  private Ending connectFailure(Throwable cause) {
    if (closed) {
      return Ending.CLOSED;
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return Ending.failed(
          SseError.Kind.TIMEOUT,
          "Connecting to " + shownUri() + " timed out after " + settings.connectTimeout() + ".",
          cause,
          false);
    }
    if (cause instanceof HttpTimeoutException) {
      return Ending.failed(
          SseError.Kind.TIMEOUT,
          "No response headers from " + shownUri() + " within " + settings.connectTimeout() + ".",
          cause,
          false);
    }
    if (cause instanceof IOException) {
      return Ending.failed(
          SseError.Kind.NETWORK,
          "Connecting to " + shownUri() + " failed: " + describe(cause) + ".",
          cause,
          false);
    }
    // Not an I/O problem (for example a security manager or an HttpClient bug): retrying won't
    // help.
    return Ending.stopped(
        SseError.Kind.NETWORK,
        -1,
        "The request to " + shownUri() + " failed: " + describe(cause) + ".",
        cause);
  }

  private Ending handleResponse(
      HttpResponse<InputStream> response,
      InputStream body,
      IdleWatchdog watchdog,
      URI permanentTarget) {
    int status = response.statusCode();
    if (status != 200) {
      return rejectStatus(status, body, response.headers().firstValue("Retry-After"));
    }
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    if (!ContentTypes.isEventStream(contentType)) {
      String found =
          contentType == null ? "no Content-Type header" : "Content-Type \"" + contentType + "\"";
      return Ending.stopped(
          SseError.Kind.CONTENT_TYPE,
          status,
          "The server at "
              + shownUri()
              + " answered with "
              + found
              + " instead of text/event-stream.",
          null);
    }
    rememberPermanentRedirect(permanentTarget);
    String shown = shownUri();
    LOG.log(Level.DEBUG, () -> "Opened the event stream at " + shown);
    deliver("onOpen", listener::onOpen);
    return readEvents(body, watchdog);
  }

  private Ending rejectStatus(int status, InputStream body, Optional<String> retryAfter) {
    // 503 with Retry-After in seconds means "come back later", which a restarting server sends.
    // Browsers stop on it, but a long-lived Java client should wait and resume.
    if (status == 503 && retryAfter.isPresent() && retryAfter.get().strip().matches("[0-9]{1,6}")) {
      long seconds = Long.parseLong(retryAfter.get().strip());
      String message = "The server at " + shownUri() + " responded with HTTP status 503 and"
          + " Retry-After: " + seconds + "; " + previewBody(body);
      long delayMillis = capServerDelay(seconds * 1000, "Retry-After: " + seconds);
      return closed
          ? Ending.CLOSED
          : Ending.retryLater(SseError.Kind.HTTP_STATUS, status, message, delayMillis);
    }
    String message;
    if (status == 204) {
      message =
          "The server at "
              + shownUri()
              + " answered with HTTP status 204 (No Content), which tells the client to stop.";
    } else {
      message =
          "The server at "
              + shownUri()
              + " answered with HTTP status "
              + status
              + " instead of 200; "
              + previewBody(body);
    }
    if (closed) {
      return Ending.CLOSED;
    }
    return Ending.stopped(SseError.Kind.HTTP_STATUS, status, message, null);
  }

  /**
   * Cuts a reconnect delay the server requested to the maximum reconnect delay, so that a server
   * cannot make the client wait for days without a word, and logs the cut.
   *
   * @param source the field or header that carried the request, for the log record
   */
  private long capServerDelay(long millis, String source) {
    long maxMillis = ClientSettings.saturatedMillis(settings.maxReconnectDelay());
    if (millis <= maxMillis) {
      return millis;
    }
    String shown = shownUri();
    LOG.log(
        Level.WARNING,
        () ->
            "The server at "
                + shown
                + " requested a reconnect delay of "
                + millis
                + " ms with "
                + source
                + ", more than the maximum reconnect delay, so the client waits "
                + maxMillis
                + " ms instead.");
    return maxMillis;
  }

  /** Describes the start of an error response body; the idle watchdog bounds the wait. */
  private static String previewBody(InputStream body) {
    byte[] start;
    try {
      start = body.readNBytes(ERROR_BODY_PREVIEW_BYTES);
    } catch (IOException e) {
      return "the response body could not be read (" + describe(e) + ").";
    }
    if (start.length == 0) {
      return "the response body is empty.";
    }
    String text = new String(start, StandardCharsets.UTF_8);
    String ellipsis = start.length == ERROR_BODY_PREVIEW_BYTES ? "…" : "";
    return "the response body starts with \"" + escape(text) + ellipsis + "\".";
  }

  /**
   * Switches later requests to {@code target}, the end of a run of permanent redirects (301 or
   * 308); {@code null} keeps the URI, as after a temporary redirect.
   */
  private void rememberPermanentRedirect(URI target) {
    if (target == null || target.equals(requestUri)) {
      return;
    }
    String shownFrom = credentials.redact(requestUri);
    String shownTo = credentials.redact(target);
    LOG.log(Level.DEBUG, () -> shownFrom + " moved permanently to " + shownTo);
    requestUri = target;
  }

  private Ending readEvents(InputStream body, IdleWatchdog watchdog) {
    long openedNanos = System.nanoTime();
    eventsOnConnection = 0;
    SseParser parser = new SseParser(new ParserHandler(), lastEventId, settings.maxEventBytes());
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    try {
      int count;
      while ((count = body.read(buffer)) >= 0) {
        watchdog.touch();
        // Listener calls run inside feed(); one that waits for a slow consumer is not idle time.
        watchdog.pause();
        try {
          parser.feed(buffer, 0, count);
        } finally {
          watchdog.resume();
        }
        lastEventId = parser.lastEventId();
      }
      parser.end();
      if (closed) {
        return Ending.CLOSED;
      }
      if (watchdog.fired()) {
        return idleTimeout(null, openedNanos);
      }
      return Ending.endOfStream(
          "The server at " + shownUri() + " ended the stream.", isHealthy(openedNanos));
    } catch (SseEventTooLargeException e) {
      return Ending.failed(
          SseError.Kind.EVENT_TOO_LARGE,
          "An event from "
              + shownUri()
              + " exceeded the maximum event size of "
              + e.maxEventBytes()
              + " bytes, so the connection was dropped.",
          e,
          isHealthy(openedNanos));
    } catch (IOException e) {
      if (closed) {
        return Ending.CLOSED;
      }
      if (watchdog.fired()) {
        return idleTimeout(e, openedNanos);
      }
      return Ending.failed(
          SseError.Kind.NETWORK,
          "Reading the event stream from " + shownUri() + " failed: " + describe(e) + ".",
          e,
          isHealthy(openedNanos));
    } finally {
      lastEventId = parser.lastEventId();
    }
  }

  private Ending idleTimeout(IOException cause, long openedNanos) {
    return Ending.failed(
        SseError.Kind.TIMEOUT,
        "No data from "
            + shownUri()
            + " for the idle timeout of "
            + settings.idleTimeout()
            + ", so the connection was closed.",
        cause,
        isHealthy(openedNanos));
  }

  /** Returns whether the connection delivered an event or stayed open for the reset threshold. */
  private boolean isHealthy(long openedNanos) {
    return eventsOnConnection > 0
        || System.nanoTime() - openedNanos
            >= ClientSettings.saturatedNanos(settings.backoffResetThreshold());
  }

  /**
   * Calls the listener unless the subscription is closed, and logs what it throws. See {@link
   * #close()} for how the phases make "no call starts after close() returns" hold.
   */
  private void deliver(String method, Runnable call) {
    if (!startListenerCall()) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      logListenerException(method, e);
    } finally {
      endListenerCall();
    }
  }

  /**
   * Enters the calling phase and returns true, or returns false when the subscription is closed.
   * Only the first store needs to be volatile, because it must be visible before {@code closed} is
   * read. close() waits only while the phase is {@code LISTENER_CHECKING}, so the later stores need
   * only become visible eventually.
   */
  private boolean startListenerCall() {
    listenerPhase.set(LISTENER_CHECKING);
    if (closed) {
      listenerPhase.setRelease(LISTENER_IDLE);
      return false;
    }
    listenerPhase.setRelease(LISTENER_CALLING);
    return true;
  }

  private void endListenerCall() {
    listenerPhase.setRelease(LISTENER_IDLE);
  }

  private static void logListenerException(String method, RuntimeException e) {
    LOG.log(
        Level.WARNING,
        "The listener's " + method + " threw an exception; the subscription goes on",
        e);
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Closing a response body failed", e);
    }
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Shows control characters as Java escapes, so that a message stays on one line. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Describes an exception by the first message in its cause chain. {@code java.net.http} throws
   * a {@link ConnectException} without a message when the connection is refused.
   */
  private static String describe(Throwable error) {
    boolean connectFailed = false;
    for (Throwable current = error; current != null; current = current.getCause()) {
      String message = current.getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
      connectFailed |= current instanceof ConnectException;
      if (current.getCause() == current) {
        break;
      }
    }
    return connectFailed ? "connection refused" : error.getClass().getSimpleName();
  }

  /** Delivers parser callbacks to the listener and the backoff. */
  private final class ParserHandler implements SseParser.Handler {

    @Override
    public void onEvent(SseEvent event) {
      eventsOnConnection++;
      // lastEventId() needs the new id soon and safely published, which a release store gives
      // without the full fence of a volatile store on every event.
      LAST_EVENT_ID.setRelease(ReconnectLoop.this, event.id());
      // The same steps as deliver(), without a lambda allocated for every event.
      if (!startListenerCall()) {
        return;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        logListenerException("onEvent", e);
      } finally {
        endListenerCall();
      }
    }

    /**
     * Keeps the data as bytes for a loop whose events go to a JSON codec: a {@link
     * ChannelListener}, or a {@link MessageDecoder} view. Other listeners, including the raw
     * publisher() and stream(), get the text at dispatch, which saves a copy when they read it.
     */
    @Override
    public boolean keepsDataAsBytes() {
      return keepsDataAsBytes;
    }

    @Override
    public void onRetry(long millis) {
      long delay = capServerDelay(millis, "a retry: field");
      LOG.log(Level.DEBUG, () -> "The server set the reconnect delay to " + delay + " ms");
      backoff.setBaseMillis(delay);
    }
  }

  /** The response to one request: a response to read, or the ending when none came. */
  private record Sent(HttpResponse<InputStream> response, Ending ending) {}

  /** The target of a redirect, or the ending when the client does not follow it. */
  private record Redirect(URI target, Ending ending) {

    static Redirect stop(int status, String message) {
      return new Redirect(
          null, Ending.stopped(SseError.Kind.HTTP_STATUS, status, message, null));
    }
  }

  /**
   * The outcome of one connection attempt.
   *
   * @param errorKind the error to report, or {@code null} when there is none (the end of the body,
   *     or close())
   * @param status the HTTP status, or -1
   * @param retryable whether the loop may reconnect
   * @param healthy whether the connection delivered an event or stayed open for the reset threshold
   * @param minimumDelayMillis the least time to wait before reconnecting, from a Retry-After
   */
  private record Ending(
      SseError.Kind errorKind,
      int status,
      String message,
      Throwable cause,
      boolean retryable,
      boolean healthy,
      long minimumDelayMillis) {

    static final Ending CLOSED =
        new Ending(null, -1, "The subscription was closed.", null, false, false, 0);

    static Ending endOfStream(String message, boolean healthy) {
      return new Ending(null, -1, message, null, true, healthy, 0);
    }

    static Ending failed(SseError.Kind kind, String message, Throwable cause, boolean healthy) {
      return new Ending(kind, -1, message, cause, true, healthy, 0);
    }

    static Ending stopped(SseError.Kind kind, int status, String message, Throwable cause) {
      return new Ending(kind, status, message, cause, false, false, 0);
    }

    static Ending retryLater(SseError.Kind kind, int status, String message, long delayMillis) {
      return new Ending(kind, status, message, null, true, false, delayMillis);
    }
  }
}
