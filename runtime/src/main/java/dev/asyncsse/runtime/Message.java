package dev.asyncsse.runtime;

import java.util.Objects;

/**
 * A decoded message received on a channel.
 *
 * @param payload the payload decoded from the event's data; {@code null} only for a {@link Void}
 *     payload, whose schema allows nothing but JSON {@code null}
 * @param name the SSE event type the message arrived with ({@code "message"} for unnamed events)
 * @param id the last event ID string of the stream at this event, or {@code ""} when there is none
 * @param <T> the payload type
 */
public record Message<T>(T payload, String name, String id) {

  public Message {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
  }
}
