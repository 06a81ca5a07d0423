package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.model.ApiModel;
import dev.asyncsse.processor.model.ChannelModel;
import dev.asyncsse.processor.model.MessageModel;
import dev.asyncsse.processor.model.ModelReader;
import dev.asyncsse.processor.read.DocumentFile;
import dev.asyncsse.processor.read.DocumentSet;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.types.JavaNames;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated payload types against an independent JSON Schema validator (networknt):
 * for valid samples and many mutations of them, a JSON value decodes into the generated type if
 * and only if the validator accepts it against the document's schema.
 */
class ValidatorCrossCheckTest {

  private static final String DOCUMENT = "codegen-payload-types-v3.json";
  private static final String PACKAGE = "crosscheck.payloads";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void generatedTypesAgreeWithJsonSchemaValidator() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, DOCUMENT));
    assertThat(compilation).succeeded();
    CompiledClasses classes = new CompiledClasses(compilation);

    Path file = Corpus.dir().resolve(DOCUMENT);
    JsonNode document = new ObjectMapper().readTree(file.toFile());
    Problems problems = new Problems();
    DocumentSet documents =
        new DocumentSet(new DocumentFile(DOCUMENT, file.toUri()), Files.readAllBytes(file), problems);
    RefResolver refs = new RefResolver(documents, problems);
    ApiModel api = new ModelReader(refs, problems).read(documents.mainRoot().orElseThrow()).orElseThrow();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    List<String> disagreements = new ArrayList<>();
    Map<String, List<String>> differences = new LinkedHashMap<>();
    int checked = 0;
    for (ChannelModel channel : api.channels()) {
      for (MessageModel message : channel.messages()) {
        if (message.payload() == null) {
          continue;
        }
        Class<?> client = classes.loadClass(PACKAGE + "." + JavaNames.typeName(channel.id() + "Client"));
        MessageType<?> type =
            (MessageType<?>) client.getField(JavaNames.constantName(message.id())).get(null);
        Schema schema = registry.getSchema(schemaWithin(document, message.payload().pointer()));
        JsonNode valid = new SampleJson(refs).of(message.payload());
        for (JsonNode instance : variants(valid)) {
          boolean validatorAccepts = schema.validate(instance).isEmpty();
          boolean typeAccepts = decodes(type, instance);
          checked++;
          if (validatorAccepts == typeAccepts) {
            continue;
          }
          String known = knownDifference(channel, message, instance, typeAccepts, refs);
          if (known != null) {
            differences.computeIfAbsent(known, key -> new ArrayList<>()).add(channel.id());
            continue;
          }
          disagreements.add(channel.id() + ": " + instance + " validator="
              + (validatorAccepts ? "valid" : "invalid " + schema.validate(instance))
              + " generated type=" + (typeAccepts ? "accepts" : "rejects"));
        }
      }
    }

    assertTrue(checked > 300, "only " + checked + " instances checked");
    assertEquals(List.of(), disagreements, disagreements.size() + " of " + checked + " disagree");
    // Each stated difference must still occur, so the list cannot hide a fixed or changed rule.
    assertEquals(
        java.util.Set.of(NULL_AS_ABSENT, NULL_PAYLOAD, TUPLE_ITEMS, UNKNOWN_ENUM_VALUE),
        differences.keySet(),
        "stated differences that occurred: " + differences);
  }

  /** An explicit null for an optional property that does not allow null is read as absent. */
  private static final String NULL_AS_ABSENT = "explicit null read as absent";

  /** A payload of JSON null is never delivered as a message, even where the schema allows it. */
  private static final String NULL_PAYLOAD = "null payload not delivered";

  /** Positional items ({@code items} as an array) are read without per-position type checks. */
  private static final String TUPLE_ITEMS = "tuple items unchecked";

  /**
   * A string that a string enum of two or more values does not list is read as the enum's
   * {@code UNKNOWN} constant, so a stream survives values added to the document later.
   */
  private static final String UNKNOWN_ENUM_VALUE = "unknown enum string read as UNKNOWN";

  /**
   * Returns which stated difference explains a disagreement, or null when none does: a null for
   * an optional property accepted, a null payload rejected, any item accepted in a tuple, or an
   * unknown enum string accepted.
   */
  private static String knownDifference(ChannelModel channel, MessageModel message,
      JsonNode instance, boolean typeAccepts, RefResolver refs) {
    if (!typeAccepts && instance.isNull()) {
      return NULL_PAYLOAD;
    }
    if (typeAccepts && instance.isTextual() && isOpenEnum(message.payload(), refs)) {
      return UNKNOWN_ENUM_VALUE;
    }
    if (typeAccepts && instance.isArray() && isTuple(message, refs)) {
      return TUPLE_ITEMS;
    }
    if (typeAccepts && instance instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isNull() && !required(message, field.getKey(), refs)) {
          return NULL_AS_ABSENT;
        }
      }
    }
    return null;
  }

  /** Returns whether the schema is a string enum of two or more values. */
  private static boolean isOpenEnum(dev.asyncsse.processor.read.Node schema, RefResolver refs) {
    if (!(refs.resolve(schema).orElseThrow() instanceof dev.asyncsse.processor.read.MapNode map)
        || !(map.get("enum").orElse(null) instanceof dev.asyncsse.processor.read.ListNode values)) {
      return false;
    }
    long strings = values.items().stream()
        .filter(value -> value instanceof dev.asyncsse.processor.read.ScalarNode scalar
            && scalar.value() instanceof String)
        .count();
    return strings > 1;
  }

  private static boolean isTuple(MessageModel message, RefResolver refs) {
    return refs.resolve(message.payload()).orElseThrow()
        instanceof dev.asyncsse.processor.read.MapNode schema
        && schema.get("items").orElse(null) instanceof dev.asyncsse.processor.read.ListNode;
  }

  private static boolean required(MessageModel message, String property, RefResolver refs) {
    if (refs.resolve(message.payload()).orElseThrow()
            instanceof dev.asyncsse.processor.read.MapNode schema
        && schema.get("required").orElse(null) instanceof dev.asyncsse.processor.read.ListNode names) {
      return names.items().stream()
          .anyMatch(name -> name instanceof dev.asyncsse.processor.read.ScalarNode scalar
              && property.equals(scalar.value()));
    }
    return false;
  }

  /** Returns the whole document with a root {@code $ref} to the payload, so its refs resolve. */
  private static JsonNode schemaWithin(JsonNode document, String pointer) {
    ObjectNode root = ((ObjectNode) document).deepCopy();
    root.put("$ref", "#" + pointer);
    return root;
  }

  private static boolean decodes(MessageType<?> type, JsonNode instance) {
    try {
      type.decode(instance.toString(), JsonCodec.jackson());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Returns the valid sample and values derived from it that break one rule at a time. */
  private static List<JsonNode> variants(JsonNode valid) {
    List<JsonNode> variants = new ArrayList<>();
    variants.add(valid);
    variants.addAll(replacements(valid));
    if (valid instanceof ObjectNode object) {
      Iterator<String> names = object.fieldNames();
      List<String> fields = new ArrayList<>();
      names.forEachRemaining(fields::add);
      for (String field : fields) {
        ObjectNode without = object.deepCopy();
        without.remove(field);
        variants.add(without);
        for (JsonNode replacement : replacements(object.get(field))) {
          ObjectNode changed = object.deepCopy();
          changed.set(field, replacement);
          variants.add(changed);
        }
      }
    }
    return variants;
  }

  /** Returns values of other types and edge values of the same type. */
  private static List<JsonNode> replacements(JsonNode value) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put("text", NODES.textNode("text"));
    values.put("number", NODES.numberNode(12345));
    values.put("boolean", NODES.booleanNode(false));
    values.put("object", NODES.objectNode().put("unexpected", 1));
    values.put("array", NODES.arrayNode().add(1));
    values.put("null", NODES.nullNode());
    if (value.isTextual()) {
      values.put("empty", NODES.textNode(""));
      values.put("long", NODES.textNode("y".repeat(300)));
      values.put("date-time", NODES.textNode("2026-12-04T10:15:30Z"));
      values.put("email", NODES.textNode("someone@example.com"));
    }
    if (value.isNumber()) {
      values.put("negative", NODES.numberNode(-1_000_000));
      values.put("large", NODES.numberNode(1_000_000));
      values.put("fraction", NODES.numberNode(0.5));
      values.put("zero", NODES.numberNode(0));
    }
    if (value.isArray() && !value.isEmpty()) {
      ArrayNode duplicated = ((ArrayNode) value).deepCopy();
      duplicated.add(value.get(0));
      values.put("duplicated", duplicated);
      ArrayNode many = NODES.arrayNode();
      for (int i = 0; i < 12; i++) {
        many.add(value.get(0));
      }
      values.put("many", many);
      values.put("empty-array", NODES.arrayNode());
    }
    return new ArrayList<>(values.values());
  }
}
