package dev.asyncsse.runtime.sse;

import static dev.asyncsse.runtime.sse.ParserRun.assertEvents;
import static dev.asyncsse.runtime.sse.ParserRun.assertEventsForEachLineEnding;
import static dev.asyncsse.runtime.sse.ParserRun.assertParses;
import static dev.asyncsse.runtime.sse.ParserRun.assertResult;
import static dev.asyncsse.runtime.sse.ParserRun.bytes;
import static dev.asyncsse.runtime.sse.ParserRun.event;
import static dev.asyncsse.runtime.sse.ParserRun.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.ParserRun.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exact-byte vectors for the WHATWG event stream parsing rules. Each vector runs in one read, in
 * reads of 1, 2 and 3 bytes, and cut in two at every byte. Vectors whose meaning does not depend on
 * the line ending also run with CRLF and with a lone CR.
 */
class SseParserConformanceTest {

  private static final String BOM = "\uFEFF";
  private static final String ELLIPSIS = "\u2026";

  /** Vectors from the web-platform-tests {@code eventsource/} format tests. */
  @Nested
  class WebPlatformTests {

    @Test
    void byteOrderMarkOnlyAtBodyStart() {
      assertEventsForEachLineEnding(
          BOM + "data:1\n\n" + BOM + "data:2\n\ndata:3\n\n\n", message("1"), message("3"));
    }

    @Test
    void secondByteOrderMarkIsContent() {
      assertEventsForEachLineEnding(
          BOM + BOM + "data:1\n\ndata:2\n\ndata:3\n\n\n", message("2"), message("3"));
    }

    @Test
    void byteOrderMarkSplitAcrossReads() {
      byte[] input = bytes(0xEF, 0xBB, 0xBF, "data:1\n\ndata:2\n\n");
      Result split =
          ParserRun.parseChunks(
              "", List.of(bytes(0xEF), bytes(0xBB, 0xBF, "data:1\n\ndata:2\n\n")));
      assertEquals(List.of(message("1"), message("2")), split.events());
      assertEvents(input, message("1"), message("2"));
    }

    @Test
    void utf16ByteOrderMarksAreContent() {
      assertEvents(bytes(0xFF, 0xFE, "data:1\n\ndata:2\n\n\n"), message("2"));
      assertEvents(bytes(0xFE, 0xFF, "data:1\n\ndata:2\n\n\n"), message("2"));
    }

    @Test
    void commentsAreIgnored() {
      String x2048 = "X".repeat(2048);
      byte[] input =
          bytes(
              "data:1\r:\u0000\n:\r\ndata:2\n:" + x2048 + "\rdata:3\n:data:fail\r:" + x2048,
              "\ndata:4\n\n");
      assertEvents(input, message("1\n2\n3\n4"));
    }

    @Test
    void unfinishedEventDiscardedWithId() {
      assertParses(
          bytes("retry:1000\ndata:test1\n\nid:test\ndata:test2\n"),
          new Result(List.of(message("test1")), List.of(1000L), null, ""));
    }

    @Test
    void emptyDataFieldsDispatch() {
      assertEventsForEachLineEnding(
          "data:\n\ndata\ndata\n\ndata:test\n\n\n", message(""), message("\n"), message("test"));
    }

    @Test
    void emptyEventFieldMeansMessage() {
      assertEventsForEachLineEnding("event: \ndata:data\n\n\n", message("data"));
    }

    @Test
    void eventFieldSetsTypeForOneEvent() {
      assertEventsForEachLineEnding(
          "event:test\ndata:x\n\ndata:x\n\n\n", event("test", "x"), message("x"));
    }

    @Test
    void nonAsciiIdSeedsNextConnection() {
      assertParses(
          bytes("id: ", 0xE2, 0x80, 0xA6, "\nretry: 200\ndata: hello\n\n"),
          new Result(List.of(message("hello", ELLIPSIS)), List.of(200L), null, ELLIPSIS));
      // The next two connections start with the id of the previous one and set none themselves.
      for (int connection = 2; connection <= 3; connection++) {
        Result next =
            ParserRun.parseChunks(ELLIPSIS, List.of(bytes("data: ", 0xE2, 0x80, 0xA6, "\n\n")));
        assertEquals(
            List.of(message(ELLIPSIS, ELLIPSIS)), next.events(), "connection " + connection);
        assertEquals(ELLIPSIS, next.lastId(), "connection " + connection);
      }
    }

    @Test
    void idPersistsAcrossEvents() {
      assertEventsForEachLineEnding(
          "id: 1\ndata: 1\n\ndata: 2\n\nid: 2\ndata:3\n\ndata:4\n\n",
          message("1", "1"),
          message("2", "1"),
          message("3", "2"),
          message("4", "2"));
    }

