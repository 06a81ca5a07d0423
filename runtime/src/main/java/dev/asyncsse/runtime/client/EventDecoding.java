package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;

/** The decoding of one event into a typed message, shared by the listeners and the typed views. */
final class EventDecoding {

  /** The maximum length of an event name, an id or a codec's message quoted in an error. */
  private static final int MAX_QUOTED = 300;

  private EventDecoding() {}

  /**
   * Returns the event's data decoded as {@code type}, wrapped with the event's name and id. A null
   * payload is accepted only for a type whose schema allows nothing else.
   *
   * @throws SseError a decoding error that names the event, its id and the payload type
   */
  static <T> Message<T> decode(MessageType<T> type, SseEvent event, JsonCodec codec) {
    try {
      T payload = type.decode(event, codec);
      if (payload == null && !type.isNullPayload()) {
        throw new IllegalArgumentException("the codec returned null");
      }
      return new Message<>(payload, event.type(), event.id());
    } catch (RuntimeException e) {
      throw SseError.decoding(message(type, event, e), e, event.id(), event.data());
    }
  }

  /**
   * Returns a message such as {@code The data of event "order" (id "7") could not be decoded as
   * com.acme.Order: items[2].price: expected a number, found the string "12" (line 1, column 40)}.
   * The id part is left out when the event has no id.
   */
  private static String message(MessageType<?> type, SseEvent event, RuntimeException failure) {
    StringBuilder message = new StringBuilder("The data of event \"")
        .append(cap(event.type()))
        .append('"');
    if (!event.id().isEmpty()) {
      message.append(" (id \"").append(cap(event.id())).append("\")");
    }
    String reason = failure instanceof JsonCodecException codecFailure
        ? codecFailure.reason()
        : failure.getMessage();
    return message.append(" could not be decoded as ")
        .append(type.payloadType().getTypeName())
        .append(": ")
        .append(reason == null ? failure.getClass().getName() : cap(reason))
        .toString();
  }

  private static String cap(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "\u2026";
  }
}
