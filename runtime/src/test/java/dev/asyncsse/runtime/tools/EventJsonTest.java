package dev.asyncsse.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncsse.runtime.SseEvent;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void writesFieldsInOrder() {
    assertEquals(
        "{\"type\":\"update\",\"data\":\"x\",\"id\":\"\"}",
        EventJson.write(new SseEvent("update", "x", "")));
  }

  @Test
  void escapesQuotesBackslashesAndControls() {
    assertEquals(
        "{\"type\":\"t\",\"data\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0000\\u001f\\b\\f\",\"id\":\"1\"}",
        EventJson.write(new SseEvent("t", "a\"b\\c\nd\re\tf\u0000\u001f\b\f", "1")));
  }

  @Test
  void keepsNonAsciiAndEscapesLoneSurrogates() {
    assertEquals(
        "{\"type\":\"t\",\"data\":\"\u00e9\ud83d\ude00\\ud83d|\\ude00\",\"id\":\"\"}",
        EventJson.write(new SseEvent("t", "\u00e9\ud83d\ude00\ud83d|\ude00", "")));
  }

  @Test
  void outputReadsBackWithJackson() throws Exception {
    String[] values = {"", " ", "line\nbreak", "\u2028\u2029", "{\"json\":[1,2]}", "\u007f\u0080"};
    for (String value : values) {
      JsonNode line = mapper.readTree(EventJson.write(new SseEvent(value, value, value)));
      assertEquals(value, line.get("type").asText(), value);
      assertEquals(value, line.get("data").asText(), value);
      assertEquals(value, line.get("id").asText(), value);
    }
  }
}
