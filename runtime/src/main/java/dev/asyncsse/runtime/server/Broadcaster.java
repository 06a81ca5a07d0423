package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.sse.SseEncoder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Sends every published payload to all subscribed streams of a channel.
 *
 * <p>Each subscriber has its own bounded queue, drained by a writer task on the broadcaster's
 * executor (a virtual thread per task on JDK 21 and later, else a pool of at most 256 daemon
 * threads). {@link #publish} only encodes the payload once and offers it to the queues, so it does
 * not wait for any client. A subscriber whose queue is full has fallen behind: its connection is
 * closed at once, so that the client reconnects instead of slowing down the others. Because
 * publishing does not wait, a burst of more events than the queue capacity drops every client that
 * cannot read them as fast. Size the capacity for the largest expected burst. Subscribers leave
 * when their stream closes for any reason.
 *
 * <p>Publishing is serialized, so every subscriber receives the events in the same order, and
 * generated ids increase in that order. Generated ids are decimal numbers starting at 1 for each
 * broadcaster.
 *
 * @param <T> the payload type
 */
public final class Broadcaster<T> {

  /** The maximum number of events in a subscriber's queue unless the constructor sets another. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");
  private static final Predicate<Map<String, String>> EVERY_SUBSCRIBER = parameters -> true;

  private final MessageType<T> type;
  private final JsonCodec codec;
  private final int queueCapacity;
  private final ExecutorService executor = StreamThreads.newExecutor("asyncsse-broadcast-");
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Object publishLock = new Object();
  private long lastGeneratedId;

  /** Creates a broadcaster whose subscribers each queue up to 1024 events. */
  public Broadcaster(MessageType<T> type, JsonCodec codec) {
    this(type, codec, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Creates a broadcaster.
   *
   * @param queueCapacity how many events may wait for one subscriber before it is dropped
   * @throws IllegalArgumentException when {@code queueCapacity} is less than 1
   */
  public Broadcaster(MessageType<T> type, JsonCodec codec, int queueCapacity) {
    this.type = Objects.requireNonNull(type, "type");
    this.codec = Objects.requireNonNull(codec, "codec");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException(
          "Invalid queue capacity " + queueCapacity + ": it must be at least 1");
    }
    this.queueCapacity = queueCapacity;
  }

  /** Returns a connection handler that subscribes every client that connects. */
  public SseConnectionHandler subscriber() {
    return this::subscribe;
  }

  /**
   * Returns a connection handler that subscribes only the clients whose request passes {@code
   * filter}. The others keep an open stream that carries heartbeats only; to turn them away
   * instead, write a handler that calls {@link SseRequest#reject} and then {@link #subscribe}.
   */
  public SseConnectionHandler subscriber(Predicate<SseRequest> filter) {
    Objects.requireNonNull(filter, "filter");
    return (request, stream) -> {
      if (filter.test(request)) {
        subscribe(request, stream);
      }
    };
  }

  /**
   * Sends {@code payload} to every subscriber with the next generated id.
   *
   * @throws dev.asyncsse.runtime.json.JsonCodecException when the payload cannot be encoded
   */
  public void publish(T payload) {
    publish(payload, EVERY_SUBSCRIBER);
  }

  /**
   * Sends {@code payload} to every subscriber with the given id.
   *
   * @param id the event id, or {@code null} to send no {@code id:} field
   * @throws IllegalArgumentException when the id is not printable ASCII
   */
  public void publish(T payload, String id) {
    publish(payload, id, EVERY_SUBSCRIBER);
  }

  /**
   * Sends {@code payload}, with the next generated id, to the subscribers whose path parameters
   * pass {@code pathParameterFilter}.
   */
  public void publish(T payload, Predicate<Map<String, String>> pathParameterFilter) {
    String data = type.encode(payload, codec);
    synchronized (publishLock) {
      enqueueLocked(Long.toString(++lastGeneratedId), data, pathParameterFilter);
    }
  }

  /**
   * Sends {@code payload}, with the given id, to the subscribers whose path parameters pass {@code
   * pathParameterFilter}.
   *
   * @param id the event id, or {@code null} to send no {@code id:} field
   * @throws IllegalArgumentException when the id is not printable ASCII
   */
  public void publish(T payload, String id, Predicate<Map<String, String>> pathParameterFilter) {
    SseEncoder.checkId(id);
    String data = type.encode(payload, codec);
    synchronized (publishLock) {
      enqueueLocked(id, data, pathParameterFilter);
    }
  }

  /** Returns the number of streams currently subscribed. */
  public int subscriberCount() {
    return subscribers.size();
  }

  /**
   * Subscribes one stream, for example from a handler that checked the request first. The stream
   * leaves when it closes.
   */
  public void subscribe(SseRequest request, SseStream stream) {
    Subscriber subscriber = new Subscriber(request.pathParameters(), stream);
    subscribers.add(subscriber);
    stream.onClose(subscriber::leave);
  }

  private void enqueueLocked(String id, String data, Predicate<Map<String, String>> filter) {
    Objects.requireNonNull(filter, "pathParameterFilter");
    String frame = SseEncoder.event(type.eventName(), id, data);
    Event event = new Event(id, data, frame.getBytes(StandardCharsets.UTF_8));
    for (Subscriber subscriber : subscribers) {
      if (filter.test(subscriber.pathParameters)) {
        subscriber.enqueue(event);
      }
    }
  }

  /** One published event, also encoded once as a frame for streams of this package. */
  private record Event(String id, String data, byte[] frame) {}

  /** One subscribed stream and its queue. */
  private final class Subscriber {

    private final Map<String, String> pathParameters;
    private final SseStream stream;
    private final ArrayBlockingQueue<Event> queue = new ArrayBlockingQueue<>(queueCapacity);
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean removed;

    Subscriber(Map<String, String> pathParameters, SseStream stream) {
      this.pathParameters = Map.copyOf(pathParameters);
      this.stream = stream;
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

    /** Writes queued events until the queue is empty; only one drain runs at a time. */
    private void drain() {
      do {
        Event event;
        while (!removed && (event = queue.poll()) != null) {
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

    private void write(Event event) throws IOException {
      if (stream instanceof ExchangeStream) {
        ((ExchangeStream) stream).writeFrame(event.frame());
      } else {
        stream.send(type.eventName(), event.id(), event.data());
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
