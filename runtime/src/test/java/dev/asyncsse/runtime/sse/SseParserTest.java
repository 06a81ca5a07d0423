package dev.asyncsse.runtime.sse;

import static dev.asyncsse.runtime.sse.ParserRun.assertEvents;
import static dev.asyncsse.runtime.sse.ParserRun.assertEventsForEachLineEnding;
import static dev.asyncsse.runtime.sse.ParserRun.assertParses;
import static dev.asyncsse.runtime.sse.ParserRun.bytes;
import static dev.asyncsse.runtime.sse.ParserRun.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.ParserRun.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules of the event stream format and the parser's own API: limits, end of body, errors. */
class SseParserTest {

  @Test
  void loneCrDispatchesAtOnce() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    byte[] input = bytes("data: x\r\r");
    parser.feed(input, 0, input.length);
    assertEquals(List.of(message("x")), events);
  }

  @Test
  void crBeforeEndOfBodyEndsLine() {
    assertEvents("data: x\n\r", message("x"));
  }

  @Test
  void lineOfSpacesIsNotBlank() {
    assertEventsForEachLineEnding("data: a\n \ndata: b\n\n", message("a\nb"));
    assertEventsForEachLineEnding("data: a\n  \n\n", message("a"));
  }

  @Test
  void unicodeLineSeparatorsDoNotEndLines() {
    for (String separator : new String[] {"\u2028", "\u2029", "\u0085", "\u000B", "\u000C"}) {
      assertEvents("data: a" + separator + "b\n\n", message("a" + separator + "b"));
    }
  }

  @Test
  void tabAndTrailingSpacesAreKept() {
    assertEventsForEachLineEnding("event:  x \ndata:\tx\n\n", new SseEvent(" x ", "\tx", ""));
  }

  @Test
  void retryAcceptsOnlyAsciiDigits() {
    for (String value :
        new String[] {
          "\u0661\u0662\u0663", "+5", "-1", "1.5", " 100", "1e3", "99999999999999999999x"
        }) {
      assertParses(
          bytes("retry: " + value + "\ndata: x\n\n"),
          new Result(List.of(message("x")), List.of(), null, ""));
    }
  }

  @Test
  void retryUpToLongMaxIsAccepted() {
    assertParses(
        bytes("retry: 9223372036854775807\n"),
        new Result(List.of(), List.of(Long.MAX_VALUE), null, ""));
  }

  @Test
  void retryBeyondLongMaxIsLongMax() {
    String[] values = {"9223372036854775808", "99999999999999999999", "9".repeat(4096)};
    for (String value : values) {
      assertParses(
          bytes("retry: " + value + "\ndata: x\n\n"),
          new Result(List.of(message("x")), List.of(Long.MAX_VALUE), null, ""));
    }
  }

  @Test
  void retryTakesEffectWithoutDispatch() {
    assertParses(bytes("retry: 7000\n"), new Result(List.of(), List.of(7000L), null, ""));
  }

  @Test
  void idOnlyBlockUpdatesLastEventId() {
    assertParses(bytes("id: 5\n\n"), new Result(List.of(), List.of(), null, "5"));
  }

  @Test
  void idIsCommittedOnlyAtDispatch() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    byte[] idLine = bytes("id: 7\n");
    parser.feed(idLine, 0, idLine.length);
    assertEquals("", parser.lastEventId(), "an id line alone does not commit");
    byte[] blank = bytes("\n");
    parser.feed(blank, 0, blank.length);
    assertEquals("7", parser.lastEventId(), "the blank line commits the id");
  }

  @Test
  void initialLastEventIdSeedsEvents() {
    Result result =
        ParserRun.parseChunks("41", List.of(bytes("data: a\n\nid: 42\ndata: b\n\ndata: c\n\n")));
    assertEquals(
        List.of(message("a", "41"), message("b", "42"), message("c", "42")), result.events());
    assertEquals("42", result.lastId());
  }

  @Test
  void commentTextDropsOneLeadingSpace() {
    Result result = ParserRun.parse(bytes(": ping\n:  two\n:x\n:\n"), 0);
    assertEquals(List.of("ping", " two", "x", ""), result.comments());
    assertEquals(List.of(), result.events());
  }

  @Test
  void dataAtSizeLimitIsAccepted() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add, "", 10);
    byte[] input = bytes("data: 0123456789\n\ndata: 01234\ndata: 0123\n\n");
    parser.feed(input, 0, input.length);
    assertEquals(List.of(message("0123456789"), message("01234\n0123")), events);
  }

  @Test
  void sizeLimitHoldsInSingleByteReads() {
    for (int chunkSize : new int[] {1, 2, 3, 7}) {
      List<SseEvent> events = new ArrayList<>();
      SseParser parser = new SseParser(events::add, "", 10);
      byte[] accepted = bytes("data: 0123456789\n\ndata: 01234\ndata: 0123\n\n");
      for (byte[] chunk : ParserRun.split(accepted, chunkSize)) {
        parser.feed(chunk, 0, chunk.length);
      }
      assertEquals(
          List.of(message("0123456789"), message("01234\n0123")), events, "reads of " + chunkSize);

      byte[] tooLarge = bytes("data: 01234\ndata: 01234\n\n");
      assertThrows(
          SseEventTooLargeException.class,
          () -> {
            for (byte[] chunk : ParserRun.split(tooLarge, chunkSize)) {
              parser.feed(chunk, 0, chunk.length);
            }
          },
          "reads of " + chunkSize);
    }
  }

  @Test
  void dataOverSizeLimitThrows() {
    SseParser parser = new SseParser(event -> {}, "", 10);
    byte[] input = bytes("data: 01234\ndata: 01234\n\n");
    SseEventTooLargeException error =
        assertThrows(SseEventTooLargeException.class, () -> parser.feed(input, 0, input.length));
    assertEquals(10, error.maxEventBytes());
    assertTrue(error.getMessage().contains("10 bytes"), error.getMessage());
  }

  @Test
  void sizeLimitCountsUtf8Bytes() {
    SseParser parser = new SseParser(event -> {}, "", 5);
    byte[] input = bytes("data: \u20AC\u20AC\n\n"); // two characters, six bytes
    assertThrows(SseEventTooLargeException.class, () -> parser.feed(input, 0, input.length));
  }

  @Test
  void endlessLineThrowsWithBoundedBuffer() {
    SseParser parser = new SseParser(event -> {}, "", 1024);
    byte[] chunk = bytes("x".repeat(100));
    int fed = 0;
    SseEventTooLargeException error = null;
    while (fed < 10 * 1024 * 1024 && error == null) {
      try {
        parser.feed(chunk, 0, chunk.length);
        fed += chunk.length;
      } catch (SseEventTooLargeException e) {
        error = e;
      }
    }
    assertTrue(error != null, "the parser accepted 10 MiB without a line end");
    assertTrue(fed <= 1024 + 8, "bytes accepted before the error: " + fed);
  }

  @Test
  void commentsDoNotCountTowardEventSize() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add, "", 16);
    byte[] comment = bytes(": ping\n");
    for (int i = 0; i < 10_000; i++) {
      parser.feed(comment, 0, comment.length);
    }
    byte[] event = bytes("data: ok\n\n");
    parser.feed(event, 0, event.length);
    assertEquals(List.of(message("ok")), events);
  }

  @Test
  void feedAfterSizeErrorIsRejected() {
    SseParser parser = new SseParser(event -> {}, "1", 4);
    byte[] tooLarge = bytes("data: 12345\n\n");
    assertThrows(SseEventTooLargeException.class, () -> parser.feed(tooLarge, 0, tooLarge.length));
    byte[] small = bytes("data: 1\n\n");
    assertThrows(IllegalStateException.class, () -> parser.feed(small, 0, small.length));
    assertEquals("1", parser.lastEventId());
  }

  @Test
  void feedAfterEndIsRejected() {
    SseParser parser = new SseParser(event -> {});
    parser.end();
    parser.end();
    byte[] input = bytes("data: x\n\n");
    assertThrows(IllegalStateException.class, () -> parser.feed(input, 0, input.length));
  }

  @Test
  void feedHonorsOffsetAndLength() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    byte[] input = bytes("XXdata: x\n\nYY");
    parser.feed(input, 2, input.length - 4);
    assertEquals(List.of(message("x")), events);
    assertThrows(IndexOutOfBoundsException.class, () -> parser.feed(input, 10, 10));
  }

  @Test
  void invalidConstructorArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SseParser(event -> {}, "", 0));
    assertThrows(NullPointerException.class, () -> new SseParser(event -> {}, null, 10));
    assertThrows(NullPointerException.class, () -> new SseParser(null));
  }

  @Test
  void handlerExceptionPropagatesAndParserGoesOn() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser =
        new SseParser(
            event -> {
              events.add(event);
              if (event.data().equals("boom")) {
                throw new IllegalStateException("handler failed");
              }
            });
    byte[] first = bytes("data: boom\n\n");
    assertThrows(IllegalStateException.class, () -> parser.feed(first, 0, first.length));
    byte[] second = bytes("data: next\n\n");
    parser.feed(second, 0, second.length);
    assertEquals(List.of(message("boom"), message("next")), events);
  }

  @Test
  void largeEventReleasesBuffersAfterDispatch() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    String large = "y".repeat(200_000);
    byte[] input = bytes("data: " + large + "\n\ndata: small\n\n");
    parser.feed(input, 0, input.length);
    assertEquals(2, events.size());
    assertEquals(large, events.get(0).data());
    assertEquals("small", events.get(1).data());
  }

  @Test
  void lineEndAtEveryWordPosition() {
    // Bytes 0x8A and 0x8D differ from LF and CR only in the high bit. "\u010A" and "\u010D" encode
    // as C4 8A and C4 8D, which must not end a line.
    String filler = "ab\u010Acd\u010Def";
    for (int length = 0; length <= 40; length++) {
      String value = filler.repeat(6).substring(0, length);
      for (String lineEnding : new String[] {"\n", "\r", "\r\n"}) {
        String input = "data:" + value + lineEnding + "data:" + value + lineEnding + lineEnding;
        ParserRun.Result result = ParserRun.parse(bytes(input), 0);
        assertEquals(
            List.of(message(value + "\n" + value)),
            result.events(),
            "value of " + length + " characters, line ending " + lineEnding.length());
      }
    }
  }

  @Test
  void lineEndInLongLineAtEveryPosition() {
    // From 64 bytes on, the scan tests 32 bytes per step. A tab is flagged by the scan but does not
    // end the line, so it is put at every position before the line end too.
    String filler = "abcdef\u010Aghijk\u010D".repeat(20);
    for (int length = 0; length <= 200; length++) {
      for (int tabAt = -1; tabAt < length; tabAt++) {
        StringBuilder value = new StringBuilder(filler.substring(0, length));
        if (tabAt >= 0) {
          value.setCharAt(tabAt, '\t');
        }
        for (String lineEnding : new String[] {"\n", "\r\n"}) {
          String input = "data:" + value + lineEnding + "data:" + value + lineEnding + lineEnding;
          ParserRun.Result result = ParserRun.parse(bytes(input), 0);
          assertEquals(
              List.of(message(value + "\n" + value)),
              result.events(),
              "value of " + length + " characters, tab at " + tabAt + ", " + lineEnding.length());
        }
      }
    }
  }

  @Test
  void repeatedLargeEventsReuseBuffersCorrectly() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    List<SseEvent> expected = new ArrayList<>();
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      String data = Character.toString('a' + i).repeat(65_536 + i * 1_000);
      String type = i % 2 == 0 ? "tick" : "ti";
      stream.append("event: ").append(type).append("\nid: ").append(i).append('\n');
      stream.append("data: ").append(data).append("\n\n");
      stream.append("data: small ").append(i).append("\n\n");
      expected.add(new SseEvent(type, data, Integer.toString(i)));
      expected.add(new SseEvent(SseEvent.DEFAULT_TYPE, "small " + i, Integer.toString(i)));
    }
    byte[] input = bytes(stream.toString());
    for (int start = 0; start < input.length; start += 8_192) {
      parser.feed(input, start, Math.min(8_192, input.length - start));
    }
    assertEquals(expected, events);
  }

  @Test
  void truncatedSequenceReplacedOnce() {
    assertEvents(
        bytes("data: a", 0xE2, 0x82, "\ndata: ", 0xE2, 0x82, 0xAC, "\n\n"),
        message("a\uFFFD\n\u20AC"));
  }

  @Test
  void dataReadAfterLaterEventsParsed() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(keepingBytes(events));
    List<String> expected = new ArrayList<>();
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      String data = i + "\u00E9\u8C46".repeat(30 - i) + "\nline " + i;
      expected.add(data);
      stream.append("data: ").append(data.replace("\n", "\ndata: ")).append("\n\n");
    }
    byte[] input = bytes(stream.toString());
    parser.feed(input, 0, input.length);

    // No data was read while parsing, so each event decodes the bytes it kept at dispatch.
    assertEquals(expected, events.stream().map(SseEvent::data).toList());
  }

  @Test
  void textAndBytesEventsMatch() {
    byte[] input =
        bytes(
            "event: t\nid: 1\ndata: a\u00E9\ndata: \u8C46\n\n",
            "data: x",
            0xED,
            0xA0,
            0x80,
            0xFF,
            "y\n\ndata:\n\n");
    List<SseEvent> fromText = new ArrayList<>();
    List<SseEvent> fromBytes = new ArrayList<>();

    new SseParser(fromText::add).feed(input, 0, input.length);
    new SseParser(keepingBytes(fromBytes)).feed(input, 0, input.length);

    List<SseEvent> expected =
        List.of(
            new SseEvent("t", "a\u00E9\n\u8C46", "1"),
            new SseEvent(SseEvent.DEFAULT_TYPE, "x\uFFFD\uFFFD\uFFFD\uFFFDy", "1"),
            new SseEvent(SseEvent.DEFAULT_TYPE, "", "1"));
    assertEquals(expected, fromText);
    assertEquals(expected, fromBytes);
  }

  private static SseParser.Handler keepingBytes(List<SseEvent> events) {
    return new SseParser.Handler() {
      @Override
      public void onEvent(SseEvent event) {
        events.add(event);
      }

      @Override
      public boolean keepsDataAsBytes() {
        return true;
      }
    };
  }
}
