package dev.asyncsse.runtime.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action when a connection has received no bytes for a set time.
 *
 * <p>{@code java.net.http} has no timeout on reading a response body, and interrupting the reading
 * thread does not unblock it, so the action closes the body stream: that makes the blocked read
 * fail at once. One check is scheduled at a time; it reschedules itself for the remaining time
 * while bytes keep arriving, so {@link #touch()} on the read path costs one volatile write.
 *
 * <p>Time between {@link #pause()} and {@link #resume()} does not count as idle: the reader is busy
 * with the bytes it has, for example in a listener call that waits for a slow consumer.
 */
final class IdleWatchdog {

  private final ScheduledExecutorService scheduler;
  private final long timeoutNanos;
  private final Runnable onIdle;

  private volatile long lastActivityNanos;
  private volatile boolean fired;
  private volatile boolean stopped;
  private volatile boolean paused;
  private ScheduledFuture<?> pendingCheck; // guarded by this

  /**
   * Creates a watchdog.
   *
   * @param timeoutNanos idle time before {@code onIdle} runs; 0 disables the watchdog
   */
  IdleWatchdog(ScheduledExecutorService scheduler, long timeoutNanos, Runnable onIdle) {
    this.scheduler = scheduler;
    this.timeoutNanos = timeoutNanos;
    this.onIdle = onIdle;
  }

  /** Starts measuring idle time from now. */
  void start() {
    if (timeoutNanos <= 0) {
      return;
    }
    touch();
    schedule(timeoutNanos);
  }

  /** Records that bytes arrived. */
  void touch() {
    lastActivityNanos = System.nanoTime();
  }

  /** Stops counting idle time until {@link #resume()}. */
  void pause() {
    paused = true;
  }

  /** Counts idle time again, starting from now. */
  void resume() {
    touch(); // first, so that a check that reads the cleared flag also reads this time
    paused = false;
  }

  /** Cancels the pending check; once this returns, the action is not running and will not run. */
  void stop() {
    stopped = true;
    synchronized (this) {
      if (pendingCheck != null) {
        pendingCheck.cancel(false);
        pendingCheck = null;
      }
    }
  }

  /** Returns whether the idle action ran. */
  boolean fired() {
    return fired;
  }

  private void check() {
    if (paused) {
      schedule(timeoutNanos);
      return;
    }
    long idleNanos = System.nanoTime() - lastActivityNanos;
    if (idleNanos < timeoutNanos) {
      schedule(timeoutNanos - idleNanos);
      return;
    }
    synchronized (this) {
      if (stopped) {
        return;
      }
      fired = true;
      onIdle.run(); // under the lock, so that stop() returns only after the action has finished
    }
  }

  private synchronized void schedule(long delayNanos) {
    if (!stopped) {
      pendingCheck = scheduler.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }
  }
}
