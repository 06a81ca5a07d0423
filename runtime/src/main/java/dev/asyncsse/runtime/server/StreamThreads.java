package dev.asyncsse.runtime.server;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates the threads that run connection handlers, stream writes and heartbeats.
 *
 * <p>On JDK 21 and later every task gets its own virtual thread. The code is compiled for Java 17,
 * so the virtual-thread API is looked up by reflection. On older JDKs tasks run on a pool of at
 * most {@link #POOL_THREADS} daemon platform threads; further tasks wait in an unbounded queue.
 *
 * <p>NOTE: {@code com.sun.net.httpserver} writes to the socket inside a {@code synchronized}
 * method. On JDK 21 to 23 a virtual thread blocked there, on a client that stopped reading, pins
 * its carrier thread until the write timeout interrupts it. The tests run on JDK 17 and 25 only.
 */
final class StreamThreads {

  /**
   * The maximum number of platform threads in a pool, used when virtual threads are not available.
   */
  static final int POOL_THREADS = 256;

  private static final long POOL_KEEP_ALIVE_SECONDS = 30;

  private StreamThreads() {}

  /** Returns a new executor whose threads are named {@code namePrefix} plus a counter. */
  static ExecutorService newExecutor(String namePrefix) {
    return newVirtualThreadExecutor(namePrefix).orElseGet(() -> newBoundedPool(namePrefix));
  }

  /** Returns a scheduler with one daemon platform thread; cancelled tasks are removed at once. */
  static ScheduledThreadPoolExecutor newScheduler(String threadName) {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return scheduler;
  }

  /**
   * Returns a thread-per-task executor of virtual threads, or empty on a JDK without them (before
   * 21, or 19 and 20 where they are a preview feature that is normally disabled).
   */
  private static Optional<ExecutorService> newVirtualThreadExecutor(String namePrefix) {
    try {
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      builder =
          builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 0L);
      ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      Object executor =
          Executors.class
              .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
              .invoke(null, factory);
      return Optional.of((ExecutorService) executor);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static ExecutorService newBoundedPool(String namePrefix) {
    AtomicLong counter = new AtomicLong();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            POOL_THREADS,
            POOL_THREADS,
            POOL_KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, namePrefix + counter.getAndIncrement());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
