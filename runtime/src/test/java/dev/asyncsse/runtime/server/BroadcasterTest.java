package dev.asyncsse.runtime.server;

import static dev.asyncsse.runtime.server.LoopbackServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.EventStreamReader.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BroadcasterTest {

  record Reading(String light, int lumens) {}

  private static final MessageType<Reading> READING =
      MessageType.json("lightMeasured", Reading.class);

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
  void everySubscriberReceivesEveryEventInOrder() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(5))
            .handler(broadcaster.subscriber())
            .build());
    List<EventStreamReader> readers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      readers.add(server.open("/lights"));
    }
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 5), "5 subscribers");

    for (int i = 1; i <= 20; i++) {
      broadcaster.publish(new Reading("l" + i, i));
    }

    for (EventStreamReader reader : readers) {
      for (int i = 1; i <= 20; i++) {
        Frame frame = reader.nextEvent();
        assertEquals(
            List.of(
                "event: lightMeasured",
                "id: " + broadcaster.generatedId(i),
                "data: {\"light\":\"l" + i + "\",\"lumens\":" + i + "}"),
            frame.lines());
      }
      reader.close();
    }
  }

  @Test
  void filteredPublishReachesOnlyMatchingPathParameters() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights/{lightId}")
            .heartbeat(Duration.ofMinutes(5))
            .handler(broadcaster.subscriber())
            .build());
    EventStreamReader first = server.open("/lights/first");
    EventStreamReader second = server.open("/lights/second%20one");
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 2), "2 subscribers");

    broadcaster.publish(
        new Reading("only second", 1),
        parameters -> parameters.get("lightId").equals("second one"));
    broadcaster.publish(
        new Reading("only first", 2), parameters -> parameters.get("lightId").equals("first"));
    broadcaster.publish(new Reading("everyone", 3));

    assertEquals("{\"light\":\"only first\",\"lumens\":2}", first.nextEvent().data());
    assertEquals("{\"light\":\"everyone\",\"lumens\":3}", first.nextEvent().data());
    assertEquals("{\"light\":\"only second\",\"lumens\":1}", second.nextEvent().data());
    assertEquals("{\"light\":\"everyone\",\"lumens\":3}", second.nextEvent().data());
    first.close();
    second.close();
  }

  @Test
  void publishWithExplicitOrNullId() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(5))
            .handler(broadcaster.subscriber())
            .build());
    try (EventStreamReader reader = server.open("/lights")) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));

      broadcaster.publish(new Reading("a", 1), "reading-a");
      broadcaster.publish(new Reading("b", 2), (String) null);

      assertEquals("reading-a", reader.nextEvent().field("id"));
      Frame withoutId = reader.nextEvent();
      assertEquals(null, withoutId.field("id"));
      assertEquals("lightMeasured", withoutId.field("event"));
    }
  }

  @Test
  void invalidIdIsRejectedBeforePublishing() {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());

    assertThrows(
        IllegalArgumentException.class, () -> broadcaster.publish(new Reading("a", 1), "a\nb"));
    assertThrows(
        IllegalArgumentException.class, () -> broadcaster.publish(new Reading("a", 1), "\u2026"));
  }

  @Test
  void subscriberFilterSubscribesOnlyMatchingRequests() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMillis(100))
            .handler(
                broadcaster.subscriber(
                    request -> request.queryParameter("subscribe").orElse("").equals("yes")))
            .build());
    try (EventStreamReader yes = server.open("/lights?subscribe=yes");
        EventStreamReader no = server.open("/lights?subscribe=no")) {
      assertTrue(eventually(() -> server.sse.openStreamCount() == 2));
      assertEquals(1, broadcaster.subscriberCount());

      broadcaster.publish(new Reading("a", 1));

      assertEquals(broadcaster.generatedId(1), yes.nextEvent().field("id"));
      // The other stream stays open with heartbeats only.
      assertTrue(no.nextFrame().isComment());
      assertTrue(no.nextFrame().isComment());
    }
  }

  @Test
  void subscriberLeavesWhenClientDisconnects() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMillis(100))
            .handler(broadcaster.subscriber())
            .build());
    RawHttpConnection connection = RawHttpConnection.connect(server.port());
    connection.get("/lights");
    connection.readHead();
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));

    connection.close();

    assertTrue(eventually(() -> broadcaster.subscriberCount() == 0), "subscriber left");
  }

  @Test
  void subscriberLeavesWhenStreamCloses() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    CompletableFuture<SseStream> opened = new CompletableFuture<>();
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(5))
            .handler(
                (request, stream) -> {
                  broadcaster.subscribe(request, stream);
                  opened.complete(stream);
                })
            .build());
    try (EventStreamReader reader = server.open("/lights")) {
      opened.get(10, TimeUnit.SECONDS).close();

      assertEquals(0, broadcaster.subscriberCount());
      reader.awaitEnd();
    }
  }

  @Test
  void slowSubscriberIsDroppedWithoutBlockingOthers() throws Exception {
    int capacity = 16;
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson(), capacity);
    CountDownLatch slowClosed = new CountDownLatch(1);
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMillis(100))
            // Long enough that only the full queue can drop the slow client.
            .writeTimeout(Duration.ofMinutes(5))
            .handler(
                (request, stream) -> {
                  if (request.queryParameter("slow").isPresent()) {
                    stream.onClose(slowClosed::countDown);
                  }
                  broadcaster.subscribe(request, stream);
                })
            .build());
    String text = "x".repeat(32 * 1024);

    // The slow client never reads, so the server's socket buffer fills up after a few MiB, while
    // the fast client reads each batch before the next one is published.
    try (RawHttpConnection slow = RawHttpConnection.connect(server.port(), 4096);
        EventStreamReader fast = server.open("/lights")) {
      slow.get("/lights?slow");
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 2), "2 subscribers");

      int published = 0;
      while (slowClosed.getCount() > 0 && published < 2_000) {
        for (int i = 0; i < capacity / 2; i++) {
          broadcaster.publish(new Reading(text, ++published));
        }
        for (int id = published - capacity / 2 + 1; id <= published; id++) {
          assertEquals(broadcaster.generatedId(id), fast.nextEvent().field("id"));
        }
      }

      assertTrue(slowClosed.await(10, TimeUnit.SECONDS), "slow subscriber dropped");
      assertEquals(1, broadcaster.subscriberCount());
      broadcaster.publish(new Reading("after", 0));
      assertEquals(broadcaster.generatedId(published + 1), fast.nextEvent().field("id"));
    }
  }

  @Test
  void typedStreamSendsEventNameAndJson() throws Exception {
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(5))
            .handler(
                (request, stream) -> {
                  TypedStream<Reading> typed =
                      new TypedStream<>(stream, READING, JsonCodec.jackson());
                  typed.send(new Reading("a", 1));
                  typed.send(new Reading("b", 2), "id-b");
                  typed.raw().close();
                })
            .build());

    try (EventStreamReader reader = server.open("/lights")) {
      assertEquals(
          List.of("event: lightMeasured", "data: {\"light\":\"a\",\"lumens\":1}"),
          reader.nextEvent().lines());
      assertEquals(
          List.of("event: lightMeasured", "id: id-b", "data: {\"light\":\"b\",\"lumens\":2}"),
          reader.nextEvent().lines());
      reader.awaitEnd();
    }
  }

  @Test
  void queueCapacityMustBePositive() {
    assertThrows(
        IllegalArgumentException.class, () -> new Broadcaster<>(READING, JsonCodec.jackson(), 0));
  }

  @Test
  void wrappedStreamReceivesEventsThroughSend() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    server.register(
        SseEndpoint.builder("/lights/{lightId}")
            .heartbeat(Duration.ofMillis(100))
            .handler(
                (request, stream) -> broadcaster.subscribe(request, new CountingStream(stream)))
            .build());
    try (EventStreamReader reader = server.open("/lights/7")) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));

      broadcaster.publish(
          new Reading("a", 1), "x-1", parameters -> "7".equals(parameters.get("lightId")));

      assertEquals(
          List.of("event: lightMeasured", "id: x-1", "data: {\"light\":\"a\",\"lumens\":1}"),
          reader.nextEvent().lines());
    }
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 0), "subscriber left");
  }

  /** A stream that an application wraps around the server's, here to count events. */
  private static final class CountingStream implements SseStream {

    private final SseStream delegate;
    private final AtomicInteger sent = new AtomicInteger();

    CountingStream(SseStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(String eventName, String id, String data) throws IOException {
      delegate.send(eventName, id, data);
      sent.incrementAndGet();
    }

    @Override
    public void comment(String text) throws IOException {
      delegate.comment(text);
    }

    @Override
    public boolean isOpen() {
      return delegate.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
      delegate.onClose(callback);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
