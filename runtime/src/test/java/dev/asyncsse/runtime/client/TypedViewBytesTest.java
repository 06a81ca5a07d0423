package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.status;
import static dev.asyncsse.runtime.client.ScriptedServer.streamWithContentType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The typed {@link MessageDecoder#publisher(SseClient, java.util.function.Consumer)} and {@link
 * MessageDecoder#stream(SseClient, java.util.function.Consumer)} views over a real loopback server:
 * the codec gets well-formed data as UTF-8 bytes, and every event decodes, or fails with the same
 * message, as its text does.
 */
class TypedViewBytesTest {

  /** A payload type whose constructor checks a value, as generated records do. */
  public record Signup(String name, String email) {
    public Signup {
      if (email != null && email.indexOf('@') < 0) {
        throw new IllegalArgumentException("email: must contain @, but was " + email);
      }
    }
  }

  private static final MessageType<Signup> SIGNUP = MessageType.json("signup", Signup.class);

  private static final String NON_ASCII_NAME = "Zo\u00EB \u8C46 \uD83D\uDE00";

  /** A Latin-1 byte and an encoded surrogate, which the parser decodes to four U+FFFD. */
  private static final byte[] MALFORMED_UTF8 = {(byte) 0xEB, (byte) 0xED, (byte) 0xA0, (byte) 0x80};

  /** The data of each event of {@link #mixedBody()}, as text, in stream order. */
  private static final List<String> MIXED_DATA =
      List.of(
          signupJson(NON_ASCII_NAME),
          "{\"name\":\n\"" + NON_ASCII_NAME + "\",\"email\":\"z@x.org\"}",
          "{\"name\":\"Zo\uFFFD\uFFFD\uFFFD\uFFFD\",\"email\":\"z@x.org\"}",
          "{\"name\":\"" + NON_ASCII_NAME + "\",",
          "{\"name\":\"" + NON_ASCII_NAME + "\",\"email\":\"no at sign\"}",
          "\u0000{}",
          "1\u0000",
          "\uFEFF" + signupJson("bom"),
          "null",
          signupJson("last"));

  /** Which codec entry point each event of {@link #mixedBody()} reaches. */
  private static final List<String> MIXED_ENTRY_POINTS =
      List.of(
          "bytes", "bytes", "text", "bytes", "bytes", "bytes", "bytes", "bytes", "bytes", "bytes");

  private ScriptedServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void publisherDecodesNonAsciiBytes() throws Exception {
    server.enqueue(ScriptedServer.stream(
            "event: signup\nid: 1\ndata: " + signupJson(NON_ASCII_NAME) + "\n\n"));
    RecordingCodec codec = new RecordingCodec();

    List<Object> outcomes = publish(decoder(codec));

    assertEquals(
        List.of(new Message<>(signup(NON_ASCII_NAME), "signup", "1"), "complete"), outcomes);
    assertEquals(List.of("bytes"), codec.entryPoints);
  }

  @Test
  void streamDecodesNonAsciiBytes() throws Exception {
    server.enqueue(ScriptedServer.stream(
            "event: signup\nid: 1\ndata: " + signupJson(NON_ASCII_NAME) + "\n\n"));
    RecordingCodec codec = new RecordingCodec();

    List<Object> outcomes = stream(decoder(codec));

    assertEquals(List.of(new Message<>(signup(NON_ASCII_NAME), "signup", "1")), outcomes);
    assertEquals(List.of("bytes"), codec.entryPoints);
  }

  @Test
  void publisherMatchesTextDecoding() throws Exception {
    server.enqueue(streamWithContentType("text/event-stream", mixedBody()));
    RecordingCodec codec = new RecordingCodec();

    List<Object> outcomes = publish(decoder(codec));

    List<Object> expected = new ArrayList<>(expectedFromText());
    expected.add("complete");
    assertEquals(describe(expected), describe(outcomes));
    assertEquals(MIXED_ENTRY_POINTS, codec.entryPoints);
  }

  @Test
  void streamMatchesTextDecoding() throws Exception {
    server.enqueue(streamWithContentType("text/event-stream", mixedBody()));
    RecordingCodec codec = new RecordingCodec();

    List<Object> outcomes = stream(decoder(codec));

    assertEquals(describe(expectedFromText()), describe(outcomes));
    assertEquals(MIXED_ENTRY_POINTS, codec.entryPoints);
  }

  @Test
  void publisherSignalsStatusError() throws Exception {
    server.enqueue(status(404, "no such channel"));

    List<Object> outcomes = publish(decoder(JsonCodec.jackson()));

    assertEquals(1, outcomes.size(), outcomes.toString());
    SseError error = assertInstanceOf(SseError.class, outcomes.get(0));
    assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
    assertEquals(OptionalInt.of(404), error.status());
  }

  @Test
  void streamThrowsStatusError() throws Exception {
    server.enqueue(
        ScriptedServer.stream("event: signup\nid: 1\ndata: " + signupJson(NON_ASCII_NAME) + "\n\n"),
        status(404, "no such channel"));
    SseClient client =
        SseClient.builder(server.uri("/events")).reconnectDelay(Duration.ofMillis(20)).build();
    List<SseError> decodingErrors = Collections.synchronizedList(new ArrayList<>());

    try (Stream<Message<Signup>> messages =
        decoder(JsonCodec.jackson()).stream(client, decodingErrors::add)) {
      Iterator<Message<Signup>> iterator = messages.iterator();
      assertEquals(new Message<>(signup(NON_ASCII_NAME), "signup", "1"), iterator.next());
      SseError error = assertThrows(SseError.class, iterator::hasNext);
      assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
      assertEquals(OptionalInt.of(404), error.status());
    }
    assertEquals(List.of(), decodingErrors);
  }

  /**
   * Returns what decoding each event of {@link #mixedBody()} from its text gives: the message, or
   * the decoding error.
   */
  private static List<Object> expectedFromText() {
    MessageDecoder<Message<Signup>> decoder = decoder(JsonCodec.jackson());
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < MIXED_DATA.size(); i++) {
      SseEvent event = new SseEvent("signup", MIXED_DATA.get(i), String.valueOf(i));
      try {
        expected.add(decoder.decode(event).orElseThrow());
      } catch (SseError e) {
        expected.add(e);
      }
    }
    return expected;
  }

  /** Returns the events of {@link #MIXED_DATA}, with the malformed UTF-8 as raw bytes. */
  private static byte[] mixedBody() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < MIXED_DATA.size(); i++) {
      body.writeBytes(ScriptedServer.bytes("event: signup\nid: " + i + "\n"));
      String data = MIXED_DATA.get(i);
      if (data.contains("\uFFFD")) {
        body.writeBytes(ScriptedServer.bytes("data: {\"name\":\"Zo"));
        body.writeBytes(MALFORMED_UTF8);
        body.writeBytes(ScriptedServer.bytes("\",\"email\":\"z@x.org\"}\n"));
      } else {
        body.writeBytes(ScriptedServer.bytes("data: " + data.replace("\n", "\ndata: ") + "\n"));
      }
      body.writeBytes(ScriptedServer.bytes("\n"));
    }
    return body.toByteArray();
  }

  /**
   * Describes messages by their value and errors by the fields a consumer reads, because {@link
   * SseError} has no value equality.
   */
  private static List<String> describe(List<Object> outcomes) {
    List<String> descriptions = new ArrayList<>();
    for (Object outcome : outcomes) {
      if (outcome instanceof SseError error) {
        descriptions.add(
            "error "
                + error.kind()
                + " id="
                + error.eventId()
                + " data="
                + error.eventData()
                + " message="
                + error.getMessage());
      } else {
        descriptions.add(String.valueOf(outcome));
      }
    }
    return descriptions;
  }

  /**
   * Subscribes to the typed publisher with unbounded demand and returns, in order, the messages,
   * the decoding errors, and the terminal signal: {@code "complete"} or the error.
   */
  private List<Object> publish(MessageDecoder<Message<Signup>> decoder) throws Exception {
    SseClient client = SseClient.builder(server.uri("/events")).reconnect(false).build();
    List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
    BlockingQueue<Object> terminal = new LinkedBlockingQueue<>();
    decoder
        .publisher(client, outcomes::add)
        .subscribe(
            new Flow.Subscriber<Message<Signup>>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(Message<Signup> message) {
                outcomes.add(message);
              }

              @Override
              public void onError(Throwable error) {
                terminal.add(error);
              }

              @Override
              public void onComplete() {
                terminal.add("complete");
              }
            });
    Object signal = terminal.poll(10, TimeUnit.SECONDS);
    assertNotNull(signal, "no terminal signal within 10 s");
    List<Object> all = new ArrayList<>(outcomes);
    all.add(signal);
    return all;
  }

  /** Reads the typed stream to its end and returns the messages and decoding errors in order. */
  private List<Object> stream(MessageDecoder<Message<Signup>> decoder) {
    SseClient client = SseClient.builder(server.uri("/events")).reconnect(false).build();
    List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (Stream<Message<Signup>> messages = decoder.stream(client, outcomes::add)) {
      messages.forEach(outcomes::add);
    }
    return new ArrayList<>(outcomes);
  }

  private static MessageDecoder<Message<Signup>> decoder(JsonCodec codec) {
    return MessageDecoder.<Message<Signup>>builder(codec).on(SIGNUP, Function.identity()).build();
  }

  private static Signup signup(String name) {
    return new Signup(name, "z@x.org");
  }

  private static String signupJson(String name) {
    return "{\"name\":\"" + name + "\",\"email\":\"z@x.org\"}";
  }

  /** The Jackson codec, recording which entry point each call reaches: bytes or text. */
  private static final class RecordingCodec implements JsonCodec {

    final List<String> entryPoints = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String encode(Object value) {
      return JsonCodec.jackson().encode(value);
    }

    @Override
    public <T> T decode(String json, Class<T> type) {
      entryPoints.add("text");
      return JsonCodec.jackson().decode(json, type);
    }

    @Override
    public <T> T decode(String json, Type type) {
      entryPoints.add("text");
      return JsonCodec.jackson().decode(json, type);
    }

    @Override
    public <T> T decode(byte[] json, int offset, int length, Type type) {
      entryPoints.add("bytes");
      return JsonCodec.jackson().decode(json, offset, length, type);
    }
  }
}
