package dev.asyncsse.runtime;

import dev.asyncsse.runtime.json.JsonCodec;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Binds an SSE event name to the Java type of its payload, and converts between the two.
 *
 * <p>Generated code declares one constant per message of a channel; the client dispatches incoming
 * events by {@link #eventName()} and the server writes it as the {@code event:} field.
 *
 * @param <T> the payload type
 */
public final class MessageType<T> {

  private final String eventName;
  private final Type payloadType;

  private MessageType(String eventName, Type payloadType) {
    this.eventName = Objects.requireNonNull(eventName, "eventName");
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
  }

  /** Creates a message type whose payload travels as JSON text in the event's data. */
  public static <T> MessageType<T> json(String eventName, Class<T> payloadType) {
    return new MessageType<>(eventName, payloadType);
  }

  /**
   * Creates a message type for a generic payload, such as {@code List<String>}, that travels as
   * JSON text in the event's data.
   */
  public static <T> MessageType<T> json(String eventName, TypeToken<T> payloadType) {
    return new MessageType<>(eventName, payloadType.type());
  }

  /** Returns the SSE event name, which is the message's {@code name} or else its id. */
  public String eventName() {
    return eventName;
  }

  /** Returns the payload's Java type: a {@code Class}, or a {@code ParameterizedType}. */
  public Type payloadType() {
    return payloadType;
  }

  /**
   * Returns whether the payload is {@link Void}: the message carries JSON {@code null}, which the
   * schema allows as its only value, and its payload is {@code null}.
   */
  public boolean isNullPayload() {
    return payloadType == Void.class;
  }

  /**
   * Decodes an event's data into a payload.
   *
   * @return the payload; {@code null} only when {@link #isNullPayload()}
   * @throws dev.asyncsse.runtime.json.JsonCodecException when the data does not fit the type,
   *     including JSON {@code null} for any type but {@link Void}, and anything but JSON {@code
   *     null} for {@link Void}
   */
  public T decode(String data, JsonCodec codec) {
    if (isNullPayload()) {
      return checkNull(codec.decode(data, Object.class));
    }
    return checkNotNull(codec.decode(data, payloadType));
  }

  /**
   * Decodes an event's data into a payload, as {@link #decode(String, JsonCodec)} does. The codec
   * gets the data as UTF-8 bytes when the event keeps them and they are well-formed, which saves
   * the text.
   *
   * @return the payload; {@code null} only when {@link #isNullPayload()}
   * @throws dev.asyncsse.runtime.json.JsonCodecException when the data does not fit the type
   */
  public T decode(SseEvent event, JsonCodec codec) {
    byte[] utf8Data = event.wellFormedUtf8Data();
    if (utf8Data == null) {
      return decode(event.data(), codec);
    }
    if (isNullPayload()) {
      return checkNull(codec.decode(utf8Data, 0, utf8Data.length, Object.class));
    }
    return checkNotNull(codec.<T>decode(utf8Data, 0, utf8Data.length, payloadType));
  }

  private T checkNull(Object decoded) {
    if (decoded != null) {
      throw dev.asyncsse.runtime.json.JsonCodecException.decoding(
          payloadType, "expected null, found " + jsonKind(decoded), null);
    }
    return null;
  }

  private static String jsonKind(Object decoded) {
    if (decoded instanceof java.util.Map) {
      return "an object";
    }
    if (decoded instanceof java.util.List) {
      return "an array";
    }
    if (decoded instanceof String) {
      return "a string";
    }
    return decoded instanceof Boolean ? decoded.toString() : "a number";
  }

  private T checkNotNull(T payload) {
    if (payload == null) {
      throw dev.asyncsse.runtime.json.JsonCodecException.decoding(
          payloadType, "expected a value other than null, found null", null);
    }
    return payload;
  }

  /**
   * Encodes a payload as an event's data.
   *
   * @param payload the payload, which is {@code null} exactly when {@link #isNullPayload()}
   */
  public String encode(T payload, JsonCodec codec) {
    if (isNullPayload()) {
      if (payload != null) {
        throw new IllegalArgumentException("payload: must be null for a Void payload");
      }
      return "null";
    }
    return codec.encode(Objects.requireNonNull(payload, "payload"));
  }

  @Override
  public String toString() {
    return "MessageType[" + eventName + " -> " + payloadType.getTypeName() + "]";
  }
}
