package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that parameter records and generated servers reject values the document forbids. */
class ParameterCheckTest {

  private static final String PACKAGE = "com.example.gitter";
  private static final String RULES_PACKAGE = "com.example.rules";

  /** A 2.x channel whose parameter schemas carry a type and validation keywords. */
  private static final String RULES_DOCUMENT =
      "asyncapi: 2.6.0\n"
          + "info:\n"
          + "  title: Rules\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  floors/{building}/{floor}/sensors/{ratio}:\n"
          + "    parameters:\n"
          + "      building:\n"
          + "        schema:\n"
          + "          type: string\n"
          + "          pattern: '^[a-z]+$'\n"
          + "          minLength: 2\n"
          + "          maxLength: 5\n"
          + "      floor:\n"
          + "        schema:\n"
          + "          type: integer\n"
          + "          minimum: -2\n"
          + "          maximum: 40\n"
          + "      ratio:\n"
          + "        schema:\n"
          + "          type: number\n"
          + "          exclusiveMinimum: 0\n"
          + "          exclusiveMaximum: 1\n"
          + "    subscribe:\n"
          + "      message:\n"
          + "        name: reading\n"
          + "        payload:\n"
          + "          type: object\n"
          + "          properties:\n"
          + "            value:\n"
          + "              type: integer\n";

  @TempDir Path dir;

