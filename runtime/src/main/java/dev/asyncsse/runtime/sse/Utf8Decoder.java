package dev.asyncsse.runtime.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 the way the WHATWG Encoding Standard does: one U+FFFD per maximal invalid subpart,
 * and never an error.
 *
 * <p>The JDK decoder agrees with the standard on every input except encoded surrogates: it turns
 * {@code ED A0 80} into one U+FFFD where the standard gives three. Valid input decodes the same way
 * in both, so the JDK decoder handles any input that yields no U+FFFD, and this class decodes the
 * rest by hand.
 *
 * <p>{@link dev.asyncsse.runtime.SseEvent} uses it too, so that an event built from bytes decodes
 * its data as the parser decodes every other field.
 */
public final class Utf8Decoder {

  private static final char REPLACEMENT = '\uFFFD';

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Decoder() {}

  /**
   * Returns whether the range is well-formed UTF-8: no byte that the decoder would replace with
   * U+FFFD, so that any UTF-8 decoder, the JDK's included, gives the same text.
   */
  public static boolean isWellFormed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int position = offset;
    // ASCII text, the usual case, is checked eight bytes at a time.
    while (position <= end - Long.BYTES
        && ((long) LONGS.get(bytes, position) & HIGH_BITS) == 0) {
      position += Long.BYTES;
    }
    while (position < end) {
      int b = bytes[position] & 0xFF;
      if (b <= 0x7F) {
        position++;
        continue;
      }
      int sequenceLength = sequenceLength(bytes, position, end);
      if (sequenceLength == 0) {
        return false;
      }
      position += sequenceLength;
    }
    return true;
  }

  /**
   * Returns the length of the well-formed multi-byte sequence at {@code position}, or 0 when the
   * bytes there are malformed or cut off by {@code end}. The ranges of the second byte are those
   * of the decoder below.
   */
  private static int sequenceLength(byte[] bytes, int position, int end) {
    int lead = bytes[position] & 0xFF;
    int length;
    int lowerBoundary = 0x80;
    int upperBoundary = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        lowerBoundary = 0xA0;
      } else if (lead == 0xED) {
        upperBoundary = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        lowerBoundary = 0x90;
      } else if (lead == 0xF4) {
        upperBoundary = 0x8F;
      }
    } else {
      return 0;
    }
    if (end - position < length) {
      return 0;
    }
    int second = bytes[position + 1] & 0xFF;
    if (second < lowerBoundary || second > upperBoundary) {
      return 0;
    }
    for (int i = 2; i < length; i++) {
      int continuation = bytes[position + i] & 0xFF;
      if (continuation < 0x80 || continuation > 0xBF) {
        return 0;
      }
    }
    return length;
  }

  /** Decodes {@code length} bytes starting at {@code offset}, replacing malformed sequences. */
  public static String decode(byte[] bytes, int offset, int length) {
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
