package dev.asyncsse.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The event streams that the benchmarks parse and send, as {@code text/event-stream} bytes.
 *
 * <p>Every shape is deterministic: the same shape and size give the same bytes on every run, so
 * each library reads exactly the same input.
 */
public enum StreamShape {

  /**
   * 95-byte events with a name, a six-digit id and one line of JSON data, as a typed channel sends
   * them: {@code event: userSignedup}, {@code id: 000001}, {@code data: {"displayName":...}}.
   */
  SMALL_JSON,

  /** Events whose data is one 64 KiB line of JSON text, with an id and no name. */
  LARGE,

  /**
   * Events of 32 short data lines (12 to 15 bytes each, such as {@code data: line 417}), with no
   * name and no id.
   */
  SHORT_LINES,

  /** The {@link #SMALL_JSON} events with CRLF line endings in place of LF. */
  CRLF;

  /** The JSON payload of {@link #SMALL_JSON} events. */
  public static final String SMALL_JSON_DATA =
      "{\"displayName\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}";

  /** The event name of {@link #SMALL_JSON} events, which the account service client expects. */
  public static final String SMALL_JSON_EVENT_NAME = "userSignedup";

  private static final int LARGE_DATA_BYTES = 64 * 1024;
  private static final int SHORT_LINES_PER_EVENT = 32;

  /**
   * Encodes whole events of this shape until the stream contains at least {@code minBytes} bytes.
   *
   * @param minBytes the minimum stream size; the last event may go past it
   */
  public EncodedStream encode(int minBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(minBytes + LARGE_DATA_BYTES);
    int events = 0;
    long dataDigest = 0;
    while (out.size() < minBytes) {
      byte[] frame = frame(events).getBytes(StandardCharsets.UTF_8);
      out.write(frame, 0, frame.length);
      dataDigest = addToDigest(dataDigest, data(events));
      events++;
    }
    return new EncodedStream(this, out.toByteArray(), events, dataDigest);
  }

  /** Adds one event's data to a digest of a stream's data, in stream order. */
  public static long addToDigest(long digest, String data) {
    return digest * 31 + data.hashCode();
  }

  /** Returns the text of the event with index {@code index}, ending with its blank line. */
  public String frame(int index) {
    switch (this) {
      case SMALL_JSON:
        return smallJsonFrame(index, "\n");
      case LARGE:
        return largeFrame(index);
      case SHORT_LINES:
        return shortLinesFrame(index);
      case CRLF:
        return smallJsonFrame(index, "\r\n");
      default:
        throw new AssertionError(this);
    }
  }

  /** Returns the data of the event with index {@code index}, as a client dispatches it. */
  public String data(int index) {
    switch (this) {
      case SMALL_JSON:
      case CRLF:
        return SMALL_JSON_DATA;
      case LARGE:
        return largeData(index);
      case SHORT_LINES:
        StringBuilder data = new StringBuilder(SHORT_LINES_PER_EVENT * 10);
        for (int line = 0; line < SHORT_LINES_PER_EVENT; line++) {
          data.append(line == 0 ? "" : "\n").append(shortLine(index, line));
        }
        return data.toString();
      default:
        throw new AssertionError(this);
    }
  }

  private static String smallJsonFrame(int index, String lineEnd) {
    return "event: "
        + SMALL_JSON_EVENT_NAME
        + lineEnd
        + "id: "
        + String.format("%06d", index % 1_000_000)
        + lineEnd
        + "data: "
        + SMALL_JSON_DATA
        + lineEnd
        + lineEnd;
  }

  private static String largeFrame(int index) {
    return "id: " + index + "\ndata: " + largeData(index) + "\n\n";
  }

  private static String largeData(int index) {
    StringBuilder data = new StringBuilder(LARGE_DATA_BYTES);
    data.append("{\"values\":[");
    int value = index;
    while (data.length() < LARGE_DATA_BYTES - 16) {
      data.append(value % 100_000).append(',');
      value += 7919;
    }
    return data.append("0]}").toString();
  }

  private static String shortLinesFrame(int index) {
    StringBuilder frame = new StringBuilder(SHORT_LINES_PER_EVENT * 16);
    for (int line = 0; line < SHORT_LINES_PER_EVENT; line++) {
      frame.append("data: ").append(shortLine(index, line)).append('\n');
    }
    return frame.append('\n').toString();
  }

  private static String shortLine(int index, int line) {
    return "line " + (index + line) % 1000;
  }

  /**
   * One encoded stream.
   *
   * @param shape the shape of its events
   * @param bytes the stream's bytes
   * @param events the number of events in it
   * @param dataDigest the {@link #addToDigest digest} of its events' data
   */
  public record EncodedStream(StreamShape shape, byte[] bytes, int events, long dataDigest) {}
}
