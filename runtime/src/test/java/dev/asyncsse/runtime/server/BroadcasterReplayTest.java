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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BroadcasterReplayTest {

  record Reading(String light, int lumens) {}

  record Outage(String light) {}

  private static final MessageType<Reading> READING =
      MessageType.json("lightMeasured", Reading.class);
  private static final MessageType<Outage> OUTAGE = MessageType.json("lightOut", Outage.class);

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
  void resumesAfterLastEventIdThenLive() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights", broadcaster);
    for (int i = 1; i <= 5; i++) {
      broadcaster.publish(new Reading("l", i));
    }

    try (EventStreamReader reader =
        server.open("/lights", "Last-Event-ID", broadcaster.generatedId(2))) {
      assertEquals(generatedIds(broadcaster, 3, 4, 5), nextIds(reader, 3));
      broadcaster.publish(new Reading("l", 6));
      Frame live = reader.nextEvent();

      assertEquals(broadcaster.generatedId(6), live.field("id"));
      assertEquals("{\"light\":\"l\",\"lumens\":6}", live.data());
    }
  }

  @Test
  void withoutLastEventIdOnlyLiveEvents() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights", broadcaster);
    broadcaster.publish(new Reading("old", 1));

    try (EventStreamReader reader = server.open("/lights")) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));
      broadcaster.publish(new Reading("new", 2));

      assertEquals(broadcaster.generatedId(2), reader.nextEvent().field("id"));
    }
  }

  @Test
  void newestIdReplaysNothing() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights", broadcaster);
    broadcaster.publish(new Reading("l", 1));
    broadcaster.publish(new Reading("l", 2));

    try (EventStreamReader reader =
        server.open("/lights", "Last-Event-ID", broadcaster.generatedId(2))) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));
      broadcaster.publish(new Reading("l", 3));

      assertEquals(broadcaster.generatedId(3), reader.nextEvent().field("id"));
    }
  }

  @Test
  void unknownOrEvictedIdReplaysEverythingBuffered() throws Exception {
    Broadcaster<Reading> broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson()).replayCapacity(3).build();
    register("/lights", broadcaster);
    for (int i = 1; i <= 5; i++) {
      broadcaster.publish(new Reading("l", i));
    }
    assertEquals(3, broadcaster.replaySize());

    for (String lastEventId : List.of(broadcaster.generatedId(1), "no-such-id")) {
      try (EventStreamReader reader = server.open("/lights", "Last-Event-ID", lastEventId)) {
        assertEquals(
            generatedIds(broadcaster, 3, 4, 5), nextIds(reader, 3), "after " + lastEventId);
      }
    }
  }

  @Test
  void expiredEventsAreNotReplayed() throws Exception {
    AtomicLong nanos = new AtomicLong();
    Broadcaster<Reading> broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson())
            .replayMaxAge(Duration.ofSeconds(1))
            .nanoClock(nanos::get)
            .build();
    register("/lights", broadcaster);
    broadcaster.publish(new Reading("l", 1));
    broadcaster.publish(new Reading("l", 2));
    nanos.addAndGet(Duration.ofMillis(1500).toNanos());
    broadcaster.publish(new Reading("l", 3));

    assertEquals(1, broadcaster.replaySize());
    try (EventStreamReader reader =
        server.open("/lights", "Last-Event-ID", broadcaster.generatedId(1))) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));
      broadcaster.publish(new Reading("l", 4));

      assertEquals(generatedIds(broadcaster, 3, 4), nextIds(reader, 2));
    }
  }

  @Test
  void eventsWithoutIdAreNotReplayed() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights", broadcaster);
    broadcaster.publish(new Reading("a", 1), "a");
    broadcaster.publish(new Reading("no id", 2), (String) null);
    broadcaster.publish(new Reading("c", 3), "c");

    try (EventStreamReader reader = server.open("/lights", "Last-Event-ID", "a")) {
      Frame replayed = reader.nextEvent();

      assertEquals("c", replayed.field("id"));
      assertEquals("{\"light\":\"c\",\"lumens\":3}", replayed.data());
    }
  }

  @Test
  void repeatedIdResumesAfterItsNewestOccurrence() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights", broadcaster);
    for (String id : List.of("x", "y", "x", "z")) {
      broadcaster.publish(new Reading(id, 0), id);
    }

    try (EventStreamReader reader = server.open("/lights", "Last-Event-ID", "x")) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));
      broadcaster.publish(new Reading("live", 0), "live");

      assertEquals(List.of("z", "live"), nextIds(reader, 2));
    }
  }

  @Test
  void replayKeepsEachEventsPathParameterFilter() throws Exception {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    register("/lights/{lightId}", broadcaster);
    broadcaster.publish(new Reading("one", 1), parameters -> parameters.get("lightId").equals("1"));
    broadcaster.publish(new Reading("two", 2), parameters -> parameters.get("lightId").equals("2"));
    broadcaster.publish(new Reading("all", 3));

    try (EventStreamReader reader = server.open("/lights/2", "Last-Event-ID", "0")) {
      assertEquals(generatedIds(broadcaster, 2, 3), nextIds(reader, 2));
    }
  }

  @Test
  void zeroReplayCapacityTurnsReplayOff() throws Exception {
    Broadcaster<Reading> broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson()).replayCapacity(0).build();
    register("/lights", broadcaster);
    broadcaster.publish(new Reading("l", 1));
    broadcaster.publish(new Reading("l", 2));

    try (EventStreamReader reader =
        server.open("/lights", "Last-Event-ID", broadcaster.generatedId(1))) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1));
      broadcaster.publish(new Reading("l", 3));

      assertEquals(broadcaster.generatedId(3), reader.nextEvent().field("id"));
    }
  }

  @Test
  void replayLargerThanQueueDoesNotDropSubscriber() throws Exception {
    Broadcaster<Reading> broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson())
            .queueCapacity(4)
            .replayCapacity(100)
            .build();
    register("/lights", broadcaster);
    for (int i = 1; i <= 100; i++) {
      broadcaster.publish(new Reading("l", i));
    }

    try (EventStreamReader reader = server.open("/lights", "Last-Event-ID", "no-such-id")) {
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        expected.add(broadcaster.generatedId(i));
      }

      assertEquals(expected, nextIds(reader, 100));
      assertEquals(1, broadcaster.subscriberCount());
    }
  }

  @Test
  void messageTypesShareOrderIdsAndReplay() throws Exception {
    Broadcaster<Reading> readings = new Broadcaster<>(READING, JsonCodec.jackson());
    Broadcaster<Outage> outages = readings.forMessageType(OUTAGE);
    register("/lights", readings);
    readings.publish(new Reading("a", 1));
    outages.publish(new Outage("b"));
    readings.publish(new Reading("c", 3));

    try (EventStreamReader reader =
        server.open("/lights", "Last-Event-ID", readings.generatedId(1))) {
      Frame outage = reader.nextEvent();
      Frame reading = reader.nextEvent();

      assertEquals(
          List.of(
              "event: lightOut", "id: " + outages.generatedId(2), "data: {\"light\":\"b\"}"),
          outage.lines());
      assertEquals("lightMeasured", reading.field("event"));
      assertEquals(readings.generatedId(3), reading.field("id"));
      assertEquals(1, outages.subscriberCount());
    }
  }

  /**
   * Clients subscribe while a publisher runs, each with the id that was published last just before
   * it connected. Every client must then receive each later event exactly once, in order, whether
   * it came from the replay buffer or live.
   */
  @Test
  void subscribeDuringConcurrentPublishingLosesAndRepeatsNothing() throws Exception {
    Broadcaster<Reading> broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson())
            .queueCapacity(20_000)
            .replayCapacity(20_000)
            .build();
    register("/lights", broadcaster);
    AtomicLong lastPublished = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService publisherThread = Executors.newSingleThreadExecutor();
    CompletableFuture<Void> publisher =
        CompletableFuture.runAsync(
            () -> {
              while (!stop.get() && lastPublished.get() < 15_000) {
                broadcaster.publish(new Reading("l", 0));
                if (lastPublished.incrementAndGet() % 4 == 0) {
                  sleepOneMillisecond();
                }
              }
            },
            publisherThread);
    assertTrue(eventually(() -> lastPublished.get() >= 10), "publisher started");

    List<EventStreamReader> readers = new ArrayList<>();
    List<Long> firstExpected = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        long resumeAfter = lastPublished.get();
        firstExpected.add(resumeAfter + 1);
        readers.add(
            server.open("/lights", "Last-Event-ID", broadcaster.generatedId(resumeAfter)));
      }
      stop.set(true);
      publisher.get(30, TimeUnit.SECONDS);
      long last = lastPublished.get();

      for (int i = 0; i < readers.size(); i++) {
        EventStreamReader reader = readers.get(i);
        for (long id = firstExpected.get(i); id <= last; id++) {
          assertEquals(broadcaster.generatedId(id), reader.nextEvent().field("id"), "reader " + i);
        }
      }
      broadcaster.publish(new Reading("end", 0));
      for (EventStreamReader reader : readers) {
        assertEquals(broadcaster.generatedId(last + 1), reader.nextEvent().field("id"));
      }
    } finally {
      stop.set(true);
      publisherThread.shutdown();
      for (EventStreamReader reader : readers) {
        reader.close();
      }
    }
  }

  @Test
  void builderRejectsInvalidLimits() {
    Broadcaster.Builder<Reading> builder = Broadcaster.builder(READING, JsonCodec.jackson());

    assertThrows(IllegalArgumentException.class, () -> builder.queueCapacity(0));
    assertThrows(IllegalArgumentException.class, () -> builder.replayCapacity(-1));
    assertThrows(IllegalArgumentException.class, () -> builder.replayMaxAge(Duration.ZERO));
  }

  @Test
  void defaultReplayCapacityLimitsBuffer() {
    Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
    for (int i = 0; i < Broadcaster.DEFAULT_REPLAY_CAPACITY + 10; i++) {
      broadcaster.publish(new Reading("l", i));
    }

    assertEquals(Broadcaster.DEFAULT_REPLAY_CAPACITY, broadcaster.replaySize());
  }

  private void register(String template, Broadcaster<?> broadcaster) {
    server.register(
        SseEndpoint.builder(template)
            .heartbeat(Duration.ofMinutes(5))
            .handler(broadcaster.subscriber())
            .build());
  }

  private static List<String> nextIds(EventStreamReader reader, int count)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(reader.nextEvent().field("id"));
    }
    return ids;
  }

  private static List<String> generatedIds(Broadcaster<?> broadcaster, long... numbers) {
    List<String> ids = new ArrayList<>();
    for (long n : numbers) {
      ids.add(broadcaster.generatedId(n));
    }
    return ids;
  }

  private static void sleepOneMillisecond() {
    try {
      TimeUnit.MILLISECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
