package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.processor.diagnostic.Messages;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP method of {@code bindings.http.method}, in diagnostics and in the generated server. */
class HttpMethodTest {

  private static final String HEADER =
      "asyncapi: 3.0.0\n"
          + "info: {title: Ticks, version: 1.0.0}\n"
          + "channels:\n"
          + "  ticks:\n"
          + "    address: /ticks\n"
          + "    messages:\n"
          + "      tick: {payload: {type: integer}}\n"
          + "operations:\n";

  @Test
  void postBindingCompilesWithoutWarnings(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir, HEADER + operation("sendTicks", "POST"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void postBindingServerAcceptsOnlyPost(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir, HEADER + operation("sendTicks", "POST"));
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> entry = entryClass(compilation);

    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/ticks");
      HttpResponse<InputStream> get = send(uri, "GET");
      HttpResponse<InputStream> post = send(uri, "POST");

      assertEquals(405, get.statusCode());
      assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
      assertEquals(200, post.statusCode());
      assertEquals(
          Optional.of("text/event-stream; charset=utf-8"),
          post.headers().firstValue("Content-Type"));
      get.body().close();
      post.body().close();
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void headBindingIsWarned(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir, HEADER + operation("sendTicks", "HEAD"));

    assertThat(compilation).succeeded();
    assertEquals(1, compilation.warnings().size(), compilation.warnings().toString());
    assertThat(compilation).hadWarningContaining(
        "ticks.yaml:12:31: " + Messages.unsupportedHttpMethod("HEAD", "sendTicks"));
  }

  @Test
  void nonTokenMethodIsAnError(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir, HEADER + operation("sendTicks", "'GE T'"));

    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size(), compilation.errors().toString());
    assertEquals(0, compilation.warnings().size(), compilation.warnings().toString());
    assertThat(compilation).hadErrorContaining(
        "ticks.yaml:12:31: " + Messages.invalidHttpMethod("GE T"));
    assertThat(compilation).hadErrorContaining("Write the method name alone");
  }

  @Test
  void nonTokenMethodsAreErrors(@TempDir Path dir) throws Exception {
    for (String method : new String[] {
        "''", "\"GET\\n\"", "'G\u00c9T'", "'ge\u017ft'", "'GET/1'", "'(GET)'"}) {
      Compilation compilation = compile(dir, HEADER + operation("sendTicks", method));

      assertThat(compilation).failed();
      assertEquals(1, compilation.errors().size(), method + ": " + compilation.errors());
      assertThat(compilation).hadErrorContaining("Invalid HTTP method ");
    }
  }

  @Test
  void nonTokenChannelMethodIsOneError(@TempDir Path dir) throws Exception {
    String document = HEADER.replace(
            "    address: /ticks\n",
            "    address: /ticks\n    bindings: {http: {method: 'GE T'}}\n")
        + "  sendTicks:\n"
        + "    action: send\n"
        + "    channel: {$ref: '#/channels/ticks'}\n"
        + "  receiveTicks:\n"
        + "    action: receive\n"
        + "    channel: {$ref: '#/channels/ticks'}\n";

    Compilation compilation = compile(dir, document);

    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size(), compilation.errors().toString());
    assertThat(compilation).hadErrorContaining(
        "ticks.yaml:6:31: " + Messages.invalidHttpMethod("GE T"));
  }

  @Test
  void unusualTokenMethodIsKept(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir, HEADER + operation("sendTicks", "m-search"));

    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(
        compilation.generatedSourceFiles().stream()
            .anyMatch(file -> contents(file).contains("\"M-SEARCH\"")),
        "no generated source sends M-SEARCH");
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void differentMethodsOnOneChannelAreAnError(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(dir,
        HEADER + operation("sendTicks", "POST") + operation("receiveTicks", "PUT"));

    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size(), compilation.errors().toString());
    assertThat(compilation).hadErrorContaining(
        "ticks.yaml:16:31: "
            + Messages.conflictingHttpMethods("ticks", "sendTicks", "POST", "receiveTicks", "PUT"));
  }

  @Test
  void operationWithoutMethodTakesChannelBinding(@TempDir Path dir) throws Exception {
    String document = HEADER.replace(
            "    address: /ticks\n", "    address: /ticks\n    bindings: {http: {method: POST}}\n")
        + "  sendTicks:\n"
        + "    action: send\n"
        + "    channel: {$ref: '#/channels/ticks'}\n"
        + "    bindings: {http: {query: {type: object}}}\n"
        + operation("receiveTicks", "PUT");

    Compilation compilation = compile(dir, document);

    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size(), compilation.errors().toString());
    assertThat(compilation).hadErrorContaining(
        "ticks.yaml:17:31: "
            + Messages.conflictingHttpMethods("ticks", "sendTicks", "POST", "receiveTicks", "PUT"));
  }

  @Test
  void controlCharactersInMethodAreEscaped(@TempDir Path dir) throws Exception {
    String[] methods = {"POST\\n", "GE\\tT", "GET\\u0000"};
    String[] shown = {"\"POST\\n\"", "\"GE\\tT\"", "\"GET\\u0000\""};
    for (int i = 0; i < methods.length; i++) {
      Compilation compilation = compile(dir, HEADER
          + "  o: {action: receive, channel: {$ref: '#/channels/ticks'},"
          + " bindings: {http: {method: \"" + methods[i] + "\"}}}\n");

      assertThat(compilation).failed();
      assertThat(compilation).hadErrorCount(1);
      String message = compilation.errors().get(0).getMessage(null);
      assertTrue(message.contains("Invalid HTTP method " + shown[i] + " in"), message);
      assertTrue(message.chars().noneMatch(c -> c < 0x20), message);
    }
  }

  private static String operation(String name, String method) {
    return "  " + name + ":\n"
        + "    action: send\n"
        + "    channel: {$ref: '#/channels/ticks'}\n"
        + "    bindings: {http: {method: " + method + "}}\n";
  }

  private static Compilation compile(Path dir, String document) throws Exception {
    return Sources.compile(dir, "com.example.ticks", "ticks.yaml", document, "-Xlint:all");
  }

  private static HttpResponse<InputStream> send(URI uri, String method) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "text/event-stream")
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static Class<?> entryClass(Compilation compilation) throws ClassNotFoundException {
    CompiledClasses classes = new CompiledClasses(compilation);
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String name = file.getName();
      String binary = name.substring(name.indexOf("/SOURCE_OUTPUT/") + "/SOURCE_OUTPUT/".length(),
          name.length() - ".java".length()).replace('/', '.');
      Class<?> type = classes.loadClass(binary);
      try {
        type.getMethod("server", HttpServer.class);
        return type;
      } catch (NoSuchMethodException e) {
        // not the entry class
      }
    }
    throw new AssertionError("no generated class has server(HttpServer)");
  }
}
