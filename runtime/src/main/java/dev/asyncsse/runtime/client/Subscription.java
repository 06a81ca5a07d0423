package dev.asyncsse.runtime.client;

/** A running subscription to an event stream, started by {@link SseClient#subscribe}. */
public interface Subscription extends AutoCloseable {

  /**
   * Stops the subscription for good and releases its connection.
   *
   * <p>Returns without waiting for the network: it cancels a pending request, closes the response
   * body (which unblocks a read in progress and closes the connection), and cancels a pending
   * reconnect. Once it has returned, no {@code onOpen} or {@code onEvent} call starts; a listener
   * call already running finishes, and then {@code onClosed} runs on the subscription's thread.
   * Calling it again does nothing.
   */
  @Override
  void close();

  /** Returns whether {@link #close()} was called or the subscription stopped on its own. */
  boolean isClosed();

  /**
   * Returns the last event ID string, which the next reconnect sends as {@code Last-Event-ID}, or
   * {@code ""} when there is none.
   */
  String lastEventId();
}
