package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  /** A stand-in for a generated parameters record, whose factory validates the values. */
  record LightParameters(int lightId) {

    static LightParameters fromMap(Map<String, String> values) {
      String text = values.get("lightId");
      if (!text.matches("[0-9]{1,6}")) {
        throw new IllegalArgumentException(
            "Invalid path parameter lightId \"" + text + "\": expected an integer");
      }
      return new LightParameters(Integer.parseInt(text));
    }
  }

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
  void invalidPathParameterGets400WithReason() throws Exception {
    register(SseEndpoint.builder("/lights/{lightId}").pathParameterCheck(LightParameters::fromMap));

    HttpResponse<String> response = server.request("GET", "/lights/seven");

    assertEquals(400, response.statusCode());
    assertEquals(
        Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    assertEquals("Invalid path parameter lightId \"seven\": expected an integer", response.body());
    assertEquals(0, handlerCalls.get());
  }

  @Test
  void validPathParameterReachesHandler() throws Exception {
    register(SseEndpoint.builder("/lights/{lightId}").pathParameterCheck(LightParameters::fromMap));

    try (EventStreamReader reader = server.open("/lights/42")) {
      assertEquals("open", reader.nextEvent().data());
    }
    assertEquals(1, handlerCalls.get());
  }

  @Test
  void exceptionWithoutMessageGetsDefaultReason() throws Exception {
    register(
        SseEndpoint.builder("/lights/{lightId}")
            .pathParameterCheck(
                values -> {
                  throw new IllegalArgumentException();
                }));

    HttpResponse<String> response = server.request("GET", "/lights/7");

    assertEquals(400, response.statusCode());
    assertEquals("Invalid path parameters {lightId=7}.", response.body());
  }

  @Test
  void checksRunInDocumentedOrder() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    register(
        SseEndpoint.builder("/lights/{lightId}")
            .authorize(
                request -> {
                  order.add("authorize");
                  return AccessDecision.accept();
                })
            .pathParameterCheck(values -> order.add("parameters"))
            .authenticate(
                request -> {
                  order.add("authenticate");
                  return AccessDecision.accept();
                }));

    try (EventStreamReader reader = server.open("/lights/1")) {
      assertEquals("open", reader.nextEvent().data());
    }

    assertEquals(List.of("authenticate", "parameters", "authorize"), order);
  }

  @Test
  void authenticationFailsBeforeParameterCheck() throws Exception {
    register(
        SseEndpoint.builder("/lights/{lightId}")
            .authenticate(Authentication.bearer(token -> AccessDecision.accept()))
            .pathParameterCheck(LightParameters::fromMap));

    assertEquals(401, server.request("GET", "/lights/seven").statusCode());
  }

  @Test
  void authorizationSeesPrincipalAndMayForbid() throws Exception {
    register(
        SseEndpoint.builder("/lights/{lightId}")
            .authenticate(
                Authentication.basic(
                    "lights", (user, password) -> AccessDecision.acceptIf(password.equals("pw"))))
            .authorize(
                request ->
                    request.principal().orElseThrow().getUsername().equals("ada")
                        ? AccessDecision.accept()
                        : AccessDecision.forbidden(
                            "Only ada may watch light " + request.pathParameter("lightId") + ".")));

    HttpResponse<String> forbidden =
        server.request("GET", "/lights/3", "Authorization", "Basic Ym9iOnB3");

    assertEquals(403, forbidden.statusCode());
    assertEquals("Only ada may watch light 3.", forbidden.body());
    try (EventStreamReader reader = server.open("/lights/3", "Authorization", "Basic YWRhOnB3")) {
      assertEquals("open", reader.nextEvent().data());
    }
  }

  @Test
  void everyAuthorizationMustAccept() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authorize(request -> AccessDecision.accept())
            .authorize(request -> AccessDecision.reject(204, "")));

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(204, response.statusCode());
    assertEquals("", response.body());
    assertEquals(0, handlerCalls.get());
  }

  @Test
  void failingCheckGets500() throws Exception {
    register(
        SseEndpoint.builder("/events")
            .authorize(
                request -> {
                  throw new IOException("the user directory is down");
                }));

    HttpResponse<String> response = server.request("GET", "/events");

    assertEquals(500, response.statusCode());
    assertEquals("The server failed to open the event stream.", response.body());
    assertEquals(0, handlerCalls.get());
    assertTrue(LoopbackServer.eventually(() -> server.sse.openStreamCount() == 0));
  }

  private void register(SseEndpoint.Builder endpoint) {
    server.register(
        endpoint
            .handler(
                (request, stream) -> {
                  handlerCalls.incrementAndGet();
                  stream.send(null, null, "open");
                })
            .build());
  }
}
