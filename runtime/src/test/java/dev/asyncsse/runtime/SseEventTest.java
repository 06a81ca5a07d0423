package dev.asyncsse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events created from text and from UTF-8 bytes, and their decoding into payloads. */
class SseEventTest {

  /** A payload type. */
  public record Signup(String name, String email) {}

  private static final MessageType<Signup> SIGNUP = MessageType.json("signup", Signup.class);

  private static final String TEXT = "{\"name\":\"Zo\u00EB \uD83D\uDE00\",\n\"email\":\"z@x.org\"}";

  @Test
  void fromUtf8CopiesRange() {
    byte[] buffer = ("xx" + TEXT + "yy").getBytes(StandardCharsets.UTF_8);
    int length = buffer.length - 4;

    SseEvent event = SseEvent.fromUtf8("signup", buffer, 2, length, "1");
    Arrays.fill(buffer, (byte) 'z');

    assertEquals(TEXT, event.data());
    assertEquals("signup", event.type());
    assertEquals("1", event.id());
    assertNotNull(event.wellFormedUtf8Data());
  }

  @Test
  void fromUtf8ReplacesMalformedBytes() {
    byte[] bytes = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, 'b'};

    SseEvent event = SseEvent.fromUtf8("message", bytes, 0, bytes.length, "");

    assertEquals("a\uFFFD\uFFFD\uFFFD\uFFFDb", event.data());
    assertNull(event.wellFormedUtf8Data());
  }

  @Test
  void fromUtf8RejectsRangeOutsideArray() {
    assertThrows(
        IndexOutOfBoundsException.class, () -> SseEvent.fromUtf8("m", new byte[4], 2, 3, ""));
  }

  @Test
  void textAndBytesEventsAreEqual() {
    SseEvent text = new SseEvent("signup", TEXT, "1");
    SseEvent bytes = fromUtf8("signup", TEXT, "1");
    SseEvent otherBytes = fromUtf8("signup", TEXT, "1");

    assertEquals(text, bytes);
    assertEquals(bytes, text);
    assertEquals(bytes, otherBytes);
    assertEquals(text.hashCode(), bytes.hashCode());
    assertEquals(text.toString(), bytes.toString());
    assertEquals("SseEvent[type=m, data=d, id=i]", new SseEvent("m", "d", "i").toString());
    assertNotEquals(bytes, fromUtf8("signup", TEXT + " ", "1"));
    assertNotEquals(bytes, fromUtf8("other", TEXT, "1"));
    assertNotEquals(bytes, fromUtf8("signup", TEXT, "2"));
    assertNotEquals(text, new SseEvent("signup", TEXT + " ", "1"));
  }

  @Test
  void malformedBytesCompareAsText() {
    SseEvent invalidLead = SseEvent.fromUtf8("m", new byte[] {(byte) 0xFF}, 0, 1, "");
    SseEvent strayContinuation = SseEvent.fromUtf8("m", new byte[] {(byte) 0x80}, 0, 1, "");

    assertEquals(invalidLead, strayContinuation);
    assertEquals(new SseEvent("m", "\uFFFD", ""), invalidLead);
    assertEquals(invalidLead.hashCode(), strayContinuation.hashCode());
  }

  @Test
  void decodeFromBytesMatchesText() {
    Signup expected = new Signup("Zo\u00EB \uD83D\uDE00", "z@x.org");

    assertEquals(expected, SIGNUP.decode(fromUtf8("signup", TEXT, ""), JsonCodec.jackson()));
    assertEquals(expected, SIGNUP.decode(new SseEvent("signup", TEXT, ""), JsonCodec.jackson()));
  }

  @Test
  void decodeFromBytesRejectsNull() {
    JsonCodecException error =
        assertThrows(
            JsonCodecException.class,
            () -> SIGNUP.decode(fromUtf8("signup", "null", ""), JsonCodec.jackson()));
    assertEquals(
        "Cannot decode JSON as "
            + Signup.class.getTypeName()
            + ": expected a value other than null, found null",
        error.getMessage());
  }

  @Test
  void voidPayloadFromBytesAcceptsNullOnly() {
    MessageType<Void> ping = MessageType.json("ping", Void.class);

    assertNull(ping.decode(fromUtf8("ping", "null", ""), JsonCodec.jackson()));
    JsonCodecException error =
        assertThrows(
            JsonCodecException.class,
            () -> ping.decode(fromUtf8("ping", "{}", ""), JsonCodec.jackson()));
    assertEquals(
        "Cannot decode JSON as java.lang.Void: expected null, found an object",
        error.getMessage());
  }

  @Test
  void textOnlyCodecGetsDecodedText() {
    List<String> texts = new ArrayList<>();
    JsonCodec textOnly =
        new JsonCodec() {
          @Override
          public String encode(Object value) {
            return JsonCodec.jackson().encode(value);
          }

          @Override
          public <T> T decode(String json, Class<T> type) {
            texts.add(json);
            return JsonCodec.jackson().decode(json, type);
          }

          @Override
          public <T> T decode(String json, Type type) {
            texts.add(json);
            return JsonCodec.jackson().decode(json, type);
          }
        };

    Signup decoded = SIGNUP.decode(fromUtf8("signup", TEXT, ""), textOnly);

    assertEquals(new Signup("Zo\u00EB \uD83D\uDE00", "z@x.org"), decoded);
    assertEquals(List.of(TEXT), texts);
  }

  private static SseEvent fromUtf8(String type, String data, String id) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    return SseEvent.fromUtf8(type, bytes, 0, bytes.length, id);
  }
}
