package dev.asyncsse.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JSON Schema equality of {@link JsonTrees}, which generated records use to check {@code const}
 * and {@code enum} values, and the codec's reading of {@code Void}.
 */
class JsonTreesTest {

  /** A record with a property that allows only null, as generated for {@code type: "null"}. */
  public record Gone(Void gone) {}

  private static boolean equal(String first, String second) {
    return JsonTrees.schemaEquals(JsonTrees.parse(first), JsonTrees.parse(second));
  }

  @Test
  void numbersEqualByValue() {
    assertTrue(equal("1", "1.0"));
    assertTrue(equal("1", "1e0"));
    assertTrue(equal("0", "-0.0"));
    assertTrue(equal("12345678901234567890", "12345678901234567890.0"));
    assertFalse(equal("12345678901234567890", "12345678901234567891"));
    assertFalse(equal("1", "1.5"));
    assertFalse(equal("1", "\"1\""));
    assertFalse(equal("1", "true"));
  }

  @Test
  void objectsEqualInAnyOrder() {
    assertTrue(equal("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1.0,2],\"a\":1}"));
    assertFalse(equal("{\"a\":1}", "{\"a\":1,\"b\":null}"));
    assertFalse(equal("{\"a\":1,\"b\":2}", "{\"a\":1,\"c\":2}"));
    assertFalse(equal("{}", "[]"));
  }

  @Test
  void arraysEqualInOrder() {
    assertTrue(equal("[1,\"a\",null]", "[1.0,\"a\",null]"));
    assertFalse(equal("[1,2]", "[2,1]"));
    assertFalse(equal("[1]", "[1,1]"));
  }

  @Test
  void doublesCompareAsDoubles() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    assertFalse(JsonTrees.schemaEquals(nodes.numberNode(Double.NaN), nodes.numberNode(1)));
    assertTrue(JsonTrees.schemaEquals(
        nodes.numberNode(Double.POSITIVE_INFINITY), nodes.numberNode(Double.POSITIVE_INFINITY)));
    assertTrue(JsonTrees.schemaEquals(
        nodes.numberNode(new BigDecimal("2.50")), nodes.numberNode(2.5)));
  }

  @Test
  void equalsAnyConvertsJavaValues() {
    List<com.fasterxml.jackson.databind.JsonNode> allowed =
        List.of(JsonTrees.parse("{\"a\":1}"), JsonTrees.parse("[1,2]"));

    assertTrue(JsonTrees.equalsAny(Map.of("a", 1.0), allowed));
    assertTrue(JsonTrees.equalsAny(List.of(1L, 2L), allowed));
    assertTrue(JsonTrees.equalsAny(JsonTrees.parse("[1.0,2.0]"), allowed));
    assertFalse(JsonTrees.equalsAny(List.of(2, 1), allowed));
    assertFalse(JsonTrees.equalsAny("a", allowed));
  }

  @Test
  void voidReadsOnlyNull() {
    JsonCodec json = JsonCodec.jackson();

    assertNull(json.decode("{\"gone\":null}", Gone.class).gone());
    assertNull(json.decode("{}", Gone.class).gone());
    JsonCodecException number =
        assertThrows(JsonCodecException.class, () -> json.decode("{\"gone\":5}", Gone.class));
    assertEquals("gone: expected null, found the number 5 (line 1, column 9)", number.reason());
    assertThrows(JsonCodecException.class, () -> json.decode("{\"gone\":{}}", Gone.class));
    assertThrows(JsonCodecException.class, () -> json.decode("{\"gone\":false}", Gone.class));
  }
}