    @Test
    void emptyIdWithColonClearsId() {
      assertEventsForEachLineEnding(
          "id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n",
          message("1", "1"),
          message("2"),
          message("3"));
    }

    @Test
    void bareIdWithoutColonClearsId() {
      assertEventsForEachLineEnding(
          "id: 1\ndata: 1\n\nid\ndata:2\n\ndata:3\n\n",
          message("1", "1"),
          message("2"),
          message("3"));
    }

    @Test
    void idContainingNulIsIgnored() {
      for (String value :
          new String[] {"\u0000\u0000", "x\u0000", "\u0000x", "x\u0000x", " \u0000"}) {
        assertParses(
            bytes("id: " + value + "\nretry: 200\ndata: hello\n\n"),
            new Result(List.of(message("hello")), List.of(200L), null, ""));
      }
    }

    @Test
    void retryWithLeadingZerosIsDecimal() {
      assertParses(
          bytes("retry:03000\ndata:x\n\n\n"),
          new Result(List.of(message("x")), List.of(3000L), null, ""));
    }

    @Test
    void retryWithTrailingLetterIsIgnored() {
      assertParses(
          bytes("retry:3000\nretry:1000x\ndata:x\n\n\n"),
          new Result(List.of(message("x")), List.of(3000L), null, ""));
      assertParses(
          bytes("retry:1000\nretry:5000x\ndata:x\n\n\n"),
          new Result(List.of(message("x")), List.of(1000L), null, ""));
    }

    @Test
    void emptyRetryIsIgnored() {
      assertParses(
          bytes("retry\ndata:test\n\n\n"),
          new Result(List.of(message("test")), List.of(), null, ""));
      assertParses(
          bytes("retry:\ndata:test\n\n\n"),
          new Result(List.of(message("test")), List.of(), null, ""));
    }

    @Test
    void unknownFieldsAreIgnored() {
      assertEventsForEachLineEnding(
          "data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n\n",
          message("test\n\ntest"));
    }

    @Test
    void onlyOneLeadingSpaceIsRemoved() {
      assertEvents("data:\ttest\rdata: \ndata:test\n\n\n", message("\ttest\n\ntest"));
    }

    @Test
    void mixedLineEndings() {
      assertEvents("data:test\r\ndata\ndata:test\r\n\r\n", message("test\n\ntest"));
    }

    @Test
    void nulIsOrdinaryData() {
      assertEventsForEachLineEnding("data:\u0000\n\n\n\n\n", message("\u0000"));
    }

    @Test
    void bodyIsUtf8WhateverTheCharset() {
      assertEventsForEachLineEnding("data:ok" + ELLIPSIS + "\n\n\n", message("ok" + ELLIPSIS));
    }

    @Test
    void fieldNamesAreCaseSensitive() {
      assertEventsForEachLineEnding(
          "data:msg\ndata: msg\n\n:\nfalsefield:msg\n\nfalsefield:msg\nData:data\n\n"
              + "data\n\ndata:end\n\n",
          message("msg\nmsg"),
          message(""),
          message("end"));
    }

    @Test
    void singleDataLine() {
      assertEventsForEachLineEnding("data: data\n\n\n", message("data"));
    }

    @Test
    void crLfAndCrLfEachEndLines() {
      assertEvents(
          "data: cr\r\rdata: lf\n\ndata: crlf\r\n\r\n",
          message("cr"),
          message("lf"),
          message("crlf"));
    }

    @Test
    void fieldSplitAcrossReads() {
      Result result =
          ParserRun.parseChunks("", List.of(bytes("da"), bytes("ta: hel"), bytes("lo\n\n")));
      assertEquals(List.of(message("hello")), result.events());
      assertEventsForEachLineEnding("data: hello\n\n", message("hello"));
    }
  }

  /** Vectors from the standard's examples, other libraries' contract tests and bug reports. */
  @Nested
  class ContractTests {

    @Test
    void valueSplitAcrossReads() {
      Result result = ParserRun.parseChunks("", List.of(bytes("data: Hel"), bytes("lo\n\n")));
      assertEquals(List.of(message("Hello")), result.events());
      assertEventsForEachLineEnding("data: Hello\n\n", message("Hello"));
    }

    @Test
    void fieldOrderDoesNotMatter() {
      assertEventsForEachLineEnding(
          "data: Hello\nid: abc\nevent: greeting\n\n", event("greeting", "Hello", "abc"));
    }

    @Test
    void secondSpaceIsKept() {
      assertEventsForEachLineEnding(
          "event:  greeting\ndata:  Hello\n\n", event(" greeting", " Hello"));
    }

    @Test
    void lineWithoutColonIsFieldWithEmptyValue() {
      assertEventsForEachLineEnding("data\n\ndata\ndata\n\n", message(""), message("\n"));
    }

