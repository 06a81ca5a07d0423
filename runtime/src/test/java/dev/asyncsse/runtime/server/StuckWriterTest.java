package dev.asyncsse.runtime.server;

import static dev.asyncsse.runtime.server.LoopbackServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that connect and never read, so that the server's writes to them block once the socket
 * buffers are full. The heartbeat is far longer than every wait here, so only the write timeout can
 * end those writes.
 */
class StuckWriterTest {

  record Reading(String light, String text) {}

  private static final MessageType<Reading> READING =
      MessageType.json("lightMeasured", Reading.class);

  /**
   * Short, but long enough that a reading client's writes never take as long on a loaded machine:
   * the reading clients here must not be dropped.
   */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** A small receive buffer, so that a client that does not read stalls the server quickly. */
  private static final int STUCK_RECEIVE_BUFFER = 4096;

  /** Enough events of {@link #PADDING} to fill the socket buffers of a stuck client. */
  private static final int BURST = 48;

  private static final String PADDING = "x".repeat(128 * 1024);

  private LoopbackServer server;
  private Broadcaster<Reading> broadcaster;

  /** The {@link System#nanoTime()} just after the endpoint was registered. */
  private long registeredNanos;

  private final List<RawHttpConnection> stuckClients = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServer.start();
    broadcaster =
        Broadcaster.builder(READING, JsonCodec.jackson()).queueCapacity(4 * BURST).build();
    server.register(
        SseEndpoint.builder("/lights")
            .heartbeat(Duration.ofMinutes(10))
            .writeTimeout(WRITE_TIMEOUT)
            .handler(broadcaster.subscriber())
            .build());
    registeredNanos = System.nanoTime();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
    for (RawHttpConnection client : stuckClients) {
      client.close();
    }
  }

  @Test
  void stuckWriteEndsWithinWriteTimeout() throws Exception {
    connectStuckClients(1);
    try (EventStreamReader reader = server.open("/lights")) {
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 2), "2 subscribers");

      publishBurstAndReadIt(reader);

      assertTrue(
          eventually(() -> broadcaster.subscriberCount() == 1), "the stuck client was dropped");
      assertTrue(eventually(() -> server.sse.openStreamCount() == 1), "one stream left");
      broadcaster.publish(new Reading("after", ""));
      assertEquals(
          "{\"light\":\"after\",\"text\":\"\"}",
          reader.nextEvent().data(),
          "the reading client is still served");
    }
  }

  /**
   * The periodic write checks run every half write timeout from registration. The burst starts just
   * after one, so the write that blocks is seen by the next two checks before its timeout, and the
   * check after those comes about half a timeout late. Only the check scheduled for the end of the
   * write's own timeout ends it on time.
   */
  @Test
  void stuckWriteEndsAtOwnDeadline() throws Exception {
    connectStuckClients(1);
    assertTrue(eventually(() -> broadcaster.subscriberCount() == 1), "1 subscriber");
    long checkInterval = WRITE_TIMEOUT.toNanos() / 2;
    long sinceRegistered = System.nanoTime() - registeredNanos;
    long nextCheck = registeredNanos + (sinceRegistered / checkInterval + 1) * checkInterval;
    TimeUnit.NANOSECONDS.sleep(nextCheck + TimeUnit.MILLISECONDS.toNanos(100) - System.nanoTime());

    long publishedNanos = System.nanoTime();
    for (int i = 0; i < BURST; i++) {
      broadcaster.publish(new Reading("burst " + i, PADDING));
    }
    assertTrue(
        eventually(() -> broadcaster.subscriberCount() == 0), "the stuck client was dropped");
    long elapsedMillis = (System.nanoTime() - publishedNanos) / 1_000_000;

    assertTrue(
        elapsedMillis >= WRITE_TIMEOUT.toMillis(),
        "dropped " + elapsedMillis + " ms after the burst, before the write timeout");
    assertTrue(
        elapsedMillis < WRITE_TIMEOUT.toMillis() * 5 / 4,
        "dropped " + elapsedMillis + " ms after the burst, a quarter timeout late or more");
  }

  /**
   * More stuck clients than the platform thread pool that JDK 17 gets has threads: each blocked
   * write holds one until the write timeout ends it, so the reading clients wait about that long
   * and no longer. On JDK 21 and later every write has its own virtual thread.
   */
  @Test
  void readersServedWhileStuckWritesFillPool() throws Exception {
    int stuckCount = StreamThreads.POOL_THREADS + 24;
    connectStuckClients(stuckCount);
    try (EventStreamReader first = server.open("/lights");
        EventStreamReader second = server.open("/lights")) {
      assertTrue(
          eventually(() -> broadcaster.subscriberCount() == stuckCount + 2, Duration.ofSeconds(60)),
          "all clients subscribed");

      publishBurstAndReadIt(first, second);
      broadcaster.publish(new Reading("marker", ""));

      assertEquals("{\"light\":\"marker\",\"text\":\"\"}", first.nextEvent().data());
      assertEquals("{\"light\":\"marker\",\"text\":\"\"}", second.nextEvent().data());
      assertTrue(
          eventually(() -> broadcaster.subscriberCount() == 2, Duration.ofSeconds(60)),
          "every stuck client was dropped");
    }
  }

  private void connectStuckClients(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      RawHttpConnection client = RawHttpConnection.connect(server.port(), STUCK_RECEIVE_BUFFER);
      stuckClients.add(client);
      client.get("/lights?stuck=" + i);
    }
  }

  /**
   * Publishes {@link #BURST} large events and reads them from every reader. Each read waits at most
   * {@link EventStreamReader#TIMEOUT}, which is far shorter than the heartbeat.
   */
  private void publishBurstAndReadIt(EventStreamReader... readers) throws InterruptedException {
    for (int i = 0; i < BURST; i++) {
      broadcaster.publish(new Reading("burst " + i, PADDING));
    }
    for (EventStreamReader reader : readers) {
      for (int i = 0; i < BURST; i++) {
        assertEquals(broadcaster.generatedId(i + 1), reader.nextEvent().field("id"));
      }
    }
  }
}
