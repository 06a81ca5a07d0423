package dev.asyncsse.runtime.server;

/**
 * Generates the event ids of one {@link ChannelFanout}: {@code <prefix>-<n>}, where the prefix is
 * the wall-clock time at which the sequence was created, in milliseconds written in base 36, and
 * {@code n} counts the events from 1. For example {@code mibq3t1c-42}.
 *
 * <p>The prefix keeps ids unique across server restarts: a client that reconnects to a new process
 * with an id from the previous one finds no match in the replay buffer, so it receives every
 * buffered event instead of only those after an unrelated event that happens to have the same
 * number. Two sequences created in the same millisecond share a prefix, which matters only when
 * they serve the same channel, for example after a restart that takes less than a millisecond.
 * Not thread-safe: the fanout calls {@link #next} under its publish lock.
 */
final class EventIdSequence {

  private final String prefix;
  private long last;

  EventIdSequence(long startMillis) {
    this.prefix = Long.toString(startMillis, Character.MAX_RADIX) + "-";
  }

  /** Returns the next id. */
  String next() {
    return idAt(++last);
  }

  /** Returns the {@code n}th id of this sequence, counting from 1. */
  String idAt(long n) {
    return prefix + n;
  }
}
