package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.sse.SseEncoder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Sends every published payload to all subscribed streams of a channel, and replays missed events
 * to clients that reconnect with {@code Last-Event-ID}.
 *
 * <p><b>Queues.</b> Each subscriber has its own bounded queue, drained by a writer task on the
 * broadcaster's executor (a virtual thread per task on JDK 21 and later, else a pool of at most 256
 * daemon threads). {@link #publish} only encodes the payload once and offers it to the queues, so
 * it does not wait for any client. A subscriber whose queue is full has fallen behind: its
 * connection is closed at once, so that the client reconnects instead of slowing down the others.
 * Because publishing does not wait, a burst of more events than the queue capacity drops every
 * client that cannot read them as fast. Size the capacity for the largest expected burst.
 * Subscribers leave when their stream closes for any reason.
 *
 * <p><b>Ids and order.</b> Publishing is serialized, so every subscriber receives the events in the
 * same order, and generated ids increase in that order. A generated id has the form {@code
 * <prefix>-<n>}: the prefix is the time the broadcaster was created, in milliseconds since the
 * epoch written in base 36, and {@code n} counts from 1, for example {@code mibq3t1c-42}. So a
 * broadcaster created after a process restart hands out ids that the previous one never used, and
 * a client that reconnects with an old id receives the whole replay buffer (see below) instead of
 * skipping events.
 *
 * <p><b>Replay.</b> Every published event that has an id goes into a replay buffer that keeps the
 * last {@link #DEFAULT_REPLAY_CAPACITY} events, none older than {@link #DEFAULT_REPLAY_MAX_AGE},
 * unless the {@linkplain #builder builder} sets other limits. A client that subscribes with a
 * non-empty {@link SseRequest#lastEventId()} first receives the buffered events after the newest
 * one with that id, restricted by the path parameter filter each was published with, and then the
 * live events. Subscribing and publishing are serialized, so no event is lost or sent twice in
 * between. When no buffered event has that id, because it is older than the buffer or comes from an
 * earlier broadcaster, the client receives every buffered event: it has missed at least those, and
 * the server cannot know how many more. Events published without an id are never replayed, because
 * {@code Last-Event-ID} does not show whether the client received them. To resume a client that was
 * dropped for falling behind without loss, the buffer must hold the queue's events plus those
 * published until the client is back.
 *
 * <p><b>Several message types.</b> {@link #forMessageType} returns a broadcaster of another payload
 * type that shares the subscribers, queues, ids and replay buffer, so a channel with several
 * messages keeps one order and one id sequence. Subscribe each stream to any one of them; a second
 * subscription of the same stream is ignored. {@link SseEndpoint#broadcaster} shares one sequence
 * among all channels of one address in the same way.
 *
 * @param <T> the payload type
 */
public final class Broadcaster<T> {

  /** The maximum number of events in a subscriber's queue unless the builder sets another. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;

  /** The maximum number of events in the replay buffer unless the builder sets another. */
  public static final int DEFAULT_REPLAY_CAPACITY = 1024;

  /** How long an event stays in the replay buffer unless the builder sets another time. */
  public static final Duration DEFAULT_REPLAY_MAX_AGE = Duration.ofMinutes(5);

  private static final Predicate<Map<String, String>> EVERY_SUBSCRIBER = parameters -> true;

  private final MessageType<T> type;
  private final JsonCodec codec;
  private final ChannelFanout fanout;

  /** The streams subscribed through this broadcaster or any that shares its fanout. */
  private final Set<SseStream> subscribedStreams;

  /** Creates a broadcaster with the default queue capacity and replay buffer. */
  public Broadcaster(MessageType<T> type, JsonCodec codec) {
    this(builder(type, codec));
  }

  /**
   * Creates a broadcaster with the default replay buffer.
   *
   * @param queueCapacity how many events may wait for one subscriber before it is dropped
   * @throws IllegalArgumentException when {@code queueCapacity} is less than 1
   */
  public Broadcaster(MessageType<T> type, JsonCodec codec, int queueCapacity) {
    this(builder(type, codec).queueCapacity(queueCapacity));
  }

  private Broadcaster(Builder<T> builder) {
    this(
        builder.type,
        builder.codec,
        new ChannelFanout(
            builder.queueCapacity,
            builder.replayCapacity,
            saturatedNanos(builder.replayMaxAge),
            builder.nanoClock));
  }

  private Broadcaster(MessageType<T> type, JsonCodec codec, ChannelFanout fanout) {
    this(type, codec, fanout, ConcurrentHashMap.newKeySet());
  }

  private Broadcaster(
      MessageType<T> type, JsonCodec codec, ChannelFanout fanout, Set<SseStream> subscribed) {
    this.type = Objects.requireNonNull(type, "type");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.fanout = fanout;
    this.subscribedStreams = subscribed;
  }

  /** Starts a builder, to set the queue capacity and the replay buffer's limits. */
  public static <T> Builder<T> builder(MessageType<T> type, JsonCodec codec) {
    return new Builder<>(type, codec);
  }

  /**
   * Returns a broadcaster for another message type of the same channel. It shares this
   * broadcaster's subscribers, queues, id sequence and replay buffer, so events of both types reach
   * every subscriber in publish order, and a {@code Last-Event-ID} from either type resumes both. A
   * stream subscribed through either one receives both types.
   */
  public <U> Broadcaster<U> forMessageType(MessageType<U> otherType) {
    return new Broadcaster<>(otherType, codec, fanout, subscribedStreams);
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
    fanout.publishWithGeneratedId(
        type.eventName(), type.encode(payload, codec), pathParameterFilter);
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
    fanout.publish(type.eventName(), id, type.encode(payload, codec), pathParameterFilter);
  }

  /** Returns the number of streams currently subscribed. */
  public int subscriberCount() {
    return fanout.subscriberCount();
  }

  /**
   * Subscribes one stream, for example from a handler that checked the request first. The buffered
   * events after the request's {@code Last-Event-ID} are sent first, as the class describes. The
   * stream leaves when it closes. Subscribing a stream that is already subscribed, here or through
   * a broadcaster that shares this one's subscribers, has no effect, so it never gets an event
   * twice.
   */
  public void subscribe(SseRequest request, SseStream stream) {
    if (!subscribedStreams.add(stream)) {
      return;
    }
    stream.onClose(() -> subscribedStreams.remove(stream));
    fanout.subscribe(request.pathParameters(), request.lastEventId(), stream);
  }

  /** Returns the {@code n}th id that {@link #publish(Object)} generates, counting from 1. */
  String generatedId(long n) {
    return fanout.generatedId(n);
  }

  /** Returns the number of events in the replay buffer, after removing the expired ones. */
  int replaySize() {
    return fanout.replaySize();
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Configures a {@link Broadcaster}.
   *
   * @param <T> the payload type
   */
  public static final class Builder<T> {

    private final MessageType<T> type;
    private final JsonCodec codec;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int replayCapacity = DEFAULT_REPLAY_CAPACITY;
    private Duration replayMaxAge = DEFAULT_REPLAY_MAX_AGE;
    private LongSupplier nanoClock = System::nanoTime;

    private Builder(MessageType<T> type, JsonCodec codec) {
      this.type = Objects.requireNonNull(type, "type");
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Sets how many events may wait for one subscriber before it is dropped; {@value
     * #DEFAULT_QUEUE_CAPACITY} by default.
     *
     * @throws IllegalArgumentException when {@code capacity} is less than 1
     */
    public Builder<T> queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "Invalid queue capacity " + capacity + ": it must be at least 1");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets how many events the replay buffer keeps; {@value #DEFAULT_REPLAY_CAPACITY} by default.
     * The buffer keeps each event's encoded frame, so it takes about this many times the average
     * event size in memory. 0 turns replay off.
     *
     * @throws IllegalArgumentException when {@code capacity} is negative
     */
    public Builder<T> replayCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException(
            "Invalid replay capacity " + capacity + ": it must not be negative");
      }
      this.replayCapacity = capacity;
      return this;
    }

    /**
     * Sets how long an event stays in the replay buffer; 5 minutes by default.
     *
     * @throws IllegalArgumentException when the duration is shorter than one millisecond
     */
    public Builder<T> replayMaxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.toMillis() < 1) {
        throw new IllegalArgumentException(
            "Invalid replay max age " + maxAge + ": it must be at least one millisecond");
      }
      this.replayMaxAge = maxAge;
      return this;
    }

    /** Replaces {@link System#nanoTime()} as the clock of the replay buffer's age limit. */
    Builder<T> nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the broadcaster. */
    public Broadcaster<T> build() {
      return new Broadcaster<>(this);
    }
  }
}
