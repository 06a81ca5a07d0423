package dev.asyncsse.runtime.tools;

import dev.asyncsse.runtime.SseEvent;

/**
 * Writes an event as one line of JSON, {@code {"type":…,"data":…,"id":…}}, without Jackson, so
 * that {@link SseTail} runs with the runtime jar alone.
 */
final class EventJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventJson() {}

  /** Returns the event as a JSON object on one line. */
  static String write(SseEvent event) {
    StringBuilder json = new StringBuilder(event.data().length() + 40);
    json.append("{\"type\":");
    appendString(json, event.type());
    json.append(",\"data\":");
    appendString(json, event.data());
    json.append(",\"id\":");
    appendString(json, event.id());
    return json.append('}').toString();
  }

  /**
   * Appends a JSON string literal. Control characters and lone surrogates are written as escapes,
   * so the line contains no raw line break and stays valid when printed as UTF-8.
   */
  static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20 || isLoneSurrogate(value, i)) {
            appendUnicodeEscape(json, c);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static boolean isLoneSurrogate(String value, int index) {
    char c = value.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return index == 0 || !Character.isHighSurrogate(value.charAt(index - 1));
    }
    return false;
  }

  private static void appendUnicodeEscape(StringBuilder json, char c) {
    json.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
