package dev.asyncsse.runtime.server;

import java.io.IOException;

/**
 * The response stream to one connected client.
 *
 * <p>Every method is thread-safe. Writes are serialized, and each event or comment is flushed to
 * the client as soon as it is written. The first write, or the return of the {@link
 * SseConnectionHandler}, sends the response headers.
 */
public interface SseStream extends AutoCloseable {

  /**
   * Writes one event and flushes it.
   *
   * @param eventName the {@code event:} field, or {@code null} for an unnamed event
   * @param id the {@code id:} field, or {@code null} for none
   * @param data the event data; line breaks become separate {@code data:} lines
   * @throws IOException when the client has gone or the stream is closed; the stream is then closed
   *     and its {@link #onClose} callbacks have run
   * @throws IllegalArgumentException when the event name or id would break the framing
   * @throws IllegalStateException when the request was rejected
   */
  void send(String eventName, String id, String data) throws IOException;

  /**
   * Writes a comment, which clients ignore, and flushes it.
   *
   * @throws IOException when the client has gone or the stream is closed
   */
  void comment(String text) throws IOException;

  /** Returns whether the stream may still be written: not closed, not rejected, client present. */
  boolean isOpen();

  /**
   * Registers a callback that runs once when the stream ends for any reason: the client left, a
   * write failed or timed out, {@link #close()}, a rejected request, or server shutdown. A callback
   * registered after the end runs at once on the calling thread. Exceptions from callbacks are
   * logged and ignored.
   */
  void onClose(Runnable callback);

  /**
   * Ends the response cleanly with the final chunk, so that the client reads the end of the body
   * and reconnects. Waits for a write in progress to finish first. Does nothing when the stream is
   * already closed.
   */
  @Override
  void close();
}
