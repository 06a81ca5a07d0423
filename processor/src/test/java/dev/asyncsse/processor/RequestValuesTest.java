package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncsse.processor.diagnostic.Messages;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request headers from message {@code headers}, query parameters from {@code bindings.http.query},
 * and the typed publisher, stream and event views, run over loopback against the generated server.
 */
class RequestValuesTest {

  private static final String PACKAGE = "com.example.prices";

  private static Function<String, List<String>> scenarios;
  private static Compilation prices;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void compile() throws Exception {
    Path dir = Path.of(RequestValuesTest.class.getResource("/requestvalues/prices.yaml").toURI())
        .getParent();
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all", "-Werror")
        .compile(
            Sources.packageInfoFor(PACKAGE, "prices.yaml"),
            JavaFileObjects.forResource("roundtrip/PricesRoundTrip.java"));
    assertThat(compilation).succeededWithoutWarnings();
    prices = compilation;
    scenarios = (Function<String, List<String>>) new CompiledClasses(compilation)
        .loadClass(PACKAGE + ".PricesRoundTrip")
        .getDeclaredConstructor()
        .newInstance();
  }

  @Test
  void headersAndQueryReachHandlerTyped() {
    assertEquals(
        List.of("eu 2 trace 7 EUR 5 A&B é null [1, 2]", "A&B é 200"), scenarios.apply("handler"));
  }

