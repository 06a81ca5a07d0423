package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.Authenticator;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.PathTemplate;
import dev.asyncsse.runtime.StreamMethods;
import dev.asyncsse.runtime.json.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One event stream on one path template, registered on an {@link SseServer}.
 *
 * <p>A request that matches the template gets this response:
 *
 * <ol>
 *   <li>{@code OPTIONS} goes to the {@linkplain Builder#cors CORS policy}, or gets 405 without one.
 *       Any method other than the endpoint's {@linkplain Builder#method method} ({@code GET} by
 *       default) gets 405 with that method in {@code Allow}, plus {@code OPTIONS} with a CORS
 *       policy, such as {@code Allow: POST, OPTIONS}.
 *   <li>On a stream thread, a request with the endpoint's method passes the {@linkplain Builder#authenticate authentication}, the
 *       {@linkplain Builder#pathParameterCheck path parameter check} and the {@linkplain
 *       Builder#authorize authorization checks}, in that order. The first rejection is the
 *       response, with a plain-text reason, and nothing of the stream is written.
 *   <li>The {@linkplain #handler(SseConnectionHandler) connection handler} runs, and may still
 *       reject the request.
 *   <li>Otherwise the response is 200 with {@code Content-Type: text/event-stream; charset=utf-8},
 *       {@code Cache-Control: no-cache}, {@code X-Accel-Buffering: no} and chunked transfer
 *       encoding (no {@code Content-Length}). Every event and comment is flushed as it is written.
 * </ol>
 *
 * <p>While a stream is open, a {@code : ping} comment is written every heartbeat interval. Because
 * {@code com.sun.net.httpserver} reports a client that has gone only when a later write fails, this
 * is also how such a client is noticed: its stream is closed, and its {@link SseStream#onClose}
 * callbacks run, within about two heartbeat intervals. When a client stops reading, a write to it
 * blocks. A write that stays blocked for the {@linkplain Builder#writeTimeout write timeout} closes
 * the connection.
 */
public final class SseEndpoint {

  /** The heartbeat interval unless the builder sets another. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  /** The write timeout unless the builder sets another. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** The handler of an endpoint that has none: it accepts the stream and sends nothing. */
  private static final SseConnectionHandler ACCEPT = (request, stream) -> {};

  private final PathTemplate pathTemplate;
  private final String method;
  private final Duration heartbeat;
  private final Duration retryHint;
  private final Duration writeTimeout;
  private final Admission admission;
  private final CorsPolicy cors;
  private volatile SseConnectionHandler handler;
  private Broadcaster<?> broadcaster; // guarded by this

  private SseEndpoint(Builder builder) {
    this.pathTemplate = builder.pathTemplate.withBasePath(builder.basePath);
    this.method = builder.method;
    this.heartbeat = builder.heartbeat;
    this.retryHint = builder.retryHint;
    this.writeTimeout = builder.writeTimeout;
    this.admission =
        new Admission(builder.authentications, builder.pathParameterCheck, builder.authorizations);
    this.cors = builder.cors;
    this.handler = builder.handler;
  }

  /**
   * Starts an endpoint for {@code pathTemplate}, parsed with {@link PathTemplate#parse}.
   *
   * @throws IllegalArgumentException when the template is invalid
   */
  public static Builder builder(String pathTemplate) {
    return new Builder(PathTemplate.parse(pathTemplate));
  }

  /** Starts an endpoint for an already parsed template. */
  public static Builder builder(PathTemplate pathTemplate) {
    return new Builder(Objects.requireNonNull(pathTemplate, "pathTemplate"));
  }

  /** Returns the path template. */
  public PathTemplate pathTemplate() {
    return pathTemplate;
  }

  /** Returns the HTTP method that opens a stream, {@code GET} unless the builder set another. */
  public String method() {
    return method;
  }

  /**
   * Replaces the connection handler. Connections that arrive afterwards use the new handler;
   * streams that are already open are not affected.
   */
  public void handler(SseConnectionHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Returns the connection handler. Without one, a connecting client gets an open stream with
   * heartbeats only.
   */
  public SseConnectionHandler handler() {
    return handler;
  }

  /**
   * Returns a broadcaster of {@code type} on this endpoint's one event sequence. Every broadcaster
   * this method returns, for any message type, shares the subscribers, the id sequence and the
   * replay buffer, so channels that share the address also share one order of events and one
   * {@code Last-Event-ID}. The first call creates the sequence with the default settings of {@link
   * Broadcaster} and {@code codec}; later calls reuse that codec.
   */
  public synchronized <T> Broadcaster<T> broadcaster(MessageType<T> type, JsonCodec codec) {
    if (broadcaster == null) {
      Broadcaster<T> first = new Broadcaster<>(type, codec);
      broadcaster = first;
      return first;
    }
    return broadcaster.forMessageType(type);
  }

  /** Returns the interval between heartbeat comments. */
  public Duration heartbeat() {
    return heartbeat;
  }

  /** Returns the reconnection time sent as {@code retry:} when a stream starts, if any. */
  public Optional<Duration> retryHint() {
    return Optional.ofNullable(retryHint);
  }

  /** Returns how long one write may stay blocked before the connection is closed. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** Returns the CORS policy; empty when CORS is off, which is the default. */
  public Optional<CorsPolicy> cors() {
    return Optional.ofNullable(cors);
  }

  /** Returns the checks that run before the connection handler. */
  Admission admission() {
    return admission;
  }

  @Override
  public String toString() {
    return "SseEndpoint[" + pathTemplate + "]";
  }

  /** Builds an {@link SseEndpoint}. */
  public static final class Builder {

    private final PathTemplate pathTemplate;
    private String basePath = "";
    private String method = StreamMethods.DEFAULT;
    private SseConnectionHandler handler = ACCEPT;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private Duration retryHint;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private final List<AccessCheck> authentications = new ArrayList<>();
    private Consumer<Map<String, String>> pathParameterCheck;
    private final List<AccessCheck> authorizations = new ArrayList<>();
    private CorsPolicy cors;

    private Builder(PathTemplate pathTemplate) {
      this.pathTemplate = pathTemplate;
    }

    /**
     * Serves the endpoint below {@code basePath}, such as {@code /v1}, the path of the server URL
     * that clients are given; see {@link PathTemplate#withBasePath}. Empty by default, and an empty
     * value clears a base path set before.
     *
     * @throws IllegalArgumentException when {@code basePath} is not empty and does not start with
     *     {@code /}, or contains {@code ?} or {@code #}
     */
    public Builder basePath(String basePath) {
      // Joined now only to check it, so that an invalid value fails at this call.
      pathTemplate.withBasePath(basePath);
      this.basePath = basePath;
      return this;
    }

    /**
     * Sets the HTTP method that opens a stream, {@code GET} by default, such as {@code POST} for
     * an AsyncAPI operation with {@code bindings.http.method: POST}. Requests with another method
     * get 405. A request body is not read. Browsers can only open a {@code GET} stream with {@code
     * EventSource}, so other methods need a client such as {@code fetch}.
     *
     * @throws IllegalArgumentException when {@code method} is not an HTTP method token, or is
     *     {@code HEAD}, {@code CONNECT}, {@code TRACE} or {@code OPTIONS}, whose responses cannot
     *     carry an event stream
     */
    public Builder method(String method) {
      this.method = StreamMethods.requireStreamMethod(method);
      return this;
    }

    /** Sets the connection handler; it can also be set later with {@link SseEndpoint#handler}. */
    public Builder handler(SseConnectionHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Sets the interval between heartbeat comments, 15 seconds by default.
     *
     * @throws IllegalArgumentException when the interval is shorter than one millisecond
     */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = requireAtLeastOneMillisecond(interval, "heartbeat");
      return this;
    }

    /**
     * Sets the reconnection time that is sent as {@code retry:} when each stream starts. By default
     * none is sent, so clients keep their own.
     *
     * @throws IllegalArgumentException when the duration is negative
     */
    public Builder retryHint(Duration reconnectionTime) {
      Objects.requireNonNull(reconnectionTime, "reconnectionTime");
      if (reconnectionTime.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid retry hint "
                + reconnectionTime
                + ": the reconnection time must not be negative");
      }
      this.retryHint = reconnectionTime;
      return this;
    }

    /**
     * Sets how long one write may stay blocked, because the client stopped reading, before the
     * connection is closed; 30 seconds by default. The server checks its streams every half write
     * timeout, and ends such a write within the timeout plus the delay of its scheduler thread.
     *
     * @throws IllegalArgumentException when the timeout is shorter than one millisecond
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requireAtLeastOneMillisecond(timeout, "writeTimeout");
      return this;
    }

    /**
     * Adds an authentication check, usually one made by {@link Authentication}: one call per
     * security scheme. Checks added this way are alternatives, as the security requirements of an
     * AsyncAPI document are. The first that accepts lets the request on, and its principal becomes
     * {@link SseRequest#principal()}. When none accepts, the response is the first rejection with a
     * status other than 401 (a credential that was present but malformed or not allowed), or else
     * 401 with the {@code WWW-Authenticate} challenges and reasons of every check. For schemes that
     * must all pass, write one check that calls the others.
     */
    public Builder authenticate(AccessCheck check) {
      authentications.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /**
     * Adds a {@code com.sun.net.httpserver.Authenticator}, such as a {@link
     * com.sun.net.httpserver.BasicAuthenticator}, as one authentication alternative; see {@link
     * Authentication#authenticator}. It runs on the stream thread, not as a context authenticator.
     */
    public Builder authenticator(Authenticator authenticator) {
      return authenticate(Authentication.authenticator(authenticator));
    }

    /**
     * Sets a check of the percent-decoded path parameters, which runs after authentication. When it
     * throws {@link IllegalArgumentException}, the response is 400 with the exception's message as
     * plain-text reason. Pass the factory of a typed parameters record, for example {@code
     * LightParameters::fromMap}, so that handlers only see parameters that it accepts.
     */
    public Builder pathParameterCheck(Consumer<Map<String, String>> check) {
      this.pathParameterCheck = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * Adds a check that runs after authentication and the path parameter check, and can read {@link
     * SseRequest#principal()}: for example one that responds with 403 to a user who may not read
     * this channel, or 204 to tell a client to stop. Every check added this way must accept.
     */
    public Builder authorize(AccessCheck check) {
      authorizations.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Turns CORS on with {@code policy}; by default it is off. */
    public Builder cors(CorsPolicy policy) {
      this.cors = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Builds the endpoint. */
    public SseEndpoint build() {
      return new SseEndpoint(this);
    }

    private static Duration requireAtLeastOneMillisecond(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.toMillis() < 1) {
        throw new IllegalArgumentException(
            "Invalid " + name + " " + duration + ": it must be at least one millisecond");
      }
      return duration;
    }
  }
}
