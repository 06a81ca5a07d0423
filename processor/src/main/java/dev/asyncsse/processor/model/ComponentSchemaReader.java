package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the schemas under {@code components/schemas} that later steps check as JSON Schema, so
 * that a schema no message uses has its errors reported too.
 *
 * <p>A Multi Format Schema Object stands for the schema inside it when its {@code schemaFormat} is
 * JSON Schema, and is left out otherwise. A component that a schema in another format, such as an
 * Avro payload, reaches through {@code $ref} is left out too, because it is most likely written
 * in that format. An entry that is neither an object nor a boolean is no schema: it is reported as
 * an error at its value and left out.
 */
final class ComponentSchemaReader {

  private final RefResolver refs;
  private final Problems problems;

  ComponentSchemaReader(RefResolver refs, Problems problems) {
    this.refs = refs;
    this.problems = problems;
  }

  /**
   * Returns the JSON Schemas under {@code components/schemas} by key, in document order.
   *
   * @param otherFormats the schemas that messages declare in a format other than JSON Schema
   */
  Map<String, Node> read(MapNode document, List<Node> otherFormats) {
    Map<String, Node> schemas = new LinkedHashMap<>();
    // A components or schemas value of the wrong kind is reported when the model checks the
    // components sections.
    if (!(document.get("components").orElse(null) instanceof MapNode components)
        || !(components.get("schemas").orElse(null) instanceof MapNode entries)) {
      return schemas;
    }
    Set<String> otherFormatNodes = refs.reachable(otherFormats);
    for (Map.Entry<String, Node> entry : entries.entries().entrySet()) {
      jsonSchema(entry.getKey(), entry.getValue())
          .filter(schema -> !otherFormatNodes.contains(entry.getValue().location()))
          .ifPresent(schema -> schemas.put(entry.getKey(), schema));
    }
    return schemas;
  }

  private Optional<Node> jsonSchema(String key, Node entry) {
    if (entry instanceof MapNode map && map.has("schemaFormat") && map.has("schema")) {
      boolean json = NodeAccess.text(map.get("schemaFormat").orElseThrow())
          .filter(SchemaFormats::isJsonSchema)
          .isPresent();
      return json ? checked(key, map.get("schema").orElseThrow()) : Optional.empty();
    }
    return checked(key, entry);
  }

  /** Returns {@code schema} when it is an object or a boolean, else reports it. */
  private Optional<Node> checked(String key, Node schema) {
    if (schema instanceof MapNode
        || schema instanceof ScalarNode scalar && scalar.value() instanceof Boolean) {
      return Optional.of(schema);
    }
    // A message's payload that refers to the entry has reported it already.
    if (!problems.hasErrorAt(schema.position())) {
      problems.error(schema.position(), Messages.componentSchemaKind(key, schema.describe()));
    }
    return Optional.empty();
  }
}
