package dev.asyncsse.runtime.sse;

import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 the way the WHATWG Encoding Standard does: one U+FFFD per maximal invalid subpart,
 * and never an error.
 *
 * <p>The JDK decoder agrees with the standard on every input except encoded surrogates: it turns
 * {@code ED A0 80} into one U+FFFD where the standard gives three. Valid input decodes the same way
 * in both, so the JDK decoder handles any input that yields no U+FFFD, and this class decodes the
 * rest by hand.
 */
final class Utf8Decoder {

  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Decoder() {}

  /** Decodes {@code length} bytes starting at {@code offset}, replacing malformed sequences. */
  static String decode(byte[] bytes, int offset, int length) {
    String fast = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (fast.indexOf(REPLACEMENT) < 0) {
      return fast;
    }
    return decodeWithReplacement(bytes, offset, length);
  }

  /** Runs the WHATWG "UTF-8 decoder" algorithm over a complete byte range. */
  static String decodeWithReplacement(byte[] bytes, int offset, int length) {
    StringBuilder out = new StringBuilder(length);
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lowerBoundary = 0x80;
    int upperBoundary = 0xBF;
    int end = offset + length;
    int position = offset;
    while (position < end) {
      int b = bytes[position] & 0xFF;
      if (bytesNeeded == 0) {
        position++;
        if (b <= 0x7F) {
          out.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          bytesNeeded = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          if (b == 0xE0) {
            lowerBoundary = 0xA0; // rejects overlong three-byte forms
          } else if (b == 0xED) {
            upperBoundary = 0x9F; // rejects encoded surrogates
          }
          bytesNeeded = 2;
          codePoint = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b == 0xF0) {
            lowerBoundary = 0x90; // rejects overlong four-byte forms
          } else if (b == 0xF4) {
            upperBoundary = 0x8F; // rejects code points above U+10FFFF
          }
          bytesNeeded = 3;
          codePoint = b & 0x07;
        } else {
          out.append(REPLACEMENT);
        }
        continue;
      }
      if (b < lowerBoundary || b > upperBoundary) {
        // The sequence so far is one maximal invalid subpart; this byte starts over.
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lowerBoundary = 0x80;
        upperBoundary = 0xBF;
        out.append(REPLACEMENT);
        continue;
      }
      position++;
      lowerBoundary = 0x80;
      upperBoundary = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      bytesSeen++;
      if (bytesSeen == bytesNeeded) {
        out.appendCodePoint(codePoint);
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
      }
    }
    if (bytesNeeded != 0) {
      out.append(REPLACEMENT); // a truncated sequence at the end of the range
    }
    return out.toString();
  }
}
