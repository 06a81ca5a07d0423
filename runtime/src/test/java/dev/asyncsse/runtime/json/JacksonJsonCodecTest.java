package dev.asyncsse.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.asyncsse.runtime.TypeToken;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The byte entry point of the Jackson codec against its text entry point, and the codec's error
 * messages for encoding and for JSON trees.
 */
class JacksonJsonCodecTest {

  /** A payload type whose constructor checks a value, as generated records do. */
  public record Signup(String name, String email) {
    public Signup {
      if (email != null && email.indexOf('@') < 0) {
        throw new IllegalArgumentException("email: must contain @, but was " + email);
      }
    }
  }

  /** A value whose accessor fails, as the UNKNOWN constant of a generated enum does. */
  public record Unsendable(String level) {
    @Override
    public String level() {
      throw new IllegalStateException("Level.UNKNOWN cannot be sent");
    }
  }

  /** A payload with a value that cannot be written and one that Jackson has no way to write. */
  public record Holder(Unsendable unsendable, Object opaque) {}

  /** A record with a primitive property that Jackson itself requires. */
  public record Required(@JsonProperty(value = "count", required = true) int count) {}

  /** A record with floating-point values, primitive and boxed, as generated for numbers. */
  public record Measure(double value, Double limit, float ratio) {}

  /** A record with a JSON tree value, as generated for a schema without a type. */
  public record Tree(JsonNode value) {}

  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.type();
  private static final Type LIST = new TypeToken<List<Integer>>() {}.type();

  private final JsonCodec codec = JsonCodec.jackson();

  @Test
  void floatingPointReadsOnlyFiniteNumbers() {
    assertEquals(
        new Measure(1.5, null, 2f),
        codec.decode("{\"value\":1.5,\"limit\":null,\"ratio\":2}", Measure.class));
    assertEquals(
        new Measure(-1e308, 3.0, 3.4e38f),
        codec.decode("{\"value\":-1e308,\"limit\":3,\"ratio\":3.4e38}", Measure.class));

    for (String special : List.of("NaN", "Infinity", "-Infinity")) {
      JsonCodecException e = assertThrows(JsonCodecException.class,
          () -> codec.decode("{\"value\":\"" + special + "\",\"ratio\":1}", Measure.class));
      assertEquals("value: expected a number, found the string \"" + special
          + "\" (line 1, column 10)", e.reason());
      assertThrows(JsonCodecException.class,
          () -> codec.decode("{\"value\":1,\"limit\":\"" + special + "\",\"ratio\":1}",
              Measure.class));
    }

    JsonCodecException tooLarge = assertThrows(JsonCodecException.class,
        () -> codec.decode("{\"value\":1e400,\"ratio\":1}", Measure.class));
    assertEquals("value: expected a number of magnitude up to about 1.8e308, which a double"
        + " holds, found the number 1e400 (line 1, column 10)", tooLarge.reason());
    JsonCodecException tooLargeFloat = assertThrows(JsonCodecException.class,
        () -> codec.decode("{\"value\":1,\"ratio\":-1e39}".getBytes(StandardCharsets.UTF_8),
            0, 25, Measure.class));
    assertEquals("ratio: expected a number of magnitude up to about 3.4e38, which a float"
        + " holds, found the number -1e39 (line 1, column 20)", tooLargeFloat.reason());
  }

