package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.SourcePosition;

/**
 * One message of a channel, with its traits already applied.
 *
 * @param id the message's key in the channel's {@code messages}
 * @param eventName the SSE event name: the message's {@code name}, else its id
 * @param typeName the name its inline payload type takes: the component key when the message
 *     comes from {@code components/messages}, else the id
 * @param description {@code description}, else {@code summary}, else {@code title}, or {@code ""}
 * @param payload the payload schema, or {@code null} when the message has none
 * @param headers the headers schema, or {@code null}
 */
public record MessageModel(
    String id,
    String eventName,
    String typeName,
    String description,
    Node payload,
    Node headers,
    SourcePosition position) {}
