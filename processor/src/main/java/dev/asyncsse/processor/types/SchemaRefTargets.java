package dev.asyncsse.processor.types;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.JsonPointers;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the AsyncAPI object at a JSON pointer of an AsyncAPI document when that object is no
 * schema, such as a channel or {@code info}, so that a schema {@code $ref} to it can be reported.
 *
 * <p>Only the objects themselves are named: a pointer below a message, a parameter or a schema,
 * such as a message's {@code payload} or a parameter's {@code schema}, may be a schema and is
 * left alone, and so are {@code components/schemas}, {@code $defs} and {@code definitions}
 * anywhere.
 */
public final class SchemaRefTargets {

  /** The kind of object in each map under {@code components}, other than schemas. */
  private static final Map<String, String> COMPONENTS = Map.ofEntries(
      Map.entry("servers", "server"),
      Map.entry("serverVariables", "server variable"),
      Map.entry("channels", "channel"),
      Map.entry("operations", "operation"),
      Map.entry("messages", "message"),
      Map.entry("parameters", "parameter"),
      Map.entry("securitySchemes", "security scheme"),
      Map.entry("correlationIds", "correlation ID"),
      Map.entry("replies", "operation reply"),
      Map.entry("replyAddresses", "reply address"),
      Map.entry("externalDocs", "external documentation object"),
      Map.entry("tags", "tag"),
      Map.entry("operationTraits", "operation trait"),
      Map.entry("messageTraits", "message trait"),
      Map.entry("serverBindings", "server bindings object"),
      Map.entry("channelBindings", "channel bindings object"),
      Map.entry("operationBindings", "operation bindings object"),
      Map.entry("messageBindings", "message bindings object"));

  private SchemaRefTargets() {}

  /**
   * Reports a schema {@code $ref} whose target is an AsyncAPI object that is no schema, at the
   * {@code $ref}, and returns whether it did. A target in a file that is no AsyncAPI document,
   * such as a file of schemas, is never reported.
   *
   * @param ref the object that contains the {@code $ref}
   * @param target the end of its reference chain
   */
  public static boolean reportNonSchema(
      MapNode ref, Node target, RefResolver refs, Problems problems) {
    if (!refs.inAsyncApiDocument(target)) {
      return false;
    }
    Optional<String> found = nonSchemaObject(target.pointer());
    if (found.isEmpty()) {
      return false;
    }
    Node value = ref.get("$ref").orElse(ref);
    problems.error(
        value.position(), Messages.refNotSchema(ref.text("$ref").orElse(""), found.get()));
    return true;
  }

  /**
   * Returns what the object at {@code pointer} is, such as {@code channel "ticks"}, when it is
   * an AsyncAPI object that is no schema; otherwise returns empty.
   */
  static Optional<String> nonSchemaObject(String pointer) {
    List<String> tokens = JsonPointers.split(pointer);
    if (tokens.isEmpty()) {
      return Optional.of("the document's root object");
    }
    String top = tokens.get(0);
    return switch (top) {
      case "info" ->
          Optional.of(tokens.size() == 1 ? "the info object" : "part of the info object");
      case "servers" -> named(tokens, "servers object", "server");
      case "operations" -> named(tokens, "operations object", "operation");
      case "channels" -> channelObject(tokens);
      case "components" -> componentObject(tokens);
      default -> Optional.empty();
    };
  }

  /** Names {@code /top} and {@code /top/name}, and nothing below them. */
  private static Optional<String> named(List<String> tokens, String map, String item) {
    if (tokens.size() == 1) {
      return Optional.of("the " + map);
    }
    if (tokens.size() == 2) {
      return Optional.of(item + " " + quote(tokens.get(1)));
    }
    return Optional.empty();
  }

  /** Names a channel, and a 3.x channel's message or parameter and a 2.x channel's operation. */
  private static Optional<String> channelObject(List<String> tokens) {
    if (tokens.size() <= 2) {
      return named(tokens, "channels object", "channel");
    }
    String channel = " of channel " + quote(tokens.get(1));
    String field = tokens.get(2);
    if (tokens.size() == 4 && field.equals("messages")) {
      return Optional.of("message " + quote(tokens.get(3)) + channel);
    }
    if (tokens.size() == 4 && field.equals("parameters")) {
      return Optional.of("parameter " + quote(tokens.get(3)) + channel);
    }
    boolean operation = field.equals("publish") || field.equals("subscribe");
    if (operation && tokens.size() == 3) {
      return Optional.of("the " + field + " operation" + channel);
    }
    if (operation && tokens.size() == 4 && tokens.get(3).equals("message")) {
      return Optional.of("the message of the " + field + " operation" + channel);
    }
    return Optional.empty();
  }

  /** Names {@code components}, its maps, and every component that is not under schemas. */
  private static Optional<String> componentObject(List<String> tokens) {
    if (tokens.size() == 1) {
      return Optional.of("the components object");
    }
    String kind = tokens.get(1);
    if (tokens.size() == 2 && kind.equals("schemas")) {
      return Optional.of("the map components/schemas itself");
    }
    if (tokens.size() == 2 && COMPONENTS.containsKey(kind)) {
      return Optional.of("the map components/" + kind);
    }
    if (tokens.size() == 3 && COMPONENTS.containsKey(kind)) {
      return Optional.of(COMPONENTS.get(kind) + " " + quote(tokens.get(2)));
    }
    return Optional.empty();
  }

  private static String quote(String name) {
    return Messages.quote(name);
  }
}