  @Test
  void treeReadsOnlyFiniteNumbers() {
    Tree finite = codec.decode("{\"value\":[1.5,-1e308,123456789012345678901234567890]}",
        Tree.class);
    assertEquals("{\"value\":[1.5,-1.0E308,123456789012345678901234567890]}",
        codec.encode(finite));

    JsonCodecException tooLarge = assertThrows(JsonCodecException.class,
        () -> codec.decode("{\"value\":1e999999999}", Tree.class));
    assertEquals("value: expected a number of magnitude up to about 1.8e308, which a double"
        + " holds, found the number 1e999999999 (line 1, column 10)", tooLarge.reason());
    byte[] nested = "{\"value\":[1,{\"a\":-1e400}]}".getBytes(StandardCharsets.UTF_8);
    JsonCodecException nestedTooLarge = assertThrows(JsonCodecException.class,
        () -> codec.decode(nested, 0, nested.length, Tree.class));
    assertEquals("value: expected a number of magnitude up to about 1.8e308, which a double"
        + " holds, found the number -1e400 (line 1, column 18)", nestedTooLarge.reason());
    JsonCodecException root = assertThrows(JsonCodecException.class,
        () -> codec.decode("[1e400]", JsonNode.class));
    assertEquals("expected a number of magnitude up to about 1.8e308, which a double holds,"
        + " found the number 1e400 (line 1, column 2)", root.reason());
    IllegalArgumentException parsed =
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.parse("{\"a\":1e400}"));
    assertEquals("expected a number of magnitude up to about 1.8e308, which a double holds,"
        + " found the number 1e400 (line 1, column 6)", parsed.getMessage());
  }

  @Test
  void repeatedPropertyKeepsLastValue() {
    assertEquals(new Signup("b", "a@b"),
        codec.decode("{\"name\":\"a\",\"name\":\"b\",\"email\":\"a@b\"}", Signup.class));
    assertEquals(Map.of("a", Map.of("k", 2)),
        codec.decode("{\"a\":{\"k\":1,\"k\":2}}", MAP));
    assertEquals("{\"k\":2}", codec.encode(codec.decode("{\"k\":1,\"k\":2}", JsonNode.class)));
    assertEquals("{\"k\":2}", codec.encode(JsonTrees.parse("{\"k\":1,\"k\":2}")));
  }

  @Test
  void propertyRepeatedAfterRecordNamed() {
    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> codec.decode("{\"name\":\"a\",\"email\":\"a@b\",\"name\":\"b\"}", Signup.class));
    assertEquals("name: the object repeats this property, which the record reads only once",
        e.reason());
  }

  @Test
  void bytesDecodeLikeText() {
    assertDecodesAlike(
        "{\"name\":\"Zo\u00EB \u8C46 \uD83D\uDE00\",\"email\":\"z@x.org\"}", Signup.class);
    assertDecodesAlike(" \n{\"name\":\"a\",\n\"email\":\"a@b\"}\t", Signup.class);
    assertDecodesAlike("{\"name\":\"\\u00e9\\n\",\"extra\":[1,2]}", MAP);
    assertDecodesAlike("[1, 2, 3]", LIST);
    assertDecodesAlike("\"\u00E9\"", String.class);
    assertDecodesAlike("7", Integer.class);
    assertDecodesAlike("null", Object.class);
  }

  @Test
  void bytesFailLikeText() {
    String[] inputs = {
      "",
      " ",
      "{",
      "{not json",
      "{\"name\":\"a\"} trailing",
      "{\"name\":7,\"email\":\"a@b\"}",
      "{\"name\":\"a\",\"email\":\"no at sign\"}",
      "[1, \"two\"]",
      "\u00E9",
      "\uFEFF{}",
      "\u0000{}",
      "{\u0000}",
      "\u0000\u0000\u0000\u0031",
      "1\u0000",
      "\u0031\u0000\u0000\u0000",
    };
    for (String input : inputs) {
      Type type = input.startsWith("[") ? LIST : Signup.class;
      JsonCodecException fromText =
          assertThrows(JsonCodecException.class, () -> codec.decode(input, type), input);
      JsonCodecException fromBytes =
          assertThrows(JsonCodecException.class, () -> decodeBytes(input, type), input);
      assertEquals(fromText.getMessage(), fromBytes.getMessage(), input);
    }
  }

  @Test
  void utf16BytesAreNotGuessed() {
    // Not UTF-8: a UTF-16 byte order mark followed by {} in UTF-16BE.
    byte[] utf16 = {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'};

    String asText = "\uFFFD\uFFFD\u0000{\u0000}";

    JsonCodecException fromBytes =
        assertThrows(JsonCodecException.class, () -> codec.decode(utf16, 0, utf16.length, MAP));
    JsonCodecException fromText =
        assertThrows(JsonCodecException.class, () -> codec.decode(asText, MAP));

    assertEquals(fromText.getMessage(), fromBytes.getMessage());
  }

  @Test
  void checkFailureNamesTheCheck() {
    JsonCodecException error =
        assertThrows(
            JsonCodecException.class,
            () -> decodeBytes("{\"name\":\"a\",\"email\":\"no at sign\"}", Signup.class));

    assertEquals(
        "Cannot decode JSON as "
            + Signup.class.getTypeName()
            + ": email: must contain @, but was no at sign",
        error.getMessage());
  }

  @Test
  void encodingFailureNamesPathAndReason() {
    JsonCodecException error =
        assertThrows(
            JsonCodecException.class, () -> codec.encode(new Holder(new Unsendable("x"), null)));

    assertEquals(
        "Cannot encode "
            + Holder.class.getName()
            + " as JSON: unsendable.level: Level.UNKNOWN cannot be sent",
        error.getMessage());
    assertInstanceOf(JacksonException.class, error.getCause());
  }

  /** A record with floating-point values inside a list and a map. */
  public record Series(List<Double> values, Map<String, Float> limits) {}

  @Test
  void encodingRejectsNonFiniteNumbers() {
    assertEquals("values[1]: must be a finite number, but was NaN, which JSON cannot hold",
        encodingReason(new Series(List.of(1.0, Double.NaN), Map.of())));
    assertEquals("limits[\"high\"]: must be a finite number, but was Infinity, which JSON cannot hold",
        encodingReason(new Series(List.of(), Map.of("high", Float.POSITIVE_INFINITY))));
    assertEquals("value: must be a finite number, but was -Infinity, which JSON cannot hold",
        encodingReason(new Measure(Double.NEGATIVE_INFINITY, null, 0f)));
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putArray("points").add(2.5).add(Double.NaN);
    assertTrue(encodingReason(new Tree(tree))
        .endsWith("must be a finite number, but was NaN, which JSON cannot hold"));
    assertEquals("{\"values\":[1.5,-0.0],\"limits\":{\"low\":0.25}}",
        codec.encode(new Series(List.of(1.5, -0.0), Map.of("low", 0.25f))));
  }

  private String encodingReason(Object value) {
    JsonCodecException error = assertThrows(JsonCodecException.class, () -> codec.encode(value));
    String prefix = "Cannot encode " + value.getClass().getName() + " as JSON: ";
    assertTrue(error.getMessage().startsWith(prefix), error.getMessage());
    return error.getMessage().substring(prefix.length());
  }

  @Test
  void encodingUnwritableTypeNamesType() {
    JsonCodecException error =
        assertThrows(JsonCodecException.class, () -> codec.encode(new Holder(null, new Object())));

    assertEquals(
        "Cannot encode "
            + Holder.class.getName()
            + " as JSON: opaque: Jackson has no way to write values of type java.lang.Object"
            + " (see the cause)",
        error.getMessage());
  }

  @Test
  void treeConversionNamesPathAndValue() {
    JsonNode node = JsonTrees.parse("{\"name\":7,\"email\":\"a@b\"}");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.convert(node, Signup.class));

    assertEquals(
        "not a valid Signup: name: expected a string, found the number 7", error.getMessage());
  }

  @Test
  void treeConversionNamesMissingProperty() {
    JsonNode node = JsonTrees.parse("{}");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.convert(node, Required.class));

    assertEquals(
        "not a valid Required: count: required property is missing; expected an integer from"
            + " -2147483648 to 2147483647",
        error.getMessage());
  }

  @Test
  void treeParseNamesSyntaxError() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.parse("{\"a\":}"));

    assertEquals(
        "invalid JSON at line 1, column 6: expected a value, found '}'", error.getMessage());
  }

  @Test
  void rangeInsideLargerArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("[9]{\"name\":\"a\",\"email\":\"a@b\"}[9]".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = out.toByteArray();

    Signup decoded = codec.decode(bytes, 3, bytes.length - 6, Signup.class);

    assertEquals(new Signup("a", "a@b"), decoded);
  }

  private void assertDecodesAlike(String json, Type type) {
    Object fromText = codec.decode(json, type);
    Object fromBytes = decodeBytes(json, type);
    assertEquals(fromText, fromBytes, json);
  }

  private Object decodeBytes(String json, Type type) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return codec.decode(bytes, 0, bytes.length, type);
  }
}
