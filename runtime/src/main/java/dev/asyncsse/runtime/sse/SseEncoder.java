package dev.asyncsse.runtime.sse;

import java.util.Objects;

/**
 * Writes Server-Sent Events frames as text, to be sent as UTF-8.
 *
 * <p>Every frame this class returns is complete and cannot change the meaning of the frames around
 * it:
 *
 * <ul>
 *   <li>each field is written as {@code name: value} with exactly one space, so a value that starts
 *       with a space keeps it;
 *   <li>data and comment text are split on CRLF, CR and LF, and each piece gets its own line, so a
 *       client reads every line break back as LF;
 *   <li>the only line ending written is LF, and an event ends with one empty line;
 *   <li>an event name, id or retry value that would break the framing is rejected with an {@link
 *       IllegalArgumentException} before anything is written.
 * </ul>
 *
 * <p>All methods are static and thread-safe.
 */
public final class SseEncoder {

  private SseEncoder() {}

  /**
   * Writes one event.
   *
   * @param eventName the {@code event:} field, or {@code null} (or empty) for an unnamed event,
   *     which a client dispatches as {@code "message"}
   * @param id the {@code id:} field, or {@code null} to write none; an empty id writes {@code id: }
   *     which clears the client's last event ID
   * @param data the event data; every line break in it is written as a new {@code data:} line, and
   *     empty data still writes one {@code data:} line so that the client dispatches the event
   * @return the frame, ending with an empty line
   * @throws IllegalArgumentException when the event name contains CR, LF or NUL, or the id contains
   *     a character outside printable ASCII
   */
  public static String event(String eventName, String id, String data) {
    return event(eventName, id, null, data);
  }

  /**
   * Writes one event with an optional {@code retry:} field, in the order {@code event}, {@code id},
   * {@code retry}, {@code data}.
   *
   * @param eventName the {@code event:} field, or {@code null} (or empty) for none
   * @param id the {@code id:} field, or {@code null} for none
   * @param retryMillis the client's reconnection time in milliseconds, or {@code null} for none
   * @param data the event data
   * @return the frame, ending with an empty line
   * @throws IllegalArgumentException when a field would break the framing (see {@link
   *     #event(String, String, String)}) or {@code retryMillis} is negative
   */
  public static String event(String eventName, String id, Long retryMillis, String data) {
    Objects.requireNonNull(data, "data");
    checkEventName(eventName);
    checkId(id);
    if (retryMillis != null) {
      checkRetry(retryMillis);
    }

    StringBuilder frame = new StringBuilder(data.length() + 64);
    if (eventName != null && !eventName.isEmpty()) {
      frame.append("event: ").append(eventName).append('\n');
    }
    if (id != null) {
      frame.append("id: ").append(id).append('\n');
    }
    if (retryMillis != null) {
      frame.append("retry: ").append(retryMillis.longValue()).append('\n');
    }
    appendLines(frame, "data: ", data);
    return frame.append('\n').toString();
  }

  /**
   * Writes a comment, which clients ignore. Each line of {@code text} gets its own {@code ": "}
   * prefix, so {@code "a\nb"} becomes {@code ": a\n: b\n"}. No empty line follows.
   */
  public static String comment(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder frame = new StringBuilder(text.length() + 8);
    appendLines(frame, ": ", text);
    return frame.toString();
  }

  /**
   * Writes a {@code retry:} field on its own, followed by an empty line, which sets the client's
   * reconnection time without dispatching an event.
   *
   * @throws IllegalArgumentException when {@code millis} is negative
   */
  public static String retry(long millis) {
    checkRetry(millis);
    return "retry: " + millis + "\n\n";
  }

  /**
   * Checks that {@code id} can be written as an {@code id:} field and sent back by a client in the
   * {@code Last-Event-ID} header: only printable ASCII characters (U+0020 to U+007E) are allowed,
   * because java.net.http rejects control characters in headers and sends other non-ASCII
   * characters as {@code ?} over HTTP/1.1.
   *
   * @throws IllegalArgumentException naming the first invalid character and its index
   */
  public static void checkId(String id) {
    if (id == null) {
      return;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "Invalid SSE id: "
                + describe(c)
                + " at index "
                + i
                + "; an id may contain only printable ASCII characters (U+0020 to U+007E)");
      }
    }
  }

  /**
   * Checks that {@code eventName} can be written as an {@code event:} field: CR and LF would end
   * the line early, and NUL is rejected as well.
   *
   * @throws IllegalArgumentException naming the first invalid character and its index
   */
  public static void checkEventName(String eventName) {
    if (eventName == null) {
      return;
    }
    for (int i = 0; i < eventName.length(); i++) {
      char c = eventName.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException(
            "Invalid SSE event name: "
                + describe(c)
                + " at index "
                + i
                + "; an event name must not contain CR, LF or NUL");
      }
    }
  }

  private static void checkRetry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException(
          "Invalid SSE retry: "
              + millis
              + " ms is negative; the reconnection time must be 0 or more milliseconds");
    }
  }

  /** Appends {@code prefix + line + "\n"} for every line of {@code text}; CRLF is one break. */
  private static void appendLines(StringBuilder out, String prefix, String text) {
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        out.append(prefix).append(text, lineStart, i).append('\n');
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        lineStart = i + 1;
      }
    }
    out.append(prefix).append(text, lineStart, text.length()).append('\n');
  }

  private static String describe(char c) {
    return String.format("U+%04X", (int) c);
  }
}
