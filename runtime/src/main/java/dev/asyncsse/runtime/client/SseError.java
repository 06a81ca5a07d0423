package dev.asyncsse.runtime.client;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An error on a subscription, handed to {@link SseListener#onError}. It is never thrown by the
 * client: it is an exception only so that it carries a message and a cause.
 */
public final class SseError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The category of an error. */
  public enum Kind {
    /** The server responded with a status other than 200, including 204. The subscription stops. */
    HTTP_STATUS,
    /**
     * Status 200, but the content type is not {@code text/event-stream}. The subscription stops.
     */
    CONTENT_TYPE,
    /** Connecting failed, or the connection broke while the body was read. */
    NETWORK,
    /** No response headers within the connect timeout, or no bytes within the idle timeout. */
    TIMEOUT,
    /** An event or a line went over the maximum event size; the connection was dropped. */
    EVENT_TOO_LARGE,
    /** An event's data could not be decoded into the payload type; the stream goes on. */
    DECODING,
    /**
     * The last event ID cannot be sent in the {@code Last-Event-ID} header, because it is not
     * printable ASCII; the request goes out without the header.
     */
    LAST_EVENT_ID
  }

  private final Kind kind;
  private final int status;
  private final boolean willReconnect;
  private final String eventId;
  private final String eventData;

  private SseError(
      Kind kind,
      int status,
      String message,
      Throwable cause,
      boolean willReconnect,
      String eventId,
      String eventData) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.willReconnect = willReconnect;
    this.eventId = eventId;
    this.eventData = eventData;
  }

  /** Creates an error about the connection. Pass a status below 0 when there is none. */
  static SseError connection(
      Kind kind, int status, String message, Throwable cause, boolean willReconnect) {
    return new SseError(kind, status, message, cause, willReconnect, null, null);
  }

  /** Creates a {@link Kind#DECODING} error for one event; the stream goes on. */
  static SseError decoding(String message, Throwable cause, String eventId, String eventData) {
    return new SseError(Kind.DECODING, -1, message, cause, true, eventId, eventData);
  }

  /** Returns what went wrong. */
  public Kind kind() {
    return kind;
  }

  /** Returns the HTTP status for {@link Kind#HTTP_STATUS} and {@link Kind#CONTENT_TYPE} errors. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /**
   * Returns whether the subscription goes on after this error. It is {@code true} when the client
   * will reconnect, and for {@link Kind#DECODING} and {@link Kind#LAST_EVENT_ID} errors, after
   * which the stream simply continues. It is {@code false} when the subscription stops and {@link
   * SseListener#onClosed()} follows.
   */
  public boolean willReconnect() {
    return willReconnect;
  }

  /**
   * Returns the last event ID string at the event that could not be decoded, for {@link
   * Kind#DECODING} errors; {@code null} for every other kind.
   */
  public String eventId() {
    return eventId;
  }

  /**
   * Returns the raw data of the event that could not be decoded, for {@link Kind#DECODING} errors;
   * {@code null} for every other kind.
   */
  public String eventData() {
    return eventData;
  }
}
