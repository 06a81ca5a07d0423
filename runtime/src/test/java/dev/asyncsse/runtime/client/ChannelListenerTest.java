package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Typed dispatch of events by name, for generated channel clients. */
class ChannelListenerTest {

  /** A payload type. */
  public record Signup(String name, String email) {}

  /** Another payload type. */
  public record Removal(String email, int reason) {}

  private static final MessageType<Signup> SIGNUP = MessageType.json("userSignedUp", Signup.class);
  private static final MessageType<Removal> REMOVAL =
      MessageType.json("userRemoved", Removal.class);

  private final List<Object> received = new ArrayList<>();

  private ChannelListener.Builder builder() {
    return ChannelListener.builder(JsonCodec.jackson()).onError(received::add);
  }

  @Test
  void dispatchesByEventName() {
    ChannelListener listener =
        builder().on(SIGNUP, received::add).on(REMOVAL, received::add).build();

    listener.onEvent(
        new SseEvent("userSignedUp", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", "1"));
    listener.onEvent(
        new SseEvent("userRemoved", "{\"email\":\"b@example.com\",\"reason\":3}", "2"));

    assertEquals(
        List.of(
            new Message<>(new Signup("Ada", "ada@example.com"), "userSignedUp", "1"),
            new Message<>(new Removal("b@example.com", 3), "userRemoved", "2")),
        received);
  }

  @Test
  void voidPayloadDeliversNullOnly() {
    MessageType<Void> ping = MessageType.json("ping", Void.class);
    ChannelListener listener = builder().on(ping, received::add).build();

    listener.onEvent(new SseEvent("ping", "null", "1"));
    listener.onEvent(new SseEvent("ping", "{}", "2"));

    assertEquals(2, received.size(), received.toString());
    assertEquals(new Message<Void>(null, "ping", "1"), received.get(0));
    SseError error = assertInstanceOf(SseError.class, received.get(1));
    assertTrue(
        error.getMessage().endsWith("java.lang.Void: expected null, found an object"),
        error.getMessage());
    assertEquals("null", ping.encode(null, JsonCodec.jackson()));
  }

  @Test
  void unnamedEventsGoToUnnamedConsumer() {
    ChannelListener listener = builder().onUnnamed(SIGNUP, received::add).build();

    listener.onEvent(new SseEvent("message", "{\"name\":\"Ada\",\"email\":\"a@x.org\"}", ""));
    listener.onEvent(new SseEvent("userSignedUp", "{\"name\":\"Bo\",\"email\":\"b@x.org\"}", ""));

    assertEquals(List.of(new Message<>(new Signup("Ada", "a@x.org"), "message", "")), received);
  }

  @Test
  void namedConsumerForMessageTakesPrecedence() {
    MessageType<Removal> namedMessage = MessageType.json("message", Removal.class);
    List<Object> unnamed = new ArrayList<>();
    ChannelListener listener =
        builder().on(namedMessage, received::add).onUnnamed(SIGNUP, unnamed::add).build();

    listener.onEvent(new SseEvent("message", "{\"email\":\"e\",\"reason\":1}", ""));

    assertEquals(List.of(new Message<>(new Removal("e", 1), "message", "")), received);
    assertEquals(List.of(), unnamed);
  }

  @Test
  void unknownEventNamesAreIgnored() {
    ChannelListener listener = builder().on(SIGNUP, received::add).build();

    listener.onEvent(new SseEvent("somethingElse", "{}", ""));
    listener.onEvent(new SseEvent("message", "{}", ""));

    assertEquals(List.of(), received);
  }

  @Test
  void decodingErrorCarriesIdAndRawData() {
    ChannelListener listener = builder().on(SIGNUP, received::add).build();

    listener.onEvent(new SseEvent("userSignedUp", "{not json", "7"));
    listener.onEvent(new SseEvent("userSignedUp", "{\"name\":\"Ada\",\"email\":\"a@x\"}", "8"));

    assertEquals(2, received.size());
    SseError error = assertInstanceOf(SseError.class, received.get(0));
    assertEquals(SseError.Kind.DECODING, error.kind());
    assertEquals("7", error.eventId());
    assertEquals("{not json", error.eventData());
    assertTrue(error.willReconnect());
    assertTrue(error.getMessage().contains("userSignedUp"), error.getMessage());
    assertTrue(error.getMessage().contains(Signup.class.getName()), error.getMessage());
    assertNotNull(error.getCause());
    assertEquals(new Message<>(new Signup("Ada", "a@x"), "userSignedUp", "8"), received.get(1));
  }

  @Test
  void nullPayloadIsDecodingError() {
    ChannelListener listener = builder().on(SIGNUP, received::add).build();

    listener.onEvent(new SseEvent("userSignedUp", "null", "3"));

    SseError error = assertInstanceOf(SseError.class, received.get(0));
    assertEquals(SseError.Kind.DECODING, error.kind());
    assertEquals("null", error.eventData());
  }

  @Test
  void connectionErrorsHaveNoEventFields() {
    ChannelListener listener = builder().build();
    listener.onError(
        SseError.connection(SseError.Kind.NETWORK, -1, "Connecting failed.", null, true));

    SseError error = assertInstanceOf(SseError.class, received.get(0));
    assertNull(error.eventId());
    assertNull(error.eventData());
    assertTrue(error.status().isEmpty());
  }

  @Test
  void consumerExceptionPropagates() {
    ChannelListener listener =
        builder()
            .on(
                SIGNUP,
                message -> {
                  throw new IllegalStateException("consumer failed");
                })
            .build();

    SseEvent event = new SseEvent("userSignedUp", "{\"name\":\"A\",\"email\":\"e\"}", "");
    assertThrows(IllegalStateException.class, () -> listener.onEvent(event));
    assertEquals(List.of(), received);
  }

  @Test
  void duplicateRegistrationIsRejected() {
    ChannelListener.Builder builder =
        builder().on(SIGNUP, received::add).onUnnamed(SIGNUP, m -> {});
    assertThrows(IllegalArgumentException.class, () -> builder.on(SIGNUP, m -> {}));
    assertThrows(IllegalArgumentException.class, () -> builder.onUnnamed(REMOVAL, m -> {}));
  }

  @Test
  void openAndClosedActionsRun() {
    List<String> actions = new ArrayList<>();
    ChannelListener listener =
        builder().onOpen(() -> actions.add("open")).onClosed(() -> actions.add("closed")).build();

    listener.onOpen();
    listener.onClosed();

    assertEquals(List.of("open", "closed"), actions);
  }

  @Test
  void dispatchesOverRealConnection() throws Exception {
    try (ScriptedServer server = new ScriptedServer()) {
      server.enqueue(
          stream(
              "event: userSignedUp\nid: 1\ndata: {\"name\":\"Ada\",\"email\":\"ada@x.org\"}\n\n"
                  + "event: unknown\ndata: {}\n\n"
                  + "id: 2\ndata: {\"name\":\"Bo\",\"email\":\"bo@x.org\"}\n\n"
                  + "event: userRemoved\nid: 3\ndata: {\"email\":\n\n"
                  + "event: userRemoved\nid: 4\ndata: {\"email\":\"c@x.org\",\"reason\":2}\n\n"));
      BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
      ChannelListener listener =
          ChannelListener.builder(JsonCodec.jackson())
              .on(SIGNUP, calls::add)
              .onUnnamed(SIGNUP, calls::add)
              .on(REMOVAL, calls::add)
              .onError(calls::add)
              .onOpen(() -> calls.add("open"))
              .onClosed(() -> calls.add("closed"))
              .build();
      Subscription subscription =
          SseClient.builder(server.uri("/signups"))
              .reconnect(false)
              .reconnectDelay(Duration.ofMillis(20))
              .build()
              .subscribe(listener);
      try {
        assertEquals("open", poll(calls));
        assertEquals(
            new Message<>(new Signup("Ada", "ada@x.org"), "userSignedUp", "1"), poll(calls));
        assertEquals(new Message<>(new Signup("Bo", "bo@x.org"), "message", "2"), poll(calls));
        SseError error = assertInstanceOf(SseError.class, poll(calls));
        assertEquals(SseError.Kind.DECODING, error.kind());
        assertEquals("3", error.eventId());
        assertEquals("{\"email\":", error.eventData());
        assertEquals(new Message<>(new Removal("c@x.org", 2), "userRemoved", "4"), poll(calls));
        assertEquals("closed", poll(calls));
      } finally {
        subscription.close();
      }
    }
  }

  private static Object poll(BlockingQueue<Object> calls) throws InterruptedException {
    Object call = calls.poll(10, TimeUnit.SECONDS);
    assertNotNull(call, "no call within 10 s");
    return call;
  }
}
