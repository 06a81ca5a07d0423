package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Queueing and writing of {@link ChannelFanout} with in-memory streams. */
class ChannelFanoutTest {

  private static final long NO_MAX_AGE = Long.MAX_VALUE;

  @Test
  void blockedWritesDoNotHoldUpOtherSubscribers() throws Exception {
    ChannelFanout fanout = new ChannelFanout(16, 0, NO_MAX_AGE, System::nanoTime);
    CountDownLatch release = new CountDownLatch(1);
    List<RecordingStream> blocked = new ArrayList<>();
    List<RecordingStream> reading = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RecordingStream stream = new RecordingStream(release);
      blocked.add(stream);
      fanout.subscribe(Map.of(), "", stream);
    }
    for (int i = 0; i < 100; i++) {
      RecordingStream stream = new RecordingStream(null);
      reading.add(stream);
      fanout.subscribe(Map.of(), "", stream);
    }

    fanout.publish("tick", "1", "one", parameters -> true);

    for (RecordingStream stream : reading) {
      assertTrue(stream.awaitEvents(1), "a reading subscriber received the event");
    }
    for (RecordingStream stream : blocked) {
      assertTrue(stream.events.isEmpty(), "a blocked write has not completed");
    }
    release.countDown();
    for (RecordingStream stream : blocked) {
      assertTrue(stream.awaitEvents(1), "a blocked subscriber received the event once released");
    }
  }

  @Test
  void queueHoldsCapacityEventsWhileWriteIsBlocked() throws Exception {
    int capacity = 100;
    ChannelFanout fanout = new ChannelFanout(capacity, 0, NO_MAX_AGE, System::nanoTime);
    CountDownLatch release = new CountDownLatch(1);
    RecordingStream stream = new RecordingStream(release);
    fanout.subscribe(Map.of(), "", stream);

    fanout.publish("tick", "1", "1", parameters -> true);
    assertTrue(stream.awaitWriteStarted(), "the first write started");
    for (int n = 2; n <= capacity + 1; n++) {
      fanout.publish("tick", Integer.toString(n), Integer.toString(n), parameters -> true);
    }
    assertEquals(1, fanout.subscriberCount());
    release.countDown();

    assertTrue(stream.awaitEvents(capacity + 1), "every queued event was written");
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= capacity + 1; n++) {
      expected.add(Integer.toString(n));
    }
    assertEquals(expected, stream.events);
    assertFalse(stream.closed);
  }

  @Test
  void subscriberIsDroppedWhenQueueOverflows() throws Exception {
    int capacity = 10;
    ChannelFanout fanout = new ChannelFanout(capacity, 0, NO_MAX_AGE, System::nanoTime);
    CountDownLatch release = new CountDownLatch(1);
    RecordingStream stream = new RecordingStream(release);
    fanout.subscribe(Map.of(), "", stream);

    fanout.publish("tick", "1", "1", parameters -> true);
    assertTrue(stream.awaitWriteStarted(), "the first write started");
    for (int n = 2; n <= capacity + 2; n++) {
      fanout.publish("tick", Integer.toString(n), Integer.toString(n), parameters -> true);
    }

    assertEquals(0, fanout.subscriberCount());
    assertTrue(stream.closedLatch.await(5, TimeUnit.SECONDS), "the dropped stream was closed");
    release.countDown();
  }

  @Test
  void slowWritesKeepOrderAcrossQueueGrowth() throws Exception {
    ChannelFanout fanout = new ChannelFanout(1024, 0, NO_MAX_AGE, System::nanoTime);
    RecordingStream stream = new RecordingStream(null);
    stream.pauseEveryNthWrite = 7;
    fanout.subscribe(Map.of(), "", stream);
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= 500; n++) {
      fanout.publish("tick", Integer.toString(n), Integer.toString(n), parameters -> true);
      expected.add(Integer.toString(n));
    }

    assertTrue(stream.awaitEvents(500), "every event was written");
    assertEquals(expected, stream.events);
  }

  @Test
  void subscribersThatLeaveFreeTheirSlots() throws Exception {
    ChannelFanout fanout = new ChannelFanout(16, 0, NO_MAX_AGE, System::nanoTime);
    List<RecordingStream> staying = new ArrayList<>();
    List<RecordingStream> leaving = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      RecordingStream stream = new RecordingStream(null);
      (i % 3 == 0 ? staying : leaving).add(stream);
      fanout.subscribe(Map.of(), "", stream);
    }
    for (RecordingStream stream : leaving) {
      stream.close();
    }
    assertEquals(100, fanout.subscriberCount());

    // Two of every three slots are empty now, so the next subscription moves the others together.
    for (int i = 0; i < 50; i++) {
      RecordingStream stream = new RecordingStream(null);
      staying.add(stream);
      fanout.subscribe(Map.of(), "", stream);
    }
    fanout.publish("tick", "1", "one", parameters -> true);
    fanout.publish("tick", "2", "two", parameters -> true);

    assertEquals(150, fanout.subscriberCount());
    for (RecordingStream stream : staying) {
      assertTrue(stream.awaitEvents(2), "a remaining subscriber received both events");
      assertEquals(List.of("one", "two"), stream.events);
    }
    for (RecordingStream stream : leaving) {
      assertTrue(stream.events.isEmpty(), "a subscriber that left received nothing");
    }

    // Subscribers that were moved leave from their new slots.
    List<RecordingStream> moved = staying.subList(0, 25);
    for (RecordingStream stream : moved) {
      stream.close();
    }
    fanout.publish("tick", "3", "three", parameters -> true);
    assertEquals(125, fanout.subscriberCount());
    for (RecordingStream stream : staying.subList(25, staying.size())) {
      assertTrue(stream.awaitEvents(3), "a remaining subscriber received the third event");
    }
    for (RecordingStream stream : moved) {
      assertEquals(List.of("one", "two"), stream.events);
    }
  }

  /**
   * Records the data of each event and runs its close callbacks when closed; optionally blocks
   * every write until a latch opens.
   */
  private static final class RecordingStream implements SseStream {

    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch writeStarted = new CountDownLatch(1);
    final CountDownLatch closedLatch = new CountDownLatch(1);
    private final List<Runnable> closeCallbacks = new CopyOnWriteArrayList<>();
    private final CountDownLatch release;
    volatile boolean closed;
    int pauseEveryNthWrite;
    private int writes;

    RecordingStream(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public void send(String eventName, String id, String data) {
      writeStarted.countDown();
      try {
        if (release != null) {
          release.await();
        }
        if (pauseEveryNthWrite > 0 && ++writes % pauseEveryNthWrite == 0) {
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      events.add(data);
    }

    @Override
    public void comment(String text) {}

    @Override
    public boolean isOpen() {
      return !closed;
    }

    @Override
    public void onClose(Runnable callback) {
      closeCallbacks.add(callback);
    }

    @Override
    public void close() {
      closed = true;
      closedLatch.countDown();
      closeCallbacks.forEach(Runnable::run);
    }

    boolean awaitWriteStarted() throws InterruptedException {
      return writeStarted.await(5, TimeUnit.SECONDS);
    }

    boolean awaitEvents(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (events.size() < count) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(5);
      }
      return true;
    }
  }
}
