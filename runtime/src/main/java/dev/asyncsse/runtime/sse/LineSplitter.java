package dev.asyncsse.runtime.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts one response body into lines at the byte level and strips a leading UTF-8 byte order mark.
 *
 * <p>Lines end at CRLF, a lone CR or a lone LF, and nothing else ends a line. CR and LF bytes never
 * occur inside a UTF-8 multi-byte sequence, and an ASCII byte ends any incomplete one, so decoding
 * each complete line on its own gives the same text as a streaming decoder over the whole body. A
 * multi-byte character split across reads stays in the line buffer until its line is complete.
 *
 * <p>The line buffer never grows beyond {@code maxLineBytes}; a longer line raises {@link
 * SseEventTooLargeException} before more memory is taken.
 */
final class LineSplitter {

  /** Receives each complete line, without its line ending. */
  interface LineHandler {
    /** Handles one line; the bytes are valid only during the call. */
    void onLine(byte[] bytes, int offset, int length);
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int INITIAL_CAPACITY = 256;

  /**
   * The largest line buffer kept after a long line. Lines up to this size then reuse one array
   * instead of growing a new one by doubling each time.
   */
  private static final int RETAINED_CAPACITY = 256 * 1024;

  /** Reads eight bytes of an array as one little-endian long, so byte {@code i} is bits 8i-8i+7. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** Eight bytes of {@code 0x0E}, the byte after CR. */
  private static final long BELOW_CR = ONES * (CR + 1);

  /**
   * The line length from which {@link #indexOfLineEnd} scans in 32-byte steps. Shorter lines, such
   * as one-line JSON events, stay on 16-byte steps, which also locate the line end.
   */
  private static final int LONG_LINE_BYTES = 64;

  private final LineHandler handler;
  private final int maxLineBytes;
  private final int maxEventBytes;

  private byte[] line = new byte[INITIAL_CAPACITY];
  private int lineLength;
  private boolean previousWasCr;
  private boolean byteOrderMarkChecked;
  private int byteOrderMarkBytesSeen;

  LineSplitter(LineHandler handler, int maxLineBytes, int maxEventBytes) {
    this.handler = handler;
    this.maxLineBytes = maxLineBytes;
    this.maxEventBytes = maxEventBytes;
  }

  /** Splits the next bytes of the body, calling the handler once per completed line. */
  void feed(byte[] bytes, int offset, int length) {
    int position = offset;
    int end = offset + length;
    if (!byteOrderMarkChecked) {
      position = skipByteOrderMark(bytes, position, end);
    }
    if (previousWasCr && position < end) {
      position = skipLfAfterCr(bytes, position);
    }
    if (lineLength > 0 && position < end) {
      position = completeSpanningLine(bytes, position, end);
    }
    // Each line that lies wholly inside this read goes to the handler straight from the caller's
    // array, without a copy.
    while (position < end) {
      int lineEnd = indexOfLineEnd(bytes, position, end);
      if (lineEnd < 0) {
        append(bytes, position, end - position);
        return;
      }
      checkLineLength(lineEnd - position);
      // A CR completes the line at once; the next read may start with the LF that belongs to it.
      boolean endsWithCr = bytes[lineEnd] == CR;
      previousWasCr = endsWithCr;
      handler.onLine(bytes, position, lineEnd - position);
      position = lineEnd + 1;
      if (endsWithCr && position < end) {
        position = skipLfAfterCr(bytes, position);
      }
    }
  }

  /**
   * Consumes the LF of a CRLF whose CR ended the previous line, even when a read boundary separates
   * them, and returns the position after it. The position must be inside the read.
   */
  private int skipLfAfterCr(byte[] bytes, int position) {
    previousWasCr = false;
    return bytes[position] == LF ? position + 1 : position;
  }

  /**
   * Completes the line that started in an earlier read, if this read ends it, and returns the
   * position after its line ending; otherwise adds the whole read to the line and returns {@code
   * end}.
   */
  private int completeSpanningLine(byte[] bytes, int position, int end) {
    int lineEnd = indexOfLineEnd(bytes, position, end);
    if (lineEnd < 0) {
      append(bytes, position, end - position);
      return end;
    }
    append(bytes, position, lineEnd - position);
    previousWasCr = bytes[lineEnd] == CR;
    int completeLength = lineLength;
    lineLength = 0;
    handler.onLine(line, 0, completeLength);
    releaseLargeBuffer();
    position = lineEnd + 1;
    if (previousWasCr && position < end) {
      position = skipLfAfterCr(bytes, position);
    }
    return position;
  }

  /**
   * Returns the array that stores lines spanning reads. A line handler that receives this array may
   * keep it by calling {@link #replaceLineBuffer} during the call.
   */
  byte[] lineBuffer() {
    return line;
  }

  /**
   * Gives the splitter a new array for lines that span reads, so that the handler can keep the
   * current one. Valid only while the handler is receiving a line from {@link #lineBuffer()}.
   */
  void replaceLineBuffer(byte[] replacement) {
    line = replacement.length >= INITIAL_CAPACITY ? replacement : new byte[INITIAL_CAPACITY];
  }

