package dev.asyncsse.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Many SSE subscriber connections read by one selector thread, which records when each event
 * reaches each connection.
 *
 * <p>The subscribers do not parse SSE: they look for {@code "seq":} followed by digits in the
 * response bytes, which is how the fan-out server's events carry their sequence number. That keeps
 * the reading side cheap, so that the server's work dominates the measurement.
 */
final class FanoutSubscribers implements AutoCloseable {

  private static final byte[] SEQ_PREFIX = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private final Selector selector;
  private final List<SocketChannel> channels = new ArrayList<>();
  private final AtomicIntegerArray receipts;
  private final AtomicLongArray lastReceiptNanos;
  private final int subscribers;
  private final Thread reader;

  private FanoutSubscribers(Selector selector, int subscribers, int maxSeq) {
    this.selector = selector;
    this.subscribers = subscribers;
    this.receipts = new AtomicIntegerArray(maxSeq + 1);
    this.lastReceiptNanos = new AtomicLongArray(maxSeq + 1);
    this.reader = new Thread(this::readLoop, "fanout-subscribers");
    this.reader.setDaemon(true);
  }

  /**
   * Opens {@code subscribers} connections to {@code path} on 127.0.0.1 and starts reading them.
   *
   * @param maxSeq the largest sequence number that will be published
   */
  static FanoutSubscribers connect(int port, String path, int subscribers, int maxSeq)
      throws IOException {
    FanoutSubscribers pool = new FanoutSubscribers(Selector.open(), subscribers, maxSeq);
    byte[] request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try {
      for (int i = 0; i < subscribers; i++) {
        SocketChannel channel = SocketChannel.open(address);
        pool.channels.add(channel);
        channel.write(ByteBuffer.wrap(request));
        channel.configureBlocking(false);
        channel.register(pool.selector, SelectionKey.OP_READ, new SeqScanner());
      }
    } catch (IOException | RuntimeException e) {
      pool.close();
      throw e;
    }
    pool.reader.start();
    return pool;
  }

  /**
   * Waits until every subscriber has received event {@code seq}.
   *
   * @return this process's {@link System#nanoTime()} when the last copy was read, or -1 when not
   *     all arrived by {@code deadlineNanos}
   */
  long awaitAll(int seq, long deadlineNanos) {
    while (receipts.get(seq) < subscribers) {
      if (System.nanoTime() > deadlineNanos) {
        return -1;
      }
      LockSupport.parkNanos(200_000);
    }
    return lastReceiptNanos.get(seq);
  }

  @Override
  public void close() throws IOException {
    selector.close();
    for (SocketChannel channel : channels) {
      channel.close();
    }
  }

  private void readLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    byte[] bytes = new byte[READ_BUFFER_BYTES];
    try {
      while (selector.isOpen()) {
        selector.select();
        long now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          SocketChannel channel = (SocketChannel) key.channel();
          buffer.clear();
          int count = channel.read(buffer);
          if (count < 0) {
            key.cancel();
            continue;
          }
          buffer.flip();
          buffer.get(bytes, 0, count);
          ((SeqScanner) key.attachment()).scan(bytes, count, this, now);
        }
        selector.selectedKeys().clear();
      }
    } catch (ClosedSelectorException e) {
      // close() closed the selector, which ends this loop.
    } catch (IOException e) {
      if (selector.isOpen()) {
        System.err.println("fan-out subscribers: reading failed: " + e);
      }
    }
  }

  private void record(int seq, long nanos) {
    if (seq > 0 && seq < receipts.length()) {
      lastReceiptNanos.set(seq, nanos); // set first, because awaitAll reads the count first
      receipts.incrementAndGet(seq);
    }
  }

  /** Finds {@code "seq":<digits>} in one connection's bytes, across read boundaries. */
  private static final class SeqScanner {

    private int matched;
    private boolean inNumber;
    private int number;

    void scan(byte[] bytes, int count, FanoutSubscribers pool, long now) {
      for (int i = 0; i < count; i++) {
        byte b = bytes[i];
        if (inNumber) {
          if (b >= '0' && b <= '9') {
            number = number * 10 + (b - '0');
            continue;
          }
          pool.record(number, now);
          inNumber = false;
          matched = 0;
        }
        if (b == SEQ_PREFIX[matched]) {
          matched++;
          if (matched == SEQ_PREFIX.length) {
            inNumber = true;
            number = 0;
          }
        } else {
          matched = b == SEQ_PREFIX[0] ? 1 : 0;
        }
      }
    }
  }
}
