package dev.asyncsse.runtime.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseEncoderTest {

  @Test
  void dataIsWrittenAfterOneSpace() {
    assertEquals("data: hello\n\n", SseEncoder.event(null, null, "hello"));
  }

  @Test
  void lineFeedStartsNewDataLine() {
    assertEquals("data: a\ndata: b\n\n", SseEncoder.event(null, null, "a\nb"));
  }

  @Test
  void crlfStartsOneNewDataLine() {
    assertEquals("data: a\ndata: b\n\n", SseEncoder.event(null, null, "a\r\nb"));
  }

  @Test
  void loneCrStartsNewDataLine() {
    assertEquals("data: a\ndata: b\n\n", SseEncoder.event(null, null, "a\rb"));
  }

  @Test
  void crFollowedByCrlfIsTwoLineBreaks() {
    assertEquals("data: a\ndata: \ndata: b\n\n", SseEncoder.event(null, null, "a\r\r\nb"));
  }

  @Test
  void trailingLineBreakWritesEmptyDataLine() {
    assertEquals("data: line1\ndata: \n\n", SseEncoder.event(null, null, "line1\n"));
  }

  @Test
  void emptyDataWritesOneDataLine() {
    assertEquals("data: \n\n", SseEncoder.event(null, null, ""));
  }

  @Test
  void leadingSpaceOfDataIsKept() {
    assertEquals("data:  x\n\n", SseEncoder.event(null, null, " x"));
  }

  @Test
  void blankLineInsideDataIsKept() {
    assertEquals("data: a\ndata: \ndata: b\n\n", SseEncoder.event(null, null, "a\n\nb"));
  }

  @Test
  void fieldsAreWrittenAsEventIdRetryData() {
    assertEquals(
        "event: upd\nid: 7\nretry: 3000\ndata: d\n\n", SseEncoder.event("upd", "7", 3000L, "d"));
  }

  @Test
  void nameAndIdWithoutRetry() {
    assertEquals(
        "event: userSignedup\nid: 42\ndata: {}\n\n", SseEncoder.event("userSignedup", "42", "{}"));
  }

  @Test
  void nullNameAndIdWriteNoFields() {
    assertEquals("data: x\n\n", SseEncoder.event(null, null, null, "x"));
  }

  @Test
  void emptyNameWritesNoEventField() {
    assertEquals("data: x\n\n", SseEncoder.event("", null, "x"));
  }

  @Test
  void emptyIdWritesFieldThatClearsId() {
    assertEquals("id: \ndata: x\n\n", SseEncoder.event(null, "", "x"));
  }

  @Test
  void spacesInsideNameAndIdAreKept() {
    assertEquals("event:  a b\nid:  7 \ndata: x\n\n", SseEncoder.event(" a b", " 7 ", "x"));
  }

  @Test
  void zeroRetryIsAllowed() {
    assertEquals("retry: 0\ndata: x\n\n", SseEncoder.event(null, null, 0L, "x"));
  }

  @Test
  void nulAndControlCharactersInDataAreKept() {
    assertEquals("data: a\0b\tc\u2028d\n\n", SseEncoder.event(null, null, "a\0b\tc\u2028d"));
  }

  @Test
  void nonAsciiDataIsKept() {
    assertEquals(
        "data: caf\u00e9 \u2026 \uD83D\uDE00\n\n",
        SseEncoder.event(null, null, "caf\u00e9 \u2026 \uD83D\uDE00"));
  }

  @Test
  void nullDataIsRejected() {
    assertThrows(NullPointerException.class, () -> SseEncoder.event(null, null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "a\r\nb", "a\0b"})
  void eventNameWithLineBreakOrNulIsRejected(String name) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(name, null, "x"));
    assertTrue(error.getMessage().contains("event name"), error.getMessage());
    assertTrue(error.getMessage().contains("at index 1"), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a\nb", "a\rb", "a\0b", "a\u0001b", "a\tb", "a\u007fb", "a\u2026b", "a\u00e9b"})
  void idOutsidePrintableAsciiIsRejected(String id) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, id, "x"));
    assertTrue(error.getMessage().contains("id"), error.getMessage());
    assertTrue(error.getMessage().contains("at index 1"), error.getMessage());
  }

  @Test
  void idRejectionNamesTheCharacter() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, "ab\n", "x"));
    assertTrue(error.getMessage().contains("U+000A"), error.getMessage());
    assertTrue(error.getMessage().contains("at index 2"), error.getMessage());
  }

  @Test
  void everyPrintableAsciiCharacterIsAllowedInId() {
    StringBuilder id = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      id.append(c);
    }
    assertEquals("id: " + id + "\ndata: x\n\n", SseEncoder.event(null, id.toString(), "x"));
  }

  @Test
  void negativeRetryIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, null, -1L, "x"));
    assertTrue(error.getMessage().contains("retry"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.retry(-1));
  }

  @Test
  void commentLinesEachGetPrefix() {
    assertEquals(": a\n: b\n", SseEncoder.comment("a\nb"));
    assertEquals(": a\n: b\n: c\n", SseEncoder.comment("a\r\nb\rc"));
  }

  @Test
  void commentWritesNoBlankLine() {
    assertEquals(": ping\n", SseEncoder.comment("ping"));
    assertEquals(": \n", SseEncoder.comment(""));
  }

  @Test
  void retryAloneEndsWithBlankLine() {
    assertEquals("retry: 1500\n\n", SseEncoder.retry(1500));
  }

  @Test
  void randomDataNeverBreaksTheFrame() {
    Random random = new Random(20240501);
    char[] alphabet = {'a', ' ', '\r', '\n', ':', '\0', '\u00e9', '\u2026', 'd', '\t'};
    for (int round = 0; round < 2000; round++) {
      StringBuilder data = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        data.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String frame = SseEncoder.event("name", "id-" + round, data.toString());

      assertFalse(frame.contains("\r"), "no CR in " + frame);
      assertTrue(frame.endsWith("\n\n"), "ends with a blank line: " + frame);
      List<String> lines = linesOf(frame);
      assertEquals("", lines.get(lines.size() - 1));
      for (String line : lines.subList(0, lines.size() - 1)) {
        assertTrue(
            line.startsWith("event: ") || line.startsWith("id: ") || line.startsWith("data: "),
            "unexpected line " + line);
      }
      assertEquals(normalizeLineBreaks(data.toString()), dataOf(lines));
    }
  }

  /** Splits on LF, keeping empty lines, without the empty piece after the final LF. */
  private static List<String> linesOf(String frame) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < frame.length(); i++) {
      if (frame.charAt(i) == '\n') {
        lines.add(frame.substring(start, i));
        start = i + 1;
      }
    }
    return lines;
  }

  /** Joins the values of the data lines with LF, as a client does. */
  private static String dataOf(List<String> lines) {
    StringBuilder data = new StringBuilder();
    boolean first = true;
    for (String line : lines) {
      if (line.startsWith("data: ")) {
        if (!first) {
          data.append('\n');
        }
        data.append(line, "data: ".length(), line.length());
        first = false;
      }
    }
    return data.toString();
  }

  private static String normalizeLineBreaks(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
