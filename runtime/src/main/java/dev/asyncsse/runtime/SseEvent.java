package dev.asyncsse.runtime;

import dev.asyncsse.runtime.sse.Utf8Decoder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One dispatched Server-Sent Event: its type, data and id.
 *
 * <p>An event that {@link #fromUtf8} creates keeps its data as UTF-8 bytes and decodes them to a
 * {@code String} only when {@link #data()} is first called, so that a typed client can hand the
 * bytes to its JSON codec without the text. Events are immutable and may be passed between
 * threads. Two events are equal when their type, data and id are equal.
 */
public final class SseEvent {

  /** The event type of an event that has no {@code event:} field. */
  public static final String DEFAULT_TYPE = "message";

  private final String type;
  private final String id;

  /** The data as UTF-8, which may be malformed, or {@code null} for an event created from text. */
  private final byte[] utf8Data;

  /**
   * The data as text, decoded from {@link #utf8Data} on first use. Threads that race on the first
   * use each decode an equal {@code String}, which is immutable, so the field needs no lock.
   */
  private String data;

  /**
   * Creates an event.
   *
   * @param type the event type: the value of the last {@code event:} field, or {@code "message"}
   *     when the event had none or an empty one
   * @param data the data lines joined with LF, without the final LF
   * @param id the last event ID string when the event was dispatched, or {@code ""} when there is
   *     none; it carries over from earlier events of the same stream
   */
  public SseEvent(String type, String data, String id) {
    this.type = Objects.requireNonNull(type, "type");
    this.data = Objects.requireNonNull(data, "data");
    this.id = Objects.requireNonNull(id, "id");
    this.utf8Data = null;
  }

  private SseEvent(String type, byte[] utf8Data, String id) {
    this.type = Objects.requireNonNull(type, "type");
    this.utf8Data = utf8Data;
    this.id = Objects.requireNonNull(id, "id");
  }

  /**
   * Creates an event whose data is the UTF-8 text in {@code length} bytes of {@code bytes} from
   * {@code offset}. The bytes are copied, so the caller may reuse the array. Malformed UTF-8
   * becomes U+FFFD as {@link dev.asyncsse.runtime.sse.SseParser} decodes it.
   *
   * @param type the event type, as for {@link #SseEvent(String, String, String)}
   * @param id the last event ID string, as for {@link #SseEvent(String, String, String)}
   */
  public static SseEvent fromUtf8(String type, byte[] bytes, int offset, int length, String id) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new SseEvent(type, Arrays.copyOfRange(bytes, offset, offset + length), id);
  }

  /**
   * Returns the event type: the value of the last {@code event:} field, or {@code "message"} when
   * the event had none or an empty one.
   */
  public String type() {
    return type;
  }

  /** Returns the data lines joined with LF, without the final LF. */
  public String data() {
    String text = data;
    if (text == null) {
      text = Utf8Decoder.decode(utf8Data, 0, utf8Data.length);
      data = text;
    }
    return text;
  }

  /**
   * Returns the last event ID string when the event was dispatched, or {@code ""} when there is
   * none; it carries over from earlier events of the same stream.
   */
  public String id() {
    return id;
  }

  /**
   * Returns the data as UTF-8 when it is well-formed, so that any UTF-8 decoder reads the same text
   * as {@link #data()}, or {@code null}. The array is the event's own and must not be modified.
   */
  byte[] wellFormedUtf8Data() {
    if (utf8Data == null || !Utf8Decoder.isWellFormed(utf8Data, 0, utf8Data.length)) {
      return null;
    }
    return utf8Data;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SseEvent)) {
      return false;
    }
    SseEvent that = (SseEvent) other;
    if (!type.equals(that.type) || !id.equals(that.id)) {
      return false;
    }
    // Equal bytes decode to equal text. Unequal bytes may still decode to equal text when they are
    // malformed, so those are compared as text.
    if (utf8Data != null && that.utf8Data != null && Arrays.equals(utf8Data, that.utf8Data)) {
      return true;
    }
    return data().equals(that.data());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, data(), id);
  }

  @Override
  public String toString() {
    return "SseEvent[type=" + type + ", data=" + data() + ", id=" + id + "]";
  }
}
