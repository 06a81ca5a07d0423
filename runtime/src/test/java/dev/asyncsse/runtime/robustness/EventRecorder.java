package dev.asyncsse.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.SseListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the calls of one subscription in order, so that a test can wait for them. Every wait
 * fails the test after {@link #WAIT}, which is generous because these tests run on loaded machines.
 */
final class EventRecorder implements SseListener {

  static final Duration WAIT = Duration.ofSeconds(20);

  static final String OPEN = "onOpen";
  static final String CLOSED = "onClosed";

  private final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();

  @Override
  public void onOpen() {
    opens.incrementAndGet();
    calls.add(OPEN);
  }

  @Override
  public void onEvent(SseEvent event) {
    calls.add(event);
  }

  @Override
  public void onError(SseError error) {
    errors.incrementAndGet();
    calls.add(error);
  }

  @Override
  public void onClosed() {
    calls.add(CLOSED);
  }

  /** Returns how many connections have opened so far. */
  int openCount() {
    return opens.get();
  }

  /** Returns how many errors have been reported so far. */
  int errorCount() {
    return errors.get();
  }

  /** Returns the next call: {@link #OPEN}, {@link #CLOSED}, an event or an error. */
  Object next() throws InterruptedException {
    Object call = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(call, "no listener call within " + WAIT);
    return call;
  }

  void expectOpen() throws InterruptedException {
    assertEquals(OPEN, next());
  }

  SseEvent expectEvent() throws InterruptedException {
    return assertInstanceOf(SseEvent.class, next());
  }

  SseError expectError() throws InterruptedException {
    return assertInstanceOf(SseError.class, next());
  }

  /** Returns the next event, skipping opens and errors. */
  SseEvent nextEventSkippingOthers() throws InterruptedException {
    while (true) {
      Object call = next();
      if (call instanceof SseEvent) {
        return (SseEvent) call;
      }
      if (call == CLOSED) {
        throw new AssertionError("The subscription closed while an event was expected");
      }
    }
  }

  /** Returns the next {@code count} events, skipping opens and errors. */
  List<SseEvent> nextEventsSkippingOthers(int count) throws InterruptedException {
    List<SseEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(nextEventSkippingOthers());
    }
    return events;
  }
}
