package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.sse.SseEncoder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The subscribers, id sequence and replay buffer of one or more {@link Broadcaster}s that share
 * them. See {@link Broadcaster} for the behaviour.
 *
 * <p>{@link #publishLock} serializes publishing and subscribing: an event is either in a new
 * subscriber's replay backlog or in its live queue, never in both and never in neither.
 *
 * <p>Writing: publishing appends the event to each subscriber's queue and collects the subscribers
 * that have no drain running. Those are split into a few {@link DrainBatch}es, one task each, and a
 * task drains its subscribers one after another. So an event costs a few task starts rather than
 * one per subscriber. A write that blocks on a client that stopped reading would hold up the rest
 * of its batch, so a batch whose task has not moved on for {@link #STALL_NANOS} gets another task
 * for its remaining subscribers.
 */
final class ChannelFanout {

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");

  /** The time a batch may spend on one subscriber before another task takes over the rest. */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** The minimum batch size: a fan-out to this many subscribers or fewer runs as one task. */
  private static final int MIN_BATCH_SIZE = 64;

  private static final int BATCHES_PER_PROCESSOR = 2;

  private final int queueCapacity;
  private final ExecutorService executor = StreamThreads.newExecutor("asyncsse-broadcast-");
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Object publishLock = new Object();
  private final ReplayBuffer<Event> replay; // guarded by publishLock
  // guarded by publishLock
  private final EventIdSequence ids = new EventIdSequence(System.currentTimeMillis());

  ChannelFanout(int queueCapacity, int replayCapacity, long replayMaxAgeNanos, LongSupplier clock) {
    this.queueCapacity = queueCapacity;
    this.replay = new ReplayBuffer<>(replayCapacity, replayMaxAgeNanos, clock);
  }

  /** Publishes an event with the next generated id. */
  void publishWithGeneratedId(
      String eventName, String data, Predicate<Map<String, String>> filter) {
    Objects.requireNonNull(filter, "pathParameterFilter");
    synchronized (publishLock) {
      publishLocked(eventName, ids.next(), data, filter);
    }
  }

  /** Publishes an event with the given id, or with no {@code id:} field when it is null. */
  void publish(String eventName, String id, String data, Predicate<Map<String, String>> filter) {
    Objects.requireNonNull(filter, "pathParameterFilter");
    synchronized (publishLock) {
      publishLocked(eventName, id, data, filter);
    }
  }

  /**
   * Subscribes a stream. With a non-empty {@code lastEventId}, the buffered events after it that
   * pass the subscriber's path parameters are written first, then the live events.
   */
  void subscribe(Map<String, String> pathParameters, String lastEventId, SseStream stream) {
    Subscriber subscriber;
    synchronized (publishLock) {
      ArrayDeque<Event> backlog = new ArrayDeque<>();
      if (!lastEventId.isEmpty()) {
        ReplayBuffer.Replay<Event> found = replay.after(lastEventId);
        for (Event event : found.events()) {
          if (event.filter().test(pathParameters)) {
            backlog.add(event);
          }
        }
        logReplay(lastEventId, found, backlog.size());
      }
      subscriber = new Subscriber(pathParameters, stream, backlog);
      subscribers.add(subscriber);
    }
    stream.onClose(subscriber::leave);
    subscriber.startDrainingBacklog();
  }

  /** Returns the {@code n}th generated id, counting from 1. */
  String generatedId(long n) {
    return ids.idAt(n);
  }

  int subscriberCount() {
    return subscribers.size();
  }

  /** Returns the number of events in the replay buffer. */
  int replaySize() {
    synchronized (publishLock) {
      return replay.size();
    }
  }

  private void publishLocked(
      String eventName, String id, String data, Predicate<Map<String, String>> filter) {
    String frame = SseEncoder.event(eventName, id, data);
    Event event = new Event(eventName, id, data, frame.getBytes(StandardCharsets.UTF_8), filter);
    // An event without an id cannot be placed by Last-Event-ID, so replaying it could repeat it.
    if (id != null) {
      replay.add(id, event);
    }
    List<Subscriber> idle = new ArrayList<>();
    for (Subscriber subscriber : subscribers) {
      if (filter.test(subscriber.pathParameters) && subscriber.enqueue(event)) {
        idle.add(subscriber);
      }
    }
    startDrains(idle);
  }

  /** Drains subscribers whose drain has been claimed, split into a few batches. */
  private void startDrains(List<Subscriber> idle) {
    if (idle.isEmpty()) {
      return;
    }
    int processors = Runtime.getRuntime().availableProcessors();
    int batchSize =
        Math.max(MIN_BATCH_SIZE, ceilDiv(idle.size(), processors * BATCHES_PER_PROCESSOR));
    Subscriber[] all = idle.toArray(new Subscriber[0]);
    for (int start = 0; start < all.length; start += batchSize) {
      int end = Math.min(all.length, start + batchSize);
      new DrainBatch(Arrays.copyOfRange(all, start, end)).start();
    }
  }

  private static int ceilDiv(int dividend, int divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  private static void logReplay(String lastEventId, ReplayBuffer.Replay<Event> found, int count) {
    if (found.idFound()) {
      LOGGER.log(
          Level.DEBUG,
          () -> "Replaying " + count + " SSE events after the Last-Event-ID " + lastEventId);
    } else {
      LOGGER.log(
          Level.DEBUG,
          () ->
              "The Last-Event-ID "
                  + lastEventId
                  + " is not in the replay buffer; replaying all "
                  + count
                  + " buffered SSE events");
    }
  }

  /**
   * One published event, encoded once as a frame for streams of this package.
   *
   * @param filter the path parameter filter it was published with, applied again on replay
   */
  private record Event(
      String eventName,
      String id,
      String data,
      byte[] frame,
      Predicate<Map<String, String>> filter) {}

  /**
   * Subscribers to drain one after another on one task. Each task claims the next subscriber
   * through {@link #next}, so a second task started for a stalled batch never drains a subscriber
   * that the first one has claimed.
   */
  private final class DrainBatch {

    private final Subscriber[] members;
    private final AtomicInteger next = new AtomicInteger();
    private volatile long lastClaimNanos;

    DrainBatch(Subscriber[] members) {
      this.members = members;
    }

    void start() {
      lastClaimNanos = System.nanoTime();
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        LOGGER.log(Level.DEBUG, "Not writing an SSE event: the broadcaster is shutting down", e);
        return;
      }
      if (members.length > 1) {
        scheduleStallCheck();
      }
    }

    private void run() {
      int index;
      while ((index = next.getAndIncrement()) < members.length) {
        lastClaimNanos = System.nanoTime();
        members[index].drain();
      }
    }

    private void scheduleStallCheck() {
      StallChecks.SCHEDULER.schedule(this::checkStalled, STALL_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Starts another task for the unclaimed subscribers when the batch has not moved on. */
    private void checkStalled() {
      if (next.get() >= members.length) {
        return;
      }
      if (System.nanoTime() - lastClaimNanos >= STALL_NANOS) {
        lastClaimNanos = System.nanoTime();
        try {
          executor.execute(this::run);
        } catch (RejectedExecutionException e) {
          return;
        }
      }
      scheduleStallCheck();
    }
  }

  /** The one thread, shared by all broadcasters, that checks batches for stalled writes. */
  private static final class StallChecks {
    static final ScheduledExecutorService SCHEDULER =
        StreamThreads.newScheduler("asyncsse-broadcast-stall-check");
  }

  /** One subscribed stream, its replay backlog and its queue of live events. */
  private final class Subscriber {

    private static final int INITIAL_QUEUE_CAPACITY = 4;

    /** The largest queue array kept once the queue is empty again. */
    private static final int RETAINED_QUEUE_CAPACITY = 16;

    private final Map<String, String> pathParameters;
    private final SseStream stream;

    /** Touched only by the drain, of which one runs at a time. Null when empty. */
    private ArrayDeque<Event> backlog;

    /**
     * The live events, a ring buffer that starts empty and grows by doubling up to the queue
     * capacity, so an idle subscriber allocates no array. Guarded by {@code this}.
     */
    private Event[] queue;

    private int queueHead;
    private int queueSize;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean removed;

    Subscriber(Map<String, String> pathParameters, SseStream stream, ArrayDeque<Event> backlog) {
      this.pathParameters = Map.copyOf(pathParameters);
      this.stream = stream;
      this.backlog = backlog.isEmpty() ? null : backlog;
    }

    /**
     * Queues a live event. Returns true when the caller must start a drain for this subscriber:
     * the event was queued and no drain was running.
     */
    boolean enqueue(Event event) {
      if (removed) {
        return false;
      }
      if (!offer(event)) {
        dropSlowClient();
        return false;
      }
      return draining.compareAndSet(false, true);
    }

    void startDrainingBacklog() {
      if (backlog != null && draining.compareAndSet(false, true)) {
        new DrainBatch(new Subscriber[] {this}).start();
      }
    }

    private synchronized boolean offer(Event event) {
      if (queueSize == queueCapacity) {
        return false;
      }
      if (queue == null) {
        queue = new Event[Math.min(INITIAL_QUEUE_CAPACITY, queueCapacity)];
      } else if (queueSize == queue.length) {
        Event[] grown = new Event[(int) Math.min((long) queue.length * 2, queueCapacity)];
        for (int i = 0; i < queueSize; i++) {
          grown[i] = queue[(queueHead + i) % queue.length];
        }
        queue = grown;
        queueHead = 0;
      }
      queue[(queueHead + queueSize) % queue.length] = event;
      queueSize++;
      return true;
    }

    private synchronized Event poll() {
      if (queueSize == 0) {
        return null;
      }
      Event event = queue[queueHead];
      queue[queueHead] = null;
      queueHead = (queueHead + 1) % queue.length;
      queueSize--;
      if (queueSize == 0) {
        queueHead = 0;
        if (queue.length > RETAINED_QUEUE_CAPACITY) {
          queue = null;
        }
      }
      return event;
    }

    private synchronized boolean queueIsEmpty() {
      return queueSize == 0;
    }

    private synchronized void clearQueue() {
      queue = null;
      queueHead = 0;
      queueSize = 0;
    }

    /** Writes the backlog, then queued events, until both are empty; one drain runs at a time. */
    void drain() {
      do {
        Event event;
        while (!removed && (event = next()) != null) {
          try {
            write(event);
          } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Removing an SSE subscriber whose stream failed", e);
            leave();
            stream.close();
          }
        }
        draining.set(false);
      } while (!removed && !queueIsEmpty() && draining.compareAndSet(false, true));
    }

    private Event next() {
      if (backlog != null) {
        Event replayed = backlog.poll();
        if (replayed != null) {
          return replayed;
        }
        backlog = null;
      }
      return poll();
    }

    private void write(Event event) throws IOException {
      if (stream instanceof ExchangeStream) {
        ((ExchangeStream) stream).writeFrame(event.frame());
      } else {
        stream.send(event.eventName(), event.id(), event.data());
      }
    }

    private void dropSlowClient() {
      leave();
      String reason =
          "its queue of " + queueCapacity + " events is full because the client reads too slowly";
      if (stream instanceof ExchangeStream) {
        ((ExchangeStream) stream).abort(reason);
      } else {
        LOGGER.log(Level.INFO, () -> "Dropping an SSE subscriber: " + reason);
        executor.execute(stream::close);
      }
    }

    void leave() {
      removed = true;
      subscribers.remove(this);
      clearQueue();
    }
  }
}
