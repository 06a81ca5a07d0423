package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks that a generated server rejects path parameters the document does not allow. */
class ParameterCheckTest {

  private static final String PACKAGE = "com.example.gitter";

  @Test
  void enumParameterOutsideItsValuesGets400() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, "gitter-streaming-v3.yaml"));
    assertThat(compilation).succeeded();
    Class<?> entry = new CompiledClasses(compilation).loadClass(PACKAGE + ".GitterStreamingApi");

    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      HttpResponse<String> rejected = client.send(
          HttpRequest.newBuilder(base.resolve("/rooms/room-1/messages"))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(400, rejected.statusCode());
      assertTrue(rejected.body().contains("parameter resource must be one of"), rejected.body());

      HttpResponse<java.io.InputStream> accepted = client.send(
          HttpRequest.newBuilder(base.resolve("/rooms/room-1/chatMessages"))
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
}