  @Test
  void invalidRequestValuesGet400WithReason() {
    List<String> expected = List.of(
        "400 Invalid request headers: X-Api-Version: must be <= 3, but was 9",
        "400 Invalid request headers: X-Api-Version: must be an integer, but was two",
        "400 Invalid request headers: X-Api-Version: required property is missing",
        "400 Invalid query parameters: currency: must be one of \"EUR\", \"USD\", but was GBP",
        "400 Invalid query parameters: currency: required property is missing",
        "400 Invalid query parameters: depth: must be <= 10, but was 11",
        "400 Invalid query parameters: depth: must be an integer, but was x",
        "400 Invalid query parameters: depth: must be a 32-bit integer, but was 99999999999",
        "400 Invalid query parameters: currency: must be given once, but was given 2 times:"
            + " EUR, USD",
        "400 Invalid query parameters: live: must be true or false, but was yes",
        "400 Invalid query parameters: levels: must be an integer, but was z",
        "400 Invalid query parameters: levels[1]: must be >= 0, but was -1",
        "400 Invalid query parameters: since: must be a date-time such as 2024-01-31T10:15:30Z,"
            + " but was yesterday",
        "200 eu 1 null EUR 2 null null null",
        "200 eu 1 null EUR null null true [1, 2]",
        "200 eu 1 null EUR null null null [3, 4]");

    List<String> seen = scenarios.apply("rejections");

    assertEquals(expected.size(), seen.size(), seen.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), seen.get(i), "request " + i);
    }
  }

  @Test
  void identicalInlineHeadersAreChecked() {
    assertEquals(
        List.of("400 Invalid request headers: X-Trace: required property is missing",
            "200 fills t1"),
        scenarios.apply("sharedHeaders"));
  }

  @Test
  void identicalInlineHeadersGetOneRecord() {
    assertThat(prices).generatedSourceFile(PACKAGE + ".FillHeaders").isNotNull();
    assertTrue(prices.generatedSourceFiles().stream()
            .noneMatch(file -> file.getName().endsWith("/CancelHeaders.java")),
        prices.generatedSourceFiles().toString());
  }

  @Test
  void differentHeadersAreWarnedAtChannel(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("orders.yaml"),
        "asyncapi: 3.0.0\n"
            + "info: {title: Orders, version: 1.0.0}\n"
            + "channels:\n"
            + "  orders:\n"
            + "    address: /orders\n"
            + "    messages:\n"
            + "      placed:\n"
            + "        headers: {type: object, properties: {X-Trace: {type: string}}}\n"
            + "        payload: {type: integer}\n"
            + "      cancelled:\n"
            + "        headers: {type: object, properties: {X-Reason: {type: string}}}\n"
            + "        payload: {type: integer}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor("com.example.orders", "orders.yaml"));

    assertThat(compilation).succeeded();
    assertEquals(1, compilation.warnings().size(), compilation.warnings().toString());
    assertThat(compilation).hadWarningContaining("orders.yaml:5:5: "
        + Messages.differentChannelHeaders("orders", List.of("placed", "cancelled")));
    assertTrue(compilation.generatedSourceFiles().stream()
            .noneMatch(file -> file.getName().endsWith("Headers.java")),
        compilation.generatedSourceFiles().toString());
    assertThat(compilation).generatedSourceFile("com.example.orders.OrdersClient")
        .contentsAsUtf8String().doesNotContain("headers(");
  }

  @Test
  void recordsRejectValuesLikeServer() {
    assertEquals(
        List.of("X-Api-Version: must be <= 3, but was 9",
            "depth: must be <= 10, but was 11",
            "currency: required property is missing"),
        scenarios.apply("recordChecks"));
  }

  @Test
  void unsendableHeaderValuesAreRejected() {
    String rule = ": must be visible ASCII characters for an HTTP header, with spaces and tabs"
        + " only between them, but was ";
    List<String> expected = List.of(
        "X-Trace-Id" + rule + "\"t\u00e9\"",
        "X-Trace-Id" + rule + "\"t\u00e9\u20ac\"",
        "X-Trace-Id" + rule + "\"a\\u000d\\u000ab\"",
        "X-Trace-Id" + rule + "\" lead\"",
        "X-Trace-Id" + rule + "\"trail\\u0009\"",
        // The client sends the tab, and com.sun.net.httpserver (JDK 17) reads it as a space.
        "eu 2 a b c EUR 5 A&B \u00e9 null [1, 2]");

    List<String> seen = scenarios.apply("headerValues");

    assertEquals(expected.size(), seen.size(), seen.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), seen.get(i), "value " + i);
    }
  }

  @Test
  void stringArraysRoundTripStrictly() {
    String reason = "400 Invalid query parameters: names: must be ";
    List<String> expected = List.of(
        "tags [a, [b], 1, null, x,y, \"q\"]",
        "200 tags [a, b]",
        "200 tags [a,b]",
        "200 tags [a, b]",
        reason + "a string, but was 1",
        reason + "a string, but was null",
        reason + "a string, but was []",
        reason + "a JSON array such as [\"a\",\"b\"], or one parameter per item, but was [a]",
        "200 tags [{}]");

    List<String> seen = scenarios.apply("stringArrays");

    assertEquals(expected.size(), seen.size(), seen.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), seen.get(i), "request " + i);
    }
  }

  @Test
  void reasonsEscapeControlCharacters() {
    String reason = "400 Invalid query parameters: currency: must be ";
    assertEquals(
        List.of("400 Invalid query parameters: depth: must be an integer, but was 1\\u0000",
            reason + "one of \"EUR\", \"USD\", but was \\u001b[31m",
            reason + "given once, but was given 2 times: EUR, \\u000d\\u000aUSD\\u007f"),
        scenarios.apply("controlCharacters"));
  }

  @Test
  void listenWithoutRequiredHeadersFails() {
    assertEquals(
        List.of("Missing request headers for channel \"prices\": the document requires"
            + " X-Api-Version. Call headers(...) before listening."),
        scenarios.apply("missingHeaders"));
  }

  @Test
  void publisherDeliversTypedEventsOnDemand() {
    assertEquals(List.of("trade ", "error DECODING", "quote "), scenarios.apply("publisher"));
  }

  @Test
  void streamDeliversTypedMessages() {
    assertEquals(
        List.of("price A&B é 300", "eu 3 null EUR 5 A&B é null [1, 2]"),
        scenarios.apply("stream"));
  }

  @Test
  void eventAccessorsAndMatchWithoutSwitch() {
    assertEquals(
        List.of("trade Trade qty 3", "quote Quote bid 1.5", "1 DECODING"),
        scenarios.apply("event"));
  }

  @Test
  void corpusTraitHeadersAreCheckedOverLoopback() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption(), "-Xlint:all")
        .compile(Sources.packageInfoFor("com.example.lights", "streetlights-v3.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.lights.LightingMeasuredClient")
        .contentsAsUtf8String()
        .contains("public LightingMeasuredClient headers(CommonHeaders headers)");

    Class<?> entry = new CompiledClasses(compilation).loadClass(
        "com.example.lights.StreetlightsMqttApi");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort()
          + "/smartylighting/streetlights/1/0/event/lamp-1/lighting/measured");
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> tooHigh = client.send(
          HttpRequest.newBuilder(uri).header("my-app-header", "101").build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<java.io.InputStream> valid = client.send(
          HttpRequest.newBuilder(uri).header("My-App-Header", "42").build(),
          HttpResponse.BodyHandlers.ofInputStream());
      valid.body().close();

      assertEquals(400, tooHigh.statusCode());
      assertTrue(tooHigh.body().contains("my-app-header"), tooHigh.body());
      assertTrue(tooHigh.body().contains("101"), tooHigh.body());
      assertEquals(200, valid.statusCode());
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void reservedHeaderNameIsWarned(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("host.yaml"),
        "asyncapi: 3.0.0\n"
            + "info: {title: Host, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: /ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        headers: {type: object, properties: {Host: {type: string}}}\n"
            + "        payload: {type: integer}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor("com.example.host", "host.yaml"));

    assertThat(compilation).succeeded();
    assertEquals(1, compilation.warnings().size(), compilation.warnings().toString());
    assertThat(compilation).hadWarningContaining(Messages.invalidHeaderName(
        "Host", "tick", "the HTTP client sets this header itself"));
    assertThat(compilation).generatedSourceFile("com.example.host.TicksClient")
        .contentsAsUtf8String().doesNotContain("headers(");
  }
}
