package dev.asyncsse.runtime.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The most recent events that carry an id, kept so that a client that reconnects with {@code
 * Last-Event-ID} can receive what it missed. Holds at most {@code capacity} events, none older than
 * the maximum age. Not thread-safe: the owner guards it with its publish lock.
 *
 * @param <E> the event type
 */
final class ReplayBuffer<E> {

  /** The events to replay, and whether the id was found in the buffer. */
  record Replay<E>(List<E> events, boolean idFound) {}

  private record Entry<E>(String id, E event, long sequence, long addedNanos) {}

  private final int capacity;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Entry<E>> entries = new ArrayDeque<>();

  /** The sequence number of the newest entry with each id, because ids may repeat. */
  private final Map<String, Long> newestSequenceById = new HashMap<>();

  private long nextSequence;

  /**
   * Creates a buffer.
   *
   * @param capacity the maximum number of events; 0 keeps none
   * @param maxAgeNanos how long an event is kept
   * @param nanoClock the time source, {@link System#nanoTime()} except in tests
   */
  ReplayBuffer(int capacity, long maxAgeNanos, LongSupplier nanoClock) {
    this.capacity = capacity;
    this.maxAgeNanos = maxAgeNanos;
    this.nanoClock = nanoClock;
  }

  /** Adds the newest event, removing the oldest when the buffer is full. */
  void add(String id, E event) {
    long now = nanoClock.getAsLong();
    removeExpired(now);
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      removeOldest();
    }
    long sequence = nextSequence++;
    entries.addLast(new Entry<>(id, event, sequence, now));
    newestSequenceById.put(id, sequence);
  }

  /**
   * Returns the events after the newest one whose id is {@code lastEventId}, oldest first. When no
   * buffered event has that id, returns every buffered event.
   */
  Replay<E> after(String lastEventId) {
    removeExpired(nanoClock.getAsLong());
    Long found = newestSequenceById.get(lastEventId);
    long after = found == null ? Long.MIN_VALUE : found;
    List<E> events = new ArrayList<>();
    Iterator<Entry<E>> newestFirst = entries.descendingIterator();
    while (newestFirst.hasNext()) {
      Entry<E> entry = newestFirst.next();
      if (entry.sequence() <= after) {
        break;
      }
      events.add(entry.event());
    }
    Collections.reverse(events);
    return new Replay<>(events, found != null);
  }

  /** Returns the number of buffered events, after removing the expired ones. */
  int size() {
    removeExpired(nanoClock.getAsLong());
    return entries.size();
  }

  private void removeExpired(long now) {
    while (!entries.isEmpty() && now - entries.peekFirst().addedNanos() > maxAgeNanos) {
      removeOldest();
    }
  }

  private void removeOldest() {
    Entry<E> oldest = entries.removeFirst();
    newestSequenceById.remove(oldest.id(), oldest.sequence());
  }
}
