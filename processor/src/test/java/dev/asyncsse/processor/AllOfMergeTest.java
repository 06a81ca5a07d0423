package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code allOf} whose parts all describe strings, numbers, integers, booleans or arrays maps to
 * that Java type, and the generated code checks the keywords of every part: the tighter of two
 * bounds, every pattern, the values that every {@code enum} allows.
 */
class AllOfMergeTest {

  private static final String PACKAGE = "com.example.merge";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info: {title: Merge, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "      short:\n"
          + "        payload: {$ref: '#/components/schemas/ShortName'}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Name: {type: string, minLength: 1}\n"
          + "    ShortName:\n"
          + "      allOf: [{$ref: '#/components/schemas/Name'}, {maxLength: 5}]\n";
  private static final String THING =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        count: {allOf: [{type: number}, {type: integer}]}\n"
          + "        name: {allOf: [{$ref: '#/components/schemas/Name'}, {maxLength: 5}]}\n"
          + "        email: {allOf: [{type: string, format: email}, {maxLength: 12}]}\n"
          + "        tags: {allOf: [{type: array, items: {type: string}}, {minItems: 1}]}\n"
          + "        letter: {allOf: [{enum: [a, b, c]}, {enum: [b, c, d]}]}\n"
          + "        code: {allOf: [{type: string, pattern: '^[a-z]+$'}, {pattern: '^.{2,3}$'}]}\n"
          + "        step: {allOf: [{type: integer, multipleOf: 2}, {multipleOf: 3}]}\n"
          + "        range:\n"
          + "          allOf:\n"
          + "            - {type: number, minimum: 0, maximum: 10}\n"
          + "            - {minimum: 5, maximum: 20}\n"
          + "        flag: {type: boolean, allOf: [{const: true}]}\n"
          + "        big: {allOf: [{type: integer, format: int64}, {format: int32}]}\n"
          + "        color: {allOf: [{$ref: '#/components/schemas/Color'}, {type: string}]}\n"
          + "    Color: {type: string, enum: [red, green]}\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "merge.yaml", document, "-Xlint:all");
  }

  @Test
  void scalarPartsMapToTheirType() throws Exception {
    Compilation compilation = compile(HEAD + THING);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    String types = Arrays.stream(thing.getRecordComponents())
        .map(component -> component.getName() + " " + typeName(component))
        .collect(Collectors.joining(", "));
    assertEquals("count Integer, name String, email String, tags List<String>,"
        + " letter ThingLetter, code String, step Integer, range Double, flag Boolean,"
        + " big Integer, color Color", types);
  }

