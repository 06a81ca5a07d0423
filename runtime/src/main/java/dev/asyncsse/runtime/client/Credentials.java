package dev.asyncsse.runtime.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials of a client: which request headers and query parameters carry secrets, and the
 * origin they belong to.
 *
 * <p>Credentials go only to the origin (scheme, host and port) of the configured URI. A redirect
 * to another origin gets neither the credential headers nor the credential query parameters. The
 * values of credential query parameters are shown as {@value #REDACTED} wherever the client prints
 * a URI.
 */
final class Credentials {

  /** The headers that carry credentials whether or not the user marked them. */
  private static final Set<String> ALWAYS_CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie");

  static final String REDACTED = "***";

  private final URI origin;
  private final Set<String> headerNames;
  private final Set<String> queryNames;
  private final List<String> queryParameters;

  /**
   * Creates the credentials of a client.
   *
   * @param configured the event stream URI the user configured, with its credential parameters
   * @param headerNames the names of headers that carry credentials, besides {@code Authorization},
   *     {@code Proxy-Authorization} and {@code Cookie}; any case
   * @param queryNames the names of query parameters that carry credentials
   */
  Credentials(URI configured, Set<String> headerNames, Set<String> queryNames) {
    this.origin = configured;
    this.headerNames = lowerCase(headerNames);
    this.queryNames = Set.copyOf(queryNames);
    this.queryParameters = credentialParameters(configured.getRawQuery());
  }

  /** Returns whether the header named {@code name} carries a credential. */
  boolean isCredentialHeader(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return ALWAYS_CREDENTIAL_HEADERS.contains(key) || headerNames.contains(key);
  }

  /** Returns whether {@code target} has the scheme, host and port of the configured URI. */
  boolean isSameOrigin(URI target) {
    return origin.getScheme().equalsIgnoreCase(target.getScheme())
        && origin.getHost() != null
        && origin.getHost().equalsIgnoreCase(target.getHost())
        && effectivePort(origin) == effectivePort(target);
  }

  /**
   * Returns the URI to request for {@code target}: on the configured origin, with the configured
   * credential query parameters that it lacks added; on another origin, without any credential
   * query parameter.
   */
  URI requestUri(URI target) {
    if (queryNames.isEmpty()) {
      return target;
    }
    List<String> kept = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (String parameter : splitQuery(target.getRawQuery())) {
      String name = parameterName(parameter);
      if (queryNames.contains(name)) {
        if (!isSameOrigin(target)) {
          continue;
        }
        present.add(name);
      }
      kept.add(parameter);
    }
    if (isSameOrigin(target)) {
      for (String parameter : queryParameters) {
        if (!present.contains(parameterName(parameter))) {
          kept.add(parameter);
        }
      }
    }
    return withRawQuery(target, kept.isEmpty() ? null : String.join("&", kept));
  }

  /** Returns {@code uri} as text, with the value of every credential query parameter redacted. */
  String redact(URI uri) {
    if (queryNames.isEmpty() || uri.getRawQuery() == null) {
      return uri.toString();
    }
    List<String> shown = new ArrayList<>();
    for (String parameter : splitQuery(uri.getRawQuery())) {
      String name = parameterName(parameter);
      if (queryNames.contains(name)) {
        int equals = parameter.indexOf('=');
        String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
        shown.add(rawName + "=" + REDACTED);
      } else {
        shown.add(parameter);
      }
    }
    // Built by hand, because URI would percent-encode the redaction marker.
    StringBuilder text = new StringBuilder();
    text.append(uri.getScheme()).append("://").append(uri.getRawAuthority());
    if (uri.getRawPath() != null) {
      text.append(uri.getRawPath());
    }
    text.append('?').append(String.join("&", shown));
    return text.toString();
  }

  /**
   * Returns {@code text}, such as a {@code Location} header that may not parse as a URI, with the
   * value of every {@code name=value} pair of a credential query parameter redacted.
   */
  String redact(String text) {
    String shown = text;
    for (String name : queryNames) {
      String pair = "([?&]" + Pattern.quote(name) + "=)[^&#]*";
      shown = shown.replaceAll(pair, "$1" + Matcher.quoteReplacement(REDACTED));
    }
    return shown;
  }

  private List<String> credentialParameters(String rawQuery) {
    List<String> found = new ArrayList<>();
    for (String parameter : splitQuery(rawQuery)) {
      if (queryNames.contains(parameterName(parameter))) {
        found.add(parameter);
      }
    }
    return List.copyOf(found);
  }

  private static List<String> splitQuery(String rawQuery) {
    List<String> parameters = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String parameter : rawQuery.split("&", -1)) {
      if (!parameter.isEmpty()) {
        parameters.add(parameter);
      }
    }
    return parameters;
  }

  /** Returns the decoded name of a raw {@code name=value} query parameter. */
  private static String parameterName(String parameter) {
    int equals = parameter.indexOf('=');
    String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
    try {
      return URLDecoder.decode(rawName, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawName; // a malformed escape; compare the raw text
    }
  }

  private static URI withRawQuery(URI target, String rawQuery) {
    StringBuilder text = new StringBuilder();
    text.append(target.getScheme()).append("://").append(target.getRawAuthority());
    if (target.getRawPath() != null) {
      text.append(target.getRawPath());
    }
    if (rawQuery != null) {
      text.append('?').append(rawQuery);
    }
    return URI.create(text.toString());
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Set<String> lowerCase(Set<String> names) {
    Set<String> lower = new HashSet<>();
    for (String name : names) {
      lower.add(name.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(lower);
  }
}
