package dev.asyncsse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.asyncsse.benchmarks.accounts.AccountService;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.SseListener;
import dev.asyncsse.runtime.client.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * The clients of the end-to-end benchmark: each receives a fixed number of events over one new
 * connection, with one library, counting them raw or decoding their JSON data into a record.
 *
 * <p>Three more receivers only read the body's bytes, twice over {@code java.net.http} (through an
 * input stream and in a body subscriber) and once over OkHttp, with either payload: they measure
 * the transport each group of clients is built on, as the ceiling for those clients.
 */
final class EventReceivers {

  /** The maximum wait for one connection's events before the benchmark fails. */
  static final long RECEIVE_TIMEOUT_SECONDS = 120;

  /** The payload the peers decode into: a plain record, read with a default Jackson mapper. */
  record PeerSignup(String displayName, String email) {}

  /** Receives events over one connection at a time. */
  interface EventReceiver extends AutoCloseable {

    /**
     * Connects to {@code uri}, receives {@code events} events, and closes the connection.
     *
     * @return the sum of data lengths ({@link Payload#RAW}) or email lengths ({@link Payload#JSON})
     *     over the events received; for the receivers that only read bytes, the body's length
     */
    long receive(URI uri, int events) throws Exception;

    @Override
    void close();
  }

  private static final ObjectMapper PEER_MAPPER = JsonMapper.builder().build();

  private EventReceivers() {}

  /** Creates the receiver named after its library, as the benchmark's parameter spells it. */
  static EventReceiver create(String library, Payload payload) {
    switch (library) {
      case "asyncsse":
        return payload == Payload.RAW ? new AsyncsseRaw() : new AsyncsseGenerated();
      case "okhttpSse":
        return new OkHttpSse(payload);
      case "okhttpEventSource":
        return new LaunchDarkly(payload);
      case "jdkBufferedReader":
        return new JdkBufferedReader(payload);
      case "jdkHttpClientBytes":
        return new JdkHttpClientBytes();
      case "jdkSubscriberBytes":
        return new JdkSubscriberBytes();
      case "okhttpBytes":
        return new OkHttpBytes();
      default:
        throw new IllegalArgumentException("Unknown client library: " + library);
    }
  }

  private static long peerMeasure(Payload payload, String data) {
    if (payload == Payload.RAW) {
      return data.length();
    }
    try {
      return PEER_MAPPER.readValue(data, PeerSignup.class).email().length();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot decode the event data " + data, e);
    }
  }

  /** Counts events until the target, and keeps the first failure, on the client's thread. */
  private static final class Countdown {

    private final int target;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int received;
    private long measure;

    Countdown(int target) {
      this.target = target;
    }

    void add(long value) {
      measure += value;
      if (++received == target) {
        done.countDown();
      }
    }

    void fail(Throwable error) {
      if (done.getCount() > 0 && failure.compareAndSet(null, error)) {
        done.countDown();
      }
    }

    /** Waits for the target; the latch makes the client thread's counts visible here. */
    long await() throws Exception {
      if (!done.await(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "Received "
                + received
                + " of "
                + target
                + " events in "
                + RECEIVE_TIMEOUT_SECONDS
                + " s");
      }
      Throwable error = failure.get();
      if (error != null) {
        throw new IllegalStateException("The client failed after " + received + " events", error);
      }
      return measure;
    }
  }

  /** asyncsse's {@link SseClient} with a plain {@link SseListener}: no decoding. */
  private static final class AsyncsseRaw implements EventReceiver {

    private final HttpClient http = asyncsseHttpClient();

    @Override
    public long receive(URI uri, int events) throws Exception {
      Countdown countdown = new Countdown(events);
      SseListener listener =
          new SseListener() {
            @Override
            public void onEvent(SseEvent event) {
              countdown.add(event.data().length());
            }

            @Override
            public void onError(SseError error) {
              countdown.fail(error);
            }
          };
      Subscription subscription =
          SseClient.builder(uri).httpClient(http).build().subscribe(listener);
      try {
        return countdown.await();
      } finally {
        subscription.close();
      }
    }

    @Override
    public void close() {}
  }

  /**
   * The client that the processor generates for the account service document, which decodes each
   * event into its {@code UserSignedUp} record and checks the email format.
   */
  private static final class AsyncsseGenerated implements EventReceiver {

    private final HttpClient http = asyncsseHttpClient();

    @Override
    public long receive(URI uri, int events) throws Exception {
      Countdown countdown = new Countdown(events);
      Subscription subscription =
          AccountService.client(uri.resolve("/"))
              .httpClient(http)
              .build()
              .userSignups()
              .onError(countdown::fail)
              .listen(message -> countdown.add(message.payload().email().length()));
      try {
        return countdown.await();
      } finally {
        subscription.close();
      }
    }

    @Override
    public void close() {}
  }

  /**
   * Creates an HTTP client with the settings that {@link SseClient} uses when none is given; the
   * benchmark shares it between connections.
   */
  private static HttpClient asyncsseHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** OkHttp's {@code okhttp-sse} event source, which calls its listener on a dispatcher thread. */
  private static final class OkHttpSse implements EventReceiver {

    private final Payload payload;
    private final OkHttpClient http = new OkHttpClient();
    private final okhttp3.sse.EventSource.Factory factory = EventSources.createFactory(http);

    OkHttpSse(Payload payload) {
      this.payload = payload;
    }

