package dev.asyncsse.runtime;

import java.util.Objects;

/**
 * One dispatched Server-Sent Event.
 *
 * @param type the event type: the value of the last {@code event:} field, or {@code "message"}
 *     when the event had none or an empty one
 * @param data the data lines joined with LF, without the final LF
 * @param id the last event ID string when the event was dispatched, or {@code ""} when there is
 *     none; it carries over from earlier events of the same stream
 */
public record SseEvent(String type, String data, String id) {

  /** The event type of an event that has no {@code event:} field. */
  public static final String DEFAULT_TYPE = "message";

  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(id, "id");
  }
}
