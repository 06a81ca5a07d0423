package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The messages of decoding errors, for each kind of bad event data, sent over a loopback server to
 * the real client. Each bad event is followed by a good one, which must still arrive.
 */
class DecodingErrorMessageTest {

  /** An order line whose constructor checks its values, as a generated record does. */
  public record Item(String sku, int price) {
    public Item {
      if (sku != null && sku.length() > 10) {
        throw new IllegalArgumentException("sku: must have at most 10 characters, but was " + sku);
      }
      if (price < 0) {
        throw new IllegalArgumentException("price: must be >= 0, but was " + price);
      }
    }
  }

  /** A status read by Jackson's own enum support. */
  public enum Status {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("closed")
    CLOSED
  }

  /** An order with a required id, as a generated record checks it. */
  public record Order(String id, List<Item> items, Status status) {
    public Order {
      Objects.requireNonNull(id, "id: required property is missing");
    }
  }

  /** The payload. */
  public record Envelope(Order order) {}

  private static final MessageType<Envelope> ORDER = MessageType.json("order", Envelope.class);

  private static final String GOOD =
      "{\"order\":{\"id\":\"b\",\"items\":[{\"sku\":\"y\",\"price\":2}],\"status\":\"open\"}}";
  private static final Message<Envelope> GOOD_MESSAGE =
      new Message<>(
          new Envelope(new Order("b", List.of(new Item("y", 2)), Status.OPEN)), "order", "8");

