package dev.asyncsse.runtime.sse;

import static dev.asyncsse.runtime.sse.ParserRun.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WHATWG UTF-8 decoder: one U+FFFD per maximal invalid subpart. */
class Utf8DecoderTest {

  private static String decode(byte[] input) {
    return Utf8Decoder.decode(input, 0, input.length);
  }

  @Test
  void validTextDecodesUnchanged() {
    String text = "ascii \u00E9 \u20AC \u8C46 \uD83D\uDE00 \uFFFD literal";
    assertEquals(text, decode(bytes(text)));
  }

  @Test
  void invalidLeadBytesGiveOneReplacementEach() {
    assertEquals("\uFFFD\uFFFDok", decode(bytes(0xFF, 0xFE, "ok")));
    assertEquals("\uFFFDa", decode(bytes(0x80, "a")));
    assertEquals("\uFFFD\uFFFD", decode(bytes(0xF5, 0xF8)));
  }

  @Test
  void truncatedSequenceGivesOneReplacement() {
    assertEquals("\uFFFD", decode(bytes(0xE2, 0x82)));
    assertEquals("\uFFFD", decode(bytes(0xF0, 0x9F, 0x98)));
    assertEquals("\uFFFDx", decode(bytes(0xE2, 0x82, "x")));
  }

  @Test
  void overlongFormsGiveOneReplacementPerByte() {
    assertEquals("\uFFFD\uFFFDx", decode(bytes(0xC0, 0xAF, "x")));
    assertEquals("\uFFFD\uFFFD\uFFFD", decode(bytes(0xE0, 0x80, 0xAF)));
    assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", decode(bytes(0xF0, 0x80, 0x80, 0xAF)));
  }

  @Test
  void encodedSurrogateGivesThreeReplacements() {
    assertEquals("\uFFFD\uFFFD\uFFFDx", decode(bytes(0xED, 0xA0, 0x80, "x")));
    assertEquals("\uFFFD\uFFFD\uFFFD", decode(bytes(0xED, 0xBF, 0xBF)));
  }

  @Test
  void codePointAboveUnicodeRangeIsReplaced() {
    assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", decode(bytes(0xF4, 0x90, 0x80, 0x80)));
    assertEquals("\uDBFF\uDFFF", decode(bytes(0xF4, 0x8F, 0xBF, 0xBF)));
  }

  @Test
  void asciiAfterIncompleteSequenceIsKept() {
    assertEquals("\uFFFD:\uFFFD", decode(bytes(0xE2, ":", 0xF0, 0x9F)));
  }

  @Test
  void randomValidTextMatchesJdkDecoder() {
    Random random = new Random(20240601L);
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        int codePoint;
        do {
          codePoint = random.nextInt(0x110000);
        } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
        text.appendCodePoint(codePoint);
      }
      byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
      assertEquals(text.toString(), decode(encoded), "round " + round);
      assertEquals(
          text.toString(),
          Utf8Decoder.decodeWithReplacement(encoded, 0, encoded.length),
          "hand decoder, round " + round);
    }
  }

  @Test
  void wellFormedAcceptsValidText() {
    assertTrue(isWellFormed(bytes("")));
    assertTrue(isWellFormed(bytes("plain ascii text that is longer than eight bytes")));
    assertTrue(isWellFormed(bytes("ascii \u00E9 \u20AC \u8C46 \uD83D\uDE00 \uFFFD")));
    assertTrue(isWellFormed(bytes(0xF4, 0x8F, 0xBF, 0xBF)));
    assertTrue(isWellFormed(bytes(0xEF, 0xBB, 0xBF, "bom")));
  }

  @Test
  void wellFormedRejectsWhatDecoderReplaces() {
    assertFalse(isWellFormed(bytes("12345678", 0xFF)));
    assertFalse(isWellFormed(bytes(0x80)));
    assertFalse(isWellFormed(bytes("ok", 0xE2, 0x82)));
    assertFalse(isWellFormed(bytes(0xC0, 0xAF)));
    assertFalse(isWellFormed(bytes(0xE0, 0x80, 0xAF)));
    assertFalse(isWellFormed(bytes(0xF0, 0x80, 0x80, 0xAF)));
    assertFalse(isWellFormed(bytes(0xED, 0xA0, 0x80)));
    assertFalse(isWellFormed(bytes(0xF4, 0x90, 0x80, 0x80)));
    assertFalse(isWellFormed(bytes(0xE2, "a", 0x82)));
  }

  @Test
  void wellFormedChecksOnlyItsRange() {
    byte[] input = bytes(0xFF, "abc", 0xE2, 0x82, 0xAC, 0xFF);

    assertTrue(Utf8Decoder.isWellFormed(input, 1, 6));
    assertFalse(Utf8Decoder.isWellFormed(input, 1, 5));
    assertFalse(Utf8Decoder.isWellFormed(input, 0, 4));
  }

  @Test
  void wellFormedMatchesRoundTrip() {
    Random random = new Random(20261204L);
    byte[] pool = {0x00, 0x41, 0x7F, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F,
        (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xE1,
        (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};
    for (int round = 0; round < 20_000; round++) {
      byte[] input = new byte[random.nextInt(12)];
      for (int i = 0; i < input.length; i++) {
        input[i] = pool[random.nextInt(pool.length)];
      }
      // Decoding replaces each malformed part with U+FFFD, whose bytes differ from that part.
      boolean roundTrips = Arrays.equals(input, decode(input).getBytes(StandardCharsets.UTF_8));
      assertEquals(roundTrips, isWellFormed(input), () -> "input " + Arrays.toString(input));
    }
  }

  private static boolean isWellFormed(byte[] input) {
    return Utf8Decoder.isWellFormed(input, 0, input.length);
  }
}
