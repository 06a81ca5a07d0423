package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code const} or {@code enum} value that is an object or an array is checked as JSON Schema
 * compares values: objects whatever the order of their members, arrays item by item, and numbers
 * by value, so {@code 1} equals {@code 1.0}. The check applies whether the property maps to {@code
 * JsonNode}, a list, a map or a record. A number in the {@code enum} of a {@code JsonNode} or a
 * {@code Double} is compared by value too, so {@code -0.0} equals {@code 0}.
 */
class StructuralConstTest {

  private static final String PACKAGE = "com.example.consts";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info: {title: Consts, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "      origin:\n"
          + "        payload: {$ref: '#/components/schemas/Origin'}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        tree: {const: {a: 1, b: [1, 2.5]}}\n"
          + "        map: {type: object, const: {a: 1}}\n"
          + "        list: {type: array, items: {type: integer}, enum: [[1, 2], [3]]}\n"
          + "        point:\n"
          + "          type: object\n"
          + "          properties: {x: {type: integer}, y: {type: integer}}\n"
          + "          enum: [{x: 0, y: 0}, {x: 1, y: 1}]\n"
          + "        mixed: {enum: [[], 'none', 0]}\n"
          + "        scalar: {enum: [1, 'one']}\n"
          + "        zero: {type: number, enum: [0, 1.5]}\n"
          + "        repeated: {type: number, enum: [0, -0.0, 2, 2.0]}\n"
          + "        count: {type: integer, enum: [1.0, 2e0]}\n"

          + "    Origin:\n"
          + "      type: object\n"
          + "      const: {x: 0, y: 0}\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "consts.yaml", document, "-Xlint:all");
  }

  @Test
  void structuredValuesAreCompared() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Thing", SpecificationVersion.DRAFT_7, thing);

    verdicts.accepts("{\"tree\":{\"a\":1,\"b\":[1,2.5]}}");
    verdicts.accepts("{\"tree\":{\"b\":[1,2.5],\"a\":1}}");
    // JSON Schema compares numbers by value, so 1e0 equals 1, but networknt 2.0.8 rejects this
    // value, so only the generated type is checked here.
    verdicts.typeAccepts("{\"tree\":{\"b\":[1.0,2.50],\"a\":1e0}}");
    verdicts.rejects("{\"tree\":{\"a\":1,\"b\":[2.5,1]}}");
    verdicts.rejects("{\"tree\":{\"a\":1,\"b\":[1,2.5],\"c\":null}}");
    verdicts.rejects("{\"tree\":{\"a\":\"1\",\"b\":[1,2.5]}}");
    verdicts.rejects("{\"tree\":[1]}");
    verdicts.accepts("{\"map\":{\"a\":1}}");
    verdicts.rejects("{\"map\":{\"a\":2}}");
    verdicts.rejects("{\"map\":{}}");
    verdicts.accepts("{\"list\":[1,2]}");
    verdicts.accepts("{\"list\":[3]}");
    verdicts.rejects("{\"list\":[2,1]}");
    verdicts.rejects("{\"list\":[]}");
    verdicts.accepts("{\"point\":{\"y\":1,\"x\":1}}");
    verdicts.rejects("{\"point\":{\"x\":0,\"y\":1}}");
    verdicts.accepts("{\"mixed\":[]}");
    verdicts.accepts("{\"mixed\":\"none\"}");
    verdicts.accepts("{\"mixed\":0.0}");
    verdicts.rejects("{\"mixed\":[0]}");
    verdicts.rejects("{\"mixed\":{}}");
    verdicts.accepts("{\"scalar\":1.0}");
    verdicts.accepts("{\"scalar\":\"one\"}");
    verdicts.rejects("{\"scalar\":1.5}");
    verdicts.rejects("{\"scalar\":\"1\"}");
    verdicts.accepts("{\"zero\":-0.0}");
    verdicts.accepts("{\"zero\":1.50}");
    verdicts.rejects("{\"zero\":1}");
    verdicts.accepts("{\"repeated\":0}");
    verdicts.accepts("{\"repeated\":2}");
    verdicts.rejects("{\"repeated\":1}");
    verdicts.accepts("{\"count\":2}");
    verdicts.rejects("{\"count\":3}");

    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"tree\":{\"a\":2,\"b\":[1,2.5]}}", thing));
    assertEquals(
        "tree: must be one of {\"a\":1,\"b\":[1,2.5]}, but was {\"a\":2,\"b\":[1,2.5]}",
        e.reason());
  }

  @Test
  void valueBeyondDoubleIsError() throws Exception {
    Compilation compilation = compile(DOCUMENT.replace(
        "        scalar: {enum: [1, 'one']}\n",
        "        scalar: {enum: [1, 'one']}\n"
            + "        big: {type: integer, enum: [1, 1e400]}\n"
            + "        huge: {type: integer, const: 1e400}\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        Messages.numberBeyondDoubleRange("enum", "1E+400", true));
    assertThat(compilation).hadErrorContaining(
        Messages.numberBeyondDoubleRange("const", "1E+400", true));
  }

  @Test
  void objectPayloadConstIsChecked() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> origin = new CompiledClasses(compilation).loadClass(PACKAGE + ".Origin");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Origin", SpecificationVersion.DRAFT_7, origin);

    verdicts.accepts("{\"y\":0,\"x\":0}");
    verdicts.rejects("{\"x\":0,\"y\":0.5}");
  }

  @Test
  void structuredDefaultOutsideEnumIsWarning() throws Exception {
    Compilation compilation = compile(DOCUMENT.replace(
        "        scalar: {enum: [1, 'one']}\n",
        "        scalar: {enum: [1, 'one']}\n"
            + "        pair: {type: array, items: {type: integer}, enum: [[1, 2]],"
            + " default: [2, 1]}\n"
            + "        same: {type: array, items: {type: number}, enum: [[1, 2]],"
            + " default: [1.0, 2]}\n"));

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("consts.yaml:25:78: "
        + Messages.defaultBreaksRule("pair", "[2,1]", "enum [1,2]"));
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    assertEquals("Thing[tree=null, map=null, list=null, point=null, mixed=null, scalar=null,"
            + " pair=null, same=[1.0, 2.0], zero=null, repeated=null, count=null]",
        JsonCodec.jackson().decode("{}", thing).toString());
  }

  @Test
  void structuredEnumValueOfOtherTypeIsDropped() throws Exception {
    Compilation compilation = compile(DOCUMENT.replace(
        "        scalar: {enum: [1, 'one']}\n",
        "        scalar: {enum: [1, 'one']}\n"
            + "        level: {type: string, enum: [low, {high: 1}]}\n"));

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "consts.yaml:25:43: " + Messages.enumValueTypeMismatch("{\"high\":1}", "string"));
  }
}
