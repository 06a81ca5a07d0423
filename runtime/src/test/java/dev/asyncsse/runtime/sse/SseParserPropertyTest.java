package dev.asyncsse.runtime.sse;

import static dev.asyncsse.runtime.sse.ParserRun.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.ParserRun.Result;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests with fixed seeds: random streams, random splits into reads, and a reference model
 * of the standard's algorithm written independently of the parser (over decoded text, with plain
 * string operations).
 */
class SseParserPropertyTest {

  private static final int STREAMS = 1500;

  /** Pieces that random streams are made of, chosen to hit every rule of the format. */
  private static final String[] TOKENS = {
    "data",
    "data:",
    "data: ",
    "event:",
    "event: ",
    "id:",
    "id: ",
    "id",
    "retry:",
    "retry: ",
    ":",
    ": ping",
    "Data:",
    "data ",
    " ",
    "  ",
    "x",
    "hello",
    "42",
    "007",
    "12x",
    "\u0000",
    "\t",
    "\u0001",
    "\u000B",
    "\u000C",
    "\u000E",
    "0123456789abcdefghijklmnopq",
    "\u00E9",
    "\u20AC",
    "\uD83D\uDE00",
    "\uFEFF",
    "\u2028",
    "\u0085",
    "\n",
    "\n",
    "\n",
    "\r",
    "\r\n",
    "\r\n",
    "\n\n",
    "\r\r",
    "\r\n\r\n"
  };

  @Test
  void anySplitGivesSameResult() {
    Random random = new Random(7_2024L);
    for (int stream = 0; stream < STREAMS; stream++) {
      byte[] input = randomStream(random);
      Result whole = ParserRun.parse(input, 0);
      for (int split = 0; split < 5; split++) {
        List<byte[]> chunks = randomChunks(random, input);
        Result actual = ParserRun.parseChunks("", chunks);
        String label = "stream " + stream + " split " + split + ": " + show(input);
        assertEquals(whole.events(), actual.events(), "events, " + label);
        assertEquals(whole.retries(), actual.retries(), "retry values, " + label);
        assertEquals(whole.comments(), actual.comments(), "comments, " + label);
        assertEquals(whole.lastId(), actual.lastId(), "last event ID, " + label);
      }
    }
  }

  @Test
  void matchesReferenceModel() {
    Random random = new Random(31_337L);
    for (int stream = 0; stream < STREAMS; stream++) {
      byte[] input = randomStream(random);
      // Chunk size 0 feeds the stream in one piece, so long lines reach the word-at-a-time scan.
      Result actual = ParserRun.parse(input, random.nextInt(8));
      Reference expected = Reference.run(new String(input, StandardCharsets.UTF_8));
      String label = "stream " + stream + ": " + show(input);
      assertEquals(expected.events, actual.events(), "events, " + label);
      assertEquals(expected.retries, actual.retries(), "retry values, " + label);
      assertEquals(expected.lastEventId, actual.lastId(), "last event ID, " + label);
    }
  }

  @Test
  void writtenEventsParseBackUnchanged() {
    Random random = new Random(4_096L);
    for (int round = 0; round < 300; round++) {
      List<SseEvent> events = new ArrayList<>();
      StringBuilder stream = new StringBuilder();
      String lastId = "";
      for (int i = 0; i < 1 + random.nextInt(6); i++) {
        String type = random.nextBoolean() ? "message" : randomText(random, false, 1);
        String data = randomText(random, true, 0);
        // One line ending per event: a CR line ending followed by an LF one would merge into CRLF.
        String lineEnding = new String[] {"\n", "\r", "\r\n"}[random.nextInt(3)];
        if (random.nextBoolean()) {
          lastId = randomText(random, false, 0);
          stream.append("id: ").append(lastId).append(lineEnding);
        }
        stream.append("event: ").append(type).append(lineEnding);
        for (String line : data.split("\r\n|\r|\n", -1)) {
          stream.append("data: ").append(line).append(lineEnding);
        }
        stream.append(lineEnding);
        String expectedData = data.replace("\r\n", "\n").replace('\r', '\n');
        events.add(new SseEvent(type, expectedData, lastId));
      }
      byte[] input = bytes(stream.toString());
      List<byte[]> chunks = randomChunks(random, input);
      assertEquals(events, ParserRun.parseChunks("", chunks).events(), "round " + round);
    }
  }

  /** Random text; line breaks only when allowed; never CR, LF or NUL otherwise. */
  private static String randomText(Random random, boolean lineBreaks, int minLength) {
    String[] pieces = {"a", "Z", " ", ":", "\t", "\u00E9", "\u20AC", "\uD83D\uDE00", "\uFEFF", "7"};
    String[] breaks = {"\n", "\r", "\r\n"};
    StringBuilder text = new StringBuilder();
    int length = minLength + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      if (lineBreaks && random.nextInt(5) == 0) {
        text.append(breaks[random.nextInt(breaks.length)]);
      } else {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
    }
    return text.toString();
  }

  private static byte[] randomStream(Random random) {
    StringBuilder text = new StringBuilder();
    int tokens = random.nextInt(60);
    for (int i = 0; i < tokens; i++) {
      text.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return bytes(text.toString());
  }

  private static List<byte[]> randomChunks(Random random, byte[] input) {
    List<byte[]> chunks = new ArrayList<>();
    int position = 0;
    while (position < input.length) {
      int size = 1 + random.nextInt(Math.min(8, input.length - position));
      chunks.add(Arrays.copyOfRange(input, position, position + size));
      position += size;
    }
    if (random.nextBoolean()) {
      chunks.add(new byte[0]); // empty reads change nothing
    }
    return chunks;
  }

  private static String show(byte[] input) {
    return new String(input, StandardCharsets.UTF_8)
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\u0000", "\\0");
  }

  /** A direct reading of the standard's algorithm over decoded text, kept as plain as possible. */
  private static final class Reference {
    final List<SseEvent> events = new ArrayList<>();
    final List<Long> retries = new ArrayList<>();
    String lastEventId = "";

    static Reference run(String text) {
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      Reference model = new Reference();
      model.processLines(completeLines(text));
      return model;
    }

    /** Splits on CRLF, CR and LF; a last line without a line ending is dropped. */
    private static List<String> completeLines(String text) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\r' && c != '\n') {
          line.append(c);
          continue;
        }
        lines.add(line.toString());
        line.setLength(0);
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      }
      return lines;
    }

    private void processLines(List<String> lines) {
      String data = "";
      String type = "";
      String idBuffer = "";
      boolean hasData = false;
      for (String current : lines) {
        if (current.isEmpty()) {
          lastEventId = idBuffer;
          if (hasData) {
            events.add(new SseEvent(type.isEmpty() ? "message" : type, data, lastEventId));
          }
          data = "";
          type = "";
          hasData = false;
          continue;
        }
        if (current.startsWith(":")) {
          continue;
        }

        int colon = current.indexOf(':');
        String name = colon < 0 ? current : current.substring(0, colon);
        String value = colon < 0 ? "" : current.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (name) {
          case "data" -> {
            data = hasData ? data + "\n" + value : value;
            hasData = true;
          }
          case "event" -> type = value;
          case "id" -> {
            if (!value.contains("\u0000")) {
              idBuffer = value;
            }
          }
          case "retry" -> addRetry(value);
          default -> {}
        }
      }
    }

    private void addRetry(String value) {
      if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return;
      }
      BigInteger millis = new BigInteger(value);
      if (millis.bitLength() < Long.SIZE) {
        retries.add(millis.longValue());
      }
    }
  }
}
