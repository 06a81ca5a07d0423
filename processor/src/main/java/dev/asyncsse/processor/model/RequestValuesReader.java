package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the properties of an object schema that describes request headers or query parameters:
 * its own {@code properties} and {@code required}, and those of its {@code allOf} members.
 */
final class RequestValuesReader {

  /** An HTTP field name: a token of RFC 9110. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers that {@code java.net.http} does not let a caller set, or that the SSE client sets. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "last-event-id");

  private final NodeAccess nodes;

  RequestValuesReader(NodeAccess nodes) {
    this.nodes = nodes;
  }

  /**
   * Returns the request headers of a channel: the headers of its messages, when every message
   * that declares headers has the same schema, either the same {@code $ref} target or the same
   * content. Messages with different headers schemas, such as a per-message type header, give the
   * channel no request headers, with a warning at the channel.
   */
  Optional<RequestValuesModel> channelHeaders(
      String channelId, SourcePosition channelPosition, List<MessageModel> messages) {
    MessageModel first = null;
    String firstContent = null;
    boolean differ = false;
    List<String> withHeaders = new ArrayList<>();
    for (MessageModel message : messages) {
      if (message.headers() == null) {
        continue;
      }
      withHeaders.add(message.id());
      String content = content(message.headers(), new HashSet<>(), 0);
      if (first == null) {
        first = message;
        firstContent = content;
      } else if (!firstContent.equals(content)) {
        differ = true;
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    if (differ) {
      nodes.problems().warning(
          channelPosition, Messages.differentChannelHeaders(channelId, withHeaders));
      return Optional.empty();
    }
    Optional<RequestValuesModel> headers = read(first.headers());
    for (String name : headers.map(RequestValuesModel::names).orElse(List.of())) {
      Optional<String> problem = headerNameProblem(name);
      if (problem.isPresent()) {
        nodes.problems().warning(
            first.headers().position(), Messages.invalidHeaderName(name, first.id(), problem.get()));
        return Optional.empty();
      }
    }
    return headers;
  }

  /**
   * Returns the content of a schema as canonical text, with keys sorted and every {@code $ref}
   * replaced by its target, so that two schemas with equal text describe the same values. A
   * reference back into a schema being expanded, or one nested deeper than a schema plausibly is,
   * stays a reference.
   */
  private String content(Node raw, Set<String> expanding, int depth) {
    Optional<Node> resolved = nodes.refs().resolve(raw);
    if (resolved.isEmpty()) {
      return "unresolved " + raw.location();
    }
    Node node = resolved.get();
    if (depth > 32 || !expanding.add(node.location())) {
      return "$ref " + node.location();
    }
    StringBuilder text = new StringBuilder();
    if (node instanceof MapNode map) {
      text.append('{');
      new TreeMap<>(map.entries()).forEach((key, value) -> text.append(quoted(key)).append(':')
          .append(content(value, expanding, depth + 1)).append(','));
      text.append('}');
    } else if (node instanceof ListNode list) {
      text.append('[');
      list.items().forEach(item -> text.append(content(item, expanding, depth + 1)).append(','));
      text.append(']');
    } else if (node instanceof ScalarNode scalar) {
      Object value = scalar.value();
      text.append(value instanceof String string ? quoted(string) : String.valueOf(value));
    }
    expanding.remove(node.location());
    return text.toString();
  }

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Optional<String> headerNameProblem(String name) {
    if (!TOKEN.matcher(name).matches()) {
      return Optional.of("an HTTP header name is a token without spaces or separators");
    }
    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("the HTTP client sets this header itself");
    }
    return Optional.empty();
  }

  /** Returns the values described by {@code schema}, or empty when it declares no property. */
  Optional<RequestValuesModel> read(Node schema) {
    Map<String, Boolean> jsonValuedByName = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    collect(schema, jsonValuedByName, required, 0);
    if (jsonValuedByName.isEmpty()) {
      return Optional.empty();
    }
    List<String> jsonValued = new ArrayList<>();
    jsonValuedByName.forEach((name, json) -> {
      if (json) {
        jsonValued.add(name);
      }
    });
    required.retainAll(jsonValuedByName.keySet());
    return Optional.of(new RequestValuesModel(
        schema, List.copyOf(jsonValuedByName.keySet()), jsonValued, required));
  }

  private void collect(Node raw, Map<String, Boolean> properties, List<String> required, int depth) {
    // allOf chains deeper than this are cycles in practice; the type mapper reports those.
    if (depth > 16) {
      return;
    }
    Optional<Node> resolved = nodes.refs().resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode schema)) {
      return;
    }
    nodes.object(schema, "properties").ifPresent(map -> map.entries().forEach((name, property) ->
        properties.putIfAbsent(name, !isString(property))));
    for (Node item : nodes.list(schema, "required")) {
      Optional<String> name = NodeAccess.text(item);
      if (name.isPresent() && !required.contains(name.get())) {
        required.add(name.get());
      }
    }
    for (Node member : nodes.list(schema, "allOf")) {
      collect(member, properties, required, depth + 1);
    }
  }

  /** Returns whether the property's value is plain text: type {@code string}, or no type. */
  private boolean isString(Node raw) {
    Optional<Node> resolved = nodes.refs().resolve(raw);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode property)) {
      return true;
    }
    Optional<Node> type = property.get("type");
    if (type.isEmpty()) {
      return !property.has("properties") && !property.has("items");
    }
    if (type.get() instanceof ListNode types) {
      return types.items().stream()
          .map(NodeAccess::text)
          .flatMap(Optional::stream)
          .allMatch(name -> name.equals("string") || name.equals("null"));
    }
    return NodeAccess.text(type.get()).map(name -> name.equals("string")).orElse(true);
  }
}
