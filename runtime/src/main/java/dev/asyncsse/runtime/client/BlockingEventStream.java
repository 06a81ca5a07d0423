package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.SseEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events of one subscription as a blocking iterator, started by {@link
 * SseClient#blockingStream()}.
 *
 * <pre>{@code
 * try (BlockingEventStream events = client.blockingStream()) {
 *   while (events.hasNext()) {
 *     SseEvent event = events.next();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The subscription connects and reconnects as {@link SseClient} describes, and puts each event
 * into a buffer of fixed capacity. When the buffer is full, the subscription's thread waits for the
 * consumer and stops reading the response body, so TCP flow control slows the server down. That
 * wait does not count towards the idle timeout. The buffer never contains more than {@code
 * capacity} events, each at most the client's maximum event size.
 *
 * <p>Errors after which the client reconnects are not reported here; the client logs them. When the
 * subscription stops for good, the consumer first receives the events still buffered. Then {@link
 * #hasNext()}, {@link #next()} and {@link #poll} throw the {@link SseError} that stopped it (for
 * example status 204 or 404, or a wrong content type), or, when it stopped without an error (the
 * stream ended and reconnecting is turned off), report the end: {@code hasNext()} returns {@code
 * false}.
 *
 * <p>{@link #close()} ends the iteration at once, even with events still buffered: a consumer
 * blocked in {@code hasNext()} or {@code next()} on another thread wakes up, and from then on
 * {@code hasNext()} returns {@code false}. Always close the stream, because the connection stays
 * open until then.
 *
 * <p>Any thread may call any method. The methods that take events are meant for one consumer thread
 * at a time; several consumers each get different events.
 */
public final class BlockingEventStream implements Iterator<SseEvent>, AutoCloseable {

  /** The buffer capacity, in events, of {@link SseClient#blockingStream()}. */
  public static final int DEFAULT_CAPACITY = 64;

  private final int capacity;
  private final ReconnectLoop subscription;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition eventAdded = lock.newCondition();
  private final Condition eventTaken = lock.newCondition();
  private final ArrayDeque<SseEvent> buffer = new ArrayDeque<>(); // guarded by lock
  private boolean closed; // guarded by lock; close() was called
  private boolean stopped; // guarded by lock; the subscription has stopped and adds no events
  private SseError failure; // guarded by lock; the error that stopped the subscription

  private BlockingEventStream(ClientSettings settings, int capacity, boolean keepsDataAsBytes) {
    this.capacity = capacity;
    this.subscription = new ReconnectLoop(settings, new BufferingListener(), keepsDataAsBytes);
  }

  /** Starts a subscription whose events go into a new stream's buffer. */
  static BlockingEventStream open(ClientSettings settings, int capacity) {
    return open(settings, capacity, false);
  }

  /**
   * Starts a subscription whose events go into a new stream's buffer, keeping their data as UTF-8
   * bytes when {@code keepsDataAsBytes} is true, for events that go to a JSON codec.
   */
  static BlockingEventStream open(ClientSettings settings, int capacity, boolean keepsDataAsBytes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    BlockingEventStream events = new BlockingEventStream(settings, capacity, keepsDataAsBytes);
    events.subscription.start();
    return events;
  }

  /**
   * Waits until an event is buffered or the stream has ended, and returns whether an event is
   * buffered.
   *
   * <p>If the calling thread is interrupted while it waits, this method closes the stream, keeps
   * the thread's interrupt status set and returns {@code false}.
   *
   * @throws SseError the error that stopped the subscription, once every buffered event has been
   *     taken
   */
  @Override
  public boolean hasNext() {
    lock.lock();
    try {
      return awaitEvent(-1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    close();
    return false;
  }

  /**
   * Waits for the next event and returns it.
   *
   * <p>An interrupt while waiting closes the stream, as in {@link #hasNext()}.
   *
   * @throws NoSuchElementException when the stream has ended or was closed
   * @throws SseError the error that stopped the subscription, once every buffered event has been
   *     taken
   */
  @Override
  public SseEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("The event stream has ended");
    }
    lock.lock();
    try {
      // Another consumer thread may have taken the event that hasNext() saw.
      if (awaitEvent(-1)) {
        return takeFirst();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    close();
    throw new NoSuchElementException("The event stream has ended");
  }

  /**
   * Waits up to {@code timeout} for the next event and returns it.
   *
   * <p>Returns an empty {@code Optional} when no event arrived in time, and at once when the stream
   * has ended or was closed. Only in the second case does {@link #isFinished()} return {@code
   * true}. Unlike {@link #hasNext()}, an interrupt does not close the stream.
   *
   * @throws InterruptedException when the calling thread is interrupted while it waits
   * @throws SseError the error that stopped the subscription, once every buffered event has been
   *     taken
   */
  public Optional<SseEvent> poll(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    long timeoutNanos = timeout.isNegative() ? 0 : ClientSettings.saturatedNanos(timeout);
    lock.lockInterruptibly();
    try {
      return awaitEvent(timeoutNanos) ? Optional.of(takeFirst()) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether the stream has finished: it was closed, or the subscription stopped and every
   * buffered event has been taken. Once this returns {@code true}, {@link #hasNext()} returns
   * {@code false} or throws the error that stopped the subscription, without waiting.
   */
  public boolean isFinished() {
    lock.lock();
    try {
      return closed || (stopped && buffer.isEmpty());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the events as a sequential, ordered {@link Stream} that takes them from this iterator.
   * Closing the returned stream closes this one, so use it in a {@code try}-with-resources
   * statement. Terminal operations block like {@link #hasNext()} and may throw {@link SseError}.
   */
  public Stream<SseEvent> stream() {
    Spliterator<SseEvent> spliterator =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /**
   * Closes the subscription and its connection, drops the buffered events and wakes every thread
   * waiting in this stream. Returns without waiting for the network; calling it again does nothing.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      buffer.clear();
      eventAdded.signalAll();
      eventTaken.signalAll();
    } finally {
      lock.unlock();
    }
    subscription.close();
  }

  /**
   * Waits, with the lock held, until an event is buffered, the stream has ended, or the timeout has
   * passed, and returns whether an event is buffered.
   *
   * @param timeoutNanos the maximum wait, or a negative value to wait without limit
   */
  private boolean awaitEvent(long timeoutNanos) throws InterruptedException {
    long remainingNanos = timeoutNanos;
    while (buffer.isEmpty() && !closed && !stopped) {
      if (timeoutNanos < 0) {
        eventAdded.await();
      } else if (remainingNanos <= 0) {
        return false;
      } else {
        remainingNanos = eventAdded.awaitNanos(remainingNanos);
      }
    }
    if (closed) {
      return false;
    }
    if (!buffer.isEmpty()) {
      return true;
    }
    if (failure != null) {
      throw failure;
    }
    return false;
  }

  private SseEvent takeFirst() {
    SseEvent event = buffer.removeFirst();
    eventTaken.signal();
    return event;
  }

  /** Fills the buffer from the subscription's thread. */
  private final class BufferingListener implements SseListener {

    @Override
    public void onEvent(SseEvent event) {
      lock.lock();
      try {
        while (buffer.size() >= capacity && !closed) {
          eventTaken.await();
        }
        if (!closed) {
          buffer.addLast(event);
          eventAdded.signal();
        }
      } catch (InterruptedException e) {
        // Keep the status set, because the client closes the subscription at its next wait.
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onError(SseError error) {
      if (error.willReconnect()) {
        return;
      }
      lock.lock();
      try {
        failure = error;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onClosed() {
      lock.lock();
      try {
        stopped = true;
        eventAdded.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
