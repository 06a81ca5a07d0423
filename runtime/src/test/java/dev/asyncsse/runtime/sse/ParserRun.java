package dev.asyncsse.runtime.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncsse.runtime.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an {@link SseParser} over a whole body in a chosen chunking and records what it reports.
 * Its events keep their data as bytes, so every test that uses it also checks the lazy decoding.
 */
final class ParserRun {

  /** What one run of the parser reported, in order. */
  record Result(List<SseEvent> events, List<Long> retries, List<String> comments, String lastId) {}

  private ParserRun() {}

  /** Builds bytes from parts: a String becomes its UTF-8 bytes, an Integer becomes one byte. */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      } else if (part instanceof Integer value) {
        out.write(value);
      } else if (part instanceof byte[] raw) {
        out.writeBytes(raw);
      } else {
        throw new IllegalArgumentException("Unsupported part " + part);
      }
    }
    return out.toByteArray();
  }

  static SseEvent message(String data) {
    return new SseEvent(SseEvent.DEFAULT_TYPE, data, "");
  }

  static SseEvent message(String data, String id) {
    return new SseEvent(SseEvent.DEFAULT_TYPE, data, id);
  }

  static SseEvent event(String type, String data) {
    return new SseEvent(type, data, "");
  }

  static SseEvent event(String type, String data, String id) {
    return new SseEvent(type, data, id);
  }

  /** Parses the chunks in order, then ends the body. */
  static Result parseChunks(String initialLastEventId, List<byte[]> chunks) {
    List<SseEvent> events = new ArrayList<>();
    List<Long> retries = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    SseParser parser =
        new SseParser(
            new SseParser.Handler() {
              @Override
              public void onEvent(SseEvent event) {
                events.add(event);
              }

              @Override
              public void onRetry(long millis) {
                retries.add(millis);
              }

              @Override
              public boolean keepsDataAsBytes() {
                return true;
              }

              @Override
              public void onComment(String text) {
                comments.add(text);
              }
            },
            initialLastEventId,
            SseParser.DEFAULT_MAX_EVENT_BYTES);
    for (byte[] chunk : chunks) {
      parser.feed(chunk, 0, chunk.length);
    }
    parser.end();
    return new Result(events, retries, comments, parser.lastEventId());
  }

  /** Parses the input in reads of {@code chunkSize} bytes; 0 means one read. */
  static Result parse(byte[] input, int chunkSize) {
    return parseChunks("", split(input, chunkSize));
  }

  static List<byte[]> split(byte[] input, int chunkSize) {
    if (chunkSize <= 0) {
      return List.of(input);
    }
    List<byte[]> chunks = new ArrayList<>();
    for (int start = 0; start < input.length; start += chunkSize) {
      chunks.add(Arrays.copyOfRange(input, start, Math.min(input.length, start + chunkSize)));
    }
    return chunks;
  }

  /**
   * Asserts the expected result for the input in one read, in reads of 1, 2 and 3 bytes, and cut in
   * two at every position.
   */
  static void assertParses(byte[] input, Result expected) {
    for (int chunkSize : new int[] {0, 1, 2, 3}) {
      assertResult(expected, parse(input, chunkSize), "reads of " + describe(chunkSize));
    }
    for (int cut = 1; cut < input.length; cut++) {
      List<byte[]> halves =
          List.of(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length));
      assertResult(expected, parseChunks("", halves), "two reads cut at byte " + cut);
    }
  }

  /** Asserts the events (no retry, no id left over) for the input in every chunking. */
  static void assertEvents(byte[] input, SseEvent... expected) {
    assertParses(input, new Result(List.of(expected), List.of(), null, lastIdOf(expected)));
  }

  static void assertEvents(String input, SseEvent... expected) {
    assertEvents(bytes(input), expected);
  }

  /**
   * Asserts the events for the input written with LF, and again with every LF replaced by CRLF and
   * by a lone CR.
   */
  static void assertEventsForEachLineEnding(String inputWithLf, SseEvent... expected) {
    for (String lineEnding : new String[] {"\n", "\r\n", "\r"}) {
      byte[] input = bytes(inputWithLf.replace("\n", lineEnding));
      Result expectedResult = new Result(List.of(expected), List.of(), null, lastIdOf(expected));
      for (int chunkSize : new int[] {0, 1, 2, 3}) {
        assertResult(
            expectedResult,
            parse(input, chunkSize),
            "line ending " + escape(lineEnding) + ", reads of " + describe(chunkSize));
      }
    }
  }

  /** Compares events, retries and, unless expected is null, the last event ID string. */
  static void assertResult(Result expected, Result actual, String label) {
    assertEquals(expected.events(), actual.events(), "events, " + label);
    assertEquals(expected.retries(), actual.retries(), "retry values, " + label);
    if (expected.comments() != null) {
      assertEquals(expected.comments(), actual.comments(), "comments, " + label);
    }
    if (expected.lastId() != null) {
      assertEquals(expected.lastId(), actual.lastId(), "last event ID, " + label);
    }
  }

  private static String lastIdOf(SseEvent[] events) {
    return events.length == 0 ? null : events[events.length - 1].id();
  }

  private static String describe(int chunkSize) {
    return chunkSize == 0 ? "the whole input" : chunkSize + " bytes";
  }

  private static String escape(String lineEnding) {
    return lineEnding.replace("\r", "CR").replace("\n", "LF");
  }
}
