package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.streamWithContentType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event data that the parser hands over as UTF-8 bytes, read by typed listeners, typed streams and
 * codecs over a real loopback connection.
 */
class EventDataBytesTest {

  /** A payload type. */
  public record Signup(String name, String email) {}

  private static final MessageType<Signup> SIGNUP = MessageType.json("signup", Signup.class);

  private static final String NON_ASCII_NAME = "Zo\u00EB \u8C46 \uD83D\uDE00";

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
  void nonAsciiDataDecodes() throws Exception {
    server.enqueue(ScriptedServer.stream(
            "event: signup\nid: 1\ndata: " + signupJson(NON_ASCII_NAME) + "\n\n"));

    List<Object> calls = listen(JsonCodec.jackson(), 1);

    assertEquals(List.of(new Message<>(signup(NON_ASCII_NAME), "signup", "1")), calls);
  }

  @Test
  void multiLineDataDecodesAsOneDocument() throws Exception {
    server.enqueue(
        ScriptedServer.stream(
            "event: signup\ndata: {\"name\":\n"
                + "data: \""
                + NON_ASCII_NAME
                + "\",\n"
                + "data: \"email\":\"z@x.org\"}\n\n"));

    List<Object> calls = listen(JsonCodec.jackson(), 1);

    assertEquals(List.of(new Message<>(signup(NON_ASCII_NAME), "signup", "")), calls);
  }

  @Test
  void invalidJsonErrorShowsData() throws Exception {
    String data = "{\"name\":\"" + NON_ASCII_NAME + "\",";
    server.enqueue(ScriptedServer.stream("event: signup\nid: 7\ndata: " + data + "\n\n"));

    List<Object> calls = listen(JsonCodec.jackson(), 1);

    SseError error = assertInstanceOf(SseError.class, calls.get(0));
    assertEquals(SseError.Kind.DECODING, error.kind());
    assertEquals("7", error.eventId());
    assertEquals(data, error.eventData());
    assertTrue(error.getMessage().contains("(id \"7\")"), error.getMessage());
    assertTrue(error.getMessage().contains(Signup.class.getTypeName()), error.getMessage());
  }

  @Test
  void rejectedValueErrorShowsData() throws Exception {
    String data = "{\"name\":\"" + NON_ASCII_NAME + "\",\"email\":7}";
    server.enqueue(ScriptedServer.stream("event: signup\nid: 8\ndata: " + data + "\n\n"));

    List<Object> calls = listen(JsonCodec.jackson(), 1);

    SseError error = assertInstanceOf(SseError.class, calls.get(0));
    assertEquals(data, error.eventData());
    String reason = "email: expected a string, found the number 7 (line 1, column 27)";
    assertTrue(error.getMessage().endsWith(reason), error.getMessage());
  }

