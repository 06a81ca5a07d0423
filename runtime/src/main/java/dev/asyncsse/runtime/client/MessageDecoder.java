package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns raw events into typed values of one channel, for the {@link Flow.Publisher} and {@link
 * Stream} views of generated channel clients.
 *
 * <p>Events are routed by name as {@link ChannelListener} routes them. An event whose name has no
 * route is skipped. An event whose data cannot be decoded is skipped too, and reported to the error
 * consumer as an {@link SseError} of kind {@link SseError.Kind#DECODING}; the stream goes on.
 *
 * @param <T> the type of the values, such as {@code Message<Payload>} or a channel's sealed event
 *     type
 */
public final class MessageDecoder<T> {

  private final JsonCodec codec;
  private final Map<String, Route<?, T>> routesByName;
  private final Route<?, T> unnamedRoute;

  private MessageDecoder(Builder<T> builder) {
    this.codec = builder.codec;
    this.routesByName = Map.copyOf(builder.routesByName);
    this.unnamedRoute = builder.unnamedRoute;
  }

  /** Starts a builder whose decoder reads payloads with {@code codec}. */
  public static <T> Builder<T> builder(JsonCodec codec) {
    return new Builder<>(codec);
  }

  /**
   * Decodes one event, or returns empty when no route takes its name.
   *
   * @throws SseError of kind {@link SseError.Kind#DECODING} when the data does not fit the payload
   *     type
   */
  public Optional<T> decode(SseEvent event) {
    Route<?, T> route = routesByName.get(event.type());
    if (route == null && event.type().equals(SseEvent.DEFAULT_TYPE)) {
      route = unnamedRoute;
    }
    return route == null ? Optional.empty() : Optional.of(route.decode(event, codec));
  }

  /**
   * Returns a publisher of the decoded values of the events of {@code client}, as {@link
   * #publisher(Flow.Publisher, Consumer)} returns for {@link SseClient#publisher()}. Its events
   * keep their data as UTF-8 bytes, which the codec decodes without the text when they are
   * well-formed.
   */
  public Flow.Publisher<T> publisher(SseClient client, Consumer<SseError> onError) {
    return publisher(client.decodingPublisher(), onError);
  }

  /**
   * Connects and returns the decoded values of the events of {@code client}, as {@link
   * #stream(Stream, Consumer)} returns for {@link SseClient#stream()}. Its events keep their data
   * as UTF-8 bytes, which the codec decodes without the text when they are well-formed. Closing the
   * returned stream closes the connection.
   */
  public Stream<T> stream(SseClient client, Consumer<SseError> onError) {
    Objects.requireNonNull(onError, "onError");
    return stream(client.decodingStream(), onError);
  }

  /**
   * Returns a publisher of the decoded values of {@code events}. It passes demand and cancellation
   * through unchanged, and requests one more event for each event it skips, so a subscriber's
   * demand counts decoded values only.
   */
  public Flow.Publisher<T> publisher(Flow.Publisher<SseEvent> events, Consumer<SseError> onError) {
    Objects.requireNonNull(onError, "onError");
    return subscriber -> events.subscribe(new DecodingSubscriber(subscriber, onError));
  }

  /**
   * Returns the decoded values of {@code events}. Closing the returned stream closes {@code
   * events}.
   */
  public Stream<T> stream(Stream<SseEvent> events, Consumer<SseError> onError) {
    Objects.requireNonNull(onError, "onError");
    return events.flatMap(event -> decodeOrReport(event, onError).stream());
  }

  private Optional<T> decodeOrReport(SseEvent event, Consumer<SseError> onError) {
    try {
      return decode(event);
    } catch (SseError error) {
      onError.accept(error);
      return Optional.empty();
    }
  }

  /** Forwards decoded events to the downstream subscriber. */
  private final class DecodingSubscriber implements Flow.Subscriber<SseEvent> {

    private final Flow.Subscriber<? super T> downstream;
    private final Consumer<SseError> onError;
    private Flow.Subscription subscription;

    DecodingSubscriber(Flow.Subscriber<? super T> downstream, Consumer<SseError> onError) {
      this.downstream = downstream;
      this.onError = onError;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(SseEvent event) {
      Optional<T> value = decodeOrReport(event, onError);
      if (value.isPresent()) {
        downstream.onNext(value.get());
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable error) {
      downstream.onError(error);
    }

    @Override
    public void onComplete() {
      downstream.onComplete();
    }
  }

  /** A message type and the function that wraps its decoded messages. */
  private record Route<P, T>(MessageType<P> type, Function<Message<P>, T> wrap) {

    T decode(SseEvent event, JsonCodec codec) {
      return wrap.apply(EventDecoding.decode(type, event, codec));
    }
  }

  /** Registers the routes of a {@link MessageDecoder}. */
  public static final class Builder<T> {

    private final JsonCodec codec;
    private final Map<String, Route<?, T>> routesByName = new HashMap<>();
    private Route<?, T> unnamedRoute;

    private Builder(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Routes events named {@code type.eventName()} to {@code wrap}, replacing an earlier route. */
    public <P> Builder<T> on(MessageType<P> type, Function<Message<P>, T> wrap) {
      routesByName.put(type.eventName(), new Route<>(type, wrap));
      return this;
    }

    /**
     * Routes events without an {@code event:} field to {@code wrap}, unless a route for the name
     * {@code message} exists.
     */
    public <P> Builder<T> onUnnamed(MessageType<P> type, Function<Message<P>, T> wrap) {
      unnamedRoute = new Route<>(type, wrap);
      return this;
    }

    /** Builds the decoder. */
    public MessageDecoder<T> build() {
      return new MessageDecoder<>(this);
    }
  }
}
