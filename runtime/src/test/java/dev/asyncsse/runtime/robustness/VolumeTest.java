package dev.asyncsse.runtime.robustness;

import static dev.asyncsse.runtime.robustness.Loopback.eventually;
import static dev.asyncsse.runtime.robustness.Loopback.generatedIdNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.Broadcaster;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import dev.asyncsse.runtime.sse.SseParser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many events at once, and events of every size up to the client's limit. */
class VolumeTest {

  private static final int BURST = 10_000;

  record Item(int n) {}

  private static final MessageType<Item> ITEM = MessageType.json("item", Item.class);

  @Test
  void burstFromBroadcasterArrivesInOrder() throws Exception {
    Broadcaster<Item> broadcaster =
        Broadcaster.builder(ITEM, JsonCodec.jackson()).queueCapacity(BURST).build();
    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(SseEndpoint.builder("/items").handler(broadcaster.subscriber()).build());
    http.start();
    EventRecorder recorder = new EventRecorder();
    try (Subscription subscription =
        SseClient.builder(Loopback.uri(http, "/items")).build().subscribe(recorder)) {
      recorder.expectOpen();
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1), "subscribed");

      for (int n = 1; n <= BURST; n++) {
        broadcaster.publish(new Item(n));
      }

      for (int n = 1; n <= BURST; n++) {
        SseEvent event = recorder.expectEvent();
        assertEquals("item", event.type());
        assertEquals("{\"n\":" + n + "}", event.data());
        assertEquals(n, generatedIdNumber(event.id()));
      }
      assertEquals(0, recorder.errorCount());
    } finally {
      server.shutdown();
      http.stop(0);
    }
  }

  /** The server writes all events in one write, so the client gets them in a few large reads. */
  @Test
  void burstInOneWriteArrivesInOrder() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int n = 1; n <= BURST; n++) {
      body.append("id: ").append(n).append("\ndata: item ").append(n).append("\n\n");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    HttpServer http = Loopback.newServer();
    http.createContext(
        "/items",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(bytes);
          out.flush();
          // Ending the body would make the client reconnect; the test closes first.
        });
    http.start();
    EventRecorder recorder = new EventRecorder();
    try (Subscription subscription =
        SseClient.builder(Loopback.uri(http, "/items")).build().subscribe(recorder)) {
      recorder.expectOpen();

      for (int n = 1; n <= BURST; n++) {
        assertEquals(
            new SseEvent("message", "item " + n, String.valueOf(n)), recorder.expectEvent());
      }
    } finally {
      http.stop(0);
    }
  }

  /**
   * Events from 1 byte up to the client's maximum event size arrive unchanged, with ASCII,
   * multi-byte characters and line feeds in the data. One byte more ends the connection with an
   * error, and the client reconnects from the last whole event.
   */
  @Test
  void eventsUpToMaxSizeThenOneOver() throws Exception {
    int max = SseParser.DEFAULT_MAX_EVENT_BYTES;
    int[] sizes = {1, 2, 3, 4, 100, 4095, 4096, 4097, 65_536, 500_000, max - 1, max};
    List<String> payloads = new ArrayList<>();
    Random random = new Random(20_240_611L);
    for (int size : sizes) {
      payloads.add(textOfUtf8Length(size, random));
    }
    String tooLarge = textOfUtf8Length(max + 1, random);
    BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();

    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(
        SseEndpoint.builder("/sized")
            .handler(
                (request, stream) -> {
                  lastEventIds.add(request.lastEventId());
                  if (!request.lastEventId().isEmpty()) {
                    stream.send(null, "after", "after the reconnect");
                    return;
                  }
                  for (int i = 0; i < payloads.size(); i++) {
                    stream.send(null, "size-" + sizes[i], payloads.get(i));
                  }
                  stream.send(null, "too-large", tooLarge);
                })
            .build());
    http.start();
    EventRecorder recorder = new EventRecorder();
    try (Subscription subscription =
        SseClient.builder(Loopback.uri(http, "/sized"))
            .reconnectDelay(Duration.ofMillis(50))
            .build()
            .subscribe(recorder)) {
      recorder.expectOpen();
      for (int i = 0; i < sizes.length; i++) {
        SseEvent event = recorder.expectEvent();

        assertEquals("size-" + sizes[i], event.id());
        assertEquals(sizes[i], event.data().getBytes(StandardCharsets.UTF_8).length);
        assertTrue(payloads.get(i).equals(event.data()), "data of " + sizes[i] + " bytes");
      }

      SseError error = recorder.expectError();
      assertEquals(SseError.Kind.EVENT_TOO_LARGE, error.kind());
      assertTrue(error.willReconnect());
      recorder.expectOpen();
      assertEquals(new SseEvent("message", "after the reconnect", "after"), recorder.expectEvent());
      assertEquals("", lastEventIds.poll(20, TimeUnit.SECONDS));
      assertEquals("size-" + max, lastEventIds.poll(20, TimeUnit.SECONDS));
    } finally {
      server.shutdown();
      http.stop(0);
    }
  }

  /**
   * Returns text whose UTF-8 encoding is exactly {@code bytes} long, mixing ASCII, two-, three- and
   * four-byte characters and line feeds. No CR, because the server writes CR as a line break.
   */
  private static String textOfUtf8Length(int bytes, Random random) {
    String[] pieces = {"a", "Z", " ", "\n", "\u00e9", "\u20ac", "\ud83d\ude00", ":"};
    StringBuilder text = new StringBuilder(bytes);
    int length = 0;
    while (length < bytes) {
      String piece = pieces[random.nextInt(pieces.length)];
      int pieceBytes = piece.getBytes(StandardCharsets.UTF_8).length;
      if (length + pieceBytes > bytes) {
        piece = "a";
        pieceBytes = 1;
      }
      text.append(piece);
      length += pieceBytes;
    }
    return text.toString();
  }
}
