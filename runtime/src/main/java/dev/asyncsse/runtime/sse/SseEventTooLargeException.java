package dev.asyncsse.runtime.sse;

/**
 * Thrown by {@link SseParser#feed} when an event's data, or a single line, goes over the parser's
 * maximum event size.
 *
 * <p>It is unchecked because {@code feed} works on bytes already in memory and declares no I/O
 * errors. After it is thrown the parser has dropped its buffers and rejects further input: the
 * connection that sent the event should be closed, and a new connection needs a new parser.
 */
public final class SseEventTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int maxEventBytes;

  SseEventTooLargeException(String message, int maxEventBytes) {
    super(message);
    this.maxEventBytes = maxEventBytes;
  }

  /** Returns the maximum event size in bytes that the parser was configured with. */
  public int maxEventBytes() {
    return maxEventBytes;
  }
}