  private static final String PREFIX =
      "The data of event \"order\" (id \"7\") could not be decoded as "
          + Envelope.class.getTypeName()
          + ": ";

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
  void truncatedJson() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\",\"items\":[");

    assertEquals(
        PREFIX
            + "invalid JSON at line 1, column 29: expected a value or ']', found the end of the"
            + " data",
        error.getMessage());
  }

  @Test
  void syntaxError() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\" \"items\":[]}}");

    assertEquals(
        PREFIX + "invalid JSON at line 1, column 20: expected ',' or '}', found '\"'",
        error.getMessage());
  }

  @Test
  void syntaxErrorOnSecondDataLine() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\",\n  \"items\":[}]}}");

    assertEquals(
        PREFIX + "invalid JSON at line 2, column 12: expected a value or ']', found '}'",
        error.getMessage());
  }

  @Test
  void stringForNumber() throws Exception {
    SseError error =
        sendBadThenGood(
            "{\"order\":{\"id\":\"a\",\"items\":[{\"sku\":\"x\",\"price\":1},"
                + "{\"sku\":\"x\",\"price\":1},{\"sku\":\"x\",\"price\":\"12\"}]}}");

    assertEquals(
        PREFIX
            + "order.items[2].price: expected an integer from -2147483648 to 2147483647, found"
            + " the string \"12\" (line 1, column 92)",
        error.getMessage());
  }

  @Test
  void objectForList() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\",\"items\":{\"sku\":\"x\"}}}");

    assertEquals(
        PREFIX + "order.items: expected an array, found an object (line 1, column 28)",
        error.getMessage());
  }

  @Test
  void numberTooLargeForInt() throws Exception {
    SseError error =
        sendBadThenGood(
            "{\"order\":{\"id\":\"a\",\"items\":[{\"sku\":\"x\",\"price\":99999999999}]}}");

    assertEquals(
        PREFIX
            + "order.items[0].price: expected an integer from -2147483648 to 2147483647, found"
            + " the number 99999999999 (line 1, column 48)",
        error.getMessage());
  }

  @Test
  void missingRequiredProperty() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"items\":[]}}");

    assertEquals(
        PREFIX + "order: id: required property is missing",
        error.getMessage());
  }

  @Test
  void failedConstructorCheck() throws Exception {
    SseError error =
        sendBadThenGood("{\"order\":{\"id\":\"a\",\"items\":[{\"sku\":\"x\",\"price\":-1}]}}");

    assertEquals(
        PREFIX + "order.items[0]: price: must be >= 0, but was -1",
        error.getMessage());
  }

  @Test
  void unknownEnumValue() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\",\"status\":\"lost\"}}");

    assertEquals(
        PREFIX
            + "order.status: expected one of the strings \"open\", \"closed\", found the string"
            + " \"lost\" (line 1, column 29)",
        error.getMessage());
  }

  @Test
  void arrayForObject() throws Exception {
    SseError error = sendBadThenGood("[{\"order\":{\"id\":\"a\"}}]");

    assertEquals(
        PREFIX + "expected an object, found an array (line 1, column 1)", error.getMessage());
  }

  @Test
  void unknownProperty() throws Exception {
    SseError error = sendBadThenGood("{\"order\":{\"id\":\"a\",\"note\":\"x\"}}");

    assertEquals(
        PREFIX
            + "order.note: unknown property; expected one of id, items, status (line 1, column"
            + " 20)",
        error.getMessage());
  }

  @Test
  void invalidUtf8() throws Exception {
    // 0xFF is never valid in UTF-8, and the client decodes it to U+FFFD as the SSE standard
    // requires.
    byte[] data =
        concat(
            ScriptedServer.bytes("{\"order\":{\"id\":\"a\",\"items\":["),
            new byte[] {(byte) 0xFF},
            ScriptedServer.bytes("]}}"));

    SseError error = sendBadThenGood(data);

    assertEquals(
        PREFIX
            + "invalid JSON at line 1, column 29: expected a value or ']', found U+FFFD, which"
            + " replaces bytes that are not valid UTF-8",
        error.getMessage());
  }

  @Test
  void emptyData() throws Exception {
    SseError error = sendBadThenGood("");

    assertEquals("", error.eventData());
    assertEquals(PREFIX + "the data is empty; expected an object", error.getMessage());
  }

  @Test
  void veryLongValueIsCut() throws Exception {
    String longText = "x".repeat(500_000);
    SseError error =
        sendBadThenGood(
            "{\"order\":{\"id\":\"a\",\"items\":[{\"sku\":\"x\",\"price\":\""
                + longText
                + "\"}]}}");

    assertTrue(error.getMessage().length() < 400, error.getMessage());
    assertTrue(
        error
            .getMessage()
            .endsWith(
                "order.items[0].price: expected an integer from -2147483648 to 2147483647, found"
                    + " the string \""
                    + "x".repeat(40)
                    + "\u2026\" (500000 characters) (line 1, column 48)"),
        error.getMessage());
  }

  @Test
  void longValueInConstructorMessageIsCut() throws Exception {
    String longSku = "y".repeat(500_000);
    SseError error =
        sendBadThenGood(
            "{\"order\":{\"id\":\"a\",\"items\":[{\"sku\":\"" + longSku + "\",\"price\":1}]}}");

    assertTrue(error.getMessage().length() < 600, error.getMessage());
    String start = PREFIX + "order.items[0]: sku: must have at most 10 characters, but was yyy";
    assertTrue(error.getMessage().startsWith(start), error.getMessage());
  }

  @Test
  void eventWithoutIdNamesEventOnly() throws Exception {
    server.enqueue(
        ScriptedServer.stream(
            "event: order\ndata: {\"order\":{}}\n\nevent: order\nid: 8\ndata: " + GOOD + "\n\n"));
    BlockingQueue<Object> calls = listen();

    SseError error = assertInstanceOf(SseError.class, poll(calls));

    assertEquals(
        "The data of event \"order\" could not be decoded as "
            + Envelope.class.getTypeName()
            + ": order: id: required property is missing",
        error.getMessage());
    assertEquals(GOOD_MESSAGE, poll(calls));
  }

  @Test
  void typedStreamReportsSameMessage() throws Exception {
    server.enqueue(
        ScriptedServer.stream(
            "event: order\nid: 7\ndata: {\"order\":{\"id\":7}}\n\n"
                + "event: order\nid: 8\ndata: "
                + GOOD
                + "\n\n"));
    List<SseError> errors = new ArrayList<>();
    MessageDecoder<Message<Envelope>> decoder =
        MessageDecoder.<Message<Envelope>>builder(JsonCodec.jackson()).on(ORDER, m -> m).build();
    SseClient client = SseClient.builder(server.uri("/orders")).reconnect(false).build();

    List<Message<Envelope>> messages;
    try (Stream<Message<Envelope>> stream = decoder.stream(client, errors::add)) {
      messages = stream.limit(1).collect(Collectors.toList());
    }

    assertEquals(List.of(GOOD_MESSAGE), messages);
    assertEquals(1, errors.size());
    assertEquals(
        PREFIX + "order.id: expected a string, found the number 7 (line 1, column 16)",
        errors.get(0).getMessage());
    assertProjectWording(errors.get(0));
  }

  private SseError sendBadThenGood(String data) throws Exception {
    return sendBadThenGood(ScriptedServer.bytes(data));
  }

  /** Sends the data as event 7 (one {@code data:} line per line), then a good event 8. */
  private SseError sendBadThenGood(byte[] data) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ScriptedServer.bytes("event: order\nid: 7\ndata: "));
    for (byte b : data) {
      body.writeBytes(b == '\n' ? ScriptedServer.bytes("\ndata: ") : new byte[] {b});
    }
    body.writeBytes(ScriptedServer.bytes("\n\nevent: order\nid: 8\ndata: " + GOOD + "\n\n"));
    server.enqueue(ScriptedServer.streamWithContentType("text/event-stream", body.toByteArray()));
    BlockingQueue<Object> calls = listen();

    SseError error = assertInstanceOf(SseError.class, poll(calls));

    assertEquals(SseError.Kind.DECODING, error.kind());
    assertEquals("7", error.eventId());
    assertProjectWording(error);
    assertEquals(GOOD_MESSAGE, poll(calls), "the event after the bad one");
    return error;
  }

  private BlockingQueue<Object> listen() {
    BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
    ChannelListener listener =
        ChannelListener.builder(JsonCodec.jackson())
            .on(ORDER, calls::add)
            .onError(calls::add)
            .build();
    Subscription subscription =
        SseClient.builder(server.uri("/orders")).reconnect(false).build().subscribe(listener);
    subscriptions.add(subscription);
    return calls;
  }

  private final List<Subscription> subscriptions = new ArrayList<>();

  @AfterEach
  void closeSubscriptions() {
    subscriptions.forEach(Subscription::close);
  }

  /** Checks that the message has none of Jackson's wording and that Jackson's error is kept. */
  private static void assertProjectWording(SseError error) {
    String message = error.getMessage();
    assertFalse(message.contains("REDACTED"), message);
    assertFalse(message.contains("CoercionConfig"), message);
    assertFalse(message.contains("com.fasterxml"), message);
    assertFalse(message.contains("JsonToken"), message);
    assertFalse(message.contains("DeserializationFeature"), message);
    assertFalse(message.contains("Cannot deserialize"), message);
    JsonCodecException codecError = assertInstanceOf(JsonCodecException.class, error.getCause());
    assertInstanceOf(JacksonException.class, codecError.getCause());
  }

  private static Object poll(BlockingQueue<Object> calls) throws InterruptedException {
    Object call = calls.poll(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(call, "no listener call within " + ScriptedServer.WAIT);
    return call;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
