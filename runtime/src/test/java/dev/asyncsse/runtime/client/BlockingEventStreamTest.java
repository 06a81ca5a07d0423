package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static dev.asyncsse.runtime.client.ScriptedServer.streamThenHold;
import static dev.asyncsse.runtime.client.StreamScripts.assertWithinWait;
import static dev.asyncsse.runtime.client.StreamScripts.awaitSteady;
import static dev.asyncsse.runtime.client.StreamScripts.flood;
import static dev.asyncsse.runtime.client.StreamScripts.heartbeatsUntilDisconnect;
import static dev.asyncsse.runtime.client.StreamScripts.numberedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BlockingEventStream} and {@link SseClient#stream()} against a real loopback server. */
class BlockingEventStreamTest {

  private static final int BURST = 10_000;
  private static final Duration SHORT_DELAY = Duration.ofMillis(20);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(500);

  private ScriptedServer server;
  private final List<AutoCloseable> streams = new ArrayList<>();
  private final CountDownLatch releaseHeldResponses = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable stream : streams) {
      stream.close();
    }
    releaseHeldResponses.countDown();
    server.close();
  }

  private SseClient.Builder client() {
    return SseClient.builder(server.uri("/events")).reconnectDelay(SHORT_DELAY);
  }

  private BlockingEventStream open(SseClient client) {
    return open(client, BlockingEventStream.DEFAULT_CAPACITY);
  }

  private BlockingEventStream open(SseClient client, int capacity) {
    BlockingEventStream events = client.blockingStream(capacity);
    streams.add(events);
    return events;
  }

  // Iterating.

  @Test
  void iteratorDeliversBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    BlockingEventStream events = open(client().reconnect(false).build());

    int count = 0;
    while (events.hasNext()) {
      String number = Integer.toString(count);
      assertEquals(new SseEvent("message", number, number), events.next());
      count++;
    }
    assertEquals(BURST, count);
    assertTrue(events.isFinished());
    assertFalse(events.hasNext());
  }

  @Test
  void iteratorWithCapacityOneDeliversBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    BlockingEventStream events = open(client().reconnect(false).build(), 1);

    for (int i = 0; i < BURST; i++) {
      assertEquals(Integer.toString(i), events.next().data());
    }
    assertFalse(events.hasNext());
  }

  @Test
  void nextAfterEndThrowsNoSuchElement() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    BlockingEventStream events = open(client().reconnect(false).build());

    assertEquals("a", events.next().data());
    assertThrows(NoSuchElementException.class, events::next);
  }

  @Test
  void pollTimesOutWithoutEvent() throws Exception {
    server.enqueue(streamThenHold("data: a\n\n", releaseHeldResponses));
    BlockingEventStream events = open(client().build());

    assertEquals(Optional.of(new SseEvent("message", "a", "")), events.poll(ScriptedServer.WAIT));
    assertEquals(Optional.empty(), events.poll(Duration.ofMillis(100)));
    assertEquals(Optional.empty(), events.poll(Duration.ZERO));
    assertFalse(events.isFinished());
  }

  @Test
  void pollAfterCloseReturnsAtOnce() throws Exception {
    server.enqueue(streamThenHold("", releaseHeldResponses));
    BlockingEventStream events = open(client().build());
    events.close();

    Optional<SseEvent> event =
        assertTimeoutPreemptively(ScriptedServer.WAIT, () -> events.poll(Duration.ofMinutes(5)));
    assertEquals(Optional.empty(), event);
    assertTrue(events.isFinished());
  }

  // Closing.

  @Test
  void closeWakesBlockedHasNext() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("", disconnected));
    BlockingEventStream events = open(client().build());
    server.takeRequest();
    CompletableFuture<Boolean> hasNext = new CompletableFuture<>();
    startWaitingConsumer(() -> hasNext.complete(events.hasNext()));

    events.close();
    assertFalse(hasNext.get(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertWithinWait(disconnected, "closing the connection");
    assertFalse(events.hasNext());
    assertTrue(events.isFinished());
  }

  @Test
  void closeDropsBufferedEvents() throws Exception {
    server.enqueue(streamThenHold("data: a\n\ndata: b\n\n", releaseHeldResponses));
    BlockingEventStream events = open(client().build());
    assertEquals("a", events.next().data());

    events.close();
    assertFalse(events.hasNext());
    assertThrows(NoSuchElementException.class, events::next);
  }

  @Test
  void interruptInHasNextClosesStream() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("", disconnected));
    BlockingEventStream events = open(client().build());
    server.takeRequest();
    CompletableFuture<Boolean> hasNext = new CompletableFuture<>();
    CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
    Thread consumer =
        startWaitingConsumer(
            () -> {
              hasNext.complete(events.hasNext());
              interruptKept.complete(Thread.currentThread().isInterrupted());
            });

    consumer.interrupt();
    assertFalse(hasNext.get(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(interruptKept.get(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(events.isFinished());
    assertWithinWait(disconnected, "closing the connection");
  }

  @Test
  void streamCloseClosesConnection() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect(numberedEvents(5), disconnected));

    List<String> data;
    try (Stream<SseEvent> events = client().build().stream()) {
      data = events.limit(3).map(SseEvent::data).toList();
    }
    assertEquals(List.of("0", "1", "2"), data);
    assertWithinWait(disconnected, "closing the connection");
  }

  @Test
  void streamOfWholeBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));

    long count;
    try (Stream<SseEvent> events = client().reconnect(false).build().stream()) {
      count = events.count();
    }
    assertEquals(BURST, count);
  }

  // Failures.

  @Test
  void status204ThrownAfterBufferedEvents() throws Exception {
    server.enqueue(stream("data: a\n\ndata: b\n\n"));
    BlockingEventStream events = open(client().build());

    assertEquals("a", events.next().data());
    assertEquals("b", events.next().data());
    SseError error = assertThrows(SseError.class, events::hasNext);
    assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
    assertEquals(OptionalInt.of(204), error.status());
    assertTrue(events.isFinished());
    assertSame(error, assertThrows(SseError.class, events::next));
    assertSame(error, assertThrows(SseError.class, () -> events.poll(Duration.ZERO)));
  }

  @Test
  void status404ThrownFromStream() throws Exception {
    server.enqueue(ScriptedServer.status(404, "no such stream"));

    try (Stream<SseEvent> events = client().build().stream()) {
      SseError error = assertThrows(SseError.class, events::count);
      assertEquals(OptionalInt.of(404), error.status());
      assertTrue(error.getMessage().contains("no such stream"), error.getMessage());
    }
  }

  @Test
  void capacityBelowOneRejected() throws Exception {
    SseClient client = client().build();
    assertThrows(IllegalArgumentException.class, () -> client.blockingStream(0));
    server.assertNoRequestWithin(Duration.ZERO);
  }

  // Back-pressure.

  @Test
  void fullBufferStopsServerWrites() throws Exception {
    AtomicLong written = new AtomicLong();
    long total = 64L << 20;
    server.enqueue(flood(written, total));
    BlockingEventStream events = open(client().build(), 4);

    events.next();
    long steady = awaitSteady(written);
    assertTrue(steady < total / 2, "the server wrote " + steady + " of " + total + " bytes");
  }

  @Test
  void slowConsumerIsNotIdleTime() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect(numberedEvents(3), disconnected));
    Duration idleTimeout = Duration.ofMillis(300);
    BlockingEventStream events = open(client().idleTimeout(idleTimeout).build(), 1);

    assertEquals("0", events.next().data());
    Thread.sleep(idleTimeout.multipliedBy(4).toMillis());
    assertEquals("1", events.next().data());
    assertEquals("2", events.next().data());
    assertEquals(Optional.empty(), events.poll(QUIET_PERIOD));
    assertFalse(events.isFinished());
    server.takeRequest();
    server.assertNoRequestWithin(Duration.ZERO);
    assertEquals(1, disconnected.getCount(), "the connection was closed");
  }

  /** Starts a thread that runs {@code consumer}, and returns once that thread is waiting. */
  private static Thread startWaitingConsumer(Runnable consumer) throws InterruptedException {
    Thread thread = new Thread(consumer, "consumer");
    thread.start();
    long deadline = System.nanoTime() + ScriptedServer.WAIT.toNanos();
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(Thread.State.WAITING, thread.getState(), "the consumer is not waiting");
    return thread;
  }
}
