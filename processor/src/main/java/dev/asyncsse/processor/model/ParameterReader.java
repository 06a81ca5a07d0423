package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.read.SourcePosition;
import dev.asyncsse.processor.types.EcmaPatternTranslator;
import dev.asyncsse.processor.types.SchemaKeywordChecks;
import dev.asyncsse.processor.types.SchemaRefTargets;
import dev.asyncsse.processor.types.UntranslatablePatternException;
import java.math.BigDecimal;
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
 * parameter carries them in its {@code schema}, together with {@code type}, {@code format} and the
 * validation keywords {@code pattern}, {@code minLength}, {@code maxLength}, {@code minimum},
 * {@code maximum}, {@code exclusiveMinimum} and {@code exclusiveMaximum}. A placeholder with no declared parameter becomes a
 * string parameter, with a warning.
 */
final class ParameterReader {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  /** A URL's scheme and authority, up to its path; the runtime serves only the path. */
  private static final Pattern SCHEME_AND_AUTHORITY =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://[^/?#]*");

  private final NodeAccess nodes;
  private final boolean v3;

  /** @param v3 whether the document is AsyncAPI 3, whose parameters have no {@code schema} */
  ParameterReader(NodeAccess nodes, boolean v3) {
    this.nodes = nodes;
    this.v3 = v3;
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
        parameters.add(ParameterModel.undeclared(name, addressPosition));
        continue;
      }
      nodes.resolveObject(node, "parameter")
          .ifPresent(map -> parameters.add(parameter(channelId, name, map)));
    }
    return parameters;
  }

  private ParameterModel parameter(String channelId, String name, MapNode map) {
    nodes.reach(map);
    Optional<MapNode> schema = nodes.object(map, "schema")
        .filter(target -> !(map.get("schema").orElseThrow() instanceof MapNode ref
            && ref != target
            && SchemaRefTargets.reportNonSchema(ref, target, nodes.refs(), nodes.problems())));
    if (v3 && schema.isPresent()) {
      nodes.problems().warning(
          map.keyPosition("schema"), Messages.v3ParameterSchema(channelId, name));
    }
    MapNode values = schema.orElse(map);
    ParameterModel.Kind kind =
        schema.map(node -> kind(channelId, name, node)).orElse(ParameterModel.Kind.STRING);
    List<String> allowed = allowedValues(channelId, name, values, kind);
    return new ParameterModel(
        name,
        nodes.string(map, "description")
            .or(() -> schema.flatMap(node -> nodes.string(node, "description")))
            .orElse(""),
        allowed,
        enumNames(values, allowed.size()),
        nodes.string(values, "default").orElse(null),
        examples(values),
        true,
        kind,
        schema.map(node -> rules(channelId, name, node)).orElse(ParameterModel.Rules.NONE),
        map.position());
  }

  /**
   * Returns the {@code enum} values as text, warning about and dropping nulls and duplicates. A
   * number or boolean value of a string parameter is kept as its text, with a warning.
   */
  private List<String> allowedValues(
      String channelId, String name, MapNode values, ParameterModel.Kind kind) {
    List<String> allowed = new ArrayList<>();
    for (Node item : nodes.list(values, "enum")) {
      if (!(item instanceof ScalarNode scalar)) {
        nodes.problems().error(
            item.position(), Messages.expectedKind("enum value", "a string", item.kind()));
        continue;
      }
      if (scalar.value() == null) {
        nodes.problems().warning(item.position(), Messages.parameterEnumNull(channelId, name));
        continue;
      }
      if (allowed.contains(scalar.text())) {
        nodes.problems().warning(
            item.position(), Messages.parameterEnumDuplicate(channelId, name, scalar.text()));
        continue;
      }
      if (kind == ParameterModel.Kind.STRING && !(scalar.value() instanceof String)) {
        nodes.problems().warning(
            item.position(), Messages.parameterEnumNotString(channelId, name, scalar.text()));
      }
      if (kind != ParameterModel.Kind.STRING && !isNumber(scalar)) {
        nodes.problems().error(
            item.position(), Messages.expectedKind("enum value", "a number", scalar.kind()));
        continue;
      }
      BigDecimal number = kind == ParameterModel.Kind.STRING ? null : new BigDecimal(scalar.text());
      if (number != null && SchemaKeywordChecks.beyondDoubleRange(number)) {
        nodes.problems().error(item.position(), Messages.numberBeyondDoubleRange(
            "enum", scalar.text(), Double.isInfinite(number.doubleValue())));
        continue;
      }
      allowed.add(scalar.text());
    }
    return allowed;
  }

  /** Returns whether {@code scalar} is a number, or a string that reads as one. */
  private static boolean isNumber(ScalarNode scalar) {
    if (scalar.value() instanceof BigDecimal) {
      return true;
    }
    try {
      new BigDecimal(scalar.text());
      return scalar.value() instanceof String;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Returns the scalar {@code examples} as text, reporting a value that is not a list. */
  private List<String> examples(MapNode values) {
    List<String> examples = new ArrayList<>();
    for (Node item : nodes.list(values, "examples")) {
      NodeAccess.text(item).ifPresent(examples::add);
    }
    return examples;
  }

  private List<String> enumNames(MapNode values, int valueCount) {
    Optional<Node> names = values.get("x-java-enum-names");
    if (names.isEmpty()) {
      return List.of();
    }
    if (!(names.get() instanceof ListNode)) {
      nodes.problems().error(names.get().position(),
          Messages.expectedKind("x-java-enum-names", "an array", names.get().kind()));
      return List.of();
    }
    List<String> listed = NodeAccess.strings(values, "x-java-enum-names");
    if (listed.size() != valueCount) {
      nodes.problems().error(names.get().position(), Messages.enumNamesCount(listed.size(), valueCount));
      return List.of();
    }
    return listed;
  }

  /** Maps a 2.x parameter schema's {@code type} to a Java type; other types stay strings. */
  private ParameterModel.Kind kind(String channelId, String name, MapNode schema) {
    // A list of types, such as [string, "null"], is read as a string parameter.
    Optional<Node> typeNode = schema.get("type");
    if (typeNode.isPresent() && typeNode.get() instanceof MapNode) {
      nodes.problems().error(typeNode.get().position(),
          Messages.expectedKind("type", "a type name or a list of type names", "object"));
      return ParameterModel.Kind.STRING;
    }
    Optional<String> type = schema.text("type");
    if (type.isEmpty() || type.get().equals("string")) {
      return ParameterModel.Kind.STRING;
    }
    switch (type.get()) {
      case "integer":
        return nodes.string(schema, "format").filter("int32"::equals).isPresent()
            ? ParameterModel.Kind.INT
            : ParameterModel.Kind.LONG;
      case "number":
        return ParameterModel.Kind.DOUBLE;
      default:
        nodes.problems().warning(
            schema.get("type").orElseThrow().position(),
            Messages.unsupportedParameterType(channelId, name, type.get()));
        return ParameterModel.Kind.STRING;
    }
  }

  private ParameterModel.Rules rules(String channelId, String name, MapNode schema) {
    new SchemaKeywordChecks(nodes.problems()).checkBounds(schema);
    String pattern = patternText(schema);
    if (pattern != null) {
      try {
        EcmaPatternTranslator.translate(pattern);
      } catch (UntranslatablePatternException e) {
        nodes.problems().error(
            schema.get("pattern").orElseThrow().position(),
            Messages.invalidParameterPattern(
                channelId, name, pattern, e.index(), e.reason(), e.fix()));
        pattern = null;
      }
    }
    BigDecimal minimum = number(schema, "minimum");
    BigDecimal maximum = number(schema, "maximum");
    BigDecimal exclusiveMinimum = number(schema, "exclusiveMinimum");
    BigDecimal exclusiveMaximum = number(schema, "exclusiveMaximum");
    // The draft 4 form: exclusiveMinimum: true makes minimum exclusive, and likewise for maximum.
    if (isTrue(schema, "exclusiveMinimum")) {
      exclusiveMinimum = minimum;
      minimum = null;
    }
    if (isTrue(schema, "exclusiveMaximum")) {
      exclusiveMaximum = maximum;
      maximum = null;
    }
    return new ParameterModel.Rules(
        pattern,
        integer(schema, "minLength"),
        integer(schema, "maxLength"),
        minimum,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum);
  }

  /** Returns the {@code pattern} string, reporting a value of another type such as 42. */
  private String patternText(MapNode schema) {
    Optional<Node> node = schema.get("pattern");
    if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null) {
      return null;
    }
    if (node.get() instanceof ScalarNode scalar && scalar.value() instanceof String text) {
      return text;
    }
    nodes.problems().error(node.get().position(), Messages.invalidKeywordKind(
        "pattern", node.get().describe(), "a regular expression string"));
    return null;
  }

  private static boolean isTrue(MapNode schema, String field) {
    return schema.get(field).orElse(null) instanceof ScalarNode scalar
        && Boolean.TRUE.equals(scalar.value());
  }

  private Integer integer(MapNode schema, String field) {
    BigDecimal value = number(schema, field);
    return value == null ? null : value.intValue();
  }

  /** Returns a numeric keyword, reporting a value that is not a number. */
  private BigDecimal number(MapNode schema, String field) {
    Optional<Node> node = schema.get(field);
    if (node.isPresent() && !(node.get() instanceof ScalarNode)) {
      nodes.problems().error(
          node.get().position(), Messages.expectedKind(field, "a number", node.get().kind()));
      return null;
    }
    if (node.isEmpty() || !(node.get() instanceof ScalarNode scalar) || scalar.value() == null
        || scalar.value() instanceof Boolean) {
      return null;
    }
    try {
      return new BigDecimal(scalar.text());
    } catch (NumberFormatException e) {
      nodes.problems().error(
          scalar.position(), Messages.expectedKind(field, "a number", scalar.kind()));
      return null;
    }
  }

  /**
   * Returns why an address cannot be served as a path, or empty when it can. The rules are the
   * runtime's: no parameter in the scheme or host of a URL, no {@code ?} or {@code #}, balanced
   * braces, parameter names of letters, digits, {@code _} and {@code -}, each used once, and
   * literal text between two parameters.
   */
  static Optional<String> addressProblem(String address) {
    Matcher url = SCHEME_AND_AUTHORITY.matcher(address);
    if (url.lookingAt()) {
      Matcher parameter = PLACEHOLDER.matcher(url.group());
      if (parameter.find()) {
        return Optional.of("parameter {" + parameter.group(1) + "} is in the scheme or host of"
            + " the URL, but only the path is served and requested, so its value would be lost;"
            + " keep parameters in the path and name the host in 'servers'");
      }
    }
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