  private Compilation compileRules() throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), RULES_DOCUMENT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor(RULES_PACKAGE, "rules.yaml"));
    assertThat(compilation).succeeded();
    return compilation;
  }

  private static HttpResponse<String> send(HttpServer http, String method, String path)
      throws Exception {
    URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "text/event-stream")
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpServer loopbackServer() throws Exception {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  @Test
  void enumParameterOutsideItsValuesGets400() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"));
    assertThat(compilation).succeeded();
    Class<?> entry = new CompiledClasses(compilation).loadClass(PACKAGE + ".GitterStreamingApi");

    HttpServer http = loopbackServer();
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      // The document binds the room stream to POST.
      HttpResponse<String> rejected = send(http, "POST", "/v1/rooms/room-1/messages");

      assertEquals(400, rejected.statusCode());
      assertEquals(
          "parameter resource must be one of [chatMessages, events], but was messages",
          rejected.body().strip());

      HttpClient client = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      HttpResponse<java.io.InputStream> accepted = client.send(
          HttpRequest.newBuilder(base.resolve("/v1/rooms/room-1/chatMessages"))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
      accepted.body().close();
      assertEquals(200, accepted.statusCode());
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void enumParameterBecomesJavaEnum() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"));
    assertThat(compilation).succeeded();
    CompiledClasses classes = new CompiledClasses(compilation);
    Class<?> parameters = classes.loadClass(PACKAGE + ".RoomsParameters");
    Class<?> resource = classes.loadClass(PACKAGE + ".RoomsParameters$Resource");

    RecordComponent[] components = parameters.getRecordComponents();
    assertEquals(String.class, components[0].getType());
    assertEquals(resource, components[1].getType());
    assertTrue(resource.isEnum());
    Object events = resource.getMethod("fromValue", String.class).invoke(null, "events");
    assertEquals("EVENTS", ((Enum<?>) events).name());
    assertEquals("events", resource.getMethod("value").invoke(events));

    Object record = parameters.getConstructor(String.class, resource).newInstance("r1", events);
    assertEquals(
        Map.of("roomId", "r1", "resource", "events"),
        parameters.getMethod("toMap").invoke(record));
  }

  @Test
  void enumNamesExtensionNamesConstants() throws Exception {
    Files.writeString(dir.resolve("named.yaml"),
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Named\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  feed:\n"
            + "    address: feeds/{level}\n"
            + "    parameters:\n"
            + "      level:\n"
            + "        enum: ['1', '2']\n"
            + "        x-java-enum-names: [low, high]\n"
            + "        description: How much detail to send.\n"
            + "        examples: ['2']\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: string\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor(RULES_PACKAGE, "named.yaml"));
    assertThat(compilation).succeeded();
    Class<?> level =
        new CompiledClasses(compilation).loadClass(RULES_PACKAGE + ".FeedParameters$Level");

    Object high = level.getMethod("fromValue", String.class).invoke(null, "2");
    assertEquals("HIGH", ((Enum<?>) high).name());
    assertThat(compilation)
        .generatedSourceFile(RULES_PACKAGE + ".FeedParameters")
        .contentsAsUtf8String()
        .contains("Values of the {@code level} parameter: How much detail to send.");
  }

  @Test
  void parameterRecordRejectsBrokenRules() throws Exception {
    Class<?> parameters =
        new CompiledClasses(compileRules()).loadClass(RULES_PACKAGE + ".FloorsBuildingFloorSensorsRatioParameters");
    Constructor<?> constructor =
        parameters.getConstructor(String.class, long.class, double.class);

    assertEquals("parameter building must match pattern ^[a-z]+$, but was ab1",
        rejection(constructor, "ab1", 3L, 0.5));
    assertEquals("parameter building must have at least 2 characters, but was a",
        rejection(constructor, "a", 3L, 0.5));
    assertEquals("parameter building must have at most 5 characters, but was abcdef",
        rejection(constructor, "abcdef", 3L, 0.5));
    assertEquals("parameter floor must be at least -2, but was -3",
        rejection(constructor, "ab", -3L, 0.5));
    assertEquals("parameter floor must be at most 40, but was 41",
        rejection(constructor, "ab", 41L, 0.5));
    assertEquals("parameter ratio must be greater than 0, but was 0.0",
        rejection(constructor, "ab", 3L, 0.0));
    assertEquals("parameter ratio must be less than 1, but was 1.0",
        rejection(constructor, "ab", 3L, 1.0));

    Object valid = constructor.newInstance("ab", 40L, 0.25);
    assertEquals(Map.of("building", "ab", "floor", "40", "ratio", "0.25"),
        parameters.getMethod("toMap").invoke(valid));
  }

  @Test
  void draft4ExclusiveBoundsAreChecked() throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), RULES_DOCUMENT
        .replace("          minimum: -2\n", "          minimum: -2\n          exclusiveMinimum: true\n")
        .replace("          maximum: 40\n", "          maximum: 40\n          exclusiveMaximum: true\n"));
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor(RULES_PACKAGE, "rules.yaml"));
    assertThat(compilation).succeeded();
    Class<?> parameters = new CompiledClasses(compilation)
        .loadClass(RULES_PACKAGE + ".FloorsBuildingFloorSensorsRatioParameters");
    Constructor<?> constructor =
        parameters.getConstructor(String.class, long.class, double.class);

    assertEquals("parameter floor must be greater than -2, but was -2",
        rejection(constructor, "ab", -2L, 0.5));
    assertEquals("parameter floor must be less than 40, but was 40",
        rejection(constructor, "ab", 40L, 0.5));
    constructor.newInstance("ab", 39L, 0.5);
  }

  private static String rejection(Constructor<?> constructor, Object... arguments) {
    InvocationTargetException thrown = assertThrows(
        InvocationTargetException.class, () -> constructor.newInstance(arguments));
    assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
    return thrown.getCause().getMessage();
  }

  @Test
  void serverRejectsBrokenRulesWith400() throws Exception {
    Class<?> entry = new CompiledClasses(compileRules()).loadClass(RULES_PACKAGE + ".Rules");
    HttpServer http = loopbackServer();
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      Map<String, String> rejected = Map.of(
          "/floors/AB/1/sensors/0.5",
          "parameter building must match pattern ^[a-z]+$, but was AB",
          "/floors/abcdef/1/sensors/0.5",
          "parameter building must have at most 5 characters, but was abcdef",
          "/floors/ab/one/sensors/0.5",
          "parameter floor must be an integer, but was one",
          "/floors/ab/41/sensors/0.5",
          "parameter floor must be at most 40, but was 41",
          "/floors/ab/1/sensors/NaN",
          "parameter ratio must be a number, but was NaN",
          "/floors/ab/1/sensors/1",
          "parameter ratio must be less than 1, but was 1.0");
      for (Map.Entry<String, String> request : rejected.entrySet()) {
        HttpResponse<String> response = send(http, "GET", request.getKey());
        assertEquals(400, response.statusCode(), request.getKey());
        assertEquals(request.getValue(), response.body().strip(), request.getKey());
      }

      URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      HttpResponse<java.io.InputStream> accepted = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/floors/ab/-2/sensors/0.5"))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
      accepted.body().close();
      assertEquals(200, accepted.statusCode());
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void boundsBeyondDoubleCompile() throws Exception {
    Compilation compilation = Sources.compile(dir, RULES_PACKAGE, "wide.yaml",
        RULES_DOCUMENT
            .replace("          exclusiveMinimum: 0\n", "          minimum: -1e400\n")
            .replace("          exclusiveMaximum: 1\n", "          maximum: 1e400\n")
            .replace("          maximum: 40\n", "          maximum: 1e400\n"),
        "-Xlint:all");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void enumBeyondDoubleIsError() throws Exception {
    Compilation compilation = Sources.compile(dir, RULES_PACKAGE, "wide.yaml",
        RULES_DOCUMENT
            .replace("          exclusiveMinimum: 0\n", "          enum: [1e400, 0.5, abc]\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "wide.yaml:22:18: " + Messages.numberBeyondDoubleRange("enum", "1E+400", true));
    assertThat(compilation).hadErrorContaining(
        "wide.yaml:22:30: " + Messages.expectedKind("enum value", "a number", "string"));
  }
}
