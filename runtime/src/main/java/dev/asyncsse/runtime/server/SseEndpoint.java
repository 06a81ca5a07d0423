package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.PathTemplate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One event stream on one path template, registered on an {@link SseServer}.
 *
 * <p>A request that matches the template gets this response: a method other than GET gets 405 with
 * {@code Allow: GET}; a GET goes to the {@linkplain #handler(SseConnectionHandler) connection
 * handler} on a stream thread, which may reject it; otherwise the response is 200 with {@code
 * Content-Type: text/event-stream; charset=utf-8}, {@code Cache-Control: no-cache}, {@code
 * X-Accel-Buffering: no} and chunked transfer encoding (no {@code Content-Length}). Every event and
 * comment is flushed as it is written.
 *
 * <p>While a stream is open, a {@code : ping} comment is written every heartbeat interval. Because
 * {@code com.sun.net.httpserver} reports a client that has gone only when a later write fails, this
 * is also how such a client is noticed: its stream is closed, and its {@link SseStream#onClose}
 * callbacks run, within about two heartbeat intervals. When a client stops reading, a write to it
 * blocks. A write that stays blocked for longer than the write timeout closes the connection, and
 * this is checked once per heartbeat interval.
 */
public final class SseEndpoint {

  /** The heartbeat interval unless the builder sets another. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  /** The write timeout unless the builder sets another. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** The handler of an endpoint that has none: it accepts the stream and sends nothing. */
  private static final SseConnectionHandler ACCEPT = (request, stream) -> {};

  private final PathTemplate pathTemplate;
  private final Duration heartbeat;
  private final Duration retryHint;
  private final Duration writeTimeout;
  private volatile SseConnectionHandler handler;

  private SseEndpoint(Builder builder) {
    this.pathTemplate = builder.pathTemplate;
    this.heartbeat = builder.heartbeat;
    this.retryHint = builder.retryHint;
    this.writeTimeout = builder.writeTimeout;
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

  @Override
  public String toString() {
    return "SseEndpoint[" + pathTemplate + "]";
  }

  /** Builds an {@link SseEndpoint}. */
  public static final class Builder {

    private final PathTemplate pathTemplate;
    private SseConnectionHandler handler = ACCEPT;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private Duration retryHint;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;

    private Builder(PathTemplate pathTemplate) {
      this.pathTemplate = pathTemplate;
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
     * connection is closed; 30 seconds by default. Checked once per heartbeat interval.
     *
     * @throws IllegalArgumentException when the timeout is shorter than one millisecond
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requireAtLeastOneMillisecond(timeout, "writeTimeout");
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