    @Override
    public long receive(URI uri, int events) throws Exception {
      Countdown countdown = new Countdown(events);
      EventSourceListener listener =
          new EventSourceListener() {
            @Override
            public void onEvent(
                okhttp3.sse.EventSource source, String id, String type, String data) {
              countdown.add(peerMeasure(payload, data));
            }

            @Override
            public void onFailure(
                okhttp3.sse.EventSource source, Throwable error, Response response) {
              countdown.fail(
                  error != null ? error : new IOException("HTTP status " + response.code()));
            }
          };
      okhttp3.sse.EventSource source =
          factory.newEventSource(new Request.Builder().url(uri.toString()).build(), listener);
      try {
        return countdown.await();
      } finally {
        source.cancel();
      }
    }

    @Override
    public void close() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * LaunchDarkly's {@code okhttp-eventsource}, read with its blocking {@code readMessage()} on the
   * benchmark thread.
   */
  private static final class LaunchDarkly implements EventReceiver {

    private final Payload payload;
    private final OkHttpClient http = new OkHttpClient();

    LaunchDarkly(Payload payload) {
      this.payload = payload;
    }

    @Override
    public long receive(URI uri, int events) throws Exception {
      long measure = 0;
      try (EventSource source =
          new EventSource.Builder(ConnectStrategy.http(uri).httpClient(http)).build()) {
        for (int i = 0; i < events; i++) {
          MessageEvent event = source.readMessage();
          measure += peerMeasure(payload, event.getData());
        }
      }
      return measure;
    }

    @Override
    public void close() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * A client written without a library: a {@link BufferedReader} over the body of a default {@link
   * HttpClient}, which handles {@code data:}, {@code event:} and {@code id:} lines.
   */
  private static final class JdkBufferedReader implements EventReceiver {

    private final Payload payload;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The last event ID of each connection, as a client that resumes would keep it. */
    private final Set<String> lastEventIds = new HashSet<>();

    JdkBufferedReader(Payload payload) {
      this.payload = payload;
    }

    @Override
    public long receive(URI uri, int events) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      long measure = 0;
      int received = 0;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        StringBuilder data = null;
        String type = "message";
        String lastEventId = "";
        String line;
        while (received < events && (line = reader.readLine()) != null) {
          if (line.isEmpty()) {
            if (data != null && type.equals(StreamShape.SMALL_JSON_EVENT_NAME)) {
              measure += peerMeasure(payload, data.toString());
              received++;
            }
            data = null;
            type = "message";
          } else if (line.startsWith("data:")) {
            String value = fieldValue(line, 5);
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          } else if (line.startsWith("event:")) {
            type = fieldValue(line, 6);
          } else if (line.startsWith("id:")) {
            lastEventId = fieldValue(line, 3);
          }
        }
        lastEventIds.add(lastEventId);
      }
      if (received < events) {
        throw new IllegalStateException("The stream ended after " + received + " events");
      }
      return measure;
    }

    private static String fieldValue(String line, int colonEnd) {
      int start =
          line.length() > colonEnd && line.charAt(colonEnd) == ' ' ? colonEnd + 1 : colonEnd;
      return line.substring(start);
    }

    @Override
    public void close() {}
  }

  /**
   * The transport ceiling of the clients on {@code java.net.http}: reads the body of a default
   * {@link HttpClient} in 8 KiB reads to its end and parses nothing.
   */
  private static final class JdkHttpClientBytes implements EventReceiver {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public long receive(URI uri, int events) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        return drain(body);
      }
    }

    @Override
    public void close() {}
  }

  /**
   * The transport ceiling of {@code java.net.http} without a reading thread: a body subscriber
   * that counts the bytes of each buffer on the thread that delivers it, and requests the next
   * buffer only after that. Unlike {@link JdkHttpClientBytes}, no buffer passes through {@code
   * BodySubscribers.ofInputStream()} to another thread.
   */
  private static final class JdkSubscriberBytes implements EventReceiver {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public long receive(URI uri, int events) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
      return http.send(request, info -> new ByteCounter()).body();
    }

    @Override
    public void close() {}
  }

  /** Counts the bytes of a response body, one buffer list at a time. */
  private static final class ByteCounter implements HttpResponse.BodySubscriber<Long> {

    private final CompletableFuture<Long> total = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long count;

    @Override
    public CompletionStage<Long> getBody() {
      return total;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        count += buffer.remaining();
        buffer.position(buffer.limit());
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      total.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      total.complete(count);
    }
  }

  /**
   * The transport ceiling of the OkHttp clients: reads the body of an {@link OkHttpClient} call in
   * 8 KiB reads to its end and parses nothing.
   */
  private static final class OkHttpBytes implements EventReceiver {

    private final OkHttpClient http = new OkHttpClient();

    @Override
    public long receive(URI uri, int events) throws Exception {
      Request request =
          new Request.Builder().url(uri.toString()).header("Accept", "text/event-stream").build();
      try (Response response = http.newCall(request).execute()) {
        return drain(response.body().byteStream());
      }
    }

    @Override
    public void close() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static long drain(InputStream body) throws IOException {
    byte[] buffer = new byte[8 * 1024];
    long total = 0;
    int count;
    while ((count = body.read(buffer)) >= 0) {
      total += count;
    }
    return total;
  }

  /** Returns what the receiver of {@code library} and {@code payload} returns for the events. */
  static long expectedMeasure(String library, Payload payload, int events) {
    if (library.endsWith("Bytes")) {
      return (long) StreamShape.SMALL_JSON.frame(1).getBytes(StandardCharsets.UTF_8).length
          * events;
    }
    long perEvent =
        payload == Payload.RAW
            ? StreamShape.SMALL_JSON_DATA.length()
            : peerMeasure(Payload.JSON, StreamShape.SMALL_JSON_DATA);
    return perEvent * events;
  }
}
