package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the HTTP bindings ({@code bindings.http}) of the operations on a channel: {@code method}
 * and {@code query}, from the operation itself, else from its traits, the last trait first.
 *
 * <p>The {@code method} opens the channel's stream, GET when no operation sets one. An operation's
 * binding without a method takes it from the channel's {@code bindings.http}, which the HTTP binding
 * leaves empty but some documents use. A method that is not an HTTP token is an error. A method
 * whose response cannot carry a stream is reported as a warning and ignored, and operations that
 * ask for different methods are an error. The {@code query} schema describes the query parameters
 * of the request.
 */
final class HttpBindingReader {

  /** The method of a channel whose operations set none. */
  static final String DEFAULT_METHOD = "GET";

  /** An HTTP method: a token of RFC 9110, section 5.6.2, one or more tchar. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  /** Methods whose responses cannot carry an event stream. */
  private static final Set<String> UNSUPPORTED_METHODS =
      Set.of("HEAD", "CONNECT", "TRACE", "OPTIONS");

  private final NodeAccess nodes;
  private final RequestValuesReader values;

  HttpBindingReader(NodeAccess nodes) {
    this.nodes = nodes;
    this.values = new RequestValuesReader(nodes);
  }

  /**
   * Returns the query parameters of the first operation whose HTTP binding declares any.
   *
   * @param operations the operations on one channel, each with the name used in messages
   */
  Optional<RequestValuesModel> query(List<NamedOperation> operations) {
    Optional<RequestValuesModel> query = Optional.empty();
    for (NamedOperation operation : operations) {
      Optional<MapNode> binding = binding(operation.node());
      if (binding.isPresent() && query.isEmpty()) {
        query = nodes.object(binding.get(), "query").flatMap(values::read);
      }
    }
    return query;
  }

  /**
   * Returns the HTTP method that opens the channel's stream: the one every operation that sets a
   * supported method agrees on, else GET. Reports unsupported and conflicting methods.
   *
   * @param channelId the channel's key, for messages
   * @param channel the channel object, whose {@code bindings.http.method} operations inherit
   * @param operations the operations on the channel, each with the name used in messages
   */
  String method(String channelId, MapNode channel, List<NamedOperation> operations) {
    Optional<Node> channelMethod = httpBinding(channel).flatMap(http -> http.get("method"));
    String chosen = null;
    String chosenBy = null;
    for (NamedOperation operation : operations) {
      Optional<Node> node = binding(operation.node())
          .flatMap(http -> http.get("method"))
          .or(() -> channelMethod);
      if (node.isEmpty()) {
        continue;
      }
      Optional<String> method = supportedMethod(node.get(), operation.name());
      if (method.isEmpty()) {
        continue;
      }
      if (chosen == null) {
        chosen = method.get();
        chosenBy = operation.name();
      } else if (!chosen.equals(method.get())) {
        nodes.problems().error(node.get().position(), Messages.conflictingHttpMethods(
            channelId, chosenBy, chosen, operation.name(), method.get()));
      }
    }
    return chosen == null ? DEFAULT_METHOD : chosen;
  }

  /**
   * Returns the method in upper case, as the HTTP binding lists them, when it can open an event
   * stream; otherwise reports it and returns empty.
   */
  private Optional<String> supportedMethod(Node node, String operation) {
    if (!(node instanceof ScalarNode scalar && scalar.value() instanceof String)) {
      nodes.problems().error(
          node.position(), Messages.expectedKind("method", "a string", node.kind()));
      return Optional.empty();
    }
    String name = NodeAccess.text(node).orElse("");
    // Checked before upper-casing, because toUpperCase turns some non-ASCII letters into ASCII.
    if (!TOKEN.matcher(name).matches()) {
      nodes.problems().error(node.position(), Messages.invalidHttpMethod(name));
      return Optional.empty();
    }
    String method = name.toUpperCase(Locale.ROOT);
    if (UNSUPPORTED_METHODS.contains(method)) {
      nodes.problems().warning(node.position(), Messages.unsupportedHttpMethod(name, operation));
      return Optional.empty();
    }
    return Optional.of(method);
  }

  private Optional<MapNode> httpBinding(MapNode owner) {
    return nodes.object(owner, "bindings").flatMap(bindings -> nodes.object(bindings, "http"));
  }

  private Optional<MapNode> binding(MapNode operation) {
    List<MapNode> sources = new ArrayList<>();
    sources.add(operation);
    List<Node> traits = operation.get("traits").isPresent()
        ? nodes.list(operation, "traits")
        : List.of();
    for (int i = traits.size() - 1; i >= 0; i--) {
      nodes.resolveObject(traits.get(i), "operation trait").ifPresent(sources::add);
    }
    for (MapNode source : sources) {
      Optional<MapNode> http = httpBinding(source);
      if (http.isPresent()) {
        return http;
      }
    }
    return Optional.empty();
  }

  /** An operation object and the name that messages give it: its key, or its 2.x field. */
  record NamedOperation(String name, MapNode node) {}
}
