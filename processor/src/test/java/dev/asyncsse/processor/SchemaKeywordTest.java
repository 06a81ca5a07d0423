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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that schema keywords which would silently drop a check, or reject every value, are
 * reported at the keyword with the rule and the fix.
 */
class SchemaKeywordTest {

  private static final String PACKAGE = "com.example.keywords";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Keywords\n"
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

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "keywords.yaml", document, "-Xlint:all");
  }

  private Compilation compileSchemas(String schemas) throws IOException {
    return compile(HEAD + schemas);
  }

  /** Compiles the package on disk with plain javac and checks that no source was written. */
  private void assertNothingGenerated() throws IOException {
    Path packageDir = Files.createDirectories(dir.resolve("src/com/example/keywords"));
    Path packageInfo = packageDir.resolve("package-info.java");
    Files.writeString(
        packageInfo,
        Sources.packageInfoFor(PACKAGE, "keywords.yaml").getCharContent(true).toString());

    JavacRun.Result result = JavacRun.compile(
        dir.resolve("out"), List.of(packageInfo), List.of("-Aasyncsse.specDir=" + dir));

    assertEquals(1, result.exitCode(), result.output());
    assertEquals(List.of(), result.generatedSources(), result.output());
  }

  private static Class<?> load(Compilation compilation, String simpleName) throws Exception {
    return new CompiledClasses(compilation).loadClass(PACKAGE + "." + simpleName);
  }

  @Test
  void unsatisfiableKeywordsAreErrors() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {type: integr}\n"
            + "        s: {type: string, pattern: '([a-z'}\n"
            + "        k: {type: string, minLength: -1}\n"
            + "        q: {type: integer, minimum: 10, maximum: 1}\n"
            + "        e: {type: string, enum: []}\n"
            + "        m: {type: number, multipleOf: 0}\n"
            + "        l: {type: string, minLength: 5, maxLength: 2}\n"
            + "        a: {type: array, items: {type: string}, minItems: 3, maxItems: 1}\n"
            + "        x: {type: number, exclusiveMinimum: 1, exclusiveMaximum: 1}\n"
            + "        c: {type: array, maxItems: -2}\n"
            + "        p: {type: object, minProperties: -1, additionalProperties: {type: string}}\n"
            + "        o: {type: string, enum: [1, 2]}\n"
            + "        y: {type: [string, nul]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(13);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:19: " + Messages.unknownSchemaType("integr"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:36: "
            + Messages.invalidSchemaPattern(
                "([a-z", 1, "unclosed character class", "Close the class with ']'."));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:38: " + Messages.invalidCount("minLength", "-1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:20:50: " + Messages.emptyRange("minimum", "10", "maximum", "1"));
    assertThat(compilation).hadErrorContaining("keywords.yaml:21:33: " + Messages.emptyEnum());
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:22:39: " + Messages.invalidMultipleOf("0"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:23:52: " + Messages.emptyRange("minLength", "5", "maxLength", "2"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:24:72: " + Messages.emptyRange("minItems", "3", "maxItems", "1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:25:66: "
            + Messages.emptyRange("exclusiveMinimum", "1", "exclusiveMaximum", "1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:26:36: " + Messages.invalidCount("maxItems", "-2"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:27:42: " + Messages.invalidCount("minProperties", "-1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:28:33: " + Messages.enumWithoutDeclaredType("string"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:29:28: " + Messages.unknownSchemaType("nul"));
    assertNothingGenerated();
  }

  @Test
  void integerRangeWithoutIntegerIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: integer, exclusiveMinimum: 1, exclusiveMaximum: 2}\n"
            + "        b: {type: integer, minimum: 1.2, maximum: 1.8}\n"
            + "        c: {type: number, exclusiveMinimum: 1, exclusiveMaximum: 2}\n"
            + "        d: {type: integer, minimum: 1.5, exclusiveMaximum: 3}\n");

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:67: "
            + Messages.emptyRange("exclusiveMinimum", "1", "exclusiveMaximum", "2"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:51: " + Messages.emptyRange("minimum", "1.2", "maximum", "1.8"));
  }

  @Test
  void errorInPayloadRootGeneratesNothing() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: string\n"
            + "      minLength: 3\n"
            + "      maxLength: 1\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:18: " + Messages.emptyRange("minLength", "3", "maxLength", "1"));
    assertNothingGenerated();
  }

  @Test
  void validBoundsAreNotReported() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        q: {type: integer, minimum: 1, maximum: 1}\n"
            + "        r: {type: number, exclusiveMinimum: 0, maximum: 0.5, multipleOf: 0.25}\n"
            + "        s: {type: string, minLength: 0, maxLength: 0, pattern: '^\\d+$'}\n"
            + "        t: {type: array, items: {type: string}, minItems: 2, maxItems: 2}\n");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void unknownFormatIsWarning() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        f: {type: string, format: date-tim}\n"
            + "        i: {type: integer, format: uint8}\n"
            + "        d: {type: number, format: decimal}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(3);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:35: "
            + Messages.unknownFormat("date-tim", "string", List.of("date-time", "date", "time",
                "uuid", "uri", "email", "hostname", "ipv4", "ipv6")));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:18:36: "
            + Messages.unknownFormat("uint8", "integer", List.of("int32", "int64")));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:19:35: " + Messages.unknownFormat("decimal", "number", List.of()));
    assertEquals(
        "Thing[f=2026-01-01, i=1, d=2.5]",
        JsonCodec.jackson()
            .decode("{\"f\":\"2026-01-01\",\"i\":1,\"d\":2.5}", load(compilation, "Thing"))
            .toString());
  }

  @Test
  void formatsOfOtherToolsAreAccepted() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: integer, format: int32}\n"
            + "        b: {type: integer, format: int64}\n"
            + "        c: {type: number, format: float}\n"
            + "        d: {type: number, format: double}\n"
            + "        e: {type: string, format: byte}\n"
            + "        f: {type: string, format: binary}\n"
            + "        g: {type: string, format: password}\n"
            + "        h: {type: string, format: hostname}\n"
            + "        i: {type: string, format: ipv4}\n"
            + "        j: {type: string, format: ipv6}\n"
            + "        k: {type: string, format: date}\n"
            + "        l: {type: string, format: time}\n"
            + "        m: {type: string, format: uri-reference}\n"
            + "        n: {type: string, format: json-pointer}\n"
            + "        o: {type: string, format: regex}\n"
            + "        p: {type: string, format: iri-reference}\n"
            + "        q: {format: date-time}\n");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void requiredWithoutPropertyIsWarning() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: string}\n"
            + "      required: [name, nope]\n"
            + "    Closed:\n"
            + "      type: object\n"
            + "      additionalProperties: false\n"
            + "      required: [id]\n"
            + "    Open:\n"
            + "      type: object\n"
            + "      required: [id]\n"
            + "    Holder:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        closed: {$ref: '#/components/schemas/Closed'}\n"
            + "        open: {$ref: '#/components/schemas/Open'}\n"
            + "        thing: {$ref: '#/components/schemas/Thing'}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:18:24: " + Messages.requiredPropertyMissing("nope", "Thing"));
    assertThrows(
        JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"nope\":\"x\"}", load(compilation, "Thing")));
  }

  @Test
  void requiredOfClosedMapIsWarning() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        closed:\n"
            + "          type: object\n"
            + "          additionalProperties: false\n"
            + "          required: [id]\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:20:22: " + Messages.requiredPropertyMissing("id", "ThingClosed"));
  }

  @Test
  void enumValueOfOtherTypeIsDropped() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        level: {type: string, enum: [low, high, 3]}\n"
            + "        size: {type: integer, enum: [1, '2', 3]}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:49: " + Messages.enumValueTypeMismatch("3", "string"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:18:41: " + Messages.enumValueTypeMismatch("\"2\"", "integer"));

    Class<?> level = load(compilation, "ThingLevel");
    assertEquals(
        List.of("LOW", "HIGH", "UNKNOWN"),
        Arrays.stream(level.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
            .toList());
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    assertEquals("Thing[level=high, size=3]",
        json.decode("{\"level\":\"high\",\"size\":3}", thing).toString());
    assertThrows(JsonCodecException.class, () -> json.decode("{\"size\":2}", thing));
    assertThrows(JsonCodecException.class, () -> json.decode("{\"size\":\"2\"}", thing));
  }

  @Test
  void propertyNameCollisionIsWarning() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        x-y: {type: string}\n"
            + "        x_y: {type: integer}\n"
            + "        xY: {type: boolean}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:18:14: "
            + Messages.propertyNameCollision("Thing", "xY", "x-y", "x_y", "xY2"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:19:13: "
            + Messages.propertyNameCollision("Thing", "xY", "x-y", "xY", "xY3"));
    assertEquals(
        "Thing[xY=a, xY2=1, xY3=true]",
        JsonCodec.jackson()
            .decode("{\"x-y\":\"a\",\"x_y\":1,\"xY\":true}", load(compilation, "Thing"))
            .toString());
  }

  private static final String PARAMETER_HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Keywords\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  rooms:\n"
          + "    address: rooms/{room}\n"
          + "    parameters:\n"
          + "      room:\n";

  private static final String PARAMETER_TAIL =
      "    messages:\n"
          + "      said:\n"
          + "        payload: {type: string}\n";

  @Test
  void parameterEnumDropsNullAndDuplicates() throws Exception {
    Compilation compilation = compile(
        PARAMETER_HEAD
            + "        enum: ['1', 1, null, x, x, 2]\n"
            + PARAMETER_TAIL);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(4);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:10:21: " + Messages.parameterEnumDuplicate("rooms", "room", "1"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:10:24: " + Messages.parameterEnumNull("rooms", "room"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:10:33: " + Messages.parameterEnumDuplicate("rooms", "room", "x"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:10:36: " + Messages.parameterEnumNotString("rooms", "room", "2"));
    Class<?> room = load(compilation, "RoomsParameters$Room");
    assertEquals(
        List.of("_1", "X", "_2"),
        Arrays.stream(room.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
            .toList());
  }

  @Test
  void boundsOfV2ParameterAreErrors() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 2.6.0\n"
            + "info:\n"
            + "  title: Keywords\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  rooms/{room}/{floor}:\n"
            + "    parameters:\n"
            + "      room:\n"
            + "        schema: {type: string, minLength: -1}\n"
            + "      floor:\n"
            + "        schema: {type: integer, minimum: 5, maximum: 1}\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        name: said\n"
            + "        payload: {type: string}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:9:43: " + Messages.invalidCount("minLength", "-1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:11:54: " + Messages.emptyRange("minimum", "5", "maximum", "1"));
  }

  @Test
  void countWrittenAsStringIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: string\n"
            + "      maxLength: '3'\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:16:18: " + Messages.invalidCount("maxLength", "\"3\""));
  }

  @Test
  void nullOnlyEnumIsNotError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        gone: {type: [string, 'null'], enum: [null]}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadErrorCount(0);
  }

  @Test
  void schemaOfV3ParameterIsWarning() throws Exception {
    Compilation compilation = compile(
        PARAMETER_HEAD
            + "        description: Room number\n"
            + "        schema: {type: integer, format: int32}\n"
            + PARAMETER_TAIL);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:11:9: " + Messages.v3ParameterSchema("rooms", "room"));
    Class<?> parameters = load(compilation, "RoomsParameters");
    assertEquals(int.class, parameters.getRecordComponents()[0].getType());
  }

  @Test
  void unionOfNoSchemasIsError() throws IOException {
    String schemas =
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {oneOf: 5}\n"
            + "        b: {anyOf: []}\n"
            + "        c: {oneOf: [5, {type: string}]}\n";
    Compilation compilation = compileSchemas(schemas);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:20: "
            + Messages.invalidKeywordKind("oneOf", "the number 5", "a non-empty list of schemas"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:20: "
            + Messages.invalidKeywordKind("anyOf", "an empty list", "a non-empty list of schemas"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:21: "
            + Messages.invalidKeywordItem("oneOf", "the number 5", "a schema"));
    Files.writeString(dir.resolve("keywords.yaml"), HEAD + schemas);
    assertNothingGenerated();
  }

  @Test
  void unknownJavaTypeIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        u: {type: string, x-java-type: not.a.Type}\n"
            + "        v: {type: string, x-java-type: Strin}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:40: " + Messages.unknownJavaType("not.a.Type"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:40: " + Messages.unknownJavaType("Strin"));
  }

  @Test
  void javaTypeFromSameCompilationIsAccepted() throws Exception {
    Files.writeString(
        dir.resolve("keywords.yaml"),
        HEAD
            + "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        money: {type: object, x-java-type: com.example.own.Money}\n"
            + "        id: {type: string, x-java-type: java.util.UUID}\n"
            + "        text: {type: string, x-java-type: String}\n");
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(
            Sources.packageInfoFor(PACKAGE, "keywords.yaml"),
            com.google.testing.compile.JavaFileObjects.forSourceString(
                "com.example.own.Money",
                "package com.example.own; public record Money(long cents) {}"));

    assertThat(compilation).succeeded();
    Class<?> thing = load(compilation, "Thing");
    assertEquals("com.example.own.Money", thing.getRecordComponents()[0].getType().getName());
  }

  @Test
  void keywordValueOfWrongKindIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: number, maximum: ten}\n"
            + "        b: {type: 5}\n"
            + "        c: {type: string, enum: foo}\n"
            + "        d: {type: object, required: yes, properties: {x: {type: string}}}\n"
            + "        e: {type: object, required: [1], properties: {x: {type: string}}}\n"
            + "        f: {type: object, properties: 5}\n"
            + "        g: {type: array, items: 5}\n"
            + "        h: {type: object, additionalProperties: 5}\n"
            + "        i: {type: array, items: {type: string}, uniqueItems: 'yes'}\n"
            + "        j: {oneOf: [{type: object}], discriminator: 5}\n"
            + "        k: {type: number, exclusiveMinimum: low}\n"
            + "        m: {type: number, multipleOf: [2]}\n"
            + "        n: {type: [string, 5]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(13);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:36: "
            + Messages.invalidKeywordKind("maximum", "the string \"ten\"", "a number"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:19: "
            + Messages.invalidKeywordKind(
                "type", "the number 5", "a type name or a list of type names"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:33: "
            + Messages.invalidKeywordKind("enum", "the string \"foo\"", "a list of values"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:20:37: "
            + Messages.invalidKeywordKind("required", "the string \"yes\"", "a list of property names"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:21:38: "
            + Messages.invalidKeywordItem("required", "the number 1", "a property name"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:22:39: "
            + Messages.invalidKeywordKind(
                "properties", "the number 5", "an object of property schemas"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:23:33: "
            + Messages.invalidKeywordKind("items", "the number 5", "a schema"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:24:49: "
            + Messages.invalidKeywordKind(
                "additionalProperties", "the number 5", "a schema or a boolean"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:25:62: "
            + Messages.invalidKeywordKind("uniqueItems", "the string \"yes\"", "a boolean"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:26:53: "
            + Messages.invalidKeywordKind(
                "discriminator", "the number 5",
                "a property name or an object with 'propertyName'"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:27:45: "
            + Messages.invalidKeywordKind(
                "exclusiveMinimum", "the string \"low\"",
                "a number, or a boolean in the draft 4 form"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:28:39: "
            + Messages.invalidKeywordKind("multipleOf", "a list", "a number greater than 0"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:29:28: "
            + Messages.invalidKeywordItem("type", "the number 5", "a type name"));
  }

  @Test
  void draft4ExclusiveBoundsAreChecked() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        low: {type: integer, minimum: 1, exclusiveMinimum: true}\n"
            + "        high: {type: number, maximum: 5, exclusiveMaximum: true}\n"
            + "        open: {type: integer, minimum: 1, exclusiveMinimum: false}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    json.decode("{\"low\":2,\"high\":4.5,\"open\":1}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"low\":1}", thing));
    assertThrows(JsonCodecException.class, () -> json.decode("{\"high\":5}", thing));
  }

  @Test
  void draft4ExclusiveEmptyRangeIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {type: number, minimum: 3, maximum: 3, exclusiveMaximum: true}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:48: " + Messages.emptyRange("minimum", "3", "exclusiveMaximum", "3"));
  }

  @Test
  void draft4ExclusiveWithoutBoundIsWarning() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {type: number, exclusiveMaximum: true}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:45: "
            + Messages.exclusiveFlagWithoutBound("exclusiveMaximum", "maximum"));
  }

  @Test
  void constOfOtherTypeIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: integer, const: abc}\n"
            + "        b: {type: string, const: 5}\n"
            + "        c: {type: integer, format: int32, const: 3000000000}\n"
            + "        d: {type: string, const: [x]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:35: " + Messages.constTypeMismatch("\"abc\"", "integer"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:34: " + Messages.constTypeMismatch("5", "string"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:50: " + Messages.constTypeMismatch("3000000000", "int32 integer"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:20:34: " + Messages.constTypeMismatch("a list", "string"));
  }

  @Test
  void int32EnumValueOutOfRangeIsDropped() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {type: integer, format: int32, enum: [1, 3000000000, -2147483649]}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:53: " + Messages.int32EnumValueOutOfRange("3000000000"));
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:65: " + Messages.int32EnumValueOutOfRange("-2147483649"));
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    json.decode("{\"n\":1}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"n\":2}", thing));
  }

  @Test
  void allOfMembersAreCheckedOnce() throws IOException {
    Compilation compilation = compileSchemas(
        "    Code:\n"
            + "      allOf: [{type: string, minLength: -1}, {pattern: '(a'}]\n"
            + "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        first: {$ref: '#/components/schemas/Code'}\n"
            + "        second: {$ref: '#/components/schemas/Code'}\n"
            + "        nested:\n"
            + "          allOf: [{properties: {id: {type: string}}}, {allOf: [{maxItems: -2}]}]\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:15:41: " + Messages.invalidCount("minLength", "-1"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:15:56: " + Messages.invalidSchemaPattern("(a", 0, "unclosed group",
            "Close the group with ')'."));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:22:75: " + Messages.invalidCount("maxItems", "-2"));
  }

  @Test
  void numbersBeyondDoubleRangeAreErrors() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: number, const: 1e400}\n"
            + "        b: {type: number, enum: [1e400, 1]}\n"
            + "        c: {type: number, default: -1e400}\n"
            + "        d: {type: number, const: 1e-400}\n"
            + "        e: {const: {x: [1e400]}}\n"
            + "        f: {type: integer, const: 1e400}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(6);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:34: " + Messages.numberBeyondDoubleRange("const", "1E+400", true));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:34: " + Messages.numberBeyondDoubleRange("enum", "1E+400", true));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:36: " + Messages.numberBeyondDoubleRange("default", "-1E+400", true));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:20:34: " + Messages.numberBeyondDoubleRange("const", "1E-400", false));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:21:25: " + Messages.numberBeyondDoubleRange("const", "1E+400", true));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:22:35: " + Messages.numberBeyondDoubleRange("const", "1E+400", true));
    assertNothingGenerated();
  }

  @Test
  void extremeNumbersCompile() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: number, minimum: 1e70000, maximum: 1e80000}\n"
            + "        b: {type: number, multipleOf: 1e70000}\n"
            + "        c: {type: integer, format: int64, multipleOf: 1e20}\n"
            + "        d: {type: integer, minimum: 1e-400}\n"
            + "        e: {type: number, const: -0.0}\n"
            + "        f: {type: integer, format: int64, enum: [-9223372036854775808, 1]}\n"
            + "        g: {type: number, maximum: 1e-70000}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    String error = assertThrows(JsonCodecException.class,
        () -> json.decode("{\"a\":1}", thing)).getMessage();
    assertTrue(error.contains("a: must be >= 1E+70000, but was 1.0"), error);
    json.decode("{\"b\":0}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"b\":1}", thing));
    json.decode("{\"c\":0}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"c\":5}", thing));
    json.decode("{\"d\":1}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"d\":0}", thing));
    json.decode("{\"e\":0}", thing);
    json.decode("{\"f\":-9223372036854775808}", thing);
    json.decode("{\"g\":0}", thing);
  }

  @Test
  void integerConstOutsideIntWithoutFormatIsError() throws IOException {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {type: integer, const: 3000000000}\n"
            + "        b: {type: integer, format: int64, const: 99999999999999999999}\n"
            + "        c: {type: integer, enum: [3000000000, -3000000000]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:17:35: " + Messages.constOutOfIntegerRange("3000000000", "int"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:18:50: "
            + Messages.constOutOfIntegerRange("99999999999999999999", "int64"));
    assertThat(compilation).hadErrorContaining(
        "keywords.yaml:19:34: " + Messages.enumWithoutDeclaredType("integer"));
  }

  @Test
  void outOfRangeIntegerEnumDropped() throws Exception {
    Compilation compilation = compileSchemas(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {type: integer, enum: [1, 3000000000]}\n"
            + "        m: {type: integer, format: int64, enum: [1, 3000000000]}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "keywords.yaml:17:38: " + Messages.enumValueOutOfIntegerRange("3000000000", "int"));
    Class<?> thing = load(compilation, "Thing");
    JsonCodec json = JsonCodec.jackson();
    json.decode("{\"n\":1,\"m\":3000000000}", thing);
    assertThrows(JsonCodecException.class, () -> json.decode("{\"n\":2}", thing));
  }
}
