package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that channels sharing one address share one id sequence and one replay buffer. */
class SharedAddressTest {

  private static final String PACKAGE = "com.example.market";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Market\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  prices:\n"
          + "    address: /\n"
          + "    messages:\n"
          + "      price:\n"
          + "        payload:\n"
          + "          type: string\n"
          + "  trades:\n"
          + "    address: /\n"
          + "    messages:\n"
          + "      trade:\n"
          + "        payload:\n"
          + "          type: string\n";

  @TempDir Path dir;

  /** One event as read from the wire. */
  private record WireEvent(String id, String name, String data) {}

  @Test
  void lastEventIdResumesAcrossChannels() throws Exception {
    Files.writeString(dir.resolve("market.yaml"), DOCUMENT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor(PACKAGE, "market.yaml"));
    assertThat(compilation).succeeded();
    Class<?> entry = new CompiledClasses(compilation).loadClass(PACKAGE + ".Market");

    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    Object prices = broadcaster(server, "prices");
    Object trades = broadcaster(server, "trades");
    http.start();
    try {
      publish(prices, "p1");
      publish(trades, "t1");
      publish(prices, "p2");
      publish(trades, "t2");
      URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");

      List<WireEvent> all;
      try (InputStream body = open(uri, "no-such-id")) {
        all = read(body, 4);
      }
      assertEquals(
          List.of("\"p1\"", "\"t1\"", "\"p2\"", "\"t2\""),
          all.stream().map(WireEvent::data).toList());
      assertEquals(List.of("price", "trade", "price", "trade"),
          all.stream().map(WireEvent::name).toList());
      assertEquals(4, new HashSet<>(all.stream().map(WireEvent::id).toList()).size(),
          "ids must be unique across the channels: " + all);

      try (InputStream body = open(uri, all.get(1).id())) {
        List<WireEvent> replayed = read(body, 2);
        assertEquals(all.subList(2, 4), replayed);

        publish(trades, "t3");
        List<WireEvent> live = read(body, 1);
        assertEquals("\"t3\"", live.get(0).data());
      }
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  private static Object broadcaster(Object server, String channel) throws Exception {
    Object channelServer = server.getClass().getMethod(channel).invoke(server);
    return channelServer.getClass().getMethod("broadcast").invoke(channelServer);
  }

  private static void publish(Object broadcaster, String payload) throws Exception {
    broadcaster.getClass().getMethod("publish", Object.class).invoke(broadcaster, payload);
  }

  private static InputStream open(URI uri, String lastEventId) throws Exception {
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Last-Event-ID", lastEventId)
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  /** Reads {@code count} events, skipping comments; fields are written by our own encoder. */
  private static List<WireEvent> read(InputStream body, int count) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    List<WireEvent> events = new ArrayList<>();
    String id = null;
    String name = null;
    String data = null;
    while (events.size() < count) {
      String line = reader.readLine();
      if (line == null) {
        break;
      }
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new WireEvent(id, name, data));
        }
        id = null;
        name = null;
        data = null;
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    return events;
  }
}
