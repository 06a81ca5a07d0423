package dev.asyncsse.runtime.sse;

import static dev.asyncsse.runtime.sse.ParserRun.assertParses;
import static dev.asyncsse.runtime.sse.ParserRun.bytes;
import static dev.asyncsse.runtime.sse.ParserRun.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.ParserRun.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data lines of every length from 0 to 40 bytes, in every chunking. Values of up to 16 bytes take
 * the parser's word-by-word copy, longer ones System.arraycopy, so these tests cross that boundary
 * with the line end, the end of a read and the end of the data buffer at every position.
 */
class SseParserDataLineTest {

  private static final String[] LINE_ENDINGS = {"\n", "\r", "\r\n"};

  /**
   * Pieces that values are built from. They include UTF-8 sequences of one to four bytes, and
   * control bytes that the line end scan flags but that do not end a line (tab, VT, FF, NUL, SOH).
   * SO is the lowest byte the scan does not flag. C4 8A and C4 8D differ from LF and CR only in the
   * high bit of their second byte.
   */
  private static final String[] PIECES = {
    "a",
    "\t",
    "\u00E9",
    "\u0000",
    "\u20AC",
    "\u000B",
    "\uD83D\uDE00",
    "\u0001",
    "\u000C",
    "b",
    "\u010A",
    "\u000E",
    "\u010D",
    " ",
    ":"
  };

