package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {

  @Test
  void voidPayloadStreamsNullOnly() {
    MessageType<Void> ping = MessageType.json("ping", Void.class);
    MessageDecoder<Message<Void>> decoder =
        MessageDecoder.<Message<Void>>builder(JsonCodec.jackson())
            .on(ping, Function.identity())
            .build();
    List<SseError> errors = new ArrayList<>();

    List<Message<Void>> messages =
        decoder
            .stream(
                Stream.of(new SseEvent("ping", "null", "1"), new SseEvent("ping", "{}", "2")),
                errors::add)
            .collect(Collectors.toList());

    assertEquals(List.of(new Message<Void>(null, "ping", "1")), messages);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).getMessage().contains("(id \"2\")"), errors.get(0).getMessage());
  }
}
