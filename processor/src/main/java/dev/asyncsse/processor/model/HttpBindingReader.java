package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the HTTP bindings ({@code bindings.http}) of the operations on a channel: {@code method}
 * and {@code query}, from the operation itself, else from its traits, the last trait first.
 *
 * <p>An SSE stream is requested with GET, so any other method is reported as a warning and
 * ignored. The {@code query} schema describes the query parameters of that request.
 */
final class HttpBindingReader {

  private final NodeAccess nodes;
  private final RequestValuesReader values;

  HttpBindingReader(NodeAccess nodes) {
    this.nodes = nodes;
    this.values = new RequestValuesReader(nodes);
  }

  /**
   * Returns the query parameters of the first operation whose HTTP binding declares any, after
   * checking the method of each.
   *
   * @param operations the operations on one channel, each with the name used in messages
   */
  Optional<RequestValuesModel> query(List<NamedOperation> operations) {
    Optional<RequestValuesModel> query = Optional.empty();
    for (NamedOperation operation : operations) {
      Optional<MapNode> binding = binding(operation.node());
      if (binding.isEmpty()) {
        continue;
      }
      binding.get().get("method").ifPresent(method -> checkMethod(method, operation.name()));
      if (query.isEmpty()) {
        query = binding.get().get("query").flatMap(values::read);
      }
    }
    return query;
  }

  private void checkMethod(Node method, String operation) {
    String name = NodeAccess.text(method).orElse("");
    if (!name.toUpperCase(Locale.ROOT).equals("GET")) {
      nodes.problems().warning(method.position(), Messages.unsupportedHttpMethod(name, operation));
    }
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
      Optional<MapNode> http = source.get("bindings")
          .flatMap(bindings -> nodes.refs().resolve(bindings))
          .filter(MapNode.class::isInstance)
          .map(MapNode.class::cast)
          .flatMap(bindings -> bindings.get("http"))
          .flatMap(node -> nodes.refs().resolve(node))
          .filter(MapNode.class::isInstance)
          .map(MapNode.class::cast);
      if (http.isPresent()) {
        return http;
      }
    }
    return Optional.empty();
  }

  /** An operation object and the name that messages give it: its key, or its 2.x field. */
  record NamedOperation(String name, MapNode node) {}
}
