package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.BasicAuthenticator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  private static final AccessCheck BEARER =
      Authentication.bearer(
          token -> {
            if (token.equals("read-only")) {
              return AccessDecision.forbidden("");
            }
            return AccessDecision.acceptIf(token.equals("s3cret-token"));
          });

  private static final AccessCheck API_KEY_HEADER =
      Authentication.apiKeyInHeader("X-API-Key", key -> AccessDecision.acceptIf(key.equals("k1")));

  private LoopbackServer server;
  private final AtomicInteger handlerCalls = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void bearerMissingGets401WithChallenge() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(401, response.statusCode());
    assertEquals(List.of("Bearer"), response.headers().allValues("WWW-Authenticate"));
    assertEquals(
        Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertEquals(
        "Missing bearer token: send the header \"Authorization: Bearer <token>\".",
        response.body());
    assertEquals(0, handlerCalls.get());
  }

  @Test
  void bearerInvalidGets401InvalidToken() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", "Bearer wrong");

    assertEquals(401, response.statusCode());
    assertEquals(
        Optional.of("Bearer error=\"invalid_token\""),
        response.headers().firstValue("WWW-Authenticate"));
    assertEquals("The bearer token is not valid.", response.body());
  }

  @Test
  void bearerMalformedGets400InvalidRequest() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    for (String value : List.of("Bearer", "Bearer a b", "Bearer a,b")) {
      HttpResponse<String> response = server.request("GET", "/events", "Authorization", value);

      assertEquals(400, response.statusCode(), value);
      assertEquals(
          Optional.of("Bearer error=\"invalid_request\""),
          response.headers().firstValue("WWW-Authenticate"),
          value);
    }
  }

  @Test
  void bearerForbiddenGets403InsufficientScope() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", "Bearer read-only");

    assertEquals(403, response.statusCode());
    assertEquals(
        Optional.of("Bearer error=\"insufficient_scope\""),
        response.headers().firstValue("WWW-Authenticate"));
    assertEquals("The bearer token does not allow this event stream.", response.body());
  }

  @Test
  void bearerValidOpensStreamWithAnyCaseScheme() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
      try (EventStreamReader reader =
          server.open("/events", "Authorization", scheme + " s3cret-token")) {
        assertEquals("welcome", reader.nextEvent().data(), scheme);
      }
    }
  }

  @Test
  void otherSchemeCountsAsMissingBearer() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", "Basic dXNlcjpwYXNz");

    assertEquals(401, response.statusCode());
    assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void basicMissingGets401WithRealm() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(basic()));

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(401, response.statusCode());
    assertEquals(
        Optional.of("Basic realm=\"lights \\\"east\\\"\", charset=\"UTF-8\""),
        response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void basicValidSetsPrincipal() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(basic()));

    try (EventStreamReader reader =
        server.open("/events", "Authorization", basicHeader("ad\u00e9le", "p:w"))) {
      assertEquals("welcome ad\u00e9le in lights \"east\"", reader.nextEvent().data());
    }
  }

  @Test
  void basicWrongPasswordGets401() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(basic()));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", basicHeader("ad\u00e9le", "nope"));

    assertEquals(401, response.statusCode());
    assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
    assertEquals("The user name or password is not valid.", response.body());
  }

  @Test
  void basicMalformedGets400() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(basic()));

    for (String value : List.of("Basic !!!", "Basic " + base64("no colon"))) {
      HttpResponse<String> response = server.request("GET", "/events", "Authorization", value);

      assertEquals(400, response.statusCode(), value);
      assertEquals("Malformed Basic credentials in the Authorization header.", response.body());
    }
  }

  @Test
  void basicRealmMustBePrintableAscii() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Authentication.basic("a\nb", (user, password) -> AccessDecision.accept()));
  }

  @Test
  void apiKeyInHeaderHasNoChallenge() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(API_KEY_HEADER));

    HttpResponse<String> missing = server.request("GET", "/events");
    HttpResponse<String> wrong = server.request("GET", "/events", "X-API-Key", "k2");

    assertEquals(401, missing.statusCode());
    assertEquals("Missing API key: send it in the X-API-Key header.", missing.body());
    assertEquals(Optional.empty(), missing.headers().firstValue("WWW-Authenticate"));
    assertEquals(401, wrong.statusCode());
    assertEquals("The API key is not valid.", wrong.body());
    try (EventStreamReader reader = server.open("/events", "x-api-key", "k1")) {
      assertEquals("welcome", reader.nextEvent().data());
    }
  }

  @Test
  void apiKeyInQueryIsDecoded() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authenticate(
                Authentication.apiKeyInQuery(
                    "api_key", key -> AccessDecision.acceptIf(key.equals("k 1&2")))));

    HttpResponse<String> missing = server.request("GET", "/events?other=1");

    assertEquals(401, missing.statusCode());
    assertEquals("Missing API key: send it in the query parameter api_key.", missing.body());
    try (EventStreamReader reader = server.open("/events?x=1&api_key=k+1%262")) {
      assertEquals("welcome", reader.nextEvent().data());
    }
  }

  @Test
  void apiKeyInCookieIsFoundAmongOthers() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authenticate(
                Authentication.apiKeyInCookie(
                    "session", key -> AccessDecision.acceptIf(key.equals("abc")))));

    HttpResponse<String> missing = server.request("GET", "/events", "Cookie", "theme=dark");

    assertEquals(401, missing.statusCode());
    try (EventStreamReader reader =
        server.open("/events", "Cookie", "theme=dark; session=\"abc\"; x=y")) {
      assertEquals("welcome", reader.nextEvent().data());
    }
  }

  @Test
  void jdkAuthenticatorDecidesAndNamesPrincipal() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authenticator(
                new BasicAuthenticator("jdk realm") {
                  @Override
                  public boolean checkCredentials(String user, String password) {
                    return user.equals("ada") && password.equals("lovelace");
                  }
                }));

    HttpResponse<String> missing = server.request("GET", "/events");

    assertEquals(401, missing.statusCode());
    assertTrue(
        missing.headers().firstValue("WWW-Authenticate").orElse("").contains("jdk realm"),
        missing.headers().map().toString());
    try (EventStreamReader reader =
        server.open("/events", "Authorization", basicHeader("ada", "lovelace"))) {
      assertEquals("welcome ada in jdk realm", reader.nextEvent().data());
    }
  }

  @Test
  void acceptedStreamCarriesNoChallengeFromRejectingAlternative() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authenticator(
                new BasicAuthenticator("jdk realm") {
                  @Override
                  public boolean checkCredentials(String user, String password) {
                    return false;
                  }
                })
            .authenticate(API_KEY_HEADER));

    HttpResponse<java.io.InputStream> response = server.connect("/events", "X-API-Key", "k1");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("WWW-Authenticate"));
    response.body().close();
  }

  @Test
  void anyAlternativeMayAccept() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER).authenticate(API_KEY_HEADER));

    try (EventStreamReader byKey = server.open("/events", "X-API-Key", "k1");
        EventStreamReader byToken =
            server.open("/events", "Authorization", "Bearer s3cret-token")) {
      assertEquals("welcome", byKey.nextEvent().data());
      assertEquals("welcome", byToken.nextEvent().data());
    }
  }

  @Test
  void noAlternativeAcceptingGets401() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(BEARER).authenticate(API_KEY_HEADER));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", "Bearer wrong");

    assertEquals(401, response.statusCode());
    assertEquals(
        List.of("Bearer error=\"invalid_token\""),
        response.headers().allValues("WWW-Authenticate"));
    assertEquals(
        "The bearer token is not valid. Missing API key: send it in the X-API-Key header.",
        response.body());
  }

  @Test
  void forbiddenAlternativeWinsOverMissingOne() throws Exception {
    register(SseEndpoint.builder("/events").authenticate(API_KEY_HEADER).authenticate(BEARER));

    HttpResponse<String> response =
        server.request("GET", "/events", "Authorization", "Bearer read-only");

    assertEquals(403, response.statusCode());
  }

  @Test
  void rejectionWritesNoStreamByte() throws Exception {
    register(SseEndpoint.builder("/events").heartbeat(Duration.ofMillis(50)).authenticate(BEARER));

    try (RawHttpConnection connection = RawHttpConnection.connect(server.port())) {
      connection.send(
          "GET",
          "/events",
          "Authorization: Bearer wrong\r\n".getBytes(StandardCharsets.ISO_8859_1));
      RawHttpConnection.Head head = connection.readHead();
      String body = connection.readBody(Integer.parseInt(head.header("Content-Length")));

      assertEquals(401, head.status());
      assertEquals("text/plain; charset=utf-8", head.header("Content-Type"));
      assertNull(head.header("Cache-Control"));
      assertEquals("The bearer token is not valid.", body);
    }
    assertEquals(0, handlerCalls.get());
    assertTrue(LoopbackServer.eventually(() -> server.sse.openStreamCount() == 0));
  }

  @Test
  void acceptIfFalseIsUnauthorizedWithoutChallenge() {
    AccessDecision decision = AccessDecision.acceptIf(false);

    assertFalse(decision.isAccepted());
    assertEquals(401, decision.status());
    assertEquals(List.of(), decision.challenges());
    assertThrows(IllegalArgumentException.class, () -> AccessDecision.reject(302, "elsewhere"));
  }

  /** Registers the endpoint with a handler that greets the principal, if any. */
  private void register(SseEndpoint.Builder endpoint) {
    server.register(
        endpoint
            .handler(
                (request, stream) -> {
                  handlerCalls.incrementAndGet();
                  String greeting =
                      request
                          .principal()
                          .map(p -> "welcome " + p.getUsername() + " in " + p.getRealm())
                          .orElse("welcome");
                  stream.send(null, null, greeting);
                })
            .build());
  }

  private static AccessCheck basic() {
    return Authentication.basic(
        "lights \"east\"",
        (user, password) ->
            AccessDecision.acceptIf(user.equals("ad\u00e9le") && password.equals("p:w")));
  }

  private static String basicHeader(String user, String password) {
    return "Basic " + base64(user + ":" + password);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
