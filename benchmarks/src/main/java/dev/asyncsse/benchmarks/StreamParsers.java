package dev.asyncsse.benchmarks;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.logging.LDLogger;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.sse.SseParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.BufferedSource;
import okio.Okio;

/**
 * Parses one in-memory event stream with each library, the way each one reads a response body.
 *
 * <p>Every parser reads the stream through an {@link InputStream}, so they all start from the same
 * kind of source: asyncsse in 8 KiB reads as its client does, OkHttp through an Okio buffer as
 * {@code okhttp-sse} does, and LaunchDarkly through its public {@link EventSource} with its default
 * read buffer, because its parser class is not public.
 */
final class StreamParsers {

  /** Receives each parsed event's fields. */
  interface EventSink {
    void accept(String type, String data, String id);
  }

  private static final int READ_BUFFER_BYTES = 8 * 1024;
  private static final URI ORIGIN = URI.create("http://127.0.0.1/events");

  private StreamParsers() {}

  /** Parses with {@link SseParser}; returns the number of events. */
  static int asyncsse(byte[] stream, EventSink sink) {
    int[] events = {0};
    SseParser parser =
        new SseParser(
            (SseEvent event) -> {
              sink.accept(event.type(), event.data(), event.id());
              events[0]++;
            });
    InputStream in = new ByteArrayInputStream(stream);
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    try {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        parser.feed(buffer, 0, count);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser.end();
    return events[0];
  }

  /** Parses with OkHttp's {@code ServerSentEventReader}; returns the number of events. */
  static int okhttpSse(byte[] stream, EventSink sink) {
    int[] events = {0};
    BufferedSource source = Okio.buffer(Okio.source(new ByteArrayInputStream(stream)));
    ServerSentEventReader reader =
        new ServerSentEventReader(
            source,
            new ServerSentEventReader.Callback() {
              @Override
              public void onEvent(String id, String type, String data) {
                sink.accept(type, data, id);
                events[0]++;
              }

              @Override
              public void onRetryChange(long timeMs) {}
            });
    try {
      while (reader.processNextEvent()) {
        // Each call parses one event.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events[0];
  }

  /**
   * Parses with LaunchDarkly's {@link EventSource} over an in-memory connection; reads exactly
   * {@code events} messages, because reading past the end would start a reconnect.
   */
  static int okhttpEventSource(byte[] stream, int events, EventSink sink) {
    try (EventSource source = new EventSource.Builder(new InMemoryConnect(stream)).build()) {
      for (int i = 0; i < events; i++) {
        MessageEvent event = source.readMessage();
        sink.accept(event.getEventName(), event.getData(), event.getLastEventId());
      }
    } catch (StreamException e) {
      throw new IllegalStateException("okhttp-eventsource failed to read the stream", e);
    }
    return events;
  }

  /**
   * Counts the line endings (CR or LF bytes) in 8 KiB reads: the least work any parser must do, and
   * so the ceiling for parser throughput.
   */
  static int lineEndScan(byte[] stream) {
    InputStream in = new ByteArrayInputStream(stream);
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    int lineEnds = 0;
    try {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        for (int i = 0; i < count; i++) {
          byte b = buffer[i];
          if (b == '\n' || b == '\r') {
            lineEnds++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lineEnds;
  }

  /** Connects a LaunchDarkly {@link EventSource} to an in-memory body. */
  private static final class InMemoryConnect extends ConnectStrategy {

    private final byte[] stream;

    InMemoryConnect(byte[] stream) {
      this.stream = stream;
    }

    @Override
    public Client createClient(LDLogger logger) {
      return new Client() {
        @Override
        public Result connect(String lastEventId) {
          return new Result(new ByteArrayInputStream(stream), ORIGIN, null);
        }

        @Override
        public boolean awaitClosed(long timeoutMillis) {
          return true;
        }

        @Override
        public URI getOrigin() {
          return ORIGIN;
        }

        @Override
        public void close() {}
      };
    }
  }
}
