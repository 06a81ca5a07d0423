package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.sse.SseEncoder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The subscribers, id sequence and replay buffer of one or more {@link Broadcaster}s that share
 * them. See {@link Broadcaster} for the behaviour.
 *
 * <p>{@link #publishLock} serializes publishing and subscribing: an event is either in a new
 * subscriber's replay backlog or in its live queue, never in both and never in neither.
 */
final class ChannelFanout {

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");

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
    for (Subscriber subscriber : subscribers) {
      if (filter.test(subscriber.pathParameters)) {
        subscriber.enqueue(event);
      }
    }
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

  /** One subscribed stream, its replay backlog and its queue of live events. */
  private final class Subscriber {

    private final Map<String, String> pathParameters;
    private final SseStream stream;

    /** Touched only by the drain task, of which one runs at a time. */
    private final ArrayDeque<Event> backlog;

    private final ArrayBlockingQueue<Event> queue = new ArrayBlockingQueue<>(queueCapacity);
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean removed;

    Subscriber(Map<String, String> pathParameters, SseStream stream, ArrayDeque<Event> backlog) {
      this.pathParameters = Map.copyOf(pathParameters);
      this.stream = stream;
      this.backlog = backlog;
    }

    void enqueue(Event event) {
      if (removed) {
        return;
      }
      if (!queue.offer(event)) {
        dropSlowClient();
        return;
      }
      if (draining.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }

    void startDrainingBacklog() {
      if (!backlog.isEmpty() && draining.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }

    /** Writes the backlog, then queued events, until both are empty; one drain runs at a time. */
    private void drain() {
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
      } while (!removed && !queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private Event next() {
      Event replayed = backlog.poll();
      return replayed != null ? replayed : queue.poll();
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
      queue.clear();
    }
  }
}
