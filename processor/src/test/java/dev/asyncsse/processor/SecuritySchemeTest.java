package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SecuritySchemeTest {

  private static final String PACKAGE = "com.example.gitter";

  @Test
  void bearerSchemeGuardsServerAndClientSendsToken() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(
            Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"),
            JavaFileObjects.forResource("roundtrip/GitterSecurityCheck.java"));
    assertThat(compilation).succeeded();

    @SuppressWarnings("unchecked")
    Supplier<List<String>> check = (Supplier<List<String>>)
        new CompiledClasses(compilation)
            .loadClass(PACKAGE + ".GitterSecurityCheck")
            .getDeclaredConstructor()
            .newInstance();

    assertEquals(List.of("anonymous error 401", "member opened"), check.get());
  }

  @Test
  void clientBuilderHasMethodPerScheme() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"));

    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".GitterStreamingApi")
        .contentsAsUtf8String()
        .contains("public ClientBuilder httpBearerToken(String token)");
  }

  @Test
  void apiKeyInQueryGoesIntoChannelUri(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("keys.yaml"),
        "asyncapi: 3.0.0\n"
            + "info: {title: Keys, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick: {payload: {type: object, properties: {n: {type: integer}}}}\n"
            + "components:\n"
            + "  securitySchemes:\n"
            + "    queryKey: {type: httpApiKey, name: api_key, in: query}\n"
            + "    cookieKey: {type: httpApiKey, name: session, in: cookie}\n"
            + "    header: {type: http, scheme: basic}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(Sources.packageInfoFor("com.example.keys", "keys.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.keys.Keys")
        .contentsAsUtf8String()
        .contains("sse.credentialQueryParameter(\"api_key\")");

    Class<?> entry = new CompiledClasses(compilation).loadClass("com.example.keys.Keys");
    Object builder = entry.getMethod("client", java.net.URI.class)
        .invoke(null, java.net.URI.create("http://127.0.0.1:8080/base"));
    builder.getClass().getMethod("queryKey", String.class).invoke(builder, "k 1");
    builder.getClass().getMethod("headerCredential", String.class, String.class)
        .invoke(builder, "ada", "pw");
    Object client = builder.getClass().getMethod("build").invoke(builder);
    Object ticks = client.getClass().getMethod("ticks").invoke(client);

    assertEquals(java.net.URI.create("http://127.0.0.1:8080/base/ticks?api_key=k%201"),
        ticks.getClass().getMethod("uri").invoke(ticks));
  }

  @Test
  void apiKeyInQueryRedactedInErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("keys.yaml"),
        "asyncapi: 3.0.0\n"
            + "info: {title: Keys, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick: {payload: {type: object, properties: {n: {type: integer}}}}\n"
            + "components:\n"
            + "  securitySchemes:\n"
            + "    queryKey: {type: httpApiKey, name: api_key, in: query}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor("com.example.keys", "keys.yaml"));
    assertThat(compilation).succeeded();
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    http.start();
    try {
      Class<?> entry = new CompiledClasses(compilation).loadClass("com.example.keys.Keys");
      java.net.URI base =
          java.net.URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/base");
      Object builder = entry.getMethod("client", java.net.URI.class).invoke(null, base);
      builder.getClass().getMethod("queryKey", String.class).invoke(builder, "top-secret");
      Object client = builder.getClass().getMethod("build").invoke(builder);
      Object ticks = client.getClass().getMethod("ticks").invoke(client);
      java.util.concurrent.BlockingQueue<Object> errors =
          new java.util.concurrent.LinkedBlockingQueue<>();
      java.util.function.Consumer<Object> onError = errors::add;
      ticks.getClass().getMethod("onError", java.util.function.Consumer.class)
          .invoke(ticks, onError);
      try (AutoCloseable subscription =
          (AutoCloseable) ticks.getClass().getMethod("listen").invoke(ticks)) {
        Object error = errors.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertNotNull(error, "no error within 10 s");
        String message = ((Throwable) error).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(
            message.contains("/base/ticks?api_key=***"), message);
        org.junit.jupiter.api.Assertions.assertFalse(message.contains("top-secret"), message);
      }
    } finally {
      http.stop(0);
    }
  }
}
