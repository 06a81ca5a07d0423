package dev.asyncsse.runtime.client;

import java.util.Locale;

/** Checks the {@code Content-Type} of a response. */
final class ContentTypes {

  private static final String EVENT_STREAM = "text/event-stream";

  private ContentTypes() {}

  /**
   * Returns whether the header value's essence (type and subtype, without parameters) is {@code
   * text/event-stream}, compared without regard to ASCII case. A missing header is not.
   */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String essence = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return trimHttpWhitespace(essence).toLowerCase(Locale.ROOT).equals(EVENT_STREAM);
  }

  private static String trimHttpWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isHttpWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isHttpWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isHttpWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
