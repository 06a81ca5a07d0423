package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A listener that decodes each event into the payload type registered for its event name and hands
 * it to a typed consumer. Generated channel clients are built on it.
 *
 * <p>An event goes to the consumer registered with {@link Builder#on} for its type. An event of
 * type {@code message} (sent without an {@code event:} field) with no such consumer goes to the one
 * registered with {@link Builder#onUnnamed}, if any. Other events are ignored and logged at {@code
 * DEBUG}. When the data cannot be decoded, the error consumer receives an {@link SseError} of kind
 * {@link SseError.Kind#DECODING} with the event's id and raw data, and the stream goes on.
 */
public final class ChannelListener implements SseListener {

  private static final System.Logger LOG = System.getLogger("dev.asyncsse.runtime.client");

  private final JsonCodec codec;
  private final Map<String, Route<?>> routesByName;
  private final Route<?> unnamedRoute;
  private final Consumer<SseError> errorConsumer;
  private final Runnable openAction;
  private final Runnable closedAction;

  private ChannelListener(Builder builder) {
    this.codec = builder.codec;
    this.routesByName = Map.copyOf(builder.routesByName);
    this.unnamedRoute = builder.unnamedRoute;
    this.errorConsumer = builder.errorConsumer;
    this.openAction = builder.openAction;
    this.closedAction = builder.closedAction;
  }

  /** Starts a builder whose listener decodes payloads with {@code codec}. */
  public static Builder builder(JsonCodec codec) {
    return new Builder(codec);
  }

  @Override
  public void onOpen() {
    if (openAction != null) {
      openAction.run();
    }
  }

  @Override
  public void onEvent(SseEvent event) {
    Route<?> route = routesByName.get(event.type());
    if (route == null && event.type().equals(SseEvent.DEFAULT_TYPE)) {
      route = unnamedRoute;
    }
    if (route == null) {
      LOG.log(
          Level.DEBUG,
          () -> "Ignored an event named \"" + event.type() + "\", which has no consumer");
      return;
    }
    route.deliver(event, codec, this);
  }

  @Override
  public void onError(SseError error) {
    if (errorConsumer != null) {
      errorConsumer.accept(error);
    } else if (error.kind() == SseError.Kind.DECODING) {
      // The client logs connection errors itself; a decoding error would otherwise go unseen.
      LOG.log(Level.WARNING, error.getMessage(), error.getCause());
    }
  }

  @Override
  public void onClosed() {
    if (closedAction != null) {
      closedAction.run();
    }
  }

  /** A message type and the consumer of its decoded messages. */
  private record Route<T>(MessageType<T> type, Consumer<Message<T>> consumer) {

    void deliver(SseEvent event, JsonCodec codec, ChannelListener owner) {
      Message<T> message;
      try {
        message = EventDecoding.decode(type, event, codec);
      } catch (SseError e) {
        owner.onError(e);
        return;
      }
      // An exception from the consumer is the application's, so it is not a decoding error.
      consumer.accept(message);
    }
  }

  /** Registers the consumers of a {@link ChannelListener}. */
  public static final class Builder {

    private final JsonCodec codec;
    private final Map<String, Route<?>> routesByName = new HashMap<>();
    private Route<?> unnamedRoute;
    private Consumer<SseError> errorConsumer;
    private Runnable openAction;
    private Runnable closedAction;

    private Builder(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Sends events whose type equals {@code type.eventName()} to {@code consumer}.
     *
     * @throws IllegalArgumentException when a consumer for that event name is already registered
     */
    public <T> Builder on(MessageType<T> type, Consumer<Message<T>> consumer) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(consumer, "consumer");
      if (routesByName.containsKey(type.eventName())) {
        throw new IllegalArgumentException(
            "A consumer for events named \"" + type.eventName() + "\" is already registered");
      }
      routesByName.put(type.eventName(), new Route<>(type, consumer));
      return this;
    }

    /**
     * Sends events of type {@code message}, the type of events without an {@code event:} field, to
     * {@code consumer}, decoded as {@code type}. A consumer registered with {@link #on} for the
     * name {@code message} takes precedence.
     *
     * @throws IllegalArgumentException when an unnamed consumer is already registered
     */
    public <T> Builder onUnnamed(MessageType<T> type, Consumer<Message<T>> consumer) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(consumer, "consumer");
      if (unnamedRoute != null) {
        throw new IllegalArgumentException("A consumer for unnamed events is already registered");
      }
      unnamedRoute = new Route<>(type, consumer);
      return this;
    }

    /** Sets the consumer of errors: connection errors and {@code DECODING} errors. */
    public Builder onError(Consumer<SseError> consumer) {
      this.errorConsumer = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /** Sets the action run each time a connection opens. */
    public Builder onOpen(Runnable action) {
      this.openAction = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Sets the action run once when the subscription stops for good. */
    public Builder onClosed(Runnable action) {
      this.closedAction = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Builds the listener. */
    public ChannelListener build() {
      return new ChannelListener(this);
    }
  }
}
