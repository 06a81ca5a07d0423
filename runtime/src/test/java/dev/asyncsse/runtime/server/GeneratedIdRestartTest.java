package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two runs of a server, each with a new broadcaster as after a process restart, and a client that
 * carries the id it last received from the first run into the second.
 */
class GeneratedIdRestartTest {

  record Reading(String light, int lumens) {}

  private static final MessageType<Reading> READING =
      MessageType.json("lightMeasured", Reading.class);

  private static final Pattern GENERATED_ID = Pattern.compile("[0-9a-z]+-[1-9][0-9]*");

  @Test
  void idFromEarlierRunReplaysEverythingBuffered() throws Exception {
    String idFromFirstRun;
    try (LoopbackServer first = LoopbackServer.start()) {
      Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
      register(first, broadcaster);
      broadcaster.publish(new Reading("first run", 1));
      broadcaster.publish(new Reading("first run", 2));
      try (EventStreamReader reader = first.open("/lights", "Last-Event-ID", "none")) {
        reader.nextEvent();
        idFromFirstRun = reader.nextEvent().field("id");
      }
    }
    waitForNextMillisecond();

    try (LoopbackServer second = LoopbackServer.start()) {
      Broadcaster<Reading> broadcaster = new Broadcaster<>(READING, JsonCodec.jackson());
      register(second, broadcaster);
      List<String> published = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        broadcaster.publish(new Reading("second run", i));
        published.add(broadcaster.generatedId(i));
      }

      try (EventStreamReader reader = second.open("/lights", "Last-Event-ID", idFromFirstRun)) {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
          received.add(reader.nextEvent().field("id"));
        }

        assertEquals(published, received);
      }
    }
  }

  @Test
  void idsShortAsciiAndDistinctAcrossRuns() throws Exception {
    Broadcaster<Reading> firstRun = new Broadcaster<>(READING, JsonCodec.jackson());
    waitForNextMillisecond();
    Broadcaster<Reading> secondRun = new Broadcaster<>(READING, JsonCodec.jackson());

    for (Broadcaster<Reading> broadcaster : List.of(firstRun, secondRun)) {
      String id = broadcaster.generatedId(57);
      assertTrue(GENERATED_ID.matcher(id).matches(), id);
      assertTrue(id.length() <= 16, id);
      assertTrue(id.endsWith("-57"), id);
    }
    assertNotEquals(firstRun.generatedId(57), secondRun.generatedId(57));
  }

  private static void register(LoopbackServer server, Broadcaster<Reading> broadcaster) {
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(5))
            .handler(broadcaster.subscriber())
            .build());
  }

  /** Lets the wall clock move on, as it does between two runs of a process. */
  private static void waitForNextMillisecond() throws InterruptedException {
    long start = System.currentTimeMillis();
    while (System.currentTimeMillis() == start) {
      Thread.sleep(1);
    }
  }
}
