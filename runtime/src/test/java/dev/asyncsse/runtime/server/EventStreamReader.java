package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an event stream body in the tests, without the project's parser: lines end at LF (the
 * server writes no CR), and a frame is the list of lines before a blank line. A daemon thread reads
 * ahead, so every wait has a timeout.
 */
final class EventStreamReader implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Frame END = new Frame(List.of("<end of stream>"));

  private final InputStream body;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

  EventStreamReader(InputStream body) {
    this.body = body;
    Thread reader = new Thread(this::readFrames, "test-event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Returns the next frame, comments included; fails when the stream ends or on timeout. */
  Frame nextFrame() throws InterruptedException {
    Frame frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      fail("No frame within " + TIMEOUT);
    }
    if (frame == END) {
      frames.add(END);
      fail("The event stream ended before the next frame");
    }
    return frame;
  }

  /** Returns the next frame that is not a comment. */
  Frame nextEvent() throws InterruptedException {
    Frame frame = nextFrame();
    while (frame.isComment()) {
      frame = nextFrame();
    }
    return frame;
  }

  /** Waits until the body ends, skipping comments; fails on an event or on timeout. */
  void awaitEnd() throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null) {
        fail("The event stream did not end within " + TIMEOUT);
      }
      if (frame == END) {
        frames.add(END);
        return;
      }
      if (!frame.isComment()) {
        fail("Expected the end of the stream, got " + frame);
      }
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  private void readFrames() {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = body.read()) != -1) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
          frames.add(new Frame(List.copyOf(lines)));
          lines.clear();
        } else {
          lines.add(text);
        }
      }
    } catch (IOException e) {
      // The test closed the body, or the connection broke: both end the stream.
    }
    if (!lines.isEmpty()) {
      frames.add(new Frame(List.copyOf(lines)));
    }
    frames.add(END);
  }

  /** The lines of one frame, without the blank line that ends it. */
  record Frame(List<String> lines) {

    boolean isComment() {
      return lines.stream().allMatch(line -> line.startsWith(":"));
    }

    /** Returns the value of the first line {@code name: value}, or null. */
    String field(String name) {
      for (String line : lines) {
        if (line.startsWith(name + ": ")) {
          return line.substring(name.length() + 2);
        }
      }
      return null;
    }

    /** Returns the data lines joined with LF. */
    String data() {
      List<String> data = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("data: ")) {
          data.add(line.substring("data: ".length()));
        }
      }
      return String.join("\n", data);
    }
  }
}
