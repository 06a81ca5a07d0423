package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.SseEvent;

/**
 * Receives what happens on one subscription.
 *
 * <p>All methods run on the subscription's own thread, one call at a time and in stream order. An
 * exception thrown by a method is caught and logged, and the subscription goes on.
 *
 * <p>A method may block, for example to wait for a slow consumer. The client then stops reading the
 * response body, so TCP flow control slows the server down, and the idle timeout does not count
 * that time. {@link Subscription#close()} does not interrupt a listener call, so a listener that
 * waits must also stop waiting when the subscription is closed.
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
