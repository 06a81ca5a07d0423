package dev.asyncsse.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;

/**
 * Judges JSON values twice: by decoding them into a generated type, and with an independent JSON
 * Schema validator (networknt) against the schema in the document. A test states the verdict it
 * expects, and both must give it.
 */
final class SchemaVerdicts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Schema schema;
  private final Class<?> type;

  /**
   * @param yamlDocument the AsyncAPI document the type was generated from
   * @param pointer the JSON pointer of the type's schema in that document
   * @param version the JSON Schema version that the validator applies
   */
  SchemaVerdicts(String yamlDocument, String pointer, SpecificationVersion version, Class<?> type)
      throws IOException {
    ObjectNode root = (ObjectNode) new YAMLMapper().readTree(yamlDocument);
    root.put("$ref", "#" + pointer);
    this.schema = SchemaRegistry.withDefaultDialect(version).getSchema(root);
    this.type = type;
  }

  /** Asserts that the validator and the generated type both accept {@code json}. */
  void accepts(String json) throws IOException {
    assertVerdict(json, true);
  }

  /** Asserts that the validator and the generated type both reject {@code json}. */
  void rejects(String json) throws IOException {
    assertVerdict(json, false);
  }

  /**
   * Asserts that the generated type accepts {@code json}, for a value that JSON Schema allows but
   * the validator rejects, such as a number inside a {@code const} object written as {@code 1.0}
   * where the schema writes {@code 1}.
   */
  void typeAccepts(String json) {
    assertEquals(true, decodes(json), "generated " + type.getSimpleName() + " on " + json);
  }

  private void assertVerdict(String json, boolean valid) throws IOException {
    JsonNode instance = JSON.readTree(json);
    assertEquals(valid, schema.validate(instance).isEmpty(),
        "validator on " + json + ": " + schema.validate(instance));
    assertEquals(valid, decodes(json), "generated " + type.getSimpleName() + " on " + json);
  }

  private boolean decodes(String json) {
    try {
      JsonCodec.jackson().decode(json, type);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
