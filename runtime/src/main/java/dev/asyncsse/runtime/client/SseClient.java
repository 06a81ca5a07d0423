package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.RequestValues;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.StreamMethods;
import dev.asyncsse.runtime.sse.SseParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over {@code java.net.http}, following the WHATWG event stream
 * processing model.
 *
 * <p>Each {@link #subscribe subscription} runs one reconnect loop on its own daemon thread:
 *
 * <ul>
 *   <li>Requests use the {@linkplain Builder#method method} set, {@code GET} by default, with an
 *       empty body, {@code Accept: text/event-stream}, {@code Cache-Control:
 *       no-cache}, the user's headers, and {@code Last-Event-ID} when the last event ID string is
 *       non-empty printable ASCII. Other ids cannot be sent correctly, because {@code
 *       java.net.http} over HTTP/1.1 writes every non-ASCII character as {@code ?} and rejects
 *       control characters; such an id is reported once as {@link SseError.Kind#LAST_EVENT_ID} and
 *       the request goes out without the header.
 *   <li>Status 200 with a content type whose essence is {@code text/event-stream} (any case, any
 *       parameters) opens the stream. Status 204, any other status, or another content type stops
 *       the subscription for good: {@code onError} with {@code willReconnect() == false}, then
 *       {@code onClosed}.
 *   <li>A network error, a timeout, an oversize event or the end of the body leads to a reconnect;
 *       only the end of the body is not reported as an error. The delay starts at the reconnect
 *       delay, which a server {@code retry:} field replaces (cut to the maximum reconnect delay
 *       when it is longer), and doubles with each consecutive
 *       failed attempt up to the maximum reconnect delay, plus 0 to 25% random jitter. An attempt
 *       counts as failed unless its connection delivered an event or stayed open for the backoff
 *       reset threshold.
 *   <li>Each connection gets a new parser, seeded with the last event ID string, so events without
 *       an {@code id:} field still report the id from before the reconnect.
 *   <li>The client follows redirects (301, 302, 303, 307 and 308) itself, up to five in a row,
 *       and never from {@code https} to {@code http}. A reconnect goes back to the original URI,
 *       unless every redirect on the way was permanent (301 or 308). In that case the client uses
 *       the final URI from then on. A 303 turns the next request into a {@code GET}, and so does a
 *       301 or 302 after a {@code POST}, as browsers and {@code java.net.http} do. A 307 or 308
 *       keeps the method. A reconnect uses the configured method again, so the client keeps a
 *       final URI only when the redirects kept the method.
 *   <li>Credentials go only to the origin (scheme, host and port) of the URI given to {@link
 *       #builder}. A request to another origin, after a redirect, leaves out the {@code
 *       Authorization}, {@code Proxy-Authorization} and {@code Cookie} headers, the headers named
 *       with {@link Builder#credentialHeader} and the query parameters named with {@link
 *       Builder#credentialQueryParameter}. Messages and logs show the values of those query
 *       parameters as {@code ***}.
 * </ul>
 *
 * <p>All subscriptions of a client, and of every client built by one builder, share one {@link
 * HttpClient} and one idle-watchdog thread. Closing a subscription closes only its own connection.
 * The shared {@link HttpClient} has no close method on Java 17, so its selector thread ends only
 * after no client or subscription refers to it and the garbage collector has reclaimed it.
 *
 * <p>Besides a {@link SseListener}, a subscription can deliver its events to a {@link
 * Flow.Subscriber} through {@link #publisher()}, or to a consumer that pulls them through {@link
 * #blockingStream()} or {@link #stream()}.
 *
 * <p>Logging goes to the {@link System.Logger} named {@code dev.asyncsse.runtime.client}: connects,
 * reconnects with the attempt number and delay, and errors handed to the listener at {@code DEBUG};
 * errors that stop a subscription and exceptions thrown by the listener at {@code WARNING}.
 */
public final class SseClient {

  private static final long WATCHDOG_THREAD_KEEP_ALIVE_SECONDS = 10;

  private final ClientSettings settings;

  private SseClient(ClientSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts a builder for a client of the event stream at {@code uri}.
   *
   * @throws IllegalArgumentException when {@code uri} is not an absolute {@code http} or {@code
   *     https} URI
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /**
   * Starts a subscription: one reconnect loop on a new daemon thread, which makes the first request
   * at once and calls {@code listener} from that thread only.
   */
  public Subscription subscribe(SseListener listener) {
    ReconnectLoop loop = new ReconnectLoop(settings, Objects.requireNonNull(listener, "listener"));
    loop.start();
    return loop;
  }

  /**
   * Returns a {@link Flow.Publisher} of this client's events.
   *
   * <p>Each call to {@link Flow.Publisher#subscribe subscribe} starts a new subscription with its
   * own connection and reconnect loop, which connects as soon as {@code onSubscribe} has returned.
   * The publisher follows the Reactive Streams rules that apply to {@link Flow}:
   *
   * <ul>
   *   <li>{@code onSubscribe} runs on the thread that calls {@code subscribe}. Every later call
   *       runs on the subscription's own thread, one at a time.
   *   <li>{@code onNext} is called only while there is demand. Without demand the subscription's
   *       thread waits before handing over the next event and stops reading the response body, so
   *       TCP flow control slows the server down, and that wait does not count towards the idle
   *       timeout. Nothing is buffered beyond that one event and the bytes already read.
   *   <li>{@code request(n)} with {@code n <= 0} cancels the subscription and signals {@code
   *       onError} with an {@link IllegalArgumentException}. Demand above {@link Long#MAX_VALUE} is
   *       unbounded.
   *   <li>{@code cancel()} closes the connection and returns without waiting for the network. After
   *       it, no signal follows, except that an {@code onNext} call already under way may finish.
   *   <li>Errors after which the client reconnects are not signalled, because {@code onError} ends
   *       the subscription; the client logs them. An error that stops the subscription for good is
   *       signalled with {@code onError(SseError)}: status 204 (the server's way to stop the
   *       client), any other status but 200, a wrong content type, or reconnect limits used up
   *       after an error.
   *   <li>{@code onComplete} is signalled when the subscription stops without such an error: the
   *       server ended the stream and reconnecting is turned off or its limits are used up.
   *   <li>When {@code onNext} or {@code onSubscribe} throws, the subscription is cancelled and the
   *       exception is logged; no further signal follows.
   * </ul>
   */
  public Flow.Publisher<SseEvent> publisher() {
    return new EventPublisher(settings, false);
  }

  /**
   * Returns a publisher as {@link #publisher()} does, whose events keep their data as UTF-8 bytes
   * until {@link SseEvent#data()} is called, for a {@link MessageDecoder} that hands the bytes to
   * its codec.
   */
  Flow.Publisher<SseEvent> decodingPublisher() {
    return new EventPublisher(settings, true);
  }

  /**
   * Starts a subscription whose events are read through a {@link BlockingEventStream} with a buffer
   * of {@link BlockingEventStream#DEFAULT_CAPACITY} events. Close the stream when done.
   */
  public BlockingEventStream blockingStream() {
    return blockingStream(BlockingEventStream.DEFAULT_CAPACITY);
  }

  /**
   * Starts a subscription whose events are read through a {@link BlockingEventStream} with a buffer
   * of {@code capacity} events. Close the stream when done.
   *
   * @throws IllegalArgumentException when {@code capacity} is less than 1
   */
  public BlockingEventStream blockingStream(int capacity) {
    return BlockingEventStream.open(settings, capacity);
  }

  /**
   * Starts a subscription and returns its events as a sequential {@link Stream}, as {@link
   * BlockingEventStream#stream()} describes. Closing the stream closes the connection, so use it in
   * a {@code try}-with-resources statement:
   *
   * <pre>{@code
   * try (Stream<SseEvent> events = client.stream()) {
   *   events.limit(10).forEach(System.out::println);
   * }
   * }</pre>
   */
  public Stream<SseEvent> stream() {
    return blockingStream().stream();
  }

  /**
   * Starts a subscription as {@link #stream()} does, whose events keep their data as UTF-8 bytes
   * until {@link SseEvent#data()} is called, for a {@link MessageDecoder} that hands the bytes to
   * its codec.
   */
  Stream<SseEvent> decodingStream() {
    return BlockingEventStream.open(settings, BlockingEventStream.DEFAULT_CAPACITY, true).stream();
  }

  /** Returns the URI of the event stream. */
  public URI uri() {
    return settings.uri();
  }

  /** Returns the HTTP client that every subscription of this client uses. */
  HttpClient httpClient() {
    return settings.httpClient();
  }

  /** Configures an {@link SseClient}. */
  public static final class Builder {

    private final URI uri;
    private final List<ClientSettings.Header> headers = new ArrayList<>();
    private final Set<String> credentialHeaders = new HashSet<>();
    private final Set<String> credentialQueryParameters = new HashSet<>();
    private HttpClient httpClient;
    private HttpClient sharedHttpClient;
    private Duration sharedHttpClientConnectTimeout;
    private ScheduledThreadPoolExecutor sharedScheduler;
    private String method = StreamMethods.DEFAULT;
    private String lastEventId = "";
    private Duration reconnectDelay = Duration.ofSeconds(3);
    private Duration maxReconnectDelay = Duration.ofSeconds(30);
    private Duration backoffResetThreshold = Duration.ofSeconds(60);
    private Duration maxReconnectTime;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
    private int maxAttempts = Integer.MAX_VALUE;
    private boolean reconnect = true;

    private Builder(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(
            "The event stream URI must be an absolute http or https URI, but was " + uri);
      }
      HttpRequest.newBuilder(uri); // rejects what java.net.http cannot request
      this.uri = uri;
    }

    /**
     * Sets the HTTP client. The default is one client per builder, shared by every {@link
     * SseClient} it builds, with {@link HttpClient.Redirect#NEVER}, HTTP/1.1 and the connect
     * timeout. HTTP/1.1 is the default because closing the body then closes the connection, so the
     * server notices at once. Give a client with {@link HttpClient.Redirect#NEVER}: a client that
     * follows redirects itself sends the credential headers to whatever host a redirect names.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Adds a request header; call it again to add more, or another value for the same name. The
     * first call for {@code Accept} or {@code Cache-Control} replaces the default value.
     *
     * @throws IllegalArgumentException when the value is not visible ASCII characters (spaces and
     *     tabs only between them), when {@code java.net.http} rejects the name (for example {@code
     *     Host}), or for {@code Last-Event-ID}, which is set with {@link #lastEventId(String)}
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equalsIgnoreCase("Last-Event-ID")) {
        throw new IllegalArgumentException(
            "Set the Last-Event-ID header with lastEventId(String), not header(...)");
      }
      // java.net.http sends a character outside ASCII as '?', so such a value is rejected here.
      RequestValues.requireHeaderValue(name, value);
      HttpRequest.newBuilder(uri).header(name, value); // fails now rather than in the loop
      headers.add(new ClientSettings.Header(name, value));
      return this;
    }

    /**
     * Marks the header {@code name} (any case) as one that carries a credential, such as an API
     * key, so that it is not sent to another origin after a redirect. {@code Authorization},
     * {@code Proxy-Authorization} and {@code Cookie} are always treated so.
     */
    public Builder credentialHeader(String name) {
      credentialHeaders.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Marks the query parameter {@code name} of the event stream URI as one that carries a
     * credential, such as an API key. Its value is shown as {@code ***} in log records, error
     * messages and thread names, and it is left out of requests to another origin after a
     * redirect.
     */
    public Builder credentialQueryParameter(String name) {
      credentialQueryParameters.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Sets the HTTP method of each request, {@code GET} by default. Requests other than {@code GET}
     * are sent with an empty body, on the first connection and on every reconnect. Browsers can
     * only open a {@code GET} stream with {@code EventSource}.
     *
     * @throws IllegalArgumentException when {@code method} is not an HTTP method token, or is
     *     {@code HEAD}, {@code CONNECT}, {@code TRACE} or {@code OPTIONS}, whose responses cannot
     *     carry an event stream
     */
    public Builder method(String method) {
      this.method = StreamMethods.requireStreamMethod(method);
      return this;
    }

    /** Sets the last event ID sent on the first request; {@code ""} (the default) sends none. */
    public Builder lastEventId(String lastEventId) {
      this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
      return this;
    }

    /**
     * Sets the base reconnect delay (default 3 s). A server {@code retry:} field replaces it for
     * the rest of the subscription.
     */
    public Builder reconnectDelay(Duration delay) {
      this.reconnectDelay = requireNonNegative(delay, "reconnectDelay");
      return this;
    }

    /**
     * Sets the cap on the exponential backoff (default 30 s). It also caps the delays a server
     * requests: a {@code retry:} field or a {@code Retry-After} header above it is cut to it, and
     * the cut is logged at {@code WARNING}. A base delay set with {@link #reconnectDelay} above
     * the cap is still honored.
     */
    public Builder maxReconnectDelay(Duration delay) {
      this.maxReconnectDelay = requireNonNegative(delay, "maxReconnectDelay");
      return this;
    }

    /**
     * Sets how long a connection must stay open to count as healthy even if it delivered no event
     * (default 60 s). After a healthy connection the next delay starts from the base again.
     */
    public Builder backoffResetThreshold(Duration threshold) {
      this.backoffResetThreshold = requireNonNegative(threshold, "backoffResetThreshold");
      return this;
    }

    /**
     * Sets how long the client keeps trying after the first of a run of failed attempts before it
     * gives up (default: no limit). A reconnect that would start later than this is not made.
     */
    public Builder maxReconnectTime(Duration time) {
      this.maxReconnectTime = requireNonNegative(time, "maxReconnectTime");
      return this;
    }

    /**
     * Sets the idle timeout (default 5 min): a connection that receives no bytes for this long is
     * closed, reported as {@link SseError.Kind#TIMEOUT} and reopened. Time spent in listener calls
     * does not count. Keep it above twice the server's heartbeat interval. {@link Duration#ZERO}
     * disables it.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = requireNonNegative(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets the time allowed for connecting and, separately, for the response headers to arrive
     * (default 10 s).
     */
    public Builder connectTimeout(Duration timeout) {
      requireNonNegative(timeout, "connectTimeout");
      if (timeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, but was 0");
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the maximum size of one event's data in UTF-8 bytes (default {@link
     * SseParser#DEFAULT_MAX_EVENT_BYTES}). A larger event drops the connection with an {@link
     * SseError.Kind#EVENT_TOO_LARGE} error, and the client reconnects.
     */
    public Builder maxEventBytes(int maxEventBytes) {
      if (maxEventBytes <= 0) {
        throw new IllegalArgumentException(
            "maxEventBytes must be positive, but was " + maxEventBytes);
      }
      this.maxEventBytes = maxEventBytes;
      return this;
    }

    /**
     * Sets how many consecutive failed attempts the client makes before it gives up (default: no
     * limit). The first request counts as an attempt.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1, but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets whether the client reconnects (default {@code true}). With {@code false} the
     * subscription stops when its first connection ends, for whatever reason.
     */
    public Builder reconnect(boolean reconnect) {
      this.reconnect = reconnect;
      return this;
    }

    /**
     * Builds the client. Clients built by one builder share its {@link HttpClient} and watchdog
     * thread, so building one client per subscription adds no HttpClient threads.
     */
    public synchronized SseClient build() {
      if (sharedScheduler == null) {
        sharedScheduler = newWatchdogScheduler();
      }
      return new SseClient(
          new ClientSettings(
              uri,
              method,
              clientForRequests(),
              List.copyOf(headers),
              lastEventId,
              reconnectDelay,
              maxReconnectDelay,
              backoffResetThreshold,
              maxReconnectTime,
              idleTimeout,
              connectTimeout,
              maxEventBytes,
              maxAttempts,
              reconnect,
              sharedScheduler,
              new Credentials(uri, credentialHeaders, credentialQueryParameters)));
    }

    /**
     * Returns the HTTP client that {@link #build()} would give its client now: the one set with
     * {@link #httpClient(HttpClient)}, else this builder's own, created with the current connect
     * timeout if it does not exist yet. Passing it to the {@link #httpClient(HttpClient)} of
     * builders for other URIs lets their clients share one HTTP client and its selector thread.
     */
    public synchronized HttpClient resolvedHttpClient() {
      return clientForRequests();
    }

    /** Returns the client given, else the builder's own, rebuilt only when the timeout changed. */
    private HttpClient clientForRequests() {
      if (httpClient != null) {
        return httpClient;
      }
      if (sharedHttpClient == null || !connectTimeout.equals(sharedHttpClientConnectTimeout)) {
        sharedHttpClient =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        sharedHttpClientConnectTimeout = connectTimeout;
      }
      return sharedHttpClient;
    }

    /** Creates the scheduler for idle watchdogs; its one thread ends when it has been unused. */
    private ScheduledThreadPoolExecutor newWatchdogScheduler() {
      // The query is left out, because it may carry an API key.
      String threadName =
          "asyncsse idle watchdog " + uri.getScheme() + "://" + uri.getRawAuthority()
              + (uri.getRawPath() == null ? "" : uri.getRawPath());
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
              });
      scheduler.setRemoveOnCancelPolicy(true);
      scheduler.setKeepAliveTime(WATCHDOG_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
      scheduler.allowCoreThreadTimeOut(true);
      return scheduler;
    }

    private static Duration requireNonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, but was " + duration);
      }
      return duration;
    }
  }
}
