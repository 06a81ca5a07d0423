package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.List;

/**
 * One channel: an address, its parameters and the messages that travel on it.
 *
 * @param id the channel's key under {@code channels}
 * @param address the address with {@code {parameter}} placeholders; the channel id when the
 *     document gives none
 * @param description {@code description}, else {@code summary}, else {@code ""}
 * @param parameters the parameters in the order they appear in the address
 * @param messages the messages in document order
 * @param actions the operation actions ({@code send}, {@code receive}) that use the channel
 * @param headers the HTTP request headers, from the messages' {@code headers}, or {@code null}
 * @param query the HTTP query parameters, from an operation's {@code bindings.http.query}, or
 *     {@code null}
 * @param method the HTTP method that opens the stream, from {@code bindings.http.method}; {@code
 *     GET} when no operation sets one
 */
public record ChannelModel(
    String id,
    String address,
    String description,
    List<ParameterModel> parameters,
    List<MessageModel> messages,
    List<String> actions,
    RequestValuesModel headers,
    RequestValuesModel query,
    String method,
    SourcePosition position) {

  public ChannelModel {
    parameters = List.copyOf(parameters);
    messages = List.copyOf(messages);
    actions = List.copyOf(actions);
  }
}
