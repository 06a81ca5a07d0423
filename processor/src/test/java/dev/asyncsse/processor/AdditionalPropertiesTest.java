package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.testing.compile.Compilation;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the {@code additionalProperties} map of a generated record contains every undeclared
 * property, whatever its name or value, and that a record that encodes decodes back equal.
 */
class AdditionalPropertiesTest {

  private static final String PACKAGE = "com.example.additionalproperties";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Additional properties\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload:\n"
          + "          $ref: '#/components/schemas/Thing'\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        id: {type: string}\n";

  private final JsonCodec json = JsonCodec.jackson();

  @TempDir Path dir;

  /** Compiles a {@code Thing} with the property {@code id} and the given further keywords. */
  private Class<?> thing(String keywords) throws Exception {
    Compilation compilation = compile(keywords);
    assertThat(compilation).succeededWithoutWarnings();
    return new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
  }

  private Compilation compile(String keywords) throws Exception {
    return Sources.compile(dir, PACKAGE, "things.yaml", HEAD + keywords, "-Xlint:all");
  }

  private static Object create(Class<?> thing, Object... arguments) throws Exception {
    Constructor<?> canonical = thing.getDeclaredConstructors()[0];
    try {
      return canonical.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static Object component(Object record, String name) throws Exception {
    return record.getClass().getMethod(name).invoke(record);
  }

  private static Map<String, Object> withNull(String key) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, null);
    return map;
  }

  private void assertRoundTrip(Object record) {
    String encoded = json.encode(record);
    assertEquals(record, json.decode(encoded, record.getClass()), encoded);
  }

  @Test
  void typedNullRejectedWithKey() throws Exception {
    Class<?> thing = thing("      additionalProperties: {type: integer}\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(thing, "1", withNull("count")));
    assertEquals("count: must not be null, because the additionalProperties schema does not"
        + " allow null", e.getMessage());
    JsonCodecException decoding = assertThrows(JsonCodecException.class,
        () -> json.decode("{\"id\":\"1\",\"count\":null}", thing));
    assertTrue(decoding.getMessage().contains("count: must not be null"), decoding.getMessage());
  }

  @Test
  void nullableTypedNullEncodesAsNull() throws Exception {
    Class<?> thing = thing("      additionalProperties: {type: [integer, 'null']}\n");

    Object record = create(thing, "1", withNull("count"));

    assertEquals("{\"id\":\"1\",\"count\":null}", json.encode(record));
    assertRoundTrip(record);
    Object decoded = json.decode("{\"count\":null,\"total\":2}", thing);
    Map<String, Object> expected = new LinkedHashMap<>(withNull("count"));
    expected.put("total", 2);
    assertEquals(expected, component(decoded, "additionalProperties"));
  }

  @Test
  void untypedNullBecomesNullNode() throws Exception {
    Class<?> thing = thing("      additionalProperties: true\n");

    Object record = create(thing, "1", withNull("extra"));

    assertEquals(Map.of("extra", NullNode.getInstance()), component(record, "additionalProperties"));
    assertEquals("{\"id\":\"1\",\"extra\":null}", json.encode(record));
    assertRoundTrip(record);
  }

  @Test
  void typedTreeRejectsNullNode() throws Exception {
    // The processor warns that it reads this schema as JsonNode, which is the case under test.
    Compilation compilation = compile("      additionalProperties: {type: [integer, string]}\n");
    assertThat(compilation).succeeded();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    Map<String, JsonNode> nullNode = Map.of("extra", NullNode.getInstance());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(thing, "1", nullNode));
    assertEquals("extra: must not be null, because the additionalProperties schema does not"
        + " allow null", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> create(thing, "1", withNull("extra")));
  }

  @Test
  void nullableWithPatternsEncodesNull() throws Exception {
    Class<?> thing = thing(
        "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: {type: [integer, 'null']}\n");

    Object record = create(thing, "1", Map.of("x-a", "a"), withNull("count"));

    assertEquals("{\"id\":\"1\",\"x-a\":\"a\",\"count\":null}", json.encode(record));
    assertRoundTrip(record);
  }

