package dev.asyncsse.runtime.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The configuration of an {@link SseClient}, shared by all of its subscriptions.
 *
 * @param method the HTTP method of the first request of each attempt
 * @param maxReconnectTime how long consecutive failures may go on before the client gives up, or
 *     {@code null} for no limit
 * @param maxAttempts consecutive failed attempts before the client gives up; {@link
 *     Integer#MAX_VALUE} for no limit
 * @param scheduler runs the idle watchdogs
 * @param credentials which headers and query parameters carry credentials, and their origin
 */
record ClientSettings(
    URI uri,
    String method,
    HttpClient httpClient,
    List<Header> headers,
    String initialLastEventId,
    Duration reconnectDelay,
    Duration maxReconnectDelay,
    Duration backoffResetThreshold,
    Duration maxReconnectTime,
    Duration idleTimeout,
    Duration connectTimeout,
    int maxEventBytes,
    int maxAttempts,
    boolean reconnect,
    ScheduledExecutorService scheduler,
    Credentials credentials) {

  /** Returns the duration in nanoseconds, or {@link Long#MAX_VALUE} when it does not fit. */
  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Returns the duration in milliseconds, or {@link Long#MAX_VALUE} when it does not fit. */
  static long saturatedMillis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** One request header added by the user. */
  record Header(String name, String value) {}
}
