package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.SseEvent;

/**
 * Receives what happens on one subscription.
 *
 * <p>All methods run on the subscription's own thread, one call at a time and in stream order. An
 * exception thrown by a method is caught and logged, and the subscription goes on.
 */
public interface SseListener {

  /** Called each time a connection opens: status 200 with a {@code text/event-stream} body. */
  default void onOpen() {}

  /** Called for each dispatched event, in stream order. */
  void onEvent(SseEvent event);

  /**
   * Called for each error. {@link SseError#willReconnect()} returns whether the subscription goes
   * on or {@link #onClosed()} follows.
   */
  default void onError(SseError error) {}

  /**
   * Called once, as the last call, when the subscription stops for good: after {@link
   * Subscription#close()}, a status other than 200, a wrong content type, or when the reconnect
   * limits are used up.
   */
  default void onClosed() {}
}
