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
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final NodeAccess nodes;

  ParameterReader(NodeAccess nodes) {
    this.nodes = nodes;
  }

  List<ParameterModel> read(
      String channelId, String address, SourcePosition addressPosition, MapNode channel) {
    List<String> names = new ArrayList<>();
    Optional<String> problem = addressProblem(address);
    if (problem.isPresent()) {
      nodes.problems().error(
          addressPosition, Messages.invalidAddress(channelId, address, problem.get()));
      return List.of();
    }
    placeholders(address, names);
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

  /**
   * Returns why an address cannot be served as a path, or empty when it can. The rules are the
   * runtime's: no {@code ?} or {@code #}, balanced braces, parameter names of letters, digits,
   * {@code _} and {@code -}, each used once, and literal text between two parameters.
   */
  static Optional<String> addressProblem(String address) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    boolean literalSinceParameter = true;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == '?' || c == '#') {
        return Optional.of("'" + c + "' starts a query or fragment, which an address cannot have");
      }
      if (c == '}') {
        return Optional.of("'}' at index " + i + " has no matching '{'");
      }
      if (c != '{') {
        literalSinceParameter = true;
        continue;
      }
      int end = address.indexOf('}', i);
      if (end < 0) {
        return Optional.of("'{' at index " + i + " has no matching '}'");
      }
      String name = address.substring(i + 1, end);
      if (!PARAMETER_NAME.matcher(name).matches()) {
        return Optional.of("parameter name \"" + name
            + "\" must be non-empty and contain only letters, digits, '_' and '-'");
      }
      if (!seen.add(name)) {
        return Optional.of("parameter {" + name + "} appears more than once");
      }
      if (!literalSinceParameter) {
        return Optional.of("parameter {" + name
            + "} follows another parameter with no text between them");
      }
      literalSinceParameter = false;
      i = end;
    }
    return Optional.empty();
  }

  /** Collects the placeholder names of a valid address, in order. */
  static void placeholders(String address, List<String> names) {
    Matcher matcher = PLACEHOLDER.matcher(address);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
  }
}
