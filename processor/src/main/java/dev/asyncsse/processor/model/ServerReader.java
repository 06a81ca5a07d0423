package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code servers}: {@code host} and {@code pathname} in 3.x, {@code url} in 2.x, with each
 * {@code {variable}} replaced by its {@code default}, else its first {@code enum} value.
 */
final class ServerReader {

  private final NodeAccess nodes;

  ServerReader(NodeAccess nodes) {
    this.nodes = nodes;
  }

  List<ServerModel> read(MapNode document) {
    List<ServerModel> servers = new ArrayList<>();
    Optional<MapNode> map = nodes.object(document, "servers");
    if (map.isEmpty()) {
      return servers;
    }
    for (Map.Entry<String, Node> entry : map.get().entries().entrySet()) {
      nodes.resolveObject(entry.getValue(), "server").ifPresent(server ->
          servers.add(server(entry.getKey(), server)));
    }
    return servers;
  }

  private ServerModel server(String name, MapNode server) {
    nodes.checkTags(server);
    String owner = "server \"" + name + "\"";
    String protocol =
        nodes.stringOnly(server, "protocol", owner).orElse("").toLowerCase(Locale.ROOT);
    String url = nodes.stringOnly(server, "url", owner).orElseGet(() ->
        nodes.stringOnly(server, "host", owner).orElse("") + pathname(name, server));
    if (!url.contains("://") && !protocol.isEmpty()) {
      url = protocol + "://" + url;
    }
    Optional<MapNode> variables = nodes.object(server, "variables");
    if (variables.isPresent()) {
      for (Map.Entry<String, Node> variable : variables.get().entries().entrySet()) {
        Optional<String> value = nodes.resolveObject(variable.getValue(), "server variable")
            .flatMap(this::defaultValue);
        if (value.isPresent()) {
          url = url.replace("{" + variable.getKey() + "}", value.get());
        }
      }
    }
    return new ServerModel(name, url, protocol, nodes.string(server, "description").orElse(""));
  }

  /** Returns the server's {@code pathname}, with a leading slash added where it lacks one. */
  private String pathname(String name, MapNode server) {
    String pathname = nodes.stringOnly(server, "pathname", "server \"" + name + "\"").orElse("");
    if (pathname.isEmpty() || pathname.startsWith("/")) {
      return pathname;
    }
    String corrected = "/" + pathname;
    server.get("pathname").ifPresent(node -> nodes.problems().warning(
        node.position(), Messages.pathnameWithoutSlash(name, pathname, corrected)));
    return corrected;
  }

  private Optional<String> defaultValue(MapNode variable) {
    List<Node> values = nodes.list(variable, "enum");
    for (Node value : values) {
      if (!(value instanceof ScalarNode)) {
        nodes.problems().error(
            value.position(), Messages.expectedKind("enum value", "a string", value.kind()));
      }
    }
    Optional<String> value = nodes.string(variable, "default");
    if (value.isPresent()) {
      return value;
    }
    return values.isEmpty() ? Optional.empty() : NodeAccess.text(values.get(0));
  }
}