  @Test
  void malformedUtf8DecodesWithReplacement() throws Exception {
    // A Latin-1 byte in a string value, and an encoded surrogate, which decodes to three U+FFFD.
    byte[] body =
        concat(
            ScriptedServer.bytes("event: signup\nid: 1\ndata: {\"name\":\"Zo"),
            new byte[] {(byte) 0xEB, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
            ScriptedServer.bytes("\",\"email\":\"z@x.org\"}\n\n"));
    server.enqueue(streamWithContentType("text/event-stream", body));

    List<Object> calls = listen(JsonCodec.jackson(), 1);

    assertEquals(
        List.of(new Message<>(signup("Zo\uFFFD\uFFFD\uFFFD\uFFFD"), "signup", "1")), calls);
  }

  @Test
  void textOnlyCodecReceivesDecodedData() throws Exception {
    String multiLine = "{\"name\":\n\"" + NON_ASCII_NAME + "\",\"email\":\"z@x.org\"}";
    server.enqueue(
        ScriptedServer.stream(
            "event: signup\ndata: "
                + signupJson(NON_ASCII_NAME)
                + "\n\nevent: signup\ndata: "
                + multiLine.replace("\n", "\ndata: ")
                + "\n\nevent: signup\ndata: {\n\n"));
    TextOnlyCodec codec = new TextOnlyCodec();

    List<Object> calls = listen(codec, 3);

    assertEquals(List.of(signupJson(NON_ASCII_NAME), multiLine, "{"), codec.decodedTexts);
    assertEquals(new Message<>(signup(NON_ASCII_NAME), "signup", ""), calls.get(0));
    assertEquals(new Message<>(signup(NON_ASCII_NAME), "signup", ""), calls.get(1));
    SseError error = assertInstanceOf(SseError.class, calls.get(2));
    assertEquals("{", error.eventData());
  }

  @Test
  void channelListenerPassesBytesToCodec() throws Exception {
    String multiLine = "{\"name\":\n\"" + NON_ASCII_NAME + "\",\"email\":\"z@x.org\"}";
    server.enqueue(
        ScriptedServer.stream(
                "event: signup\ndata: " + multiLine.replace("\n", "\ndata: ") + "\n\n"));
    BytesRecordingCodec codec = new BytesRecordingCodec();

    List<Object> calls = listen(codec, 1);

    assertEquals(List.of(new Message<>(signup(NON_ASCII_NAME), "signup", "")), calls);
    assertEquals(List.of(multiLine), codec.decodedBytes);
  }

  @Test
  void eventsKeptAfterParserMovedOn() throws Exception {
    // Long events first, so that each later event reuses parser buffers the earlier ones filled.
    List<String> names = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String name = "n" + i + "\u00E9".repeat(40 - i);
      names.add(name);
      body.append("event: signup\nid: ").append(i).append("\ndata: ");
      body.append(signupJson(name)).append("\n\n");
    }
    server.enqueue(ScriptedServer.stream(body.toString()));

    List<SseEvent> events;
    try (Stream<SseEvent> stream =
        SseClient.builder(server.uri("/events")).reconnect(false).build().stream()) {
      events = stream.collect(Collectors.toList());
    }

    assertEquals(names.size(), events.size());
    MessageDecoder<Message<Signup>> decoder =
        MessageDecoder.<Message<Signup>>builder(JsonCodec.jackson())
            .on(SIGNUP, Function.identity())
            .build();
    for (int i = 0; i < names.size(); i++) {
      assertEquals(signupJson(names.get(i)), events.get(i).data(), "event " + i);
      assertEquals(
          new Message<>(signup(names.get(i)), "signup", String.valueOf(i)),
          decoder.decode(events.get(i)).orElseThrow(),
          "event " + i);
    }
  }

  /** Subscribes a channel listener with {@code codec} and returns its first calls. */
  private List<Object> listen(JsonCodec codec, int expectedCalls) throws Exception {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    ChannelListener listener =
        ChannelListener.builder(codec).on(SIGNUP, queue::add).onError(queue::add).build();
    Subscription subscription =
        SseClient.builder(server.uri("/events"))
            .reconnect(false)
            .reconnectDelay(Duration.ofMillis(20))
            .build()
            .subscribe(listener);
    try {
      List<Object> calls = new ArrayList<>();
      for (int i = 0; i < expectedCalls; i++) {
        Object call = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(call, "call " + i + " did not come within 10 s");
        calls.add(call);
      }
      return calls;
    } finally {
      subscription.close();
    }
  }

  private static Signup signup(String name) {
    return new Signup(name, "z@x.org");
  }

  private static String signupJson(String name) {
    return "{\"name\":\"" + name + "\",\"email\":\"z@x.org\"}";
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A codec that records the data it receives as bytes, as UTF-8 text. */
  private static final class BytesRecordingCodec implements JsonCodec {

    final List<String> decodedBytes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String encode(Object value) {
      return JsonCodec.jackson().encode(value);
    }

    @Override
    public <T> T decode(String json, Class<T> type) {
      throw new AssertionError("decoded from text: " + json);
    }

    @Override
    public <T> T decode(String json, Type type) {
      throw new AssertionError("decoded from text: " + json);
    }

    @Override
    public <T> T decode(byte[] json, int offset, int length, Type type) {
      decodedBytes.add(new String(json, offset, length, StandardCharsets.UTF_8));
      return JsonCodec.jackson().decode(json, offset, length, type);
    }
  }

  /** A codec written before the byte method existed: it implements only the text methods. */
  private static final class TextOnlyCodec implements JsonCodec {

    final List<String> decodedTexts = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String encode(Object value) {
      return JsonCodec.jackson().encode(value);
    }

    @Override
    public <T> T decode(String json, Class<T> type) {
      decodedTexts.add(json);
      return JsonCodec.jackson().decode(json, type);
    }

    @Override
    public <T> T decode(String json, Type type) {
      decodedTexts.add(json);
      return JsonCodec.jackson().decode(json, type);
    }
  }
}
