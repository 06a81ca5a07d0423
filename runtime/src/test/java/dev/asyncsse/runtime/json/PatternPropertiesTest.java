package dev.asyncsse.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternPropertiesTest {

  private static final List<Pattern> PATTERNS =
      List.of(Pattern.compile("^x-"), Pattern.compile("id$"));

  private static ObjectNode properties(String json) {
    return (ObjectNode) JsonTrees.parse(json);
  }

  @Test
  void matchesAnyFindsMatchAnywhere() {
    assertTrue(PatternProperties.matchesAny("x-a", PATTERNS));
    assertTrue(PatternProperties.matchesAny("userid", PATTERNS));
    assertFalse(PatternProperties.matchesAny("a-x-", PATTERNS));
    assertFalse(PatternProperties.matchesAny("x", List.of()));
  }

  @Test
  void matchingKeepsOrderAndConverts() {
    ObjectNode input = properties("{\"x-b\":2,\"other\":3,\"x-a\":1,\"uid\":4}");

    Map<String, Integer> matched =
        PatternProperties.matching(input, PATTERNS, node -> JsonTrees.convert(node, Integer.class));

    assertEquals(List.of("x-b", "x-a", "uid"), List.copyOf(matched.keySet()));
    assertEquals(Map.of("x-b", 2, "x-a", 1, "uid", 4), matched);
  }

  @Test
  void unmatchedKeepsTheRest() {
    ObjectNode input = properties("{\"x-b\":2,\"other\":[3]}");

    Map<String, JsonNode> rest = PatternProperties.unmatched(input, PATTERNS, node -> node);

    assertEquals("{other=[3]}", rest.toString());
  }

  @Test
  void nullPropertiesAreEmpty() {
    assertEquals(Map.of(), PatternProperties.matching(null, PATTERNS, node -> node));
    assertEquals(Map.of(), PatternProperties.unmatched(null, PATTERNS, node -> node));
    PatternProperties.rejectUnmatched(null, PATTERNS, "^x-, id$");
  }

  @Test
  void rejectUnmatchedNamesProperty() {
    PatternProperties.rejectUnmatched(properties("{\"x-a\":1,\"id\":2}"), PATTERNS, "^x-, id$");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternProperties.rejectUnmatched(
            properties("{\"x-a\":1,\"other\":2}"), PATTERNS, "^x-, id$"));
    assertEquals("other: unrecognized property, because the schema does not declare it, it"
        + " matches no patternProperties pattern (^x-, id$), and additionalProperties is false",
        e.getMessage());
  }

  @Test
  void conversionFailureNamesProperty() {
    ObjectNode input = properties("{\"x-a\":\"text\"}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternProperties.matching(
            input, PATTERNS, node -> JsonTrees.convert(node, Integer.class)));
    assertTrue(e.getMessage().startsWith("x-a: "), e.getMessage());
    assertTrue(e.getMessage().contains("found the string \"text\""), e.getMessage());
    assertNull(e.getCause());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void rejectDeclaredNamesKeyAndKeyword() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternProperties.rejectDeclared(
            Map.of("x-a", 1, "id", 2), Set.of("id"), "additionalProperties"));

    assertEquals("id: the additionalProperties map must not contain a property that the schema"
        + " declares under properties, so set its own component", e.getMessage());
    PatternProperties.rejectDeclared(Map.of("x-a", 1), Set.of("id"), "patternProperties");
  }

  @Test
  void rejectMatchedNamesKeyAndPatterns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternProperties.rejectMatched(Map.of("userid", true), PATTERNS, "^x-, id$"));

    assertEquals("userid: the additionalProperties map must not contain a name that matches a"
        + " patternProperties pattern (^x-, id$), so put it in the patternProperties map",
        e.getMessage());
    PatternProperties.rejectMatched(Map.of("other", true), PATTERNS, "^x-, id$");
  }

  @Test
  void keyChecksSkipNullKey() {
    Map<String, Boolean> additional = new HashMap<>();
    additional.put(null, true);

    PatternProperties.rejectDeclared(additional, Set.of("id"), "additionalProperties");
    PatternProperties.rejectMatched(additional, PATTERNS, "^x-, id$");
  }
}
