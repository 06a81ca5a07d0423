package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;

/** The decoding of one event into a typed message, shared by the listeners and the typed views. */
final class EventDecoding {

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
        throw new IllegalArgumentException("the data decoded to null");
      }
      return new Message<>(payload, event.type(), event.id());
    } catch (RuntimeException e) {
      throw SseError.decoding(
          "The data of event \""
              + event.type()
              + "\" (id \""
              + event.id()
              + "\") could not be decoded as "
              + type.payloadType().getTypeName()
              + ": "
              + e.getMessage(),
          e,
          event.id(),
          event.data());
    }
  }
}
