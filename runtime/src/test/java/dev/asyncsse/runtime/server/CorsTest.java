package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorsTest {

  private static final String APP = "https://app.example.com";

  private LoopbackServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void withoutPolicyOptionsGets405AndNoCorsHeaders() throws Exception {
    server.register(SseEndpoint.builder("/events").build());

    HttpResponse<String> preflight = preflight("/events", APP, "last-event-id");
    HttpResponse<InputStream> stream = server.connect("/events", "Origin", APP);

    assertEquals(405, preflight.statusCode());
    assertEquals(Optional.of("GET"), preflight.headers().firstValue("Allow"));
    assertEquals(200, stream.statusCode());
    assertEquals(Optional.empty(), stream.headers().firstValue("Access-Control-Allow-Origin"));
    stream.body().close();
  }

  @Test
  void preflightAllowsStreamHeaders() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .cors(CorsPolicy.allowOrigins(APP, "http://localhost:3000"))
            .authenticate(
                Authentication.apiKeyInHeader("X-API-Key", key -> AccessDecision.accept()))
            .build());

    HttpResponse<String> response =
        preflight("/events", APP, "last-event-id, authorization, x-api-key");
    HttpHeaders headers = response.headers();

    assertEquals(204, response.statusCode());
    assertEquals(Optional.of(APP), headers.firstValue("Access-Control-Allow-Origin"));
    assertEquals(Optional.of("GET"), headers.firstValue("Access-Control-Allow-Methods"));
    assertEquals(
        Optional.of("Authorization, Cache-Control, Last-Event-ID, X-API-Key"),
        headers.firstValue("Access-Control-Allow-Headers"));
    assertEquals(Optional.of("600"), headers.firstValue("Access-Control-Max-Age"));
    assertEquals(Optional.of("Origin"), headers.firstValue("Vary"));
    assertEquals(Optional.empty(), headers.firstValue("Access-Control-Allow-Credentials"));
  }

  @Test
  void preflightNeedsNoCredentials() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .cors(CorsPolicy.allowOrigins(APP))
            .authenticate(Authentication.bearer(token -> AccessDecision.acceptIf(false)))
            .build());

    assertEquals(204, preflight("/events", APP, "authorization").statusCode());
  }

  @Test
  void preflightFromOtherOriginGets403() throws Exception {
    server.register(SseEndpoint.builder("/events").cors(CorsPolicy.allowOrigins(APP)).build());

    HttpResponse<String> response = preflight("/events", "https://evil.example", "last-event-id");

    assertEquals(403, response.statusCode());
    assertEquals(
        "CORS preflight rejected: the origin https://evil.example is not allowed.",
        response.body());
    assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
  }

  @Test
  void preflightForOtherHeaderOrMethodGets403() throws Exception {
    server.register(SseEndpoint.builder("/events").cors(CorsPolicy.allowOrigins(APP)).build());

    HttpResponse<String> header = preflight("/events", APP, "x-secret");
    HttpResponse<String> post =
        server.request(
            "OPTIONS", "/events", "Origin", APP, "Access-Control-Request-Method", "POST");

    assertEquals(403, header.statusCode());
    assertEquals(
        "CORS preflight rejected: the request header x-secret is not allowed.", header.body());
    assertEquals(403, post.statusCode());
  }

  @Test
  void extraAllowedHeaderPassesPreflight() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .cors(CorsPolicy.allowOrigins(APP).withAllowedHeaders("X-Tenant"))
            .build());

    assertEquals(204, preflight("/events", APP, "x-tenant").statusCode());
  }

  @Test
  void plainOptionsGets204WithAllow() throws Exception {
    server.register(SseEndpoint.builder("/events").cors(CorsPolicy.allowAnyOrigin()).build());

    HttpResponse<String> options = server.request("OPTIONS", "/events");
    HttpResponse<String> post = server.request("POST", "/events");

    assertEquals(204, options.statusCode());
    assertEquals(Optional.of("GET, OPTIONS"), options.headers().firstValue("Allow"));
    assertEquals(405, post.statusCode());
    assertEquals(Optional.of("GET, OPTIONS"), post.headers().firstValue("Allow"));
  }

  @Test
  void streamResponseNamesAllowedOrigin() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .cors(CorsPolicy.allowOrigins(APP).withCredentials())
            .handler((request, stream) -> stream.send(null, null, "hello"))
            .build());

    HttpResponse<InputStream> response = server.connect("/events", "Origin", APP);
    HttpHeaders headers = response.headers();

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of(APP), headers.firstValue("Access-Control-Allow-Origin"));
    assertEquals(Optional.of("true"), headers.firstValue("Access-Control-Allow-Credentials"));
    assertEquals(Optional.of("Origin"), headers.firstValue("Vary"));
    try (EventStreamReader reader = new EventStreamReader(response.body())) {
      assertEquals("hello", reader.nextEvent().data());
    }
  }

  @Test
  void streamForOtherOriginHasNoAllowOrigin() throws Exception {
    server.register(SseEndpoint.builder("/events").cors(CorsPolicy.allowOrigins(APP)).build());

    HttpResponse<InputStream> response =
        server.connect("/events", "Origin", "https://evil.example");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
    response.body().close();
  }

  @Test
  void anyOriginAnswersStar() throws Exception {
    server.register(SseEndpoint.builder("/events").cors(CorsPolicy.allowOrigins("*")).build());

    HttpResponse<String> preflight = preflight("/events", "https://any.example", "last-event-id");
    HttpResponse<InputStream> stream = server.connect("/events", "Origin", "https://x.example");

    assertEquals(Optional.of("*"), preflight.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(Optional.empty(), preflight.headers().firstValue("Vary"));
    assertEquals(Optional.of("*"), stream.headers().firstValue("Access-Control-Allow-Origin"));
    stream.body().close();
  }

  @Test
  void rejectionCarriesAllowOrigin() throws Exception {
    server.register(
        SseEndpoint.builder("/events")
            .cors(CorsPolicy.allowOrigins(APP))
            .authenticate(Authentication.bearer(token -> AccessDecision.acceptIf(false)))
            .build());

    HttpResponse<String> response = server.request("GET", "/events", "Origin", APP);

    assertEquals(401, response.statusCode());
    assertEquals(Optional.of(APP), response.headers().firstValue("Access-Control-Allow-Origin"));
  }

  @Test
  void originsAreComparedIgnoringCase() {
    CorsPolicy policy = CorsPolicy.allowOrigins("HTTPS://App.Example.com:8443");

    assertTrue(policy.allowsOrigin("https://app.example.com:8443"));
    assertEquals(false, policy.allowsOrigin("https://app.example.com"));
  }

  @Test
  void invalidPoliciesAreRejected() {
    for (String origin : List.of("https://app.example.com/", "app.example.com", "null", "*x")) {
      assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowOrigins(origin), origin);
    }
    assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowOrigins("*", APP));
    assertThrows(IllegalArgumentException.class, CorsPolicy::allowOrigins);
    assertThrows(IllegalStateException.class, () -> CorsPolicy.allowAnyOrigin().withCredentials());
    assertThrows(
        IllegalArgumentException.class,
        () -> CorsPolicy.allowAnyOrigin().withMaxAge(Duration.ofSeconds(-1)));
  }

  private HttpResponse<String> preflight(String path, String origin, String requestHeaders)
      throws Exception {
    return server.request(
        "OPTIONS",
        path,
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "GET",
        "Access-Control-Request-Headers",
        requestHeaders);
  }
}
