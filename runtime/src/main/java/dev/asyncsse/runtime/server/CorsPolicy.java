package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which other origins may open an endpoint's event stream from a browser, by Cross-Origin Resource
 * Sharing (CORS). Set it with {@link SseEndpoint.Builder#cors}; without it an endpoint sends no
 * CORS headers and responds to {@code OPTIONS} with 405.
 *
 * <p>With a policy, the endpoint:
 *
 * <ul>
 *   <li>adds {@code Access-Control-Allow-Origin} (and {@code Access-Control-Allow-Credentials} when
 *       credentials are allowed) to the stream response and to rejections, when the request's
 *       {@code Origin} is allowed, and {@code Vary: Origin} unless any origin is allowed;
 *   <li>responds to a preflight ({@code OPTIONS} with {@code Origin} and {@code
 *       Access-Control-Request-Method}) with 204, allowing the endpoint's {@linkplain
 *       SseEndpoint.Builder#method method} ({@code GET} by default) and the request
 *       headers {@code Last-Event-ID}, {@code Authorization}, {@code Cache-Control}, the headers
 *       that the endpoint's {@link AccessCheck}s read (such as an API-key header), and those added
 *       with {@link #withAllowedHeaders}. A preflight from another origin, for another method, or
 *       for another header gets 403 with a plain-text reason. Preflights need no credentials.
 *   <li>responds to any other {@code OPTIONS} request with 204 and {@code Allow}, the endpoint's
 *       method and {@code OPTIONS}, such as {@code Allow: GET, OPTIONS}.
 * </ul>
 *
 * <p>Instances are immutable; the {@code with...} methods return a changed copy.
 */
public final class CorsPolicy {

  /** How long a browser may cache a preflight response unless {@link #withMaxAge} sets another. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");

  /** The request headers every policy allows. */
  private static final List<String> STANDARD_HEADERS =
      List.of("Last-Event-ID", "Authorization", "Cache-Control");

  private final boolean anyOrigin;
  private final Set<String> origins;
  private final boolean credentials;
  private final Set<String> extraHeaders;
  private final Duration maxAge;

  private CorsPolicy(
      boolean anyOrigin,
      Set<String> origins,
      boolean credentials,
      Set<String> extraHeaders,
      Duration maxAge) {
    this.anyOrigin = anyOrigin;
    this.origins = Set.copyOf(origins);
    this.credentials = credentials;
    this.extraHeaders = Set.copyOf(extraHeaders);
    this.maxAge = maxAge;
  }

  /**
   * Returns a policy that allows every origin, sending {@code Access-Control-Allow-Origin: *}. Such
   * a policy cannot allow credentials.
   */
  public static CorsPolicy allowAnyOrigin() {
    return new CorsPolicy(true, Set.of(), false, Set.of(), DEFAULT_MAX_AGE);
  }

  /**
   * Returns a policy that allows the listed origins, each written as {@code scheme://host[:port]},
   * for example {@code https://app.example.com}, and compared without regard to case. A single
   * {@code "*"} is the same as {@link #allowAnyOrigin()}.
   *
   * @throws IllegalArgumentException when the list is empty, or an origin has a path, query,
   *     fragment or user info, or is not an absolute URI with a host, or {@code "*"} is combined
   *     with other origins
   */
  public static CorsPolicy allowOrigins(String... origins) {
    if (origins.length == 0) {
      throw new IllegalArgumentException("List at least one origin, or use allowAnyOrigin()");
    }
    if (origins.length == 1 && "*".equals(origins[0])) {
      return allowAnyOrigin();
    }
    Set<String> normalized = new LinkedHashSet<>();
    for (String origin : origins) {
      normalized.add(normalizeOrigin(Objects.requireNonNull(origin, "origin")));
    }
    return new CorsPolicy(false, normalized, false, Set.of(), DEFAULT_MAX_AGE);
  }

  /**
   * Returns a copy that allows credentials (cookies, and an {@code EventSource} created {@code
   * withCredentials}), sending {@code Access-Control-Allow-Credentials: true}.
   *
   * @throws IllegalStateException when this policy allows any origin, because browsers reject
   *     credentials with {@code Access-Control-Allow-Origin: *}; list the origins instead
   */
  public CorsPolicy withCredentials() {
    if (anyOrigin) {
      throw new IllegalStateException(
          "Cannot allow credentials for any origin, because browsers reject credentials with"
              + " Access-Control-Allow-Origin: *; list the origins with allowOrigins(...)");
    }
    return new CorsPolicy(anyOrigin, origins, true, extraHeaders, maxAge);
  }

  /**
   * Returns a copy that also allows these request headers in a preflight.
   *
   * @throws IllegalArgumentException when a name is blank
   */
  public CorsPolicy withAllowedHeaders(String... headerNames) {
    Set<String> headers = new LinkedHashSet<>(extraHeaders);
    for (String name : headerNames) {
      Objects.requireNonNull(name, "headerName");
      if (name.isBlank() || name.contains(",")) {
        throw new IllegalArgumentException("Invalid header name \"" + name + "\"");
      }
      headers.add(name);
    }
    return new CorsPolicy(anyOrigin, origins, credentials, headers, maxAge);
  }

  /**
   * Returns a copy with another preflight cache time, sent as {@code Access-Control-Max-Age} in
   * whole seconds; browsers may use a shorter one.
   *
   * @throws IllegalArgumentException when the duration is negative
   */
  public CorsPolicy withMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid CORS max age " + maxAge + ": it must not be negative");
    }
    return new CorsPolicy(anyOrigin, origins, credentials, extraHeaders, maxAge);
  }

  /** Returns whether a request with this {@code Origin} header value may read the stream. */
  public boolean allowsOrigin(String origin) {
    return origin != null && (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT)));
  }

  /** Returns whether every origin is allowed. */
  public boolean allowsAnyOrigin() {
    return anyOrigin;
  }

  /** Returns the allowed origins in lower case; empty when every origin is allowed. */
  public Set<String> origins() {
    return origins;
  }

  /** Returns whether credentials are allowed. */
  public boolean allowsCredentials() {
    return credentials;
  }

  /** Returns the request headers added with {@link #withAllowedHeaders}. */
  public Set<String> extraAllowedHeaders() {
    return extraHeaders;
  }

  /** Returns how long a browser may cache a preflight response. */
  public Duration maxAge() {
    return maxAge;
  }

  @Override
  public String toString() {
    return "CorsPolicy[origins="
        + (anyOrigin ? "*" : origins)
        + ", credentials="
        + credentials
        + ", maxAge="
        + maxAge
        + "]";
  }

  /** Adds the CORS headers of an actual (not preflight) request's response. */
  void addResponseHeaders(HttpExchange exchange) {
    Headers response = exchange.getResponseHeaders();
    if (!anyOrigin) {
      response.add("Vary", "Origin");
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (allowsOrigin(origin)) {
      addAllowOrigin(response, origin);
    }
  }

  /**
   * Responds to an {@code OPTIONS} request and closes the exchange.
   *
   * @param streamMethod the method that opens the endpoint's stream
   * @param checkHeaders the request headers that the endpoint's checks read
   */
  void respondToOptions(
      HttpExchange exchange, String streamMethod, Collection<String> checkHeaders)
      throws IOException {
    Headers request = exchange.getRequestHeaders();
    Headers response = exchange.getResponseHeaders();
    String origin = request.getFirst("Origin");
    String method = request.getFirst("Access-Control-Request-Method");
    if (origin == null || method == null) {
      response.set("Allow", streamMethod + ", OPTIONS");
      PlainTextResponse.send(exchange, 204, "");
      return;
    }
    if (!anyOrigin) {
      response.add("Vary", "Origin");
    }

    Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    allowed.addAll(STANDARD_HEADERS);
    allowed.addAll(checkHeaders);
    allowed.addAll(extraHeaders);
    String rejection =
        preflightRejection(
            origin,
            method,
            streamMethod,
            request.getFirst("Access-Control-Request-Headers"),
            allowed);
    if (rejection != null) {
      LOGGER.log(
          Level.DEBUG,
          () ->
              "Rejected the CORS preflight for "
                  + exchange.getRequestURI().getRawPath()
                  + " from "
                  + exchange.getRemoteAddress()
                  + ": "
                  + rejection);
      PlainTextResponse.send(exchange, 403, "CORS preflight rejected: " + rejection);
      return;
    }

    addAllowOrigin(response, origin);
    response.set("Access-Control-Allow-Methods", streamMethod);
    response.set("Access-Control-Allow-Headers", String.join(", ", allowed));
    response.set("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()));
    PlainTextResponse.send(exchange, 204, "");
  }

  /** Returns why a preflight is rejected, or {@code null} when it is allowed. */
  private String preflightRejection(
      String origin,
      String method,
      String streamMethod,
      String requestedHeaders,
      Set<String> allowedHeaders) {
    if (!allowsOrigin(origin)) {
      return "the origin " + origin + " is not allowed.";
    }
    if (!method.equals(streamMethod)) {
      return "the method " + method + " is not allowed; this event stream accepts only "
          + streamMethod + ".";
    }
    if (requestedHeaders != null) {
      for (String name : requestedHeaders.split(",")) {
        String header = name.strip();
        if (!header.isEmpty() && !allowedHeaders.contains(header)) {
          return "the request header " + header + " is not allowed.";
        }
      }
    }
    return null;
  }

  private void addAllowOrigin(Headers response, String origin) {
    response.set("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
    if (credentials) {
      response.set("Access-Control-Allow-Credentials", "true");
    }
  }

  private static String normalizeOrigin(String origin) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      throw invalidOrigin(origin, e);
    }
    boolean hasOnlySchemeHostAndPort =
        uri.isAbsolute()
            && uri.getHost() != null
            && uri.getRawUserInfo() == null
            && uri.getRawPath().isEmpty()
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!hasOnlySchemeHostAndPort) {
      throw invalidOrigin(origin, null);
    }
    return origin.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException invalidOrigin(String origin, Throwable cause) {
    return new IllegalArgumentException(
        "Invalid origin \""
            + origin
            + "\": write it as scheme://host[:port] with no path, for example"
            + " https://app.example.com",
        cause);
  }
}
