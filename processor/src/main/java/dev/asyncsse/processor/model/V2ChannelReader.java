package dev.asyncsse.processor.model;

import dev.asyncsse.processor.model.HttpBindingReader.NamedOperation;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the channels of an AsyncAPI 2.x document into the 3.x model.
 *
 * <p>A 2.x channel is keyed by its address. Its id, which names the generated classes, is the
 * {@code operationId} of its {@code publish} operation, else of its {@code subscribe} operation,
 * else the address itself. {@code publish} means the application receives the messages and
 * {@code subscribe} means it sends them. An operation's {@code message} may list several messages
 * under {@code oneOf}.
 */
final class V2ChannelReader {

  private final NodeAccess nodes;
  private final MessageReader messages;
  private final ParameterReader parameters;
  private final RequestValuesReader requestValues;
  private final HttpBindingReader bindings;

  V2ChannelReader(NodeAccess nodes) {
    this.nodes = nodes;
    this.messages = new MessageReader(nodes, true);
    this.parameters = new ParameterReader(nodes, false);
    this.requestValues = new RequestValuesReader(nodes);
    this.bindings = new HttpBindingReader(nodes);
  }

  List<ChannelModel> read(MapNode document) {
    List<ChannelModel> channels = new ArrayList<>();
    Optional<MapNode> map = nodes.object(document, "channels");
    if (map.isPresent()) {
      for (var entry : map.get().entries().entrySet()) {
        channel(entry.getKey(), map.get().keyPosition(entry.getKey()), entry.getValue())
            .ifPresent(channels::add);
      }
    }
    return channels;
  }

  private Optional<ChannelModel> channel(
      String address, SourcePosition addressPosition, Node raw) {
    Optional<MapNode> resolved = nodes.resolveObject(raw, "channel");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    MapNode channel = resolved.get();
    nodes.reach(channel);
    Optional<MapNode> publish = nodes.object(channel, "publish");
    Optional<MapNode> subscribe = nodes.object(channel, "subscribe");
    String id = publish.flatMap(operation -> nodes.string(operation, "operationId"))
        .or(() -> subscribe.flatMap(operation -> nodes.string(operation, "operationId")))
        .orElse(address);

    List<String> actions = new ArrayList<>();
    List<MessageModel> channelMessages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    publish.ifPresent(operation -> {
      actions.add("receive");
      operationMessages(operation, id, seen, channelMessages);
    });
    subscribe.ifPresent(operation -> {
      actions.add("send");
      operationMessages(operation, id, seen, channelMessages);
    });

    List<NamedOperation> operations = new ArrayList<>();
    publish.ifPresent(operation -> operations.add(new NamedOperation(
        nodes.string(operation, "operationId").orElse(address + " publish"), operation)));
    subscribe.ifPresent(operation -> operations.add(new NamedOperation(
        nodes.string(operation, "operationId").orElse(address + " subscribe"), operation)));

    List<ParameterModel> channelParameters = parameters.read(id, address, addressPosition, channel);
    String description = nodes.string(channel, "description")
        .or(() -> publish.flatMap(operation -> nodes.string(operation, "summary")))
        .or(() -> subscribe.flatMap(operation -> nodes.string(operation, "summary")))
        .orElse("");
    return Optional.of(new ChannelModel(
        id,
        address,
        description,
        channelParameters,
        channelMessages,
        actions.stream().sorted().toList(),
        requestValues.channelHeaders(id, channel.position(), channelMessages).orElse(null),
        bindings.query(operations).orElse(null),
        bindings.method(id, channel, operations),
        channel.position()));
  }

  private void operationMessages(
      MapNode operation, String channelId, Set<String> seen, List<MessageModel> into) {
    nodes.reach(operation);
    nodes.checkTags(operation);
    Optional<Node> message = operation.get("message");
    if (message.isEmpty()) {
      return;
    }
    Optional<Node> resolved = nodes.refs().resolve(message.get());
    if (resolved.isEmpty()) {
      return;
    }
    List<Node> candidates = resolved.get() instanceof MapNode map && map.has("oneOf")
        ? nodes.list(map, "oneOf")
        : List.of(message.get());
    for (Node candidate : candidates) {
      Optional<Node> target = nodes.refs().resolve(candidate);
      if (target.isEmpty() || !seen.add(target.get().location())) {
        continue;
      }
      String fallback = candidates.size() == 1
          ? channelId + "Message"
          : channelId + "Message" + seen.size();
      messages.read(fallback, candidate).ifPresent(into::add);
    }
  }
}