  @Test
  void typedNullWithPatternsRejected() throws Exception {
    Class<?> thing = thing(
        "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: {type: integer}\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(thing, "1", Map.of(), withNull("count")));
    assertEquals("count: must not be null, because the additionalProperties schema does not"
        + " allow null", e.getMessage());
    JsonCodecException decoding = assertThrows(JsonCodecException.class,
        () -> json.decode("{\"count\":null}", thing));
    assertTrue(decoding.getMessage().contains("count: must not be null"), decoding.getMessage());
  }

  @Test
  void propertyNamedLikeMapIsEntry() throws Exception {
    Class<?> thing = thing("      additionalProperties: {type: integer}\n");

    Object decoded = json.decode("{\"id\":\"1\",\"additionalProperties\":5,\"b\":2}", thing);

    assertEquals(Map.of("additionalProperties", 5, "b", 2),
        component(decoded, "additionalProperties"));
    assertEquals("{\"id\":\"1\",\"additionalProperties\":5,\"b\":2}", json.encode(decoded));
    assertRoundTrip(decoded);
    assertRoundTrip(create(thing, "1", Map.of("additionalProperties", 7)));
  }

  @Test
  void emptyNameRoundTripsWithPatterns() throws Exception {
    Class<?> matching = thing(
        "      patternProperties:\n"
            + "        '^[a-z]*$': {type: integer}\n");

    Object decoded = json.decode("{\"id\":\"1\",\"\":5}", matching);

    assertEquals(Map.of("", 5), component(decoded, "patternProperties"));
    assertRoundTrip(decoded);
    assertRoundTrip(create(matching, "1", Map.of("", 6)));
  }

  @Test
  void emptyNameGoesToAdditionalMap() throws Exception {
    Class<?> thing = thing(
        "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: {type: integer}\n");

    Object decoded = json.decode("{\"\":5,\"x-a\":\"a\"}", thing);

    assertEquals(Map.of("", 5), component(decoded, "additionalProperties"));
    assertEquals(Map.of("x-a", "a"), component(decoded, "patternProperties"));
    assertRoundTrip(decoded);
  }

  @Test
  void repeatedPropertyKeepsLastValue() throws Exception {
    Class<?> thing = thing(
        "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: {type: integer}\n");

    Object decoded = json.decode("{\"id\":\"1\",\"x-a\":\"a\",\"count\":1,"
        + "\"id\":\"2\",\"x-a\":\"b\",\"count\":2}", thing);

    assertEquals("2", component(decoded, "id"));
    assertEquals(Map.of("x-a", "b"), component(decoded, "patternProperties"));
    assertEquals(Map.of("count", 2), component(decoded, "additionalProperties"));
  }

  @Test
  void repeatedAdditionalKeepsLastValue() throws Exception {
    Class<?> thing = thing("      additionalProperties: {type: integer}\n");

    Object decoded =
        json.decode("{\"count\":1,\"id\":\"1\",\"count\":2,\"id\":\"2\"}", thing);

    assertEquals("2", component(decoded, "id"));
    assertEquals(Map.of("count", 2), component(decoded, "additionalProperties"));
  }

  @Test
  void requiredPropertyStillChecked() throws Exception {
    Class<?> thing = thing(
        "        size: {type: integer}\n"
            + "        note: {type: [string, 'null']}\n"
            + "      required: [id, size, note]\n"
            + "      additionalProperties: {type: integer}\n");

    Object decoded =
        json.decode("{\"size\":3,\"id\":\"1\",\"note\":\"n\",\"extra\":4}", thing);
    assertEquals(3, component(decoded, "size"));
    assertRoundTrip(decoded);
    Object nullNote = json.decode("{\"size\":3,\"id\":\"1\",\"note\":null}", thing);
    assertEquals(null, component(nullNote, "note"));
    String[][] cases = {
      {"{\"id\":\"1\",\"note\":\"n\"}", "size: required property is missing"},
      {"{\"id\":\"1\",\"size\":null,\"note\":\"n\"}", "size: required property is missing"},
      {"{\"size\":3,\"note\":\"n\"}", "id: required property is missing"},
      {"{\"id\":\"1\",\"size\":3}", "note: required property is missing"},
    };
    for (String[] missing : cases) {
      JsonCodecException e =
          assertThrows(JsonCodecException.class, () -> json.decode(missing[0], thing));
      assertTrue(e.getMessage().contains(missing[1]), e.getMessage());
    }
  }
}
