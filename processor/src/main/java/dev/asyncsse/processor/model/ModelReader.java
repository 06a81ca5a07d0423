package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the node tree of an AsyncAPI 3.0 or 3.1 document into an {@link ApiModel}.
 *
 * <p>Every problem is reported at its node and reading goes on, so one run lists them all.
 */
public final class ModelReader {

  private static final Pattern VERSION = Pattern.compile("3\\.[01]\\.\\d+(-.+)?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final String COMPONENT_MESSAGES = "/components/messages/";

  private final RefResolver refs;
  private final Problems problems;

  public ModelReader(RefResolver refs, Problems problems) {
    this.refs = refs;
    this.problems = problems;
  }

  /** Reads the document, or returns empty when it is too broken to describe any channel. */
  public Optional<ApiModel> read(Node root) {
    if (!(root instanceof MapNode document)) {
      problems.error(root.position(), Messages.rootNotObject(root.kind()));
      return Optional.empty();
    }
    if (!checkVersion(document)) {
      return Optional.empty();
    }

    Optional<MapNode> info = object(document, "info");
    String title = info.flatMap(node -> string(node, "title")).orElse("");
    String version = info.flatMap(node -> string(node, "version")).orElse("");
    String description = info.flatMap(node -> string(node, "description")).orElse("");
    if (info.isPresent() && title.isBlank()) {
      problems.error(info.get().position(), Messages.missingField("info", "title"));
    } else if (info.isEmpty()) {
      problems.error(document.position(), Messages.missingField("the document", "info"));
    }

    Map<String, List<String>> actions = operationActions(document);
    List<ChannelModel> channels = new ArrayList<>();
    object(document, "channels")
        .ifPresent(
            map ->
                map.entries()
                    .forEach(
                        (id, node) ->
                            channel(id, node, actions.getOrDefault(id, List.of()))
                                .ifPresent(channels::add)));
    SourcePosition position = info.map(Node::position).orElse(document.position());
    return Optional.of(new ApiModel(title, version, description, channels, position));
  }

  private boolean checkVersion(MapNode document) {
    Optional<Node> versionNode = document.get("asyncapi");
    if (versionNode.isEmpty()) {
      problems.error(document.position(), Messages.missingVersion());
      return false;
    }
    String version = versionNode.get() instanceof ScalarNode scalar ? scalar.text() : "";
    if (!VERSION.matcher(version).matches()) {
      problems.error(versionNode.get().position(), Messages.unsupportedVersion(version));
      return false;
    }
    return true;
  }

  /** Maps each channel key to the actions of the operations that use it. */
  private Map<String, List<String>> operationActions(MapNode document) {
    Map<String, List<String>> actions = new LinkedHashMap<>();
    Optional<MapNode> operations = object(document, "operations");
    if (operations.isEmpty()) {
      return actions;
    }
    for (Node raw : operations.get().entries().values()) {
      Optional<MapNode> operation = resolveObject(raw, "operation");
      if (operation.isEmpty()) {
        continue;
      }
      Optional<String> action = string(operation.get(), "action");
      Optional<Node> channelRef = operation.get().get("channel");
      if (channelRef.isEmpty()) {
        problems.error(
            operation.get().position(), Messages.missingField("operation", "channel"));
        continue;
      }
      Optional<Node> channel = refs.resolve(channelRef.get());
      operation.get().get("messages").ifPresent(messages -> resolveEach(messages));
      if (channel.isPresent() && action.isPresent()) {
        String key = JsonPointers.lastToken(channel.get().pointer());
        actions.computeIfAbsent(key, k -> new ArrayList<>()).add(action.get());
      }
    }
    return actions;
  }

  private void resolveEach(Node list) {
    if (list instanceof ListNode items) {
      items.items().forEach(refs::resolve);
    }
  }

  private Optional<ChannelModel> channel(String id, Node raw, List<String> actions) {
    Optional<MapNode> resolved = resolveObject(raw, "channel");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    MapNode channel = resolved.get();
    String address = channel.get("address")
        .filter(ScalarNode.class::isInstance)
        .map(ScalarNode.class::cast)
        .filter(scalar -> scalar.value() != null)
        .map(ScalarNode::text)
        .orElse(id);

    List<ParameterModel> parameters = parameters(id, address, channel);
    List<MessageModel> messages = new ArrayList<>();
    object(channel, "messages")
        .ifPresent(map -> map.entries().forEach((key, node) -> message(key, node).ifPresent(messages::add)));
    String description = string(channel, "description")
        .or(() -> string(channel, "summary"))
        .orElse("");
    return Optional.of(
        new ChannelModel(
            id,
            address,
            description,
            parameters,
            messages,
            new ArrayList<>(new TreeSet<>(actions)),
            channel.position()));
  }

  private List<ParameterModel> parameters(String channelId, String address, MapNode channel) {
    List<String> names = new ArrayList<>();
    if (!placeholders(address, names)) {
      problems.error(
          channel.get("address").map(Node::position).orElse(channel.position()),
          Messages.invalidAddress(channelId, address));
    }
    Map<String, Node> declared = object(channel, "parameters")
        .map(MapNode::entries)
        .orElse(Map.of());
    for (Map.Entry<String, Node> entry : declared.entrySet()) {
      if (!names.contains(entry.getKey())) {
        problems.warning(
            entry.getValue().position(), Messages.unusedParameter(channelId, entry.getKey()));
      }
    }

    List<ParameterModel> parameters = new ArrayList<>();
    for (String name : names) {
      Node node = declared.get(name);
      if (node == null) {
        problems.warning(
            channel.get("address").map(Node::position).orElse(channel.position()),
            Messages.undeclaredParameter(channelId, name));
        parameters.add(new ParameterModel(name, "", List.of(), null, List.of(), false));
        continue;
      }
      Optional<MapNode> parameter = resolveObject(node, "parameter");
      if (parameter.isEmpty()) {
        continue;
      }
      MapNode map = parameter.get();
      parameters.add(
          new ParameterModel(
              name,
              string(map, "description").orElse(""),
              strings(map, "enum"),
              string(map, "default").orElse(null),
              strings(map, "examples"),
              true));
    }
    return parameters;
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

  private Optional<MessageModel> message(String id, Node raw) {
    Optional<MapNode> resolved = resolveObject(raw, "message");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    MapNode message = resolved.get();
    List<MapNode> traits = traits(message);

    String typeName = message.pointer().startsWith(COMPONENT_MESSAGES)
            && message.pointer().indexOf('/', COMPONENT_MESSAGES.length()) < 0
        ? JsonPointers.lastToken(message.pointer())
        : id;
    String eventName = merged(message, traits, "name").flatMap(this::text).orElse(id);
    String description = merged(message, traits, "description")
        .or(() -> merged(message, traits, "summary"))
        .or(() -> merged(message, traits, "title"))
        .flatMap(this::text)
        .orElse("");
    Node payload = merged(message, traits, "payload").map(node -> schemaOf(node, id)).orElse(null);
    Node headers = merged(message, traits, "headers").map(node -> schemaOf(node, id)).orElse(null);
    return Optional.of(
        new MessageModel(id, eventName, typeName, description, payload, headers, message.position()));
  }

  /**
   * Returns the value of {@code field}: the message's own, else that of the last trait that has it,
   * because in AsyncAPI 3 the message takes precedence over its traits.
   */
  private static Optional<Node> merged(MapNode message, List<MapNode> traits, String field) {
    Optional<Node> own = message.get(field);
    if (own.isPresent()) {
      return own;
    }
    for (int i = traits.size() - 1; i >= 0; i--) {
      Optional<Node> value = traits.get(i).get(field);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private List<MapNode> traits(MapNode message) {
    List<MapNode> traits = new ArrayList<>();
    Optional<Node> list = message.get("traits");
    if (list.isEmpty()) {
      return traits;
    }
    if (!(list.get() instanceof ListNode items)) {
      problems.error(
          list.get().position(), Messages.expectedKind("traits", "an array", list.get().kind()));
      return traits;
    }
    for (Node item : items.items()) {
      resolveObject(item, "message trait").ifPresent(traits::add);
    }
    return traits;
  }

  /** Unwraps a Multi Format Schema Object and checks its format; returns the schema node. */
  private Node schemaOf(Node node, String messageId) {
    Optional<Node> resolved = refs.resolve(node);
    if (resolved.isEmpty()) {
      return null;
    }
    if (!(resolved.get() instanceof MapNode map) || !map.has("schemaFormat") || !map.has("schema")) {
      return node;
    }
    String format = map.text("schemaFormat").orElse("");
    if (!SchemaFormats.isJsonSchema(format)) {
      problems.error(
          map.get("schemaFormat").orElseThrow().position(),
          Messages.unsupportedSchemaFormat(format, messageId));
      return null;
    }
    return map.get("schema").orElseThrow();
  }

  private Optional<MapNode> resolveObject(Node node, String what) {
    Optional<Node> resolved = refs.resolve(node);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    if (resolved.get() instanceof MapNode map) {
      return Optional.of(map);
    }
    problems.error(
        resolved.get().position(), Messages.expectedKind(what, "an object", resolved.get().kind()));
    return Optional.empty();
  }

  private Optional<MapNode> object(MapNode owner, String field) {
    Optional<Node> node = owner.get(field);
    if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null) {
      return Optional.empty();
    }
    return resolveObject(node.get(), field);
  }

  private Optional<String> string(MapNode owner, String field) {
    return owner.get(field).flatMap(this::text);
  }

  private Optional<String> text(Node node) {
    if (node instanceof ScalarNode scalar && scalar.value() != null) {
      return Optional.of(scalar.text());
    }
    return Optional.empty();
  }

  private List<String> strings(MapNode owner, String field) {
    List<String> values = new ArrayList<>();
    owner.get(field)
        .filter(ListNode.class::isInstance)
        .map(ListNode.class::cast)
        .ifPresent(list -> list.items().forEach(item -> text(item).ifPresent(values::add)));
    return values;
  }
}
