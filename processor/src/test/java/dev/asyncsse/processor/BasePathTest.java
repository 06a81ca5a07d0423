package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gitter document's only server is {@code https://stream.gitter.im/v1}: a client given that URL
 * requests {@code /v1/rooms/...}, so the generated server must serve the channels there too.
 */
class BasePathTest {

  private static final String PACKAGE = "com.example.gitter";
  private static final String ROOM_PATH = "/rooms/r1/events";

  private static CompiledClasses classes;

  @TempDir Path dir;

  @BeforeAll
  static void compile() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(
            Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"),
            JavaFileObjects.forResource("roundtrip/GitterBasePathCheck.java"));
    assertThat(compilation).succeeded();
    classes = new CompiledClasses(compilation);
  }

  @Test
  void basePathIsServerUrlPath() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".GitterStreamingApi");

    assertEquals("/v1", entry.getField("BASE_PATH").get(null));
  }

  @Test
  void clientWithBasePathReachesServer() throws Exception {
    @SuppressWarnings("unchecked")
    Supplier<List<String>> check = (Supplier<List<String>>)
        classes.loadClass(PACKAGE + ".GitterBasePathCheck").getDeclaredConstructor().newInstance();

    assertEquals(List.of("uri /v1" + ROOM_PATH, "message hello"), check.get());
  }

  @Test
  void serverAnswersBelowBasePathOnly() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".GitterStreamingApi");
    HttpServer http = loopbackServer();
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      assertEquals(200, statusOf(http, "/v1" + ROOM_PATH));
      assertEquals(404, statusOf(http, ROOM_PATH));
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void emptyBasePathServesAddressesAsWritten() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".GitterStreamingApi");
    HttpServer http = loopbackServer();
    Consumer<?> noOptions = endpoint -> { };
    Object server = entry
        .getMethod("server", HttpServer.class, String.class, JsonCodec.class, Consumer.class)
        .invoke(null, http, "", JsonCodec.jackson(), noOptions);
    http.start();
    try {
      assertEquals(200, statusOf(http, ROOM_PATH));
      assertEquals(404, statusOf(http, "/v1" + ROOM_PATH));
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void serversWithDifferentPathsGiveNoBasePath() throws Exception {
    Files.writeString(dir.resolve("two.yaml"),
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Two Servers\n"
            + "  version: 1.0.0\n"
            + "servers:\n"
            + "  production:\n"
            + "    host: example.com\n"
            + "    pathname: /v1\n"
            + "    protocol: https\n"
            + "  staging:\n"
            + "    host: staging.example.com\n"
            + "    pathname: /v2/\n"
            + "    protocol: https\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: /ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: string\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor("com.example.two", "two.yaml"));
    assertThat(compilation).succeeded();

    Class<?> entry = new CompiledClasses(compilation).loadClass("com.example.two.TwoServers");

    assertEquals("", entry.getField("BASE_PATH").get(null));
  }

  private static HttpServer loopbackServer() throws Exception {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  /**
   * Returns the status of a POST, the method the document binds the room stream to, that accepts
   * an event stream, and closes the body unread.
   */
  private static int statusOf(HttpServer http, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }
}
