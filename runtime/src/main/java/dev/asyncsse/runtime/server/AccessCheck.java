package dev.asyncsse.runtime.server;

import java.util.Set;

/**
 * Decides whether a request may open its event stream, before the connection handler runs and
 * before any byte of the stream is written.
 *
 * <p>Checks run on a stream thread, so they may block, for example to look a token up. {@link
 * Authentication} makes the checks for the usual credential schemes; register them with {@link
 * SseEndpoint.Builder#authenticate}, and other checks with {@link SseEndpoint.Builder#authorize}.
 */
@FunctionalInterface
public interface AccessCheck {

  /**
   * Checks one request.
   *
   * @throws Exception to respond with 500; the exception is logged
   */
  AccessDecision check(SseRequest request) throws Exception;

  /**
   * Returns the names of the request headers this check reads, which a CORS preflight must allow so
   * that a browser may send them. None by default.
   */
  default Set<String> requestHeaders() {
    return Set.of();
  }
}
