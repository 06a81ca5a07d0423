package dev.asyncsse.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncsse.processor.read.ListNode;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.types.EcmaPatternTranslator;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a JSON value that a schema accepts, for round-trip tests on third-party documents.
 *
 * <p>A schema's first example wins. Otherwise objects get every property, strings honour {@code
 * enum}, {@code const}, formats and lengths, numbers honour bounds, and a union takes its first
 * member. Patterns are not solved: a string with a pattern and no example gets the first of a
 * few plain words that matches it.
 */
final class SampleJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RefResolver refs;
  private final Set<String> path = new HashSet<>();

  SampleJson(RefResolver refs) {
    this.refs = refs;
  }

  JsonNode of(Node schema) {
    Optional<Node> resolved = refs.resolve(schema);
    if (resolved.isEmpty() || !(resolved.get() instanceof MapNode map)) {
      return JSON.textNode("any");
    }
    if (!path.add(map.location())) {
      return JSON.nullNode();
    }
    try {
      return sample(map);
    } finally {
      path.remove(map.location());
    }
  }

  private JsonNode sample(MapNode schema) {
    Optional<JsonNode> tagged = discriminatedMember(schema);
    if (tagged.isPresent()) {
      return tagged.get();
    }
    Optional<Node> example = firstExample(schema);
    if (example.isPresent()) {
      return toJson(example.get());
    }
    if (schema.get("const").orElse(null) instanceof ScalarNode constant) {
      return toJson(constant);
    }
    if (schema.get("enum").orElse(null) instanceof ListNode values && !values.items().isEmpty()) {
      return toJson(values.items().get(0));
    }
    for (String union : new String[] {"oneOf", "anyOf"}) {
      if (schema.get(union).orElse(null) instanceof ListNode members
          && !members.items().isEmpty()) {
        return of(members.items().get(0));
      }
    }
    String type = type(schema);
    switch (type) {
      case "object":
        return object(schema);
      case "array":
        ArrayNode array = JSON.arrayNode();
        Optional<Node> items = schema.get("items");
        int count = Math.max(1, intValue(schema, "minItems", 1));
        for (int i = 0; i < count && items.isPresent() && !(items.get() instanceof ListNode); i++) {
          array.add(of(items.get()));
        }
        return array;
      case "integer":
        return JSON.numberNode(bound(schema).longValue());
      case "number":
        return JSON.numberNode(bound(schema));
      case "boolean":
        return JSON.booleanNode(true);
      case "null":
        return JSON.nullNode();
      default:
        return JSON.textNode(string(schema));
    }
  }

  /**
   * Samples the first member of a union with a discriminator and sets the discriminator property
   * to that member's component key, which examples written by generators often leave as a
   * placeholder.
   */
  private Optional<JsonNode> discriminatedMember(MapNode schema) {
    Optional<Node> discriminator = schema.get("discriminator");
    if (discriminator.isEmpty()
        || !(schema.get("oneOf").or(() -> schema.get("anyOf")).orElse(null) instanceof ListNode members)
        || members.items().isEmpty()) {
      return Optional.empty();
    }
    String property = discriminator.get() instanceof MapNode map
        ? map.text("propertyName").orElse("")
        : ((ScalarNode) discriminator.get()).text();
    Node first = members.items().get(0);
    JsonNode sample = of(first);
    Optional<Node> target = refs.resolve(first);
    if (sample instanceof ObjectNode object && target.isPresent() && !isFixed(target.get(), property)) {
      object.put(property, dev.asyncsse.processor.read.JsonPointers.lastToken(target.get().pointer()));
    }
    return Optional.of(sample);
  }

  /** Returns whether the member fixes the property with {@code const} or {@code enum}. */
  private boolean isFixed(Node member, String property) {
    if (!(member instanceof MapNode map)
        || !(map.get("properties").orElse(null) instanceof MapNode properties)) {
      return false;
    }
    Optional<Node> schema = properties.get(property).flatMap(refs::resolve);
    return schema.isPresent() && schema.get() instanceof MapNode fixed
        && (fixed.has("const") || fixed.has("enum"));
  }

  private JsonNode object(MapNode schema) {
    ObjectNode object = JSON.objectNode();
    if (schema.get("allOf").orElse(null) instanceof ListNode members) {
      for (Node member : members.items()) {
        JsonNode part = of(member);
        if (part instanceof ObjectNode fields) {
          object.setAll(fields);
        } else if (!part.isNull() && !schema.has("properties")) {
          // An allOf around a string or number schema, which only adds a description.
          return part;
        }
      }
    }
    if (schema.get("properties").orElse(null) instanceof MapNode properties) {
      properties.entries().forEach((name, property) -> object.set(name, of(property)));
    }
    return object;
  }

  private static String type(MapNode schema) {
    Optional<Node> type = schema.get("type");
    if (type.isPresent() && type.get() instanceof ScalarNode scalar && scalar.value() != null) {
      return scalar.text();
    }
    if (type.isPresent() && type.get() instanceof ListNode list) {
      for (Node item : list.items()) {
        if (item instanceof ScalarNode scalar && !"null".equals(scalar.value())) {
          return scalar.text();
        }
      }
    }
    if (schema.has("properties") || schema.has("allOf") || schema.has("additionalProperties")) {
      return "object";
    }
    return schema.has("items") ? "array" : "string";
  }

  private static String string(MapNode schema) {
    String format = schema.text("format").orElse("");
    String value;
    switch (format) {
      case "date-time":
        return "2026-12-04T10:15:30Z";
      case "date":
        return "2026-12-04";
      case "time":
        return "10:15:30Z";
      case "uuid":
        return "3fa85f64-5717-4562-b3fc-2c963f66afa6";
      case "uri":
      case "iri":
      case "uri-reference":
      case "iri-reference":
        return "https://example.com/things/1";
      case "email":
        return "ada@example.com";
      case "hostname":
        return "streams.example.com";
      case "ipv4":
        return "192.0.2.10";
      case "ipv6":
        return "2001:db8::10";
      default:
        value = matchingWord(schema.text("pattern").orElse(null));
    }
    int min = intValue(schema, "minLength", 0);
    StringBuilder text = new StringBuilder(value);
    while (text.length() < min) {
      text.append('x');
    }
    int max = intValue(schema, "maxLength", Integer.MAX_VALUE);
    return text.length() > max ? text.substring(0, max) : text.toString();
  }

  /** Returns the first of a few plain words that {@code pattern} accepts. */
  private static String matchingWord(String pattern) {
    if (pattern == null) {
      return "sample";
    }
    String javaPattern = EcmaPatternTranslator.translated(pattern).orElse(null);
    if (javaPattern == null) {
      return "sample";
    }
    java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(javaPattern);
    for (String word : new String[] {"sample", "Sample", "SAMPLE", "abc123", "ABC-123", "ABC/DEF", "42"}) {
      if (compiled.matcher(word).find()) {
        return word;
      }
    }
    return "sample";
  }

  private static BigDecimal bound(MapNode schema) {
    for (String keyword : new String[] {"minimum", "exclusiveMinimum", "maximum"}) {
      if (schema.get(keyword).orElse(null) instanceof ScalarNode scalar
          && scalar.value() instanceof BigDecimal number) {
        return keyword.equals("exclusiveMinimum") ? number.add(BigDecimal.ONE) : number;
      }
    }
    return BigDecimal.ONE;
  }

  private static int intValue(MapNode schema, String keyword, int fallback) {
    if (schema.get(keyword).orElse(null) instanceof ScalarNode scalar
        && scalar.value() instanceof BigDecimal number) {
      return number.intValue();
    }
    return fallback;
  }

  private static Optional<Node> firstExample(MapNode schema) {
    if (schema.get("examples").orElse(null) instanceof ListNode examples
        && !examples.items().isEmpty()) {
      return Optional.of(examples.items().get(0));
    }
    return schema.get("example");
  }

  static JsonNode toJson(Node node) {
    if (node instanceof MapNode map) {
      ObjectNode object = JSON.objectNode();
      map.entries().forEach((key, value) -> object.set(key, toJson(value)));
      return object;
    }
    if (node instanceof ListNode list) {
      ArrayNode array = JSON.arrayNode();
      list.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    Object value = ((ScalarNode) node).value();
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof BigDecimal number) {
      return number.scale() <= 0 ? JSON.numberNode(number.toBigInteger()) : JSON.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return JSON.booleanNode(bool);
    }
    return JSON.textNode(value.toString());
  }
}