    @Test
    void multiByteCharactersOneBytePerRead() {
      assertEventsForEachLineEnding("data: \u20AC\u8C46\u8150\n\n", message("\u20AC\u8C46\u8150"));
    }

    @Test
    void hundredEventsInOneRead() {
      StringBuilder input = new StringBuilder();
      List<SseEvent> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        input.append("data: message ").append(i).append("\n\n");
        expected.add(message("message " + i));
      }
      assertEventsForEachLineEnding(input.toString(), expected.toArray(SseEvent[]::new));
    }

    @Test
    void lfAfterCrInNextReadIsSwallowed() {
      List<byte[]> chunks =
          List.of(
              bytes("data: Hello\r"),
              bytes("\ndata: World\r"),
              bytes("\n\r\ndata: OK\r"),
              bytes("\n"),
              bytes("\r"),
              bytes("\n"));
      Result result = ParserRun.parseChunks("", chunks);
      assertEquals(List.of(message("Hello\nWorld"), message("OK")), result.events());
      assertEvents(
          "data: Hello\r\ndata: World\r\n\r\ndata: OK\r\n\r\n",
          message("Hello\nWorld"),
          message("OK"));
    }

    @Test
    void emptyFirstDataLineKeepsLineBreak() {
      assertEventsForEachLineEnding(
          "data:\ndata: line2\ndata: line3\n\n", message("\nline2\nline3"));
    }

    @Test
    void emptyMiddleDataLineKeepsLineBreak() {
      assertEventsForEachLineEnding(
          "data: line1\ndata:\ndata: line3\n\n", message("line1\n\nline3"));
    }

    @Test
    void extraBlankLinesDoNothing() {
      assertEventsForEachLineEnding(
          "data: event 1\n\n\ndata: event 2\n\n", message("event 1"), message("event 2"));
      assertEventsForEachLineEnding(
          "data: event 1\n\n\n\ndata: event 2\n\n", message("event 1"), message("event 2"));
    }

    @Test
    void byteOrderMarkInLaterReadIsContent() {
      Result result =
          ParserRun.parseChunks(
              "", List.of(bytes("data: First\n\n"), bytes("data: " + BOM + "Second\n\n")));
      assertEquals(List.of(message("First"), message(BOM + "Second")), result.events());
    }

    @Test
    void byteOrderMarkInValueIsContent() {
      assertEventsForEachLineEnding(BOM + "data: " + BOM + "Hello\n\n", message(BOM + "Hello"));
    }

    @Test
    void byteOrderMarkBeforeComment() {
      assertEventsForEachLineEnding(BOM + ":comment\ndata: Hello\n\n", message("Hello"));
    }

    @Test
    void byteOrderMarkBeforeEmptyData() {
      assertEventsForEachLineEnding(BOM + "data:\n\n", message(""));
    }

    @Test
    void splitCrLfDispatchesOnce() {
      List<byte[]> withLoneLf =
          List.of(
              bytes("data: A\r\n"),
              bytes("data: B\r"),
              bytes("\n"),
              bytes("data: C\r\n"),
              bytes("\n"));
      assertEquals(List.of(message("A\nB\nC")), ParserRun.parseChunks("", withLoneLf).events());
      List<byte[]> withoutLoneLf =
          List.of(bytes("data: A\r\n"), bytes("data: B\r"), bytes("data: C\r\n"), bytes("\n"));
      assertEquals(List.of(message("A\nB\nC")), ParserRun.parseChunks("", withoutLoneLf).events());
    }

    @Test
    void doubleCrDispatches() {
      assertEvents("data: {\"a\":1}\r\r", message("{\"a\":1}"));
    }

    @Test
    void emptyDataLinesJoinWithLf() {
      assertEventsForEachLineEnding(
          "id:111111\nevent:add\ndata:\ndata:more\n\n", event("add", "\nmore", "111111"));
      assertEventsForEachLineEnding("data:\ndata:\n\n", message("\n"));
    }

    @Test
    void fieldNameWithTrailingSpaceIsUnknown() {
      assertEventsForEachLineEnding("data \n\n");
    }

    @Test
    void idWithNulKeepsPreviousId() {
      assertEventsForEachLineEnding(
          "id: 123\nid: bad\u0000id\ndata: hello\n\n", message("hello", "123"));
    }

    @Test
    void invalidRetryIsIgnoredSilently() {
      assertParses(
          bytes("retry: 500\n\ndata: first\n\nretry: 50x\n\ndata: second\n\n"),
          new Result(List.of(message("first"), message("second")), List.of(500L), null, ""));
    }

    @Test
    void standardExampleWithPartialLastBlock() {
      assertEventsForEachLineEnding("data\n\ndata\ndata\n\ndata:", message(""), message("\n"));
    }

    @Test
    void standardExampleWithIds() {
      assertEventsForEachLineEnding(
          ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
              + "data:  third event\n\n",
          message("first event", "1"),
          message("second event"),
          message(" third event"));
    }