  /** Drops a partial line, as required when the body ends without a final line ending. */
  void discardPartialLine() {
    lineLength = 0;
    releaseLargeBuffer();
  }

  /**
   * Consumes the bytes of a byte order mark at the start of the body. Only the first three bytes of
   * the body can form one; bytes that started to match but did not complete one are content.
   */
  private int skipByteOrderMark(byte[] bytes, int position, int end) {
    while (position < end && byteOrderMarkBytesSeen < BYTE_ORDER_MARK.length) {
      if (bytes[position] != BYTE_ORDER_MARK[byteOrderMarkBytesSeen]) {
        byteOrderMarkChecked = true;
        append(BYTE_ORDER_MARK, 0, byteOrderMarkBytesSeen);
        return position;
      }
      byteOrderMarkBytesSeen++;
      position++;
    }
    if (byteOrderMarkBytesSeen == BYTE_ORDER_MARK.length) {
      byteOrderMarkChecked = true;
    }
    return position;
  }

  /**
   * Returns the index of the first CR or LF in the range, or -1.
   *
   * <p>Sixteen bytes are tested at a time for any byte below {@code 0x0E}: for a word {@code w},
   * {@code (w - BELOW_CR) & ~w & HIGH_BITS} sets the high bit of each byte below {@code 0x0E}, and
   * its lowest set bit marks the first such byte; higher bits can be false positives from the
   * borrow. CR ({@code 0x0D}) and LF ({@code 0x0A}) are below {@code 0x0E}, and so are tab and a
   * few other control bytes. The first flagged byte of the pair is therefore usually the line end,
   * and the bytes after it are checked one by one only when it is not. Once a line is {@link
   * #LONG_LINE_BYTES} long, the scan moves on in larger steps.
   */
  private static int indexOfLineEnd(byte[] bytes, int from, int end) {
    int i = from;
    while (i <= end - 2 * Long.BYTES) {
      long first = (long) LONGS.get(bytes, i);
      long second = (long) LONGS.get(bytes, i + Long.BYTES);
      long firstFlags = (first - BELOW_CR) & ~first & HIGH_BITS;
      long secondFlags = (second - BELOW_CR) & ~second & HIGH_BITS;
      if ((firstFlags | secondFlags) == 0) {
        i += 2 * Long.BYTES;
        if (i - from >= LONG_LINE_BYTES) {
          i = skipUnflaggedBlocks(bytes, i, end);
        }
        continue;
      }
      int candidate =
          firstFlags != 0
              ? i + (Long.numberOfTrailingZeros(firstFlags) >>> 3)
              : i + Long.BYTES + (Long.numberOfTrailingZeros(secondFlags) >>> 3);
      int wordsEnd = i + 2 * Long.BYTES;
      for (int j = candidate; j < wordsEnd; j++) {
        byte b = bytes[j];
        if (b == LF || b == CR) {
          return j;
        }
      }
      i = wordsEnd;
    }
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the start of the first 32-byte block from {@code from} that contains a byte below
   * {@code 0x0E}, or the position where fewer than 32 bytes remain. Testing four words per step
   * with one branch scanned 64 KiB lines about a quarter faster than the two-word steps of {@link
   * #indexOfLineEnd} on JDK 17 (x86-64, the benchmarks module's LARGE stream).
   */
  private static int skipUnflaggedBlocks(byte[] bytes, int from, int end) {
    int i = from;
    while (i <= end - 4 * Long.BYTES) {
      long first = (long) LONGS.get(bytes, i);
      long second = (long) LONGS.get(bytes, i + Long.BYTES);
      long third = (long) LONGS.get(bytes, i + 2 * Long.BYTES);
      long fourth = (long) LONGS.get(bytes, i + 3 * Long.BYTES);
      long flags =
          ((first - BELOW_CR) & ~first)
              | ((second - BELOW_CR) & ~second)
              | ((third - BELOW_CR) & ~third)
              | ((fourth - BELOW_CR) & ~fourth);
      if ((flags & HIGH_BITS) != 0) {
        return i;
      }
      i += 4 * Long.BYTES;
    }
    return i;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return;
    }
    int required = lineLength + length;
    checkLineLength(required);
    if (required > line.length) {
      int grown = (int) Math.min(Math.max((long) line.length * 2, required), maxLineBytes);
      line = Arrays.copyOf(line, grown);
    }
    System.arraycopy(bytes, offset, line, lineLength, length);
    lineLength = required;
  }

  private void checkLineLength(int length) {
    if (length > maxLineBytes) {
      throw new SseEventTooLargeException(
          "A line of the event stream is longer than "
              + maxLineBytes
              + " bytes, which exceeds the maximum event size of "
              + maxEventBytes
              + " bytes",
          maxEventBytes);
    }
  }

  private void releaseLargeBuffer() {
    if (line.length > RETAINED_CAPACITY) {
      line = new byte[INITIAL_CAPACITY];
    }
  }
}
