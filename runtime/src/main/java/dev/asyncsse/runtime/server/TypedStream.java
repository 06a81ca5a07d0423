package dev.asyncsse.runtime.server;

import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;
import java.util.Objects;

/**
 * An {@link SseStream} that sends payloads of one message type: the event name is {@link
 * MessageType#eventName()} and the data is the payload encoded as JSON.
 *
 * @param <T> the payload type
 */
public final class TypedStream<T> {

  private final SseStream stream;
  private final MessageType<T> type;
  private final JsonCodec codec;

  /** Creates a typed view of {@code stream}. */
  public TypedStream(SseStream stream, MessageType<T> type, JsonCodec codec) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.type = Objects.requireNonNull(type, "type");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * Sends one payload without an id.
   *
   * @throws IOException when the client has gone or the stream is closed
   * @throws dev.asyncsse.runtime.json.JsonCodecException when the payload cannot be encoded
   */
  public void send(T payload) throws IOException {
    send(payload, null);
  }

  /**
   * Sends one payload with an id.
   *
   * @param id the event id (printable ASCII), or {@code null} for none
   * @throws IOException when the client has gone or the stream is closed
   * @throws IllegalArgumentException when the id is not printable ASCII
   */
  public void send(T payload, String id) throws IOException {
    stream.send(type.eventName(), id, type.encode(payload, codec));
  }

  /** Returns the underlying stream. */
  public SseStream raw() {
    return stream;
  }
}
