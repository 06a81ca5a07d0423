package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeMappingTest {

  private static final String PACKAGE = "com.example.types";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Types\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload:\n"
          + "          $ref: '#/components/schemas/Thing'\n"
          + "components:\n"
          + "  schemas:\n";

  @TempDir Path dir;

  private Compilation compile(String schemas) throws IOException {
    return Sources.compile(dir, PACKAGE, "types.yaml", HEAD + schemas, "-Xlint:all");
  }

  private static Class<?> load(Compilation compilation, String simpleName) throws Exception {
    return new CompiledClasses(compilation).loadClass(PACKAGE + "." + simpleName);
  }

  private static List<String> componentNames(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  @Test
  void recursiveSchemasCompile() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        parent: {$ref: '#/components/schemas/Thing'}\n"
            + "        children:\n"
            + "          type: array\n"
            + "          items: {$ref: '#/components/schemas/Thing'}\n"
            + "        byName:\n"
            + "          additionalProperties: {$ref: '#/components/schemas/Thing'}\n"
            + "        partner: {$ref: '#/components/schemas/Partner'}\n"
            + "    Partner:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        thing: {$ref: '#/components/schemas/Thing'}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    Class<?> partner = thing.getClassLoader().loadClass(PACKAGE + ".Partner");
    assertEquals(thing, thing.getRecordComponents()[0].getType());
    assertEquals(
        "java.util.List<" + thing.getName() + ">",
        thing.getRecordComponents()[1].getGenericType().getTypeName());
    assertEquals(
        "java.util.Map<java.lang.String, " + thing.getName() + ">",
        thing.getRecordComponents()[2].getGenericType().getTypeName());
    assertEquals(partner, thing.getRecordComponents()[3].getType());
    assertEquals(thing, partner.getRecordComponents()[0].getType());
  }

  @Test
  void arrayOrMapContainingItselfUsesJsonNode() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        tree: {$ref: '#/components/schemas/Tree'}\n"
            + "        forest: {$ref: '#/components/schemas/Forest'}\n"
            + "    Tree:\n"
            + "      type: array\n"
            + "      items: {$ref: '#/components/schemas/Tree'}\n"
            + "    Forest:\n"
            + "      type: object\n"
            + "      additionalProperties: {$ref: '#/components/schemas/Forest'}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        "types.yaml:20:7: "
            + Messages.schemaContainsItself(List.of(
                "types.yaml#/components/schemas/Tree", "types.yaml#/components/schemas/Tree")));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:23:7: "
            + Messages.schemaContainsItself(List.of(
                "types.yaml#/components/schemas/Forest",
                "types.yaml#/components/schemas/Forest")));
    Class<?> thing = load(compilation, "Thing");
    assertEquals(
        "java.util.List<com.fasterxml.jackson.databind.JsonNode>",
        thing.getRecordComponents()[0].getGenericType().getTypeName());
    assertEquals(
        "java.util.Map<java.lang.String, com.fasterxml.jackson.databind.JsonNode>",
        thing.getRecordComponents()[1].getGenericType().getTypeName());
  }

  @Test
  void boundsBeyondJavaRangesCompile() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        big: {type: integer, format: int64, maximum: 18446744073709551615}\n"
            + "        floor: {type: integer, minimum: 1e20}\n"
            + "        huge: {type: number, maximum: 1e400}\n"
            + "        tiny: {type: number, exclusiveMinimum: -1e400}\n"
            + "        ratio: {type: number, maximum: 1e20}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> range = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    Object decoded = json.decode(
        "{\"big\":9223372036854775807,\"huge\":1.0E300,\"tiny\":-5,\"ratio\":1E19}", range);
    assertEquals(
        "Thing[big=9223372036854775807, floor=null, huge=1.0E300, tiny=-5.0, ratio=1.0E19]",
        decoded.toString());
    JsonCodecException floor =
        assertThrows(JsonCodecException.class, () -> json.decode("{\"floor\":5}", range));
    assertTrue(
        floor.getMessage().contains("floor: must be >= 100000000000000000000, but was 5"),
        floor.getMessage());
    JsonCodecException ratio =
        assertThrows(JsonCodecException.class, () -> json.decode("{\"ratio\":2E20}", range));
    assertTrue(
        ratio.getMessage().contains("ratio: must be <= 100000000000000000000, but was 2.0E20"),
        ratio.getMessage());
  }

  @Test
  void propertyNamesBecomeJavaIdentifiers() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        '@id': {type: string}\n"
            + "        content-type: {type: string}\n"
            + "        class: {type: string}\n"
            + "        2fa: {type: boolean}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    assertEquals(List.of("id", "contentType", "class_", "_2fa"), componentNames(thing));
    Object decoded = JsonCodec.jackson().decode(
        "{\"@id\":\"x\",\"content-type\":\"text/plain\",\"class\":\"c\",\"2fa\":true}", thing);
    assertEquals("Thing[id=x, contentType=text/plain, class_=c, _2fa=true]", decoded.toString());
    assertEquals(
        "{\"@id\":\"x\",\"content-type\":\"text/plain\",\"class\":\"c\",\"2fa\":true}",
        JsonCodec.jackson().encode(decoded));
  }

  @Test
  void qualifiedClassNameKeyUsesSimpleName() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        part:\n"
            + "          $ref: '#/components/schemas/com.acme.dto.Part'\n"
            + "    com.acme.dto.Part:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile(PACKAGE + ".Part");
  }

  @Test
  void javaNameAndEnumNamesOverrideDefaults() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      x-java-name: Gadget\n"
            + "      properties:\n"
            + "        n:\n"
            + "          type: integer\n"
            + "          x-java-name: count\n"
            + "        level:\n"
            + "          type: string\n"
            + "          enum: ['1.0', '+', '']\n"
            + "          x-java-enum-names: [v1, plus, none]\n"
            + "        id:\n"
            + "          type: string\n"
            + "          x-java-type: java.util.UUID\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> gadget = load(compilation, "Gadget");
    assertEquals(List.of("count", "level", "id"), componentNames(gadget));
    assertEquals("java.util.UUID", gadget.getRecordComponents()[2].getType().getName());
    Class<?> level = load(compilation, "GadgetLevel");
    assertEquals(
        List.of("V1", "PLUS", "NONE", "UNKNOWN"),
        Arrays.stream(level.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList());
    Object decoded = JsonCodec.jackson().decode("{\"n\":3,\"level\":\"+\"}", gadget);
    assertEquals("{\"n\":3,\"level\":\"+\"}", JsonCodec.jackson().encode(decoded));
  }

  @Test
  void enumValuesThatAreNotIdentifiersRoundTrip() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        version:\n"
            + "          type: string\n"
            + "          enum: ['1.0', '+', '', 'on', \"\\r\\n\"]\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    for (String value : List.of("1.0", "+", "", "on", "\\r\\n")) {
      String json = "{\"version\":\"" + value + "\"}";
      assertEquals(json, JsonCodec.jackson().encode(JsonCodec.jackson().decode(json, thing)));
    }
  }

  @Test
  void unknownEnumValueReadsAsUnknown() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      required: [level]\n"
            + "      properties:\n"
            + "        level:\n"
            + "          type: string\n"
            + "          enum: [low, high]\n"
            + "        tag:\n"
            + "          type: string\n"
            + "          enum: [only]\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    Object decoded = json.decode("{\"level\":\"medium\"}", thing);
    assertEquals("Thing[level=UNKNOWN, tag=only]", decoded.toString());
    JsonCodecException sent = assertThrows(JsonCodecException.class, () -> json.encode(decoded));
    assertTrue(sent.getMessage().contains("ThingLevel.UNKNOWN cannot be sent"), sent.getMessage());
    assertTrue(sent.getMessage().contains("Use one of \"low\", \"high\""), sent.getMessage());
    Class<?> level = load(compilation, "ThingLevel");
    Object unknown = level.getMethod("fromValue", String.class).invoke(null, "medium");
    java.lang.reflect.InvocationTargetException value = assertThrows(
        java.lang.reflect.InvocationTargetException.class,
        () -> level.getMethod("value").invoke(unknown));
    assertEquals(IllegalStateException.class, value.getCause().getClass());
    assertEquals("{\"level\":\"high\",\"tag\":\"only\"}",
        json.encode(json.decode("{\"level\":\"high\"}", thing)));
    assertThrows(JsonCodecException.class, () -> json.decode("{\"level\":5}", thing));
    // A one-value enum is a fixed tag and stays strict.
    assertThrows(
        JsonCodecException.class, () -> json.decode("{\"level\":\"low\",\"tag\":\"x\"}", thing));
  }

  @Test
  void enumValueNamedUnknownKeepsItsConstant() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        state: {type: string, enum: [known, unknown]}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> state = load(compilation, "ThingState");
    assertEquals(
        List.of("KNOWN", "UNKNOWN", "UNKNOWN2"),
        Arrays.stream(state.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList());
    Class<?> thing = load(compilation, "Thing");
    String json = "{\"state\":\"unknown\"}";
    assertEquals(json, JsonCodec.jackson().encode(JsonCodec.jackson().decode(json, thing)));
  }

  @Test
  void discriminatedUnionPicksMemberByTag() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      oneOf:\n"
            + "        - $ref: '#/components/schemas/Dog'\n"
            + "        - $ref: '#/components/schemas/Cat'\n"
            + "      discriminator: kind\n"
            + "    Dog:\n"
            + "      type: object\n"
            + "      required: [kind]\n"
            + "      properties:\n"
            + "        kind: {type: string, const: dog}\n"
            + "        barks: {type: boolean}\n"
            + "    Cat:\n"
            + "      type: object\n"
            + "      required: [kind]\n"
            + "      properties:\n"
            + "        kind: {type: string, const: cat}\n"
            + "        lives: {type: integer}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    assertTrue(thing.isSealed());
    assertEquals("Cat", JsonCodec.jackson().decode("{\"kind\":\"cat\",\"lives\":9}", thing)
        .getClass().getSimpleName());
    assertEquals("Dog", JsonCodec.jackson().decode("{\"kind\":\"dog\",\"barks\":true}", thing)
        .getClass().getSimpleName());
    JsonCodecException unknown = assertThrows(
        JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"kind\":\"cow\"}", thing));
    assertTrue(unknown.getMessage().contains("kind: unknown value \"cow\""), unknown.getMessage());
  }

  @Test
  void unionOfPrimitivesAndObjectPicksByShape() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      oneOf:\n"
            + "        - type: string\n"
            + "        - type: integer\n"
            + "        - type: object\n"
            + "          properties:\n"
            + "            value: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    assertEquals("ThingString[value=hi]", JsonCodec.jackson().decode("\"hi\"", thing).toString());
    assertEquals("ThingInteger[value=7]", JsonCodec.jackson().decode("7", thing).toString());
    assertEquals(
        "ThingObject[value=x]", JsonCodec.jackson().decode("{\"value\":\"x\"}", thing).toString());
    assertEquals("7", JsonCodec.jackson().encode(JsonCodec.jackson().decode("7", thing)));
    assertThrows(JsonCodecException.class, () -> JsonCodec.jackson().decode("true", thing));
  }

  @Test
  void allOfMergesPropertiesAndRequired() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      allOf:\n"
            + "        - $ref: '#/components/schemas/Base'\n"
            + "        - type: object\n"
            + "          required: [extra]\n"
            + "          properties:\n"
            + "            extra: {type: string}\n"
            + "    Base:\n"
            + "      type: object\n"
            + "      required: [id]\n"
            + "      properties:\n"
            + "        id: {type: integer, format: int64}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    assertEquals(List.of("id", "extra"), componentNames(thing));
    assertEquals(long.class, thing.getRecordComponents()[0].getType());
    JsonCodecException missing = assertThrows(
        JsonCodecException.class, () -> JsonCodec.jackson().decode("{\"id\":1}", thing));
    assertTrue(
        missing.getMessage().endsWith(
            ": extra: required property is missing; expected a string (line 1, column 8)"),
        missing.getMessage());
  }

  @Test
  void descriptionOnlyAllOfIsReferencedType() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        base:\n"
            + "          allOf:\n"
            + "            - $ref: '#/components/schemas/Base'\n"
            + "            - description: The base it stands on.\n"
            + "    Base:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: integer}\n");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals("Base", load(compilation, "Thing").getRecordComponents()[0].getType().getSimpleName());
  }

  @Test
  void validationKeywordsAreCheckedOnConstruction() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        code: {type: string, pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3}\n"
            + "        count: {type: integer, minimum: 1, maximum: 10}\n"
            + "        ratio: {type: number, exclusiveMaximum: 1}\n"
            + "        tags: {type: array, items: {type: string}, maxItems: 2, uniqueItems: true}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    json.decode("{\"code\":\"ABC\",\"count\":10,\"ratio\":0.5,\"tags\":[\"a\",\"b\"]}", thing);
    for (String[] bad : new String[][] {
      {"{\"code\":\"abc\"}", "code: must match pattern ^[A-Z]{3}$"},
      {"{\"code\":\"ABCD\"}", "code: must have at most 3 characters"},
      {"{\"count\":0}", "count: must be >= 1"},
      {"{\"count\":11}", "count: must be <= 10"},
      {"{\"ratio\":1}", "ratio: must be < 1"},
      {"{\"tags\":[\"a\",\"b\",\"c\"]}", "tags: must have at most 2 items"},
      {"{\"tags\":[\"a\",\"a\"]}", "tags: items must be unique"},
    }) {
      JsonCodecException error = assertThrows(JsonCodecException.class, () -> json.decode(bad[0], thing));
      assertTrue(error.getMessage().contains(bad[1]), bad[0] + " gave " + error.getMessage());
    }
    assertEquals(List.class, thing.getRecordComponents()[3].getType());
  }

  @Test
  void componentSchemaKeepsItsNameOverInlineSchema() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        meta:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            inline: {type: string}\n"
            + "        other:\n"
            + "          $ref: '#/components/schemas/ThingMeta'\n"
            + "    ThingMeta:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        component: {type: string}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("the second is generated as \"ThingMeta2\"");
    assertEquals(List.of("component"), componentNames(load(compilation, "ThingMeta")));
    assertEquals(List.of("inline"), componentNames(load(compilation, "ThingMeta2")));
  }

  @Test
  void reservedNamesAreEscaped() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        wait: {type: string}\n"
            + "        hashCode: {type: integer}\n"
            + "        text:\n"
            + "          $ref: '#/components/schemas/String'\n"
            + "    String:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        value: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of("wait_", "hashCode_", "text"), componentNames(load(compilation, "Thing")));
    assertThat(compilation).generatedSourceFile(PACKAGE + ".StringType");
  }

  @Test
  void defaultsFillAbsentProperties() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: string, default: anonymous}\n"
            + "        count: {type: integer, default: 3}\n"
            + "        total: {type: integer, format: int64, default: 10000000000}\n"
            + "        ratio: {type: number, default: 0.5}\n"
            + "        active: {type: boolean, default: true}\n"
            + "        level: {type: string, enum: [low, high], default: high}\n"
            + "        note: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    assertEquals(
        "Thing[name=anonymous, count=3, total=10000000000, ratio=0.5, active=true, level=high,"
            + " note=null]",
        json.decode("{}", thing).toString());
    assertEquals(
        "Thing[name=Ada, count=7, total=1, ratio=2.0, active=false, level=low, note=x]",
        json.decode("{\"name\":\"Ada\",\"count\":7,\"total\":1,\"ratio\":2,"
            + "\"active\":false,\"level\":\"low\",\"note\":\"x\"}", thing).toString());
    Class<?>[] canonical = Arrays.stream(thing.getRecordComponents())
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    Object built = thing.getDeclaredConstructor(canonical)
        .newInstance(null, null, null, null, null, null, null);
    assertEquals(json.decode("{}", thing), built);
  }

  @Test
  void defaultOfWrongTypeIsWarning() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        count: {type: integer, default: many}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "types.yaml:17:41: "
            + dev.asyncsse.processor.diagnostic.Messages.defaultIgnored(
                "count", "\"many\"", "Integer"));
    assertEquals("Thing[count=null]", JsonCodec.jackson().decode("{}", load(compilation, "Thing"))
        .toString());
  }

  @Test
  void defaultOfNullablePropertyIsWarning() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: [string, \"null\"], default: x}\n"
            + "        note:\n"
            + "          type: string\n"
            + "          nullable: true\n"
            + "          default: y\n"
            + "        other: {type: [string, \"null\"], default: null}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        "types.yaml:17:49: " + Messages.defaultOnNullable("name", "\"x\""));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:21:20: " + Messages.defaultOnNullable("note", "\"y\""));
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    assertEquals("Thing[name=null, note=null, other=null]", json.decode("{}", thing).toString());
    assertEquals(
        "Thing[name=null, note=null, other=null]",
        json.decode("{\"name\":null,\"note\":null}", thing).toString());
  }

  @Test
  void nullItemOrValueNamesItsPath() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        tags: {type: array, items: {type: string}}\n"
            + "        limits:\n"
            + "          type: object\n"
            + "          additionalProperties: {type: integer}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> settings = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    JsonCodecException item = assertThrows(
        JsonCodecException.class, () -> json.decode("{\"tags\":[\"a\",null]}", settings));
    assertTrue(item.getMessage().endsWith(": tags[1]: must not be null"), item.getMessage());
    JsonCodecException value = assertThrows(
        JsonCodecException.class,
        () -> json.decode("{\"limits\":{\"a\":1,\"b\":null}}", settings));
    assertTrue(
        value.getMessage().endsWith(": limits[\"b\"]: must not be null"), value.getMessage());
    assertEquals(
        "Thing[tags=[a, b], limits={z=1, a=2}]",
        json.decode("{\"tags\":[\"a\",\"b\"],\"limits\":{\"z\":1,\"a\":2}}", settings)
            .toString());
  }

  @Test
  void relativeUriNamesPropertyAndValue() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        home: {type: string, format: uri}\n");

    assertThat(compilation).succeededWithoutWarnings();
    JsonCodecException error = assertThrows(
        JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"home\":\"rel/x\"}", load(compilation, "Thing")));
    assertTrue(
        error.getMessage().endsWith(": home: must be an absolute URI, but was rel/x"),
        error.getMessage());
  }

  @Test
  void structuredDefaultsFillAbsentProperties() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        at: {type: string, format: date-time, default: '2026-01-02T03:04:05Z'}\n"
            + "        day: {type: string, format: date, default: '2026-01-02'}\n"
            + "        time: {type: string, format: time, default: '03:04:05+01:00'}\n"
            + "        id:\n"
            + "          type: string\n"
            + "          format: uuid\n"
            + "          default: 123e4567-e89b-12d3-a456-426614174000\n"
            + "        home: {type: string, format: uri, default: 'https://example.com/a'}\n"
            + "        tags: {type: array, items: {type: string}, default: [red, blue]}\n"
            + "        sizes: {type: array, items: {type: integer, format: int64}, default: []}\n"
            + "        levels:\n"
            + "          type: array\n"
            + "          items: {type: string, enum: [low, high]}\n"
            + "          default: [high]\n"
            + "        limits:\n"
            + "          type: object\n"
            + "          additionalProperties: {type: integer}\n"
            + "          default: {a: 1}\n"
            + "        extra: {default: {nested: [1, true]}}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    String expected = "Thing[at=2026-01-02T03:04:05Z, day=2026-01-02, time=03:04:05+01:00,"
        + " id=123e4567-e89b-12d3-a456-426614174000, home=https://example.com/a,"
        + " tags=[red, blue], sizes=[], levels=[high], limits={a=1},"
        + " extra={\"nested\":[1,true]}]";
    assertEquals(expected, json.decode("{}", thing).toString());
    Object[] nulls = new Object[thing.getRecordComponents().length];
    Class<?>[] canonical = Arrays.stream(thing.getRecordComponents())
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    assertEquals(expected, thing.getDeclaredConstructor(canonical).newInstance(nulls).toString());
    Object given = json.decode("{\"tags\":[\"green\"],\"limits\":{}}", thing);
    assertEquals(
        expected.replace("[red, blue]", "[green]").replace("{a=1}", "{}"), given.toString());
  }

  @Test
  void unusableDefaultsAreWarnings() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name:\n"
            + "          type: string\n"
            + "          minLength: 3\n"
            + "          default: ab\n"
            + "        code:\n"
            + "          type: string\n"
            + "          pattern: '^[A-Z]+$'\n"
            + "          default: abc\n"
            + "        count:\n"
            + "          type: integer\n"
            + "          maximum: 10\n"
            + "          default: 11\n"
            + "        size:\n"
            + "          type: integer\n"
            + "          enum: [1, 2]\n"
            + "          default: 3\n"
            + "        day:\n"
            + "          type: string\n"
            + "          format: date\n"
            + "          default: '2026-13-01'\n"
            + "        id:\n"
            + "          type: string\n"
            + "          format: uuid\n"
            + "          default: 1-2-3-4-5\n"
            + "        home:\n"
            + "          type: string\n"
            + "          format: uri\n"
            + "          default: relative/path\n"
            + "        tags:\n"
            + "          type: array\n"
            + "          items: {type: string}\n"
            + "          maxItems: 1\n"
            + "          default: [a, b]\n"
            + "        part:\n"
            + "          $ref: '#/components/schemas/Part'\n"
            + "    Part:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: string}\n"
            + "      default: {a: x}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(9);
    assertThat(compilation).hadWarningContaining(
        "types.yaml:20:20: " + Messages.defaultBreaksRule("name", "\"ab\"", "minLength 3"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:24:20: " + Messages.defaultBreaksRule("code", "\"abc\"", "pattern ^[A-Z]+$"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:28:20: " + Messages.defaultBreaksRule("count", "11", "maximum 10"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:32:20: " + Messages.defaultBreaksRule("size", "3", "enum 1, 2"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:36:20: " + Messages.defaultIgnored("day", "\"2026-13-01\"", "LocalDate"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:40:20: " + Messages.defaultIgnored("id", "\"1-2-3-4-5\"", "UUID"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:44:20: "
            + Messages.defaultBreaksRule("home", "\"relative/path\"", "format uri (an absolute URI)"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:49:20: " + Messages.defaultBreaksRule("tags", "[\"a\",\"b\"]", "maxItems 1"));
    assertThat(compilation).hadWarningContaining(
        "types.yaml:56:16: " + Messages.defaultNotApplied("part", "{\"a\":\"x\"}", "Part"));
    Class<?> thing = load(compilation, "Thing");
    Object[] nulls = new Object[thing.getRecordComponents().length];
    Class<?>[] canonical = Arrays.stream(thing.getRecordComponents())
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    assertEquals(
        "Thing[name=null, code=null, count=null, size=null, day=null, id=null, home=null,"
            + " tags=null, part=null]",
        thing.getDeclaredConstructor(canonical).newInstance(nulls).toString());
  }

  @Test
  void constPropertyIsNotConstructorArgument() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      required: [kind, version]\n"
            + "      properties:\n"
            + "        kind: {type: string, const: dog}\n"
            + "        version: {type: integer, const: 2}\n"
            + "        name: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    Object dog = thing.getConstructor(String.class).newInstance("Rex");
    JsonCodec json = JsonCodec.jackson();
    assertEquals("{\"kind\":\"dog\",\"version\":2,\"name\":\"Rex\"}", json.encode(dog));
    assertEquals(dog, json.decode(json.encode(dog), thing));
    assertEquals(dog, thing.getConstructor(String.class, int.class, String.class)
        .newInstance(null, 2, "Rex"));
    JsonCodecException wrong = assertThrows(JsonCodecException.class,
        () -> json.decode("{\"kind\":\"cat\",\"version\":2}", thing));
    assertTrue(wrong.getMessage().contains("kind: must be one of \"dog\""), wrong.getMessage());
    assertThrows(JsonCodecException.class, () -> json.decode("{\"version\":2}", thing));
  }

  @Test
  void largeRecordGetsBuilder() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      required: [a, f]\n"
            + "      properties:\n"
            + "        a: {type: string}\n"
            + "        b: {type: string}\n"
            + "        c: {type: integer, default: 4}\n"
            + "        d: {type: string, const: fixed}\n"
            + "        e: {type: string, maxLength: 2}\n"
            + "        f: {type: integer}\n"
            + "        small: {$ref: '#/components/schemas/Small'}\n"
            + "    Small:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    Object builder = thing.getMethod("builder").invoke(null);
    Class<?> builderClass = builder.getClass();
    builderClass.getMethod("a", String.class).invoke(builder, "x");
    builderClass.getMethod("f", Integer.class).invoke(builder, 9);
    Object built = builderClass.getMethod("build").invoke(builder);
    assertEquals("Thing[a=x, b=null, c=4, d=fixed, e=null, f=9, small=null]", built.toString());

    builderClass.getMethod("e", String.class).invoke(builder, "too long");
    java.lang.reflect.InvocationTargetException checked = assertThrows(
        java.lang.reflect.InvocationTargetException.class,
        () -> builderClass.getMethod("build").invoke(builder));
    assertTrue(checked.getCause().getMessage().contains("e: must have at most 2 characters"),
        checked.getCause().getMessage());
    Object missing = thing.getMethod("builder").invoke(null);
    java.lang.reflect.InvocationTargetException required = assertThrows(
        java.lang.reflect.InvocationTargetException.class,
        () -> builderClass.getMethod("build").invoke(missing));
    assertEquals("a: required property is missing", required.getCause().getMessage());

    assertThrows(NoSuchMethodException.class,
        () -> load(compilation, "Small").getMethod("builder"));
  }

  @Test
  void schemaTextBecomesJavadoc() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      title: A thing\n"
            + "      description: 'Made of <parts> & ends in */ here.'\n"
            + "      examples:\n"
            + "        - {name: '*/<b>', size: 2}\n"
            + "      properties:\n"
            + "        name:\n"
            + "          type: string\n"
            + "          description: The name.\n"
            + "        size:\n"
            + "          type: integer\n"
            + "          title: Size in cm\n");

    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedSourceFile(PACKAGE + ".Thing").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(source.contains(" * A thing\n *\n * <p>Made of &lt;parts&gt; &amp; ends in *&#47; here.\n"),
        source);
    assertTrue(source.contains(
        " * <p>Example: <code>{\"name\":\"*&#47;&lt;b&gt;\",\"size\":2}</code>"), source);
    assertTrue(source.contains("@param name The name. (may be null)"), source);
    assertTrue(source.contains("@param size Size in cm (may be null)"), source);
  }

  @Test
  void propertyExamplesDocumentComponents() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      required: [name]\n"
            + "      properties:\n"
            + "        name:\n"
            + "          type: string\n"
            + "          description: The name.\n"
            + "          examples: ['*/<b>@x', other]\n"
            + "        size:\n"
            + "          type: integer\n"
            + "          example: 42\n"
            + "        tags:\n"
            + "          type: array\n"
            + "          items: {type: string}\n"
            + "          examples: [[red, blue]]\n"
            + "        plain: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedSourceFile(PACKAGE + ".Thing").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(source.contains(" * @param name The name. (required) Example:"
        + " <code>\"*&#47;&lt;b&gt;{@literal @}x\"</code>\n"), source);
    assertTrue(source.contains(
        " * @param size the \"size\" property (may be null) Example: <code>42</code>\n"), source);
    assertTrue(source.contains(
        " * @param tags the \"tags\" property (may be null) Example:"
            + " <code>[\"red\",\"blue\"]</code>\n"), source);
    assertTrue(source.contains(" * @param plain the \"plain\" property (may be null)\n"), source);
  }

  @Test
  void messageTextDocumentsPayload() throws Exception {
    Files.writeString(dir.resolve("types.yaml"),
        HEAD.replace("        payload:\n", "        summary: A thing happened.\n        payload:\n")
            + "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: string}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(Sources.packageInfoFor(PACKAGE, "types.yaml"));

    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedSourceFile(PACKAGE + ".Thing").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(source.contains("/**\n * A thing happened.\n"), source);
  }

  @Test
  void deprecatedSchemasCompileWithoutWarnings() throws Exception {
    Files.writeString(dir.resolve("types.yaml"), HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      deprecated: true\n"
        + "      properties:\n"
        + "        old: {type: string, deprecated: true}\n"
        + "        level: {$ref: '#/components/schemas/Level'}\n"
        + "        part: {$ref: '#/components/schemas/Part'}\n"
        + "        a: {type: string}\n"
        + "        b: {type: string}\n"
        + "        c: {type: string}\n"
        + "    Level:\n"
        + "      type: string\n"
        + "      deprecated: true\n"
        + "      enum: [low, high]\n"
        + "    Part:\n"
        + "      deprecated: true\n"
        + "      oneOf:\n"
        + "        - {type: string}\n"
        + "        - {type: object, properties: {n: {type: integer}}}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all", "-Werror")
        .compile(Sources.packageInfoFor(PACKAGE, "types.yaml"));

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    assertTrue(thing.isAnnotationPresent(Deprecated.class));
    assertTrue(thing.getMethod("old").isAnnotationPresent(Deprecated.class));
    assertTrue(load(compilation, "Level").isAnnotationPresent(Deprecated.class));
    assertTrue(load(compilation, "Part").isAnnotationPresent(Deprecated.class));
    String source = compilation.generatedSourceFile(PACKAGE + ".Thing").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(source.contains("@deprecated the document marks this schema as deprecated."),
        source);
    assertTrue(source.contains("@param old deprecated: the \"old\" property"), source);
  }
}
