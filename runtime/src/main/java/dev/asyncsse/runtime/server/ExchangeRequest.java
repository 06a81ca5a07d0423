package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.asyncsse.runtime.PathTemplate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link SseRequest} over one {@link HttpExchange}. */
final class ExchangeRequest implements SseRequest {

  private final HttpExchange exchange;
  private final PathTemplate template;
  private final Map<String, String> pathParameters;
  private final ExchangeStream stream;
  private volatile HttpPrincipal principal;

  ExchangeRequest(
      HttpExchange exchange,
      PathTemplate template,
      Map<String, String> pathParameters,
      ExchangeStream stream) {
    this.exchange = exchange;
    this.template = template;
    this.pathParameters = Map.copyOf(pathParameters);
    this.stream = stream;
  }

  @Override
  public Map<String, String> pathParameters() {
    return pathParameters;
  }

  @Override
  public String pathParameter(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "The path template " + template + " has no parameter \"" + name + "\"");
    }
    return value;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  @Override
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public List<String> queryParameters(String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        if (URLDecoder.decode(rawName, StandardCharsets.UTF_8).equals(name)) {
          values.add(URLDecoder.decode(rawValue, StandardCharsets.UTF_8));
        }
      } catch (IllegalArgumentException e) {
        // A malformed escape: skip this pair.
      }
    }
    return values;
  }

  @Override
  public String lastEventId() {
    // The server maps each header byte to one char (ISO-8859-1); recover the UTF-8 text.
    return header("Last-Event-ID")
        .map(
            value ->
                new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
        .orElse("");
  }

  @Override
  public URI uri() {
    return exchange.getRequestURI();
  }

  @Override
  public String method() {
    return exchange.getRequestMethod();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return exchange.getRemoteAddress();
  }

  @Override
  public HttpExchange exchange() {
    return exchange;
  }

  @Override
  public Optional<HttpPrincipal> principal() {
    return Optional.ofNullable(principal);
  }

  /** Records the principal that authentication accepted, or {@code null} for none. */
  void principal(HttpPrincipal principal) {
    this.principal = principal;
  }

  @Override
  public void reject(int status, String reason) {
    if (!AccessDecision.REJECT_STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "Cannot reject an SSE request with status "
              + status
              + "; use one of 204, 400, 401, 403, 404, 429 and 503");
    }
    stream.reject(status, reason == null ? "" : reason);
  }
}
