package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The request of a client that connects to an {@link SseEndpoint}, as seen by its handler. */
public interface SseRequest {

  /** Returns the percent-decoded path parameters by name, in template order. */
  Map<String, String> pathParameters();

  /**
   * Returns one percent-decoded path parameter.
   *
   * @throws IllegalArgumentException when the endpoint's template has no parameter of that name
   */
  String pathParameter(String name);

  /**
   * Returns the first value of a request header (case-insensitive name). The value is the raw
   * header text, one character per byte, as {@code com.sun.net.httpserver} delivers it.
   */
  Optional<String> header(String name);

  /**
   * Returns the first value of a query parameter, decoded as {@code
   * application/x-www-form-urlencoded} UTF-8 ({@code +} is a space). A parameter without {@code =}
   * has the value {@code ""}; pairs with a malformed escape are skipped.
   */
  Optional<String> queryParameter(String name);

  /**
   * Returns every value of a query parameter in request order, decoded as {@link #queryParameter}
   * describes, or an empty list when it is absent.
   */
  default List<String> queryParameters(String name) {
    return queryParameter(name).map(List::of).orElse(List.of());
  }

  /**
   * Returns the {@code Last-Event-ID} header decoded as UTF-8, or {@code ""} when it is absent. The
   * server has already removed whitespace and control characters from both ends.
   */
  String lastEventId();

  /** Returns the request URI as received, usually without scheme and host. */
  URI uri();

  /** Returns the request method: the endpoint's method, {@code GET} unless it set another. */
  String method();

  /** Returns the client's address. */
  InetSocketAddress remoteAddress();

  /** Returns the underlying exchange, for what this interface does not cover. */
  HttpExchange exchange();

  /**
   * Returns the principal that the endpoint's authentication accepted, if any. Empty when the
   * endpoint has no authentication or the accepting check named no principal; {@link
   * Authentication#basic} names the user.
   */
  default Optional<HttpPrincipal> principal() {
    return Optional.empty();
  }

  /**
   * Responds to the request instead of opening the stream, with a plain-text {@code reason} as
   * body. A 204, or a {@code null} or empty reason, sends no body. A client stops for good on any
   * of these statuses, and 204 is the usual way to tell it to stop without an error.
   *
   * @param status one of 204, 400, 401, 403, 404, 429 and 503
   * @throws IllegalArgumentException for any other status
   * @throws IllegalStateException when the stream has already started or the request was already
   *     rejected
   */
  void reject(int status, String reason);
}
