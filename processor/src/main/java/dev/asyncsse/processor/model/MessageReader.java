package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.JavaNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one message object, with its traits applied.
 *
 * <p>In AsyncAPI 3 a message's own fields take precedence over its traits. In 2.x the traits are
 * merged into the message as JSON Merge Patches, so a trait's field wins.
 */
final class MessageReader {

  private static final String COMPONENT_MESSAGES = "/components/messages/";
  private static final String[] TEXT_FIELDS =
      {"messageId", "name", "title", "summary", "description", "contentType"};

  private final NodeAccess nodes;
  private final boolean traitsWin;

  MessageReader(NodeAccess nodes, boolean traitsWin) {
    this.nodes = nodes;
    this.traitsWin = traitsWin;
  }

  /**
   * Reads the message at {@code raw}.
   *
   * @param fallbackId the id when the document gives none: the key in a 3.x channel's messages
   */
  Optional<MessageModel> read(String fallbackId, Node raw) {
    Optional<MapNode> resolved = nodes.resolveObject(raw, "message");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    MapNode message = resolved.get();
    nodes.reach(message);
    nodes.checkTags(message);
    List<MapNode> traits = traits(message);
    nodes.checkStrings(message, TEXT_FIELDS);
    traits.forEach(trait -> nodes.checkStrings(trait, TEXT_FIELDS));

    String componentKey = componentKey(message.pointer());
    String id = traitsWin
        ? merged(message, traits, "messageId").flatMap(NodeAccess::text)
            .or(() -> Optional.ofNullable(componentKey))
            .or(() -> merged(message, traits, "name").flatMap(NodeAccess::text))
            .orElse(fallbackId)
        : fallbackId;
    String typeName = message.text("x-java-name")
        .orElse(componentKey != null ? JavaNames.simpleName(componentKey) : id);
    Optional<Node> nameNode = merged(message, traits, "name");
    String eventName = nameNode.flatMap(NodeAccess::text).orElse(id);
    int invalid = firstLineBreakOrNul(eventName);
    if (invalid >= 0) {
      nodes.problems().error(nameNode.map(Node::position).orElse(message.position()),
          Messages.invalidEventName(eventName, invalid));
    }
    String description = merged(message, traits, "description")
        .or(() -> merged(message, traits, "summary"))
        .or(() -> merged(message, traits, "title"))
        .flatMap(NodeAccess::text)
        .orElse("");
    Optional<Node> messageFormat = merged(message, traits, "schemaFormat");
    Node payload = merged(message, traits, "payload")
        .map(node -> schemaOf(node, messageFormat, id))
        .filter(schema -> checkPayloadKind(schema, id))
        .orElse(null);
    Node headers = merged(message, traits, "headers")
        .map(node -> schemaOf(node, Optional.empty(), id))
        .filter(schema -> checkHeadersKind(schema, id))
        .orElse(null);
    return Optional.of(
        new MessageModel(id, eventName, typeName, description, payload, headers, message.position()));
  }

  /** Returns the index of the first CR, LF or NUL, which an SSE {@code event:} line cannot hold. */
  private static int firstLineBreakOrNul(String eventName) {
    for (int i = 0; i < eventName.length(); i++) {
      char c = eventName.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        return i;
      }
    }
    return -1;
  }

  private static String componentKey(String pointer) {
    if (pointer.startsWith(COMPONENT_MESSAGES)
        && pointer.indexOf('/', COMPONENT_MESSAGES.length()) < 0) {
      return JsonPointers.lastToken(pointer);
    }
    return null;
  }

  private Optional<Node> merged(MapNode message, List<MapNode> traits, String field) {
    Optional<Node> own = message.get(field);
    if (own.isPresent() && !traitsWin) {
      return own;
    }
    for (int i = traits.size() - 1; i >= 0; i--) {
      Optional<Node> value = traits.get(i).get(field);
      if (value.isPresent()) {
        return value;
      }
    }
    return own;
  }

  private List<MapNode> traits(MapNode message) {
    List<MapNode> traits = new ArrayList<>();
    for (Node item : nodes.list(message, "traits")) {
      nodes.resolveObject(item, "message trait").ifPresent(traits::add);
    }
    return traits;
  }

  /** Reports a payload schema that is neither an object nor a boolean, such as a list. */
  private boolean checkPayloadKind(Node schema, String messageId) {
    Optional<Node> resolved = nodes.refs().resolve(schema);
    if (resolved.isEmpty()) {
      return false;
    }
    Node target = resolved.get();
    if (target instanceof MapNode
        || target instanceof ScalarNode scalar && scalar.value() instanceof Boolean) {
      return true;
    }
    nodes.problems().error(
        target.position(), Messages.invalidPayloadKind(messageId, target.describe()));
    return false;
  }

  /** Reports a headers schema that is not an object, since headers are named fields. */
  private boolean checkHeadersKind(Node schema, String messageId) {
    Optional<Node> resolved = nodes.refs().resolve(schema);
    if (resolved.isEmpty()) {
      return false;
    }
    Node target = resolved.get();
    if (!(target instanceof MapNode headers)) {
      nodes.problems().error(
          target.position(), Messages.invalidHeadersKind(messageId, target.describe()));
      return false;
    }
    Optional<Node> type = headers.get("type");
    if (type.isEmpty()) {
      return true;
    }
    List<String> types = type.get() instanceof ListNode list
        ? list.items().stream().map(NodeAccess::text).flatMap(Optional::stream).toList()
        : NodeAccess.text(type.get()).stream().toList();
    // A type keyword of the wrong JSON type is reported with the schema's other keywords.
    if (types.isEmpty() || types.contains("object")) {
      return true;
    }
    nodes.problems().error(
        type.get().position(),
        Messages.invalidHeadersKind(messageId, "a schema of type " + String.join(" or ", types)));
    return false;
  }

  /**
   * Unwraps a 3.x Multi Format Schema Object, checks the schema format (the 2.x message-level
   * {@code schemaFormat} when given), and returns the schema node.
   */
  private Node schemaOf(Node node, Optional<Node> messageFormat, String messageId) {
    Optional<Node> resolved = nodes.refs().resolve(node);
    if (resolved.isEmpty()) {
      return null;
    }
    Node schema = node;
    Optional<Node> format = messageFormat;
    if (resolved.get() instanceof MapNode map && map.has("schemaFormat") && map.has("schema")) {
      format = map.get("schemaFormat");
      schema = map.get("schema").orElseThrow();
    }
    if (format.isPresent()) {
      String value = NodeAccess.text(format.get()).orElse("");
      if (!SchemaFormats.isJsonSchema(value)) {
        nodes.problems().error(
            format.get().position(), Messages.unsupportedSchemaFormat(value, messageId));
        nodes.addOtherFormatSchema(schema);
        return null;
      }
    }
    return schema;
  }
}