    @Test
    void standardExampleWithThreeDataLines() {
      assertEventsForEachLineEnding("data: YHOO\ndata: +2\ndata: 10\n\n", message("YHOO\n+2\n10"));
    }

    @Test
    void crLfThenLf() {
      assertEvents("event: a\r\ndata: b\n\n", event("a", "b"));
    }

    @Test
    void crLfThroughout() {
      assertEvents("event: foo\r\ndata: bar\r\n\r\n", event("foo", "bar"));
    }

    @Test
    void noSpaceAfterColon() {
      assertEventsForEachLineEnding("data:x\n\n", message("x"));
    }

    @Test
    void eventTypeResetsAfterDispatch() {
      assertEventsForEachLineEnding(
          "event: x\ndata: 1\n\ndata: 2\n\n", event("x", "1"), message("2"));
    }

    @Test
    void eventTypeWithoutDataResets() {
      assertEventsForEachLineEnding("event: x\n\ndata: 2\n\n", message("2"));
    }

    @Test
    void onlyFirstColonSeparatesName() {
      assertEventsForEachLineEnding("data: a:b:c\n\ndata::x\n\n", message("a:b:c"), message(":x"));
    }

    @Test
    void valueOfOneSpaceAfterStrippedSpace() {
      assertEventsForEachLineEnding("data:  \n\n", message(" "));
    }

    @Test
    void spacesInsideIdAreKept() {
      assertEventsForEachLineEnding("id:  7 \ndata: z\n\n", message("z", " 7 "));
    }

    @Test
    void explicitMessageType() {
      assertEventsForEachLineEnding("event: message\ndata: m\n\n", message("m"));
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
      assertEvents(bytes("data: ", 0xFF, 0xFE, "ok\n\n"), message("\uFFFD\uFFFDok"));
      assertEvents(bytes("data: ", 0xE2, 0x82, "\n\n"), message("\uFFFD"));
      assertEvents(bytes("data: ", 0xC0, 0xAF, "x\n\n"), message("\uFFFD\uFFFDx"));
      // WHATWG gives three U+FFFD for an encoded surrogate; the JDK decoder alone would give one.
      assertEvents(bytes("data: ", 0xED, 0xA0, 0x80, "x\n\n"), message("\uFFFD\uFFFD\uFFFDx"));
    }

    @Test
    void multiByteCharacterSplitAcrossReads() {
      Result euro =
          ParserRun.parseChunks("", List.of(bytes("data: ", 0xE2, 0x82), bytes(0xAC, "\n\n")));
      assertEquals(List.of(message("\u20AC")), euro.events());
      String emoji = "\uD83D\uDE00";
      byte[] emojiEvent = bytes("data: " + emoji + "\n\n");
      for (int cut = 6; cut <= 10; cut++) {
        Result result =
            ParserRun.parseChunks(
                "",
                List.of(
                    Arrays.copyOfRange(emojiEvent, 0, cut),
                    Arrays.copyOfRange(emojiEvent, cut, emojiEvent.length)));
        assertEquals(List.of(message(emoji)), result.events(), "cut at byte " + cut);
      }
      assertEvents(emojiEvent, message(emoji));
    }

    @Test
    void lastBlockWithoutBlankLineIsDiscarded() {
      assertEventsForEachLineEnding("data: a\n\ndata: b", message("a"));
      assertEventsForEachLineEnding("data: a\n\ndata: b\n", message("a"));
    }

    @Test
    void manyEmptyCommentsChangeNothing() {
      String input = ":\n\n".repeat(1000) + ": ping\r\n\r\n";
      Result expected = new Result(List.of(), List.of(), null, "");
      for (int chunkSize : new int[] {0, 1, 2, 3}) {
        Result actual = ParserRun.parse(bytes(input), chunkSize);
        assertResult(expected, actual, "reads of " + chunkSize);
        assertEquals(1001, actual.comments().size(), "comments, reads of " + chunkSize);
      }
    }

    @Test
    void blankLineInNextReadDispatches() {
      List<SseEvent> events = new ArrayList<>();
      SseParser parser = new SseParser(events::add);
      byte[] first = bytes("data: x\n");
      parser.feed(first, 0, first.length);
      assertEquals(List.of(), events, "no event before the blank line arrives");
      byte[] second = bytes("\n");
      parser.feed(second, 0, second.length);
      assertEquals(List.of(message("x")), events, "the event arrives with the blank line");
    }

    @Test
    void byteOrderMarkStrippedForEveryBody() {
      for (int connection = 1; connection <= 2; connection++) {
        Result result = ParserRun.parseChunks("", List.of(bytes(BOM + "data: x\n\n")));
        assertEquals(List.of(message("x")), result.events(), "body " + connection);
      }
    }
  }
}