  @Test
  void everyPartIsChecked() throws Exception {
    String document = HEAD + THING;
    Compilation compilation = compile(document);
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Thing", SpecificationVersion.DRAFT_2020_12, thing);

    verdicts.accepts("{\"count\":3}");
    verdicts.rejects("{\"count\":3.5}");
    verdicts.accepts("{\"name\":\"Ada\"}");
    verdicts.rejects("{\"name\":\"\"}");
    verdicts.rejects("{\"name\":\"Lovelace\"}");
    verdicts.accepts("{\"email\":\"ada@x.org\"}");
    verdicts.rejects("{\"email\":\"ada@example.org\"}");
    verdicts.accepts("{\"tags\":[\"a\"]}");
    verdicts.rejects("{\"tags\":[]}");
    verdicts.rejects("{\"tags\":[1]}");
    verdicts.accepts("{\"letter\":\"b\"}");
    verdicts.accepts("{\"letter\":\"c\"}");
    verdicts.rejects("{\"letter\":1}");
    verdicts.accepts("{\"code\":\"abc\"}");
    verdicts.rejects("{\"code\":\"abcd\"}");
    verdicts.rejects("{\"code\":\"A1\"}");
    verdicts.accepts("{\"step\":12}");
    verdicts.rejects("{\"step\":4}");
    verdicts.rejects("{\"step\":9}");
    verdicts.accepts("{\"range\":5}");
    verdicts.accepts("{\"range\":10}");
    verdicts.rejects("{\"range\":4.5}");
    verdicts.rejects("{\"range\":10.5}");
    verdicts.accepts("{\"flag\":true}");
    verdicts.rejects("{\"flag\":false}");
    verdicts.accepts("{\"big\":2147483647}");
    verdicts.rejects("{\"big\":\"1\"}");
    verdicts.accepts("{\"color\":\"red\"}");

    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"code\":\"abcd\"}", thing));
    assertEquals("code: must match pattern ^.{2,3}$, but was abcd", e.reason());
    // The validator treats format as an annotation, so only the generated type checks it.
    e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"email\":\"ada\"}", thing));
    assertEquals("email: must be a valid email, but was ada", e.reason());
  }

  @Test
  void enumsIntersect() throws Exception {
    Compilation compilation = compile(HEAD + THING);
    Class<?> letter = new CompiledClasses(compilation).loadClass(PACKAGE + ".ThingLetter");

    List<String> constants =
        Arrays.stream(letter.getEnumConstants()).map(value -> ((Enum<?>) value).name()).toList();
    assertEquals(List.of("B", "C", "UNKNOWN"), constants);
  }

  @Test
  void narrowedPayloadIsOwnWrapper() throws Exception {
    String document = HEAD + THING;
    Compilation compilation = compile(document);
    CompiledClasses classes = new CompiledClasses(compilation);
    Class<?> shortName = classes.loadClass(PACKAGE + ".ShortName");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/ShortName", SpecificationVersion.DRAFT_2020_12, shortName);

    assertTrue(shortName.isRecord());
    assertEquals(String.class, shortName.getRecordComponents()[0].getType());
    verdicts.accepts("\"Ada\"");
    verdicts.rejects("\"\"");
    verdicts.rejects("\"Lovelace\"");
    verdicts.rejects("5");
  }

  @Test
  void conflictingFormatsAreError() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        a: {allOf: [{type: string, format: email}, {format: date-time}]}\n"
        + "        b: {allOf: [{type: string, format: email}, {format: password}]}\n"
        + "        c: {allOf: [{type: string, format: uri}, {format: ipv6}]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("merge.yaml:19:20: "
        + Messages.allOfFormatConflict(List.of("email (allOf[0])", "date-time (allOf[1])")));
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("merge.yaml:21:20: "
        + Messages.allOfFormatNotChecked("ipv6 (allOf[1])", "uri (allOf[0])"));
  }

  @Test
  void narrowerFormatApplies() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        host: {allOf: [{type: string, format: hostname}, {format: ipv4}]}\n"
        + "        id: {allOf: [{type: string, format: uuid}, {format: hostname}]}\n"
        + "        label:\n"
        + "          allOf: [{$ref: '#/components/schemas/Name'}, {description: A label.}]\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Thing", SpecificationVersion.DRAFT_2020_12, thing);

    assertEquals(java.util.UUID.class, thing.getRecordComponents()[1].getType());
    verdicts.accepts("{\"host\":\"10.0.0.1\"}");
    verdicts.accepts("{\"label\":\"a\"}");
    verdicts.rejects("{\"label\":\"\"}");
    // The validator treats format as an annotation, so only the generated type checks it.
    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"host\":\"example.org\"}", thing));
    assertEquals("host: must be a valid ipv4, but was example.org", e.reason());
  }

  @Test
  void unionMemberIsWrapped() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        choice:\n"
        + "          oneOf:\n"
        + "            - allOf: [{type: string}, {maxLength: 3}]\n"
        + "            - {type: integer}\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Thing", SpecificationVersion.DRAFT_2020_12, thing);

    verdicts.accepts("{\"choice\":\"abc\"}");
    verdicts.accepts("{\"choice\":5}");
    verdicts.rejects("{\"choice\":true}");
  }

  @Test
  void differentItemsSchemasFallBack() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        same:\n"
        + "          allOf: [{type: array, items: {$ref: '#/components/schemas/Name'}},"
        + " {items: {$ref: '#/components/schemas/Name'}}]\n"
        + "        both:\n"
        + "          allOf: [{type: array, items: {type: string}}, {items: {maxLength: 2}}]\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("merge.yaml:22:11: "
        + Messages.schemaFallback("allOf with several items schemas", "ThingBoth"));
  }

  @Test
  void scalarPartsWithCombinatorsFallBack() throws Exception {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        a: {allOf: [{type: string}, {not: {const: x}}]}\n"
        + "        b: {allOf: [{type: string}, {anyOf: [{maxLength: 2}, {pattern: '^x'}]}]}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining("merge.yaml:19:12: "
        + Messages.schemaFallback("allOf with not", "ThingA"));
    assertThat(compilation).hadWarningContaining("merge.yaml:20:12: "
        + Messages.schemaFallback("allOf with anyOf", "ThingB"));
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    Object decoded = JsonCodec.jackson().decode("{\"a\":\"y\",\"b\":\"xyz\"}", thing);
    assertEquals(JsonNode.class, thing.getRecordComponents()[0].getType());
    assertEquals("\"y\"", thing.getRecordComponents()[0].getAccessor().invoke(decoded).toString());
  }

  @Test
  void integerAllOfBeyondJavaRange() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        a: {allOf: [{type: integer}, {const: 3000000000}]}\n"
        + "        b: {allOf: [{type: integer, enum: [1, 3000000000]}, {enum: [3000000000]}]}\n"
        + "        c: {allOf: [{type: integer, format: int64}, {const: 3000000000}]}\n"
        + "        d: {allOf: [{type: integer, const: 3000000000}, {minimum: 0}]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("merge.yaml:19:20: "
        + Messages.constOutOfIntegerRange("3000000000", "int"));
    assertThat(compilation).hadErrorContaining("merge.yaml:20:20: "
        + Messages.constOutOfIntegerRange("3000000000", "int"));
    assertThat(compilation).hadErrorContaining("merge.yaml:22:44: "
        + Messages.constOutOfIntegerRange("3000000000", "int"));
  }

  @Test
  void valuesThatCannotHoldAreError() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        a: {allOf: [{const: x}, {const: y}]}\n"
        + "        b: {allOf: [{enum: [a, b]}, {enum: [c]}]}\n"
        + "        c: {allOf: [{type: integer, const: 1}, {enum: [1.0, 2]}]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("merge.yaml:19:20: "
        + Messages.allOfValueConflict(List.of("const \"x\" (allOf[0])", "const \"y\" (allOf[1])")));
    assertThat(compilation).hadErrorContaining("merge.yaml:20:20: "
        + Messages.allOfValueConflict(
            List.of("enum [\"a\",\"b\"] (allOf[0])", "enum [\"c\"] (allOf[1])")));
  }

  private static String typeName(RecordComponent component) {
    Type type = component.getGenericType();
    return type.getTypeName()
        .replace("java.util.", "")
        .replace("java.lang.", "")
        .replace(PACKAGE + ".", "");
  }
}
