package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncsse.runtime.SseEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every listener call in order, for tests that check the exact sequence. */
class RecordingListener implements SseListener {

  static final String OPEN = "onOpen";
  static final String CLOSED = "onClosed";

  private final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();

  @Override
  public void onOpen() {
    calls.add(OPEN);
  }

  @Override
  public void onEvent(SseEvent event) {
    calls.add(event);
  }

  @Override
  public void onError(SseError error) {
    calls.add(error);
  }

  @Override
  public void onClosed() {
    calls.add(CLOSED);
  }

  /** Returns the next call, failing when none arrives within {@link ScriptedServer#WAIT}. */
  Object next() throws InterruptedException {
    Object call = calls.poll(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(call, "no listener call within " + ScriptedServer.WAIT);
    return call;
  }

  void expectOpen() throws InterruptedException {
    assertEquals(OPEN, next());
  }

  void expectClosed() throws InterruptedException {
    assertEquals(CLOSED, next());
  }

  SseEvent nextEvent() throws InterruptedException {
    return assertInstanceOf(SseEvent.class, next());
  }

  SseError nextError() throws InterruptedException {
    return assertInstanceOf(SseError.class, next());
  }

  /** Fails if any call arrives within {@code duration}. */
  void expectNothingWithin(Duration duration) throws InterruptedException {
    assertNull(calls.poll(duration.toMillis(), TimeUnit.MILLISECONDS), "unexpected listener call");
  }
}
