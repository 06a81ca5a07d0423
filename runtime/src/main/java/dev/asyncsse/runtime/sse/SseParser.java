package dev.asyncsse.runtime.sse;

import dev.asyncsse.runtime.SseEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A streaming parser for one {@code text/event-stream} response body, following the WHATWG HTML
 * "Server-sent events" parsing and dispatch algorithm.
 *
 * <p>Feed the body's bytes as they arrive, in reads of any size; every split of the same bytes
 * gives the same events at the same points. The body is always decoded as UTF-8, whatever charset
 * the response declares. Malformed bytes become U+FFFD as the WHATWG Encoding Standard specifies
 * (one per maximal invalid subpart, so an encoded surrogate gives three), and one leading byte
 * order mark is removed. Use one parser per response body: a new connection starts with a new
 * parser, seeded with the last event ID string of the previous one.
 *
 * <p>Size limit: an event's data may be at most {@code maxEventBytes} UTF-8 bytes, counting the LF
 * between data lines, and a single line at most {@code maxEventBytes + 8} bytes, which leaves room
 * for the field name. Going over either limit raises {@link SseEventTooLargeException} before the
 * extra bytes are stored, so memory stays bounded even for a line that never ends.
 *
 * <p>Instances are not thread-safe: one thread reads the body and calls {@link #feed}.
 */
public final class SseParser {

  /** Receives what the parser finds, on the thread that calls {@link #feed}. */
  public interface Handler {

    /** Handles a dispatched event; its {@code id} is the last event ID string at dispatch. */
    void onEvent(SseEvent event);

    /**
     * Handles a valid {@code retry:} field: the new reconnection time in milliseconds. The field
     * takes effect at once, without waiting for a dispatch.
     */
    default void onRetry(long millis) {}

    /**
     * Handles a comment line: the text after the colon, with one leading space removed, as for a
     * field value.
     */
    default void onComment(String text) {}

    /**
     * Returns whether events keep their data as UTF-8 bytes and decode it to text when {@link
     * SseEvent#data()} is first called, instead of at dispatch. Keeping the bytes suits a handler
     * that decodes the data as JSON, which can parse the bytes without the text, but a handler that
     * reads the text of every event then pays for one more copy. The parser reads this once, when
     * it is created. The default is false.
     */
    default boolean keepsDataAsBytes() {
      return false;
    }
  }

  /** The default maximum event size: 1 MiB (1,048,576 bytes) of data per event. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

  /** Extra line length allowed beyond the event limit, for the field name, colon and space. */
  private static final int FIELD_NAME_ALLOWANCE = 8;

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
  private static final int INITIAL_DATA_CAPACITY = 256;
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** The maximum length of a data value that {@link #appendData} copies as two words. */
  private static final int SHORT_VALUE_BYTES = 2 * Long.BYTES;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The largest data buffer kept from one event to the next. A stream of large events then reuses
   * one array instead of growing a new one for every event, and memory held between events stays
   * bounded.
   */
  private static final int RETAINED_DATA_CAPACITY = 256 * 1024;

  private final Handler handler;
  private final boolean keepsDataAsBytes;
  private final int maxEventBytes;
  private final LineSplitter lines;

  /**
   * The UTF-8 bytes of the data buffer: each data line's value followed by LF. The event gets a
   * copy of them or their text, as {@link Handler#keepsDataAsBytes()} chooses. An LF ends any
   * incomplete multi-byte sequence, so decoding the joined lines gives the same text as decoding
   * each line on its own. The bytes start at {@link #dataBufferStart}, which is not 0 only after
   * the array was taken over from the line splitter.
   */
  private byte[] dataBuffer = new byte[INITIAL_DATA_CAPACITY];

  private int dataBufferStart;
  private int dataBufferLength;
  private String eventTypeBuffer = "";

  /** The bytes and text of the most recent {@code event:} value, reused while the name repeats. */
  private byte[] lastEventTypeBytes = new byte[0];

  private String lastEventType = "";
  private String lastEventIdBuffer;
  private String lastEventId;
  private boolean ended;
  private boolean failed;

  /** Creates a parser with no last event ID and {@link #DEFAULT_MAX_EVENT_BYTES}. */
  public SseParser(Handler handler) {
    this(handler, "", DEFAULT_MAX_EVENT_BYTES);
  }

  /**
   * Creates a parser.
   *
   * @param handler receives events, retry values and comments
   * @param initialLastEventId the last event ID string to start from, usually the one the previous
   *     connection ended with; {@code ""} for none. Events without an {@code id:} field report it
   *     until the stream sets another.
   * @param maxEventBytes the maximum size of one event's data in UTF-8 bytes; must be positive
   */
  public SseParser(Handler handler, String initialLastEventId, int maxEventBytes) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.keepsDataAsBytes = handler.keepsDataAsBytes();
    this.lastEventIdBuffer = Objects.requireNonNull(initialLastEventId, "initialLastEventId");
    this.lastEventId = initialLastEventId;
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException(
          "maxEventBytes must be positive, but was " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    int maxLineBytes =
        (int) Math.min((long) maxEventBytes + FIELD_NAME_ALLOWANCE, Integer.MAX_VALUE - 8);
    this.lines = new LineSplitter(this::processLine, maxLineBytes, maxEventBytes);
  }

  /**
   * Parses the next bytes of the body and calls the handler for every event they complete.
   *
   * <p>An exception thrown by the handler propagates out of this method, and the bytes after the
   * line that triggered it in this call are not parsed.
   *
   * @throws SseEventTooLargeException when an event or a line goes over the size limit; the parser
   *     then rejects further input
   * @throws IllegalStateException after {@link #end()} or after a size limit error
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (ended) {
      throw new IllegalStateException("The parser has already reached the end of the body");
    }
    if (failed) {
      throw new IllegalStateException(
          "The parser stopped after an event exceeded the maximum event size");
    }
    try {
      lines.feed(bytes, offset, length);
    } catch (SseEventTooLargeException e) {
      failed = true;
      lines.discardPartialLine();
      clearEventBuffers();
      throw e;
    }
  }

  /**
   * Ends the body: drops a last line that has no line ending and the event being built, whose
   * {@code id:} therefore never becomes the last event ID string. Calling it again does nothing.
   */
  public void end() {
    ended = true;
    lines.discardPartialLine();
    clearEventBuffers();
  }

  /**
   * Returns the last event ID string: the id buffer as it was at the most recent dispatch (blank
   * line), including dispatches that fired no event, or the initial value before any dispatch.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /** Classifies one complete line: blank, comment, or field. */
  private void processLine(byte[] bytes, int offset, int length) {
    if (length == 0) {
      dispatch();
      return;
    }
    if (bytes[offset] == ':') {
      handler.onComment(decodeValue(bytes, offset + 1, offset + length));
      return;
    }
    int end = offset + length;
    if (length > DATA.length && startsWithData(bytes, offset)) {
      // The most frequent field, checked before the general search for the colon.
      int valueStart = offset + DATA.length + 1;
      if (valueStart < end && bytes[valueStart] == ' ') {
        valueStart++;
      }
      appendData(bytes, valueStart, end - valueStart);
      return;
    }
    int colon = indexOf(bytes, offset, end, (byte) ':');
    if (colon < 0) {
      // A line without a colon is a field whose name is the whole line and whose value is empty.
      processField(bytes, offset, length, end, 0);
      return;
    }
    int valueStart = colon + 1;
    if (valueStart < end && bytes[valueStart] == ' ') {
      valueStart++; // exactly one leading space is removed, never a tab or a second space
    }
    processField(bytes, offset, colon - offset, valueStart, end - valueStart);
  }

  /** Applies one field; names are compared byte for byte, so they are case-sensitive. */
  private void processField(
      byte[] bytes, int nameOffset, int nameLength, int valueOffset, int valueLength) {
    if (nameEquals(DATA, bytes, nameOffset, nameLength)) {
      appendData(bytes, valueOffset, valueLength);
    } else if (nameEquals(EVENT, bytes, nameOffset, nameLength)) {
      eventTypeBuffer = decodeEventType(bytes, valueOffset, valueLength);
    } else if (nameEquals(ID, bytes, nameOffset, nameLength)) {
      // An id containing NUL is ignored as a whole, so the previous id stays.
      if (indexOf(bytes, valueOffset, valueOffset + valueLength, (byte) 0) < 0) {
        lastEventIdBuffer = Utf8Decoder.decode(bytes, valueOffset, valueLength);
      }
    } else if (nameEquals(RETRY, bytes, nameOffset, nameLength)) {
      long millis = parseRetry(bytes, valueOffset, valueLength);
      if (millis >= 0) {
        handler.onRetry(millis);
      }
    }
    // Any other field name is ignored.
  }

  private void appendData(byte[] bytes, int offset, int length) {
    // The data the event will carry is the buffer plus this value: the LF appended now is the one
    // dispatch removes again.
    if ((long) dataBufferLength + length > maxEventBytes) {
      throw new SseEventTooLargeException(
          "An event's data is longer than the maximum event size of " + maxEventBytes + " bytes",
          maxEventBytes);
    }
    int lineStart = dataBufferStart + dataBufferLength;
    if (length <= SHORT_VALUE_BYTES
        && offset + SHORT_VALUE_BYTES <= bytes.length
        && lineStart + SHORT_VALUE_BYTES < dataBuffer.length) {
      // A short value is copied as two words, whatever its length, because a call to
      // System.arraycopy costs more than the copy itself. The bytes copied after the value are
      // overwritten by the LF and by later lines, and no event contains them.
      LONGS.set(dataBuffer, lineStart, (long) LONGS.get(bytes, offset));
      LONGS.set(dataBuffer, lineStart + Long.BYTES, (long) LONGS.get(bytes, offset + Long.BYTES));
      dataBuffer[lineStart + length] = '\n';
      dataBufferLength += length + 1;
      return;
    }
    appendLongData(bytes, offset, length);
  }

  /**
   * Appends a value that {@link #appendData} cannot copy as two words. Kept apart so that the JIT
   * inlines the short path into the line loop.
   */
  private void appendLongData(byte[] bytes, int offset, int length) {
    if (dataBufferLength == 0 && bytes == lines.lineBuffer() && offset + length < bytes.length) {
      // A line that spanned reads sits in the splitter's own array: take that array as the data
      // buffer instead of copying a possibly large value, and give the splitter the old one.
      lines.replaceLineBuffer(dataBuffer);
      dataBuffer = bytes;
      dataBufferStart = offset;
      bytes[offset + length] = '\n';
      dataBufferLength = length + 1;
      return;
    }
    long required = (long) dataBufferLength + length + 1;
    if (dataBufferStart + required > dataBuffer.length) {
      // The limit check in appendData lets the final LF go one byte beyond maxEventBytes.
      long limit = Math.min((long) maxEventBytes + 1, MAX_ARRAY_LENGTH);
      if (required > limit) {
        throw new SseEventTooLargeException(
            "An event's data is longer than the largest array this JVM can allocate",
            maxEventBytes);
      }
      long grown = Math.min(Math.max((long) dataBuffer.length * 2, required), limit);
      byte[] moved = new byte[(int) Math.max(grown, INITIAL_DATA_CAPACITY)];
      System.arraycopy(dataBuffer, dataBufferStart, moved, 0, dataBufferLength);
      dataBuffer = moved;
      dataBufferStart = 0;
    }
    int lineStart = dataBufferStart + dataBufferLength;
    System.arraycopy(bytes, offset, dataBuffer, lineStart, length);
    dataBuffer[lineStart + length] = '\n';
    dataBufferLength += length + 1;
  }

  /** Decodes an {@code event:} value, or returns the previous {@code String} if the bytes match. */
  private String decodeEventType(byte[] bytes, int offset, int length) {
    if (!Arrays.equals(
        lastEventTypeBytes, 0, lastEventTypeBytes.length, bytes, offset, offset + length)) {
      lastEventTypeBytes = Arrays.copyOfRange(bytes, offset, offset + length);
      lastEventType = Utf8Decoder.decode(bytes, offset, length);
    }
    return lastEventType;
  }

  /**
   * Returns the value of a {@code retry:} field in milliseconds, or -1 when it must be ignored:
   * empty, or anything but ASCII digits (no sign, no other digit scripts). A value of digits too
   * large for a long is {@link Long#MAX_VALUE}, so that the client's maximum reconnect delay
   * applies to it as to any other large value.
   */
  private static long parseRetry(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return -1;
    }
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      if (value > (Long.MAX_VALUE - digit) / 10) {
        value = Long.MAX_VALUE;
      } else {
        value = value * 10 + digit;
      }
    }
    return value;
  }

  /** Runs the dispatch steps for a blank line. */
  private void dispatch() {
    // The id is committed even when no event fires, so an id-only block updates the next request.
    lastEventId = lastEventIdBuffer;
    if (dataBufferLength == 0) {
      eventTypeBuffer = "";
      return;
    }
    String type = eventTypeBuffer.isEmpty() ? SseEvent.DEFAULT_TYPE : eventTypeBuffer;
    // Exactly one trailing LF is removed. A kept copy of the bytes stays valid when the buffer is
    // reused.
    int length = dataBufferLength - 1;
    SseEvent event =
        keepsDataAsBytes
            ? SseEvent.fromUtf8(type, dataBuffer, dataBufferStart, length, lastEventId)
            : new SseEvent(
                type, Utf8Decoder.decode(dataBuffer, dataBufferStart, length), lastEventId);
    clearEventBuffers();
    handler.onEvent(event);
  }

  private void clearEventBuffers() {
    if (dataBuffer.length > RETAINED_DATA_CAPACITY) {
      dataBuffer = new byte[INITIAL_DATA_CAPACITY];
    }
    dataBufferStart = 0;
    dataBufferLength = 0;
    eventTypeBuffer = "";
  }

  private static String decodeValue(byte[] bytes, int valueStart, int end) {
    if (valueStart < end && bytes[valueStart] == ' ') {
      valueStart++;
    }
    return Utf8Decoder.decode(bytes, valueStart, end - valueStart);
  }

  /** Returns whether the bytes at {@code offset} are {@code data:}; the caller checks the length. */
  private static boolean startsWithData(byte[] bytes, int offset) {
    return bytes[offset + 4] == ':'
        && bytes[offset] == 'd'
        && bytes[offset + 1] == 'a'
        && bytes[offset + 2] == 't'
        && bytes[offset + 3] == 'a';
  }

  private static boolean nameEquals(byte[] name, byte[] bytes, int offset, int length) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[offset + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int end, byte wanted) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
