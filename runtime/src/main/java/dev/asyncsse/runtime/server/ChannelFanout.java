package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.sse.SseEncoder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
 * that have no drain running into a few {@link DrainBatch}es, one task each, started as soon as
 * each is full. A task drains its subscribers one after another. So an event costs a few task
 * starts rather than one per subscriber. A write that blocks on a client that stopped reading would
 * hold up the rest of its batch, so a batch whose task has not moved on between two stall checks,
 * {@link #STALL_NANOS} apart, gets another task for its remaining subscribers.
 */
final class ChannelFanout {

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");

  /**
   * The interval of the stall checks of a batch. A batch that stays on one subscriber from one
   * check to the next, so for 10 to 20 ms, gets another task for the rest.
   */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** The minimum batch size: a fan-out to this many subscribers or fewer runs as one task. */
  private static final int MIN_BATCH_SIZE = 64;

  private static final int INITIAL_SUBSCRIBER_SLOTS = 16;

  private static final int BATCHES_PER_PROCESSOR = 2;

  private final int queueCapacity;
  private final ExecutorService executor = StreamThreads.newExecutor("asyncsse-broadcast-");

  /**
   * The subscribers in the order they subscribed, with null in the slots of those that left;
   * guarded by {@link #publishLock}. Fanning out in this order writes to the connections in about
   * the order they were accepted, which is also about the order of their objects in memory, in this
   * process and in the kernel. That takes markedly less CPU than the order of a hash set.
   */
  private Subscriber[] subscribers = new Subscriber[INITIAL_SUBSCRIBER_SLOTS];

  /** The slots of {@link #subscribers} in use, left ones included; guarded by publishLock. */
  private int usedSlots;

  /** The number of subscribers that have not left; written under publishLock. */
  private volatile int subscriberCount;

  /**
   * A {@link ReentrantLock} rather than a monitor: subscribers leave from virtual threads, and on
   * JDK 21 to 23 a virtual thread that waits for a monitor keeps its carrier thread for as long as
   * a publish to every subscriber takes.
   */
  private final ReentrantLock publishLock = new ReentrantLock();
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
    publishLock.lock();
    try {
      publishLocked(eventName, ids.next(), data, filter);
    } finally {
      publishLock.unlock();
    }
  }

  /** Publishes an event with the given id, or with no {@code id:} field when it is null. */
  void publish(String eventName, String id, String data, Predicate<Map<String, String>> filter) {
    Objects.requireNonNull(filter, "pathParameterFilter");
    publishLock.lock();
    try {
      publishLocked(eventName, id, data, filter);
    } finally {
      publishLock.unlock();
    }
  }

  /**
   * Subscribes a stream. With a non-empty {@code lastEventId}, the buffered events after it that
   * pass the subscriber's path parameters are written first, then the live events.
   */
  void subscribe(Map<String, String> pathParameters, String lastEventId, SseStream stream) {
    Subscriber subscriber;
    publishLock.lock();
    try {
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
      addLocked(subscriber);
    } finally {
      publishLock.unlock();
    }
    stream.onClose(subscriber::leave);
    subscriber.startDrainingBacklog();
  }

  /** Returns the {@code n}th generated id, counting from 1. */
  String generatedId(long n) {
    return ids.idAt(n);
  }

  int subscriberCount() {
    return subscriberCount;
  }

  /** Returns the number of events in the replay buffer. */
  int replaySize() {
    publishLock.lock();
    try {
      return replay.size();
    } finally {
      publishLock.unlock();
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
    // Each batch starts as soon as it is full, so writing overlaps the rest of this loop.
    int processors = Runtime.getRuntime().availableProcessors();
    int batchSize =
        Math.max(MIN_BATCH_SIZE, ceilDiv(subscriberCount, processors * BATCHES_PER_PROCESSOR));
    Subscriber[] batch = new Subscriber[batchSize];
    int batchLength = 0;
    compactLocked();
    // A subscriber dropped in this loop only clears its slot, so the loop visits all others.
    for (int slot = 0; slot < usedSlots; slot++) {
      Subscriber subscriber = subscribers[slot];
      if (subscriber != null
          && filter.test(subscriber.pathParameters)
          && subscriber.enqueue(event)) {
        batch[batchLength++] = subscriber;
        if (batchLength == batchSize) {
          new DrainBatch(batch).start();
          batch = new Subscriber[batchSize];
          batchLength = 0;
        }
      }
    }
    if (batchLength > 0) {
      new DrainBatch(Arrays.copyOf(batch, batchLength)).start();
    }
  }

  private void addLocked(Subscriber subscriber) {
    compactLocked();
    if (usedSlots == subscribers.length) {
      subscribers = Arrays.copyOf(subscribers, subscribers.length * 2);
    }
    subscriber.slot = usedSlots;
    subscribers[usedSlots++] = subscriber;
    subscriberCount++;
  }

  private void remove(Subscriber subscriber) {
    publishLock.lock();
    try {
      int slot = subscriber.slot;
      if (slot >= 0 && subscribers[slot] == subscriber) {
        subscribers[slot] = null;
        subscriber.slot = -1;
        subscriberCount--;
      }
    } finally {
      publishLock.unlock();
    }
  }

  /**
   * Moves the subscribers together, in order, once more slots are left empty than are in use, so
   * the work is linear in the number of subscriptions. Not called during the publish loop.
   */
  private void compactLocked() {
    int live = subscriberCount;
    if (usedSlots - live <= Math.max(live, INITIAL_SUBSCRIBER_SLOTS)) {
      return;
    }
    Subscriber[] compacted = new Subscriber[Math.max(INITIAL_SUBSCRIBER_SLOTS, live * 2)];
    int count = 0;
    for (int slot = 0; slot < usedSlots; slot++) {
      Subscriber subscriber = subscribers[slot];
      if (subscriber != null) {
        subscriber.slot = count;
        compacted[count++] = subscriber;
      }
    }
    subscribers = compacted;
    usedSlots = count;
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

    /** The value of {@link #next} at the previous stall check; touched by the checks only. */
    private int claimedAtLastCheck;

    DrainBatch(Subscriber[] members) {
      this.members = members;
    }

    void start() {
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
        members[index].drain();
      }
    }

    private void scheduleStallCheck() {
      StallChecks.SCHEDULER.schedule(this::checkStalled, STALL_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts another task for the unclaimed subscribers when the batch has claimed none since the
     * previous check. A batch that has claimed none at all is still waiting for its task to start,
     * and another task would wait as well.
     */
    private void checkStalled() {
      int claimed = next.get();
      if (claimed >= members.length) {
        return;
      }
      if (claimed > 0 && claimed == claimedAtLastCheck) {
        try {
          executor.execute(this::run);
        } catch (RejectedExecutionException e) {
          return;
        }
      }
      claimedAtLastCheck = claimed;
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

    private static final int INITIAL_RING_CAPACITY = 4;

    private static final int QUEUE_FULL = 0;
    private static final int QUEUED = 1;
    private static final int QUEUED_DRAIN_CLAIMED = 2;

    /** The largest ring array kept once the queue is empty again. */
    private static final int RETAINED_RING_CAPACITY = 16;

    private final Map<String, String> pathParameters;
    private final SseStream stream;

    /** Touched only by the drain, of which one runs at a time. Null when empty. */
    private ArrayDeque<Event> backlog;

    /*
     * The queue of live events, guarded by this: its oldest event in a field, and the others in a
     * ring buffer that starts empty and grows by doubling. Usually at most one event waits, so
     * most subscribers never allocate the array, and a write reads no other object.
     */
    private Event firstQueued;
    private Event[] ring;
    private int ringHead;
    private int queueSize;

    /** Whether a drain runs or has been claimed. Guarded by {@code this}, like the queue. */
    private boolean draining;

    private volatile boolean removed;

    /** The index in {@link #subscribers}, or -1 once removed; guarded by publishLock. */
    private int slot = -1;

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
      int result = offer(event);
      if (result == QUEUE_FULL) {
        dropSlowClient();
        return false;
      }
      return result == QUEUED_DRAIN_CLAIMED;
    }

    void startDrainingBacklog() {
      if (backlog != null && claimDrain()) {
        new DrainBatch(new Subscriber[] {this}).start();
      }
    }

    private synchronized boolean claimDrain() {
      if (draining) {
        return false;
      }
      draining = true;
      return true;
    }

    /** Queues the event, and claims the drain if none runs; returns which of the two happened. */
    private synchronized int offer(Event event) {
      if (queueSize == queueCapacity) {
        return QUEUE_FULL;
      }
      if (queueSize == 0) {
        firstQueued = event;
      } else {
        addToRing(event);
      }
      queueSize++;
      if (draining) {
        return QUEUED;
      }
      draining = true;
      return QUEUED_DRAIN_CLAIMED;
    }

    /** Takes the next queued event; when there is none, ends the drain and returns null. */
    private synchronized Event pollOrEndDrain() {
      if (queueSize == 0) {
        draining = false;
        return null;
      }
      Event event = firstQueued;
      queueSize--;
      firstQueued = queueSize == 0 ? null : pollRing();
      return event;
    }

    /** Appends to the ring, which contains the queued events after the first. */
    private void addToRing(Event event) {
      int ringSize = queueSize - 1;
      if (ring == null) {
        ring = new Event[Math.min(INITIAL_RING_CAPACITY, queueCapacity - 1)];
      } else if (ringSize == ring.length) {
        Event[] grown = new Event[(int) Math.min((long) ring.length * 2, queueCapacity - 1)];
        for (int i = 0; i < ringSize; i++) {
          grown[i] = ring[(ringHead + i) % ring.length];
        }
        ring = grown;
        ringHead = 0;
      }
      ring[(ringHead + ringSize) % ring.length] = event;
    }

    /** Takes the oldest event of the ring, which is not empty. */
    private Event pollRing() {
      Event event = ring[ringHead];
      ring[ringHead] = null;
      ringHead = (ringHead + 1) % ring.length;
      if (queueSize == 1) {
        // The ring is empty now.
        ringHead = 0;
        if (ring.length > RETAINED_RING_CAPACITY) {
          ring = null;
        }
      }
      return event;
    }

    private synchronized void clearQueue() {
      firstQueued = null;
      ring = null;
      ringHead = 0;
      queueSize = 0;
    }

    /**
     * Writes the backlog, then queued events, until both are empty; one drain runs at a time. A
     * removed subscriber keeps its claim, so no drain starts for it again.
     */
    void drain() {
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
    }

    private Event next() {
      if (backlog != null) {
        Event replayed = backlog.poll();
        if (replayed != null) {
          return replayed;
        }
        backlog = null;
      }
      return pollOrEndDrain();
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
      remove(this);
      clearQueue();
    }
  }
}
