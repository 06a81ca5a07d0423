package dev.asyncsse.runtime.client;

import java.util.random.RandomGenerator;

/**
 * Computes reconnect delays: the base delay after a healthy connection or a first failure, then
 * doubling with each further consecutive failure up to a cap, plus random jitter.
 *
 * <p>The cap limits the doubling but never shortens the base. The client cuts a server {@code
 * retry:} value to the cap before it becomes the base, so only a base the user set can exceed the
 * cap. Jitter adds 0 to 25% on top of the computed delay, so it never makes a wait
 * shorter than the reconnection time, and clients that lost their connection together spread out.
 *
 * <p>Used by the subscription's own thread only.
 */
final class Backoff {

  private final long maxDelayMillis;
  private final RandomGenerator random;
  private long baseMillis;

  Backoff(long baseMillis, long maxDelayMillis, RandomGenerator random) {
    this.baseMillis = baseMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.random = random;
  }

  /** Replaces the base delay, as a server {@code retry:} field does. */
  void setBaseMillis(long millis) {
    this.baseMillis = millis;
  }

  long baseMillis() {
    return baseMillis;
  }

  /**
   * Returns the delay without jitter before the next attempt.
   *
   * @param consecutiveFailures failed attempts since the last healthy connection; 0 after a healthy
   *     one
   */
  long delayMillis(int consecutiveFailures) {
    if (consecutiveFailures <= 1) {
      return baseMillis;
    }
    long ceiling = Math.max(baseMillis, maxDelayMillis);
    // A zero base (retry: 0) still grows, 1, 2, 4 ms and so on, so a dead server is not hammered.
    long growthBase = Math.max(baseMillis, 1);
    int doublings = consecutiveFailures - 1;
    if (doublings >= Long.SIZE - 2 || growthBase > (ceiling >> doublings)) {
      return ceiling;
    }
    return Math.min(ceiling, growthBase << doublings);
  }

  /** Returns {@link #delayMillis} plus a random 0 to 25% of it. */
  long jitteredDelayMillis(int consecutiveFailures) {
    long delay = delayMillis(consecutiveFailures);
    long maxJitter = delay / 4;
    if (maxJitter == 0 || delay > Long.MAX_VALUE - maxJitter) {
      return delay;
    }
    return delay + random.nextLong(maxJitter + 1);
  }
}