  @Test
  void valuesOfEveryLengthInEveryChunking() {
    for (String lineEnding : LINE_ENDINGS) {
      List<String> ascending = new ArrayList<>();
      List<String> descending = new ArrayList<>();
      for (int length = 0; length <= 40; length++) {
        ascending.add(value(length, length));
        descending.add(0, value(length, length + 7));
      }
      StringBuilder stream = new StringBuilder();
      appendEvent(stream, ascending, lineEnding);
      appendEvent(stream, descending, lineEnding);
      appendEvent(stream, List.of("x"), lineEnding);
      byte[] input = bytes(stream.toString());
      List<SseEvent> expected =
          List.of(
              message(String.join("\n", ascending)),
              message(String.join("\n", descending)),
              message("x"));
      String label = "line ending " + describe(lineEnding);

      // ParserRun keeps the data as bytes; the text mode decodes it at dispatch.
      assertParses(input, new Result(expected, List.of(), List.of(), ""));
      for (int chunkSize : new int[] {0, 1, 2, 3, 5, 8, 13, 16, 17}) {
        assertEquals(
            expected,
            parseAsText(ParserRun.split(input, chunkSize)),
            "text, reads of " + chunkSize + " bytes, " + label);
      }
      for (int cut = 1; cut < input.length; cut++) {
        List<byte[]> halves =
            List.of(
                Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length));
        assertEquals(expected, parseAsText(halves), "text, cut at byte " + cut + ", " + label);
      }
    }
  }

  @Test
  void valueFillsReadUpToLineEnd() {
    // The read's array ends right after the line end, so no word can be read past the value.
    for (int length = 0; length <= 40; length++) {
      String value = value(length, 3);
      for (String lineEnding : LINE_ENDINGS) {
        List<byte[]> reads = new ArrayList<>();
        reads.add(bytes("data: " + value + lineEnding));
        reads.add(bytes("data:" + value + lineEnding));
        reads.add(bytes(lineEnding));
        String label = length + " bytes, line ending " + describe(lineEnding);
        List<SseEvent> expected = List.of(message(value + "\n" + value));
        assertEquals(expected, ParserRun.parseChunks("", reads).events(), "bytes, " + label);
        assertEquals(expected, parseAsText(reads), "text, " + label);
      }
    }
  }

  @Test
  void valueAtEveryDataBufferOffset() {
    // Earlier lines fill the data buffer up to every offset from 0 to 600, across the points where
    // it grows, and then a value of 0 to 17 bytes follows.
    for (int filled = 0; filled <= 600; filled++) {
      List<String> earlier = new ArrayList<>();
      int remaining = filled;
      while (remaining > 0) {
        // A line of n bytes takes n + 1 bytes of the buffer with its LF.
        int lineLength = Math.min(remaining, 16) - 1;
        earlier.add("e".repeat(lineLength));
        remaining -= lineLength + 1;
      }
      for (int length = 0; length <= 17; length++) {
        List<String> values = new ArrayList<>(earlier);
        values.add(value(length, filled));
        StringBuilder stream = new StringBuilder();
        appendEvent(stream, values, "\n");
        List<SseEvent> expected = List.of(message(String.join("\n", values)));
        List<byte[]> oneRead = List.of(bytes(stream.toString()));
        String label = length + " bytes after " + filled;
        assertEquals(expected, ParserRun.parseChunks("", oneRead).events(), "bytes, " + label);
        assertEquals(expected, parseAsText(oneRead), "text, " + label);
      }
    }
  }

  @Test
  void sizeLimitHoldsForShortValues() {
    for (int valueLength = 0; valueLength <= 17; valueLength++) {
      String value = "v".repeat(valueLength);
      for (int maxEventBytes = 1; maxEventBytes <= 40; maxEventBytes++) {
        // k lines contain k * (valueLength + 1) - 1 bytes of data, counting the LF between lines.
        int maxLines = (maxEventBytes + 1) / (valueLength + 1);
        String label = "values of " + valueLength + " bytes, limit " + maxEventBytes;
        for (int chunkSize : new int[] {0, 1, 2, 3}) {
          String chunking = label + ", reads of " + chunkSize;
          if (maxLines > 0) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < maxLines; i++) {
              lines.add(value);
            }
            StringBuilder accepted = new StringBuilder();
            appendEvent(accepted, lines, "\n");
            List<SseEvent> events = new ArrayList<>();
            feedAll(new SseParser(events::add, "", maxEventBytes), accepted, chunkSize);
            assertEquals(List.of(message(String.join("\n", lines))), events, chunking);
          }

          List<String> tooMany = new ArrayList<>();
          for (int i = 0; i <= maxLines; i++) {
            tooMany.add(value);
          }
          StringBuilder rejected = new StringBuilder();
          appendEvent(rejected, tooMany, "\n");
          SseParser parser = new SseParser(event -> {}, "", maxEventBytes);
          assertThrows(
              SseEventTooLargeException.class,
              () -> feedAll(parser, rejected, chunkSize),
              chunking);
        }
      }
    }
  }

  /**
   * Returns a value of exactly {@code byteLength} UTF-8 bytes, made of {@link #PIECES} from index
   * {@code firstPiece} on; a piece that does not fit in the remaining bytes is replaced by "x".
   */
  private static String value(int byteLength, int firstPiece) {
    StringBuilder value = new StringBuilder();
    int remaining = byteLength;
    for (int i = firstPiece; remaining > 0; i++) {
      String piece = PIECES[i % PIECES.length];
      int pieceLength = piece.getBytes(StandardCharsets.UTF_8).length;
      if (pieceLength > remaining) {
        piece = "x";
        pieceLength = 1;
      }
      value.append(piece);
      remaining -= pieceLength;
    }
    return value.toString();
  }

  /** Appends one event, writing the data lines alternately with and without the optional space. */
  private static void appendEvent(StringBuilder stream, List<String> values, String lineEnding) {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      boolean withSpace = i % 2 == 0 || value.startsWith(" ");
      stream.append(withSpace ? "data: " : "data:").append(value).append(lineEnding);
    }
    stream.append(lineEnding);
  }

  private static void feedAll(SseParser parser, CharSequence stream, int chunkSize) {
    for (byte[] chunk : ParserRun.split(bytes(stream.toString()), chunkSize)) {
      parser.feed(chunk, 0, chunk.length);
    }
  }

  /** Parses with a handler that takes each event's data as text, decoded at dispatch. */
  private static List<SseEvent> parseAsText(List<byte[]> chunks) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    for (byte[] chunk : chunks) {
      parser.feed(chunk, 0, chunk.length);
    }
    parser.end();
    return events;
  }

  private static String describe(String lineEnding) {
    return lineEnding.replace("\r", "CR").replace("\n", "LF");
  }
}
