package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parameters of a channel address, in the order the address uses them.
 *
 * <p>A 3.x parameter carries {@code enum}, {@code default} and {@code examples} itself; a 2.x
 * parameter carries them in its {@code schema}. A placeholder with no declared parameter becomes a
 * string parameter, with a warning.
 */
final class ParameterReader {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final NodeAccess nodes;

  ParameterReader(NodeAccess nodes) {
    this.nodes = nodes;
  }

  List<ParameterModel> read(
      String channelId, String address, SourcePosition addressPosition, MapNode channel) {
    List<String> names = new ArrayList<>();
    if (!placeholders(address, names)) {
      nodes.problems().error(addressPosition, Messages.invalidAddress(channelId, address));
    }
    Map<String, Node> declared =
        nodes.object(channel, "parameters").map(MapNode::entries).orElse(Map.of());
    for (Map.Entry<String, Node> entry : declared.entrySet()) {
      if (!names.contains(entry.getKey())) {
        nodes.problems().warning(
            entry.getValue().position(), Messages.unusedParameter(channelId, entry.getKey()));
      }
    }

    List<ParameterModel> parameters = new ArrayList<>();
    for (String name : names) {
      Node node = declared.get(name);
      if (node == null) {
        nodes.problems().warning(addressPosition, Messages.undeclaredParameter(channelId, name));
        parameters.add(new ParameterModel(name, "", List.of(), null, List.of(), false));
        continue;
      }
      nodes.resolveObject(node, "parameter").ifPresent(map -> parameters.add(parameter(name, map)));
    }
    return parameters;
  }

  private ParameterModel parameter(String name, MapNode map) {
    Optional<MapNode> schema = nodes.object(map, "schema");
    MapNode values = schema.orElse(map);
    return new ParameterModel(
        name,
        nodes.string(map, "description")
            .or(() -> schema.flatMap(node -> nodes.string(node, "description")))
            .orElse(""),
        NodeAccess.strings(values, "enum"),
        nodes.string(values, "default").orElse(null),
        NodeAccess.strings(values, "examples"),
        true);
  }

  /** Collects the placeholder names of an address; returns false when its braces are broken. */
  static boolean placeholders(String address, List<String> names) {
    Matcher matcher = PLACEHOLDER.matcher(address);
    StringBuilder rest = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (name.isEmpty()) {
        return false;
      }
      if (!names.contains(name)) {
        names.add(name);
      }
      matcher.appendReplacement(rest, "");
    }
    matcher.appendTail(rest);
    return rest.indexOf("{") < 0 && rest.indexOf("}") < 0;
  }
}
