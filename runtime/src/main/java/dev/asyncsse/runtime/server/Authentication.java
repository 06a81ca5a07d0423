package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes {@link AccessCheck}s for the credential schemes of HTTP and AsyncAPI: bearer tokens, basic
 * authentication, API keys in a header, a query parameter or a cookie, and any {@code
 * com.sun.net.httpserver.Authenticator}. Register each with {@link
 * SseEndpoint.Builder#authenticate}.
 *
 * <p>Each check finds its credential in the request and passes it to the application's function,
 * which returns an {@link AccessDecision}: {@link AccessDecision#acceptIf(boolean)} for a plain
 * valid-or-not result, {@link AccessDecision#forbidden(String)} for a credential that is valid but
 * does not allow the stream, or any other decision. The check responds with:
 *
 * <ul>
 *   <li>401 when the credential is missing or the function rejects it with 401, with the scheme's
 *       {@code WWW-Authenticate} challenge where the scheme defines one (bearer and basic; API keys
 *       have none);
 *   <li>400 when the {@code Authorization} header names the scheme but its value is malformed;
 *   <li>403 when the function returns {@link AccessDecision#forbidden(String)};
 *   <li>whatever else the function returns.
 * </ul>
 *
 * <p>A rejection without a reason gets a default plain-text reason. Compare secrets with {@link
 * java.security.MessageDigest#isEqual(byte[], byte[])} or another constant-time comparison.
 */
public final class Authentication {

  /** The characters of a bearer token, {@code b64token} in RFC 6750 section 2.1. */
  private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  private Authentication() {}

  /**
   * Returns a check for {@code Authorization: Bearer <token>} (RFC 6750). A missing token gets 401
   * with {@code WWW-Authenticate: Bearer}, a malformed one 400 with {@code
   * error="invalid_request"}, a rejected one 401 with {@code error="invalid_token"}, and a
   * forbidden one 403 with {@code error="insufficient_scope"}.
   *
   * @param tokenCheck decides on the token
   */
  public static AccessCheck bearer(Function<String, AccessDecision> tokenCheck) {
    Objects.requireNonNull(tokenCheck, "tokenCheck");
    return new HeaderCheck("Authorization") {
      @Override
      public AccessDecision check(SseRequest request) {
        Optional<String> credentials = credentials(request, "Bearer");
        if (credentials.isEmpty()) {
          return AccessDecision.unauthorized(
              "Missing bearer token: send the header \"Authorization: Bearer <token>\".", "Bearer");
        }
        String token = credentials.get();
        if (!BEARER_TOKEN.matcher(token).matches()) {
          return AccessDecision.rejectWithAnyStatus(
              400,
              "Malformed bearer token in the Authorization header.",
              List.of("Bearer error=\"invalid_request\""));
        }
        return completed(
            tokenCheck.apply(token),
            "Bearer error=\"invalid_token\"",
            "The bearer token is not valid.",
            "Bearer error=\"insufficient_scope\"",
            "The bearer token does not allow this event stream.");
      }
    };
  }

  /**
   * Returns a check for {@code Authorization: Basic} (RFC 7617), with the user name and password
   * decoded as UTF-8. A missing or rejected credential gets 401 with {@code WWW-Authenticate: Basic
   * realm="<realm>", charset="UTF-8"}. An accepted request without a principal of its own gets the
   * principal {@code (user name, realm)}.
   *
   * @param realm the protection space named in the challenge, for example the service name
   * @param credentialsCheck decides on the user name and the password
   * @throws IllegalArgumentException when the realm is not printable ASCII
   */
  public static AccessCheck basic(
      String realm, BiFunction<String, String, AccessDecision> credentialsCheck) {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(credentialsCheck, "credentialsCheck");
    String challenge = "Basic realm=" + quoted(realm, "realm") + ", charset=\"UTF-8\"";
    return new HeaderCheck("Authorization") {
      @Override
      public AccessDecision check(SseRequest request) {
        Optional<String> credentials = credentials(request, "Basic");
        if (credentials.isEmpty()) {
          return AccessDecision.unauthorized(
              "Missing credentials: send the header \"Authorization: Basic\" followed by the"
                  + " Base64 encoding of user:password.",
              challenge);
        }
        String userAndPassword;
        try {
          byte[] decoded = Base64.getDecoder().decode(credentials.get());
          userAndPassword = new String(decoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          userAndPassword = "";
        }
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
          return AccessDecision.reject(
              400, "Malformed Basic credentials in the Authorization header.");
        }
        String user = userAndPassword.substring(0, colon);
        String password = userAndPassword.substring(colon + 1);
        AccessDecision decision = checkedDecision(credentialsCheck.apply(user, password));
        if (decision.isAccepted()) {
          return decision.principal().isPresent()
              ? decision
              : AccessDecision.accept(new HttpPrincipal(user, realm));
        }
        return completed(
            decision,
            challenge,
            "The user name or password is not valid.",
            null,
            "The user may not open this event stream.");
      }
    };
  }

  /**
   * Returns a check for an API key in a request header, as AsyncAPI {@code httpApiKey} with {@code
   * in: header} describes. A CORS preflight allows that header.
   *
   * @param headerName the header, for example {@code X-API-Key}
   * @param keyCheck decides on the key
   * @throws IllegalArgumentException when {@code headerName} is not a valid header name
   */
  public static AccessCheck apiKeyInHeader(
      String headerName, Function<String, AccessDecision> keyCheck) {
    Objects.requireNonNull(headerName, "headerName");
    Objects.requireNonNull(keyCheck, "keyCheck");
    if (!HEADER_NAME.matcher(headerName).matches()) {
      throw new IllegalArgumentException("Invalid header name \"" + headerName + "\"");
    }
    return new HeaderCheck(headerName) {
      @Override
      public AccessDecision check(SseRequest request) {
        return apiKeyDecision(
            request.header(headerName), "the " + headerName + " header", keyCheck);
      }
    };
  }

  /**
   * Returns a check for an API key in a query parameter, as AsyncAPI {@code httpApiKey} with {@code
   * in: query} describes. Query strings often end up in access logs, so prefer a header where the
   * clients allow it; a browser's {@code EventSource} can send no header of its own.
   *
   * @param parameterName the query parameter, for example {@code api_key}
   * @param keyCheck decides on the key, decoded as {@link SseRequest#queryParameter} describes
   */
  public static AccessCheck apiKeyInQuery(
      String parameterName, Function<String, AccessDecision> keyCheck) {
    Objects.requireNonNull(parameterName, "parameterName");
    Objects.requireNonNull(keyCheck, "keyCheck");
    return request ->
        apiKeyDecision(
            request.queryParameter(parameterName),
            "the query parameter " + parameterName,
            keyCheck);
  }

  /**
   * Returns a check for an API key in a cookie, as AsyncAPI {@code httpApiKey} with {@code in:
   * cookie} describes. A browser sends cookies to another origin only when the {@code EventSource}
   * is created {@code withCredentials} and the {@link CorsPolicy} allows credentials.
   *
   * @param cookieName the cookie
   * @param keyCheck decides on the cookie's value, without surrounding double quotes
   */
  public static AccessCheck apiKeyInCookie(
      String cookieName, Function<String, AccessDecision> keyCheck) {
    Objects.requireNonNull(cookieName, "cookieName");
    Objects.requireNonNull(keyCheck, "keyCheck");
    return request ->
        apiKeyDecision(
            request.header("Cookie").flatMap(header -> cookie(header, cookieName)),
            "the cookie " + cookieName,
            keyCheck);
  }

  /**
   * Returns a check that runs a {@code com.sun.net.httpserver.Authenticator}, such as a {@link
   * com.sun.net.httpserver.BasicAuthenticator}, on the request's exchange. {@code Success} accepts
   * with the authenticator's principal. {@code Retry} and {@code Failure} reject with their status
   * and the {@code WWW-Authenticate} headers the authenticator set.
   */
  public static AccessCheck authenticator(Authenticator authenticator) {
    Objects.requireNonNull(authenticator, "authenticator");
    return new HeaderCheck("Authorization") {
      @Override
      public AccessDecision check(SseRequest request) {
        Authenticator.Result result = authenticator.authenticate(request.exchange());
        // The authenticator sets its challenge on the response; keep it only for a rejection.
        List<String> challenges =
            request.exchange().getResponseHeaders().remove("WWW-Authenticate");
        if (result instanceof Authenticator.Success) {
          return AccessDecision.accept(((Authenticator.Success) result).getPrincipal());
        }
        int status;
        if (result instanceof Authenticator.Retry) {
          status = ((Authenticator.Retry) result).getResponseCode();
        } else if (result instanceof Authenticator.Failure) {
          status = ((Authenticator.Failure) result).getResponseCode();
        } else {
          throw new IllegalStateException(
              "The authenticator " + authenticator + " returned an unknown result " + result);
        }
        String reason = status == 401 ? "Missing or invalid credentials." : "";
        return AccessDecision.rejectWithAnyStatus(
            status, reason, challenges == null ? List.of() : challenges);
      }
    };
  }

  /**
   * Returns the credentials after {@code scheme} in the {@code Authorization} header, or empty when
   * the header is missing or names another scheme. Scheme names are case-insensitive.
   */
  private static Optional<String> credentials(SseRequest request, String scheme) {
    Optional<String> header = request.header("Authorization");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get();
    int space = value.indexOf(' ');
    String name = space < 0 ? value : value.substring(0, space);
    if (!name.toLowerCase(Locale.ROOT).equals(scheme.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(space < 0 ? "" : value.substring(space + 1).strip());
  }

  private static AccessDecision apiKeyDecision(
      Optional<String> key, String place, Function<String, AccessDecision> keyCheck) {
    if (key.isEmpty() || key.get().isEmpty()) {
      return AccessDecision.unauthorized("Missing API key: send it in " + place + ".");
    }
    return completed(
        keyCheck.apply(key.get()),
        null,
        "The API key is not valid.",
        null,
        "The API key does not allow this event stream.");
  }

  /**
   * Completes a decision of the application's function with the scheme's challenge and a default
   * reason. A 401 means an invalid credential and a 403 a credential that is not allowed. Other
   * decisions stay as they are.
   */
  private static AccessDecision completed(
      AccessDecision decision,
      String invalidChallenge,
      String invalidReason,
      String forbiddenChallenge,
      String forbiddenReason) {
    checkedDecision(decision);
    if (decision.status() == 401) {
      return decision.completedWith(invalidChallenge, invalidReason);
    }
    if (decision.status() == 403) {
      return decision.completedWith(forbiddenChallenge, forbiddenReason);
    }
    return decision;
  }

  /** Returns the value of the first cookie named {@code name} in a {@code Cookie} header. */
  private static Optional<String> cookie(String header, String name) {
    for (String pair : header.split(";")) {
      int equals = pair.indexOf('=');
      if (equals < 0 || !pair.substring(0, equals).strip().equals(name)) {
        continue;
      }
      String value = pair.substring(equals + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      return Optional.of(value);
    }
    return Optional.empty();
  }

  private static AccessDecision checkedDecision(AccessDecision decision) {
    return Objects.requireNonNull(decision, "The credential check returned null");
  }

  /** Returns {@code value} as an HTTP quoted string. */
  private static String quoted(String value, String name) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "Invalid " + name + " \"" + value + "\": it must be printable ASCII");
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** A check that reads one request header, which a CORS preflight must allow. */
  private abstract static class HeaderCheck implements AccessCheck {

    private final Set<String> headers;

    HeaderCheck(String header) {
      this.headers = Set.of(header);
    }

    @Override
    public Set<String> requestHeaders() {
      return headers;
    }
  }
}
