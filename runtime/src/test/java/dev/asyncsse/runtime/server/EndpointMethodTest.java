package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An endpoint whose stream is opened with a method other than GET. */
class EndpointMethodTest {

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
  void postEndpointStreamsToPost() throws Exception {
    BlockingQueue<String> methods = new ArrayBlockingQueue<>(1);
    server.register(
        SseEndpoint.builder("/events")
            .method("POST")
            .handler(
                (request, stream) -> {
                  methods.add(request.method());
                  stream.send("hello", "1", "world");
                })
            .build());

    HttpResponse<InputStream> response = post("/events");

    assertEquals(200, response.statusCode());
    assertEquals("POST", methods.poll(10, TimeUnit.SECONDS));
    try (EventStreamReader reader = new EventStreamReader(response.body())) {
      assertEquals("world", reader.nextEvent().data());
    }
  }

  @Test
  void postEndpointGets405ForGetWithAllow() throws Exception {
    server.register(SseEndpoint.builder("/events").method("POST").build());

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(405, response.statusCode());
    assertEquals(Optional.of("POST"), response.headers().firstValue("Allow"));
    assertEquals(
        "Method GET is not allowed; this event stream accepts only POST.", response.body());
  }

  @Test
  void postEndpointWithCorsAllowsPostAndOptions() throws Exception {
    server.register(
        SseEndpoint.builder("/events").method("POST").cors(CorsPolicy.allowOrigins(APP)).build());

    HttpResponse<String> get = server.request("GET", "/events");
    HttpResponse<String> options = server.request("OPTIONS", "/events");

    assertEquals(405, get.statusCode());
    assertEquals(Optional.of("POST, OPTIONS"), get.headers().firstValue("Allow"));
    assertEquals(204, options.statusCode());
    assertEquals(Optional.of("POST, OPTIONS"), options.headers().firstValue("Allow"));
  }

  @Test
  void preflightAllowsEndpointMethodOnly() throws Exception {
    server.register(
        SseEndpoint.builder("/events").method("POST").cors(CorsPolicy.allowOrigins(APP)).build());

    HttpResponse<String> post = preflight("POST");
    HttpResponse<String> get = preflight("GET");

    assertEquals(204, post.statusCode());
    assertEquals(
        Optional.of("POST"), post.headers().firstValue("Access-Control-Allow-Methods"));
    assertEquals(Optional.of(APP), post.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(403, get.statusCode());
    assertEquals(
        "CORS preflight rejected: the method GET is not allowed; this event stream accepts only"
            + " POST.",
        get.body());
  }

  @Test
  void defaultMethodIsGet() {
    assertEquals("GET", SseEndpoint.builder("/events").build().method());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HEAD", "CONNECT", "TRACE", "OPTIONS", "trace", "", "GET /"})
  void methodWithoutStreamRejected(String method) {
    SseEndpoint.Builder builder = SseEndpoint.builder("/events");

    assertThrows(IllegalArgumentException.class, () -> builder.method(method));
  }

  private HttpResponse<InputStream> post(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(EventStreamReader.TIMEOUT)
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> preflight(String method) throws Exception {
    return server.request(
        "OPTIONS", "/events", "Origin", APP, "Access-Control-Request-Method", method);
  }
}
