package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.model.HttpBindingReader.NamedOperation;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the channels of an AsyncAPI 3.x document: channels keyed by id, each with its own address
 * and messages, and operations that point at them.
 */
final class V3ChannelReader {

  private final NodeAccess nodes;
  private final MessageReader messages;
  private final ParameterReader parameters;
  private final RequestValuesReader requestValues;
  private final HttpBindingReader bindings;

  V3ChannelReader(NodeAccess nodes) {
    this.nodes = nodes;
    this.messages = new MessageReader(nodes, false);
    this.parameters = new ParameterReader(nodes, true);
    this.requestValues = new RequestValuesReader(nodes);
    this.bindings = new HttpBindingReader(nodes);
  }

  List<ChannelModel> read(MapNode document) {
    Map<String, List<String>> actions = new LinkedHashMap<>();
    Map<String, List<NamedOperation>> operations = new LinkedHashMap<>();
    readOperations(document, actions, operations);
    List<ChannelModel> channels = new ArrayList<>();
    nodes.object(document, "channels").ifPresent(map -> map.entries().forEach((id, node) ->
        channel(id, node, actions.getOrDefault(id, List.of()),
            operations.getOrDefault(id, List.of())).ifPresent(channels::add)));
    return channels;
  }

  /** Maps each channel key to the actions of the operations that use it, and to the operations. */
  private void readOperations(
      MapNode document,
      Map<String, List<String>> actions,
      Map<String, List<NamedOperation>> byChannel) {
    Optional<MapNode> operations = nodes.object(document, "operations");
    if (operations.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Node> entry : operations.get().entries().entrySet()) {
      Node raw = entry.getValue();
      Optional<MapNode> operation = nodes.resolveObject(raw, "operation");
      if (operation.isEmpty()) {
        continue;
      }
      nodes.reach(operation.get());
      nodes.checkTags(operation.get());
      Optional<Node> channelRef = operation.get().get("channel");
      if (channelRef.isEmpty()) {
        nodes.problems().error(
            operation.get().position(), Messages.missingField("operation", "channel"));
        continue;
      }
      if (!RefResolver.isRef(channelRef.get())) {
        nodes.problems().error(channelRef.get().position(), Messages.operationChannelNotRef(
            entry.getKey(), channelRef.get().describe()));
        continue;
      }
      Optional<Node> channel = nodes.refs().resolve(channelRef.get());
      for (Node message : nodes.list(operation.get(), "messages")) {
        if (RefResolver.isRef(message)) {
          nodes.refs().resolve(message);
        } else {
          nodes.problems().error(message.position(), Messages.operationMessageNotRef(
              entry.getKey(), message.describe()));
        }
      }
      Optional<String> action = action(entry.getKey(), operation.get());
      if (channel.isEmpty()) {
        continue;
      }
      String key = JsonPointers.lastToken(channel.get().pointer());
      byChannel.computeIfAbsent(key, k -> new ArrayList<>())
          .add(new NamedOperation(entry.getKey(), operation.get()));
      if (action.isPresent()) {
        actions.computeIfAbsent(key, k -> new ArrayList<>()).add(action.get());
      }
    }
  }

  /**
   * Returns the operation's action, which AsyncAPI 3 requires to be {@code send} or {@code
   * receive}; reports a missing or other value and returns empty.
   */
  private Optional<String> action(String operationName, MapNode operation) {
    Optional<Node> node = operation.get("action");
    if (node.isEmpty()) {
      nodes.problems().error(
          operation.position(), Messages.missingOperationAction(operationName));
      return Optional.empty();
    }
    Optional<String> action = nodes.stringOnly(
        operation, "action", "operation \"" + operationName + "\"");
    if (action.isEmpty()) {
      if (node.get() instanceof ScalarNode scalar && scalar.value() == null) {
        nodes.problems().error(
            node.get().position(), Messages.invalidOperationAction(operationName, "null"));
      }
      return Optional.empty();
    }
    if (!action.get().equals("send") && !action.get().equals("receive")) {
      nodes.problems().error(
          node.get().position(),
          Messages.invalidOperationAction(operationName, node.get().describe()));
      return Optional.empty();
    }
    return action;
  }

  private Optional<ChannelModel> channel(
      String id, Node raw, List<String> actions, List<NamedOperation> operations) {
    Optional<MapNode> resolved = nodes.resolveObject(raw, "channel");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    MapNode channel = resolved.get();
    nodes.reach(channel);
    nodes.checkTags(channel);
    Optional<Node> addressNode = channel.get("address");
    if (addressNode.isPresent()
        && addressNode.get() instanceof ScalarNode scalar && scalar.value() == null) {
      nodes.problems().warning(addressNode.get().position(), Messages.nullAddress(id));
      return Optional.empty();
    }
    // The messages of a channel with an invalid address are still read, to report their problems.
    boolean addressValid = addressNode.isEmpty()
        || addressNode.get() instanceof ScalarNode scalar && scalar.value() instanceof String;
    if (!addressValid) {
      nodes.problems().error(addressNode.get().position(),
          Messages.invalidAddressKind(id, addressNode.get().describe()));
    }
    String address = addressValid ? addressNode.flatMap(NodeAccess::text).orElse(id) : id;

    List<ParameterModel> channelParameters = addressValid
        ? parameters.read(id, address, addressNode.orElse(channel).position(), channel)
        : List.of();
    List<MessageModel> channelMessages = new ArrayList<>();
    nodes.object(channel, "messages").ifPresent(map -> map.entries().forEach((key, node) ->
        messages.read(key, node).ifPresent(channelMessages::add)));
    String description = nodes.string(channel, "description")
        .or(() -> nodes.string(channel, "summary"))
        .orElse("");
    return Optional.of(new ChannelModel(
        id,
        address,
        description,
        channelParameters,
        channelMessages,
        new ArrayList<>(new TreeSet<>(actions)),
        requestValues.channelHeaders(id, channel.position(), channelMessages).orElse(null),
        bindings.query(operations).orElse(null),
        bindings.method(id, channel, operations),
        channel.position()));
  }
}
