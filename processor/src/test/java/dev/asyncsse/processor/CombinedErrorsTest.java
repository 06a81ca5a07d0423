package dev.asyncsse.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document with errors in its structure, such as a channel's address or an operation, and
 * errors in its schemas reports both kinds in one compilation, each problem once, and generates
 * nothing. A schema under {@code components/schemas} that no message uses has its errors reported
 * too, but gets no type.
 */
class CombinedErrorsTest {

  private static final String PACKAGE = "com.example.combined";
  private static final String DOCUMENT = "combined.yaml";

  /**
   * A 3.0 document with three structural errors and five schema errors, one of them in a
   * component that no message uses.
   */
  private static final String MIXED =
      "asyncapi: 3.0.0\n"
          + "info: {title: Mixed, version: 1.0.0}\n"
          + "channels:\n"
          + "  ticks:\n"
          + "    address: 42\n"
          + "    messages:\n"
          + "      tick:\n"
          + "        payload: [1, 2]\n"
          + "      tock:\n"
          + "        payload:\n"
          + "          type: object\n"
          + "          properties:\n"
          + "            a: {type: strin}\n"
          + "            b: {type: string, minLength: -1}\n"
          + "            c: {$ref: '#/components/schemas/Missing'}\n"
          + "            d: {$ref: '#/components/schemas/Code'}\n"
          + "operations:\n"
          + "  onTick: {channel: {$ref: '#/channels/ticks'}}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Code: {type: string, pattern: '([a-z'}\n"
          + "    Unused: {type: array, maxItems: -2}\n";

  /** The errors in the structure, in document order. */
  private static final List<String> STRUCTURAL_ERRORS = List.of(
      at("5:14", Messages.invalidAddressKind("ticks", "the number 42")),
      at("8:18", Messages.invalidPayloadKind("tick", "a list")),
      at("18:11", Messages.missingOperationAction("onTick")));

  /** The errors in schemas, in document order. */
  private static final List<String> SCHEMA_ERRORS = List.of(
      at("13:23", Messages.unknownSchemaType("strin")),
      at("14:42", Messages.invalidCount("minLength", "-1")),
      at("15:23", Messages.refTargetMissing("#/components/schemas/Missing", DOCUMENT)),
      at("21:35", Messages.invalidSchemaPattern(
          "([a-z", 1, "unclosed character class", "Close the class with ']'.")),
      at("22:37", Messages.invalidCount("maxItems", "-2")));

  @TempDir Path dir;

  private Compilation compile(String text) throws IOException {
    return Sources.compile(dir, PACKAGE, DOCUMENT, text);
  }

  private static String at(String lineAndColumn, String message) {
    return DOCUMENT + ":" + lineAndColumn + ": " + message;
  }

  /**
   * Checks that the compilation failed with exactly {@code expected}, in this order, which is
   * document order, each on the annotation and without a stack trace.
   */
  private static void assertErrors(Compilation compilation, List<String> expected) {
    List<String> errors = compilation.errors().stream()
        .map(error -> error.getMessage(Locale.ROOT))
        .toList();
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    assertEquals(expected, errors);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertEquals(2, error.getLineNumber(), error.getMessage(Locale.ROOT));
      assertEquals(
          Sources.packageInfoFor(PACKAGE, DOCUMENT).getName(),
          error.getSource().getName(),
          error.getMessage(Locale.ROOT));
      assertFalse(error.getMessage(Locale.ROOT).contains("\tat "), error.getMessage(Locale.ROOT));
    }
  }

  /** Compiles the package on disk with plain javac and checks that no source was written. */
  private void assertNothingGenerated() throws IOException {
    Path packageDir = Files.createDirectories(dir.resolve("src/com/example/combined"));
    Path packageInfo = packageDir.resolve("package-info.java");
    Files.writeString(
        packageInfo, Sources.packageInfoFor(PACKAGE, DOCUMENT).getCharContent(true).toString());

    JavacRun.Result result = JavacRun.compile(
        dir.resolve("out"), List.of(packageInfo), List.of("-Aasyncsse.specDir=" + dir));

    assertEquals(1, result.exitCode(), result.output());
    assertEquals(List.of(), result.generatedSources(), result.output());
    assertFalse(result.output().contains("\tat "), "stack trace printed: " + result.output());
  }

  @Test
  void structuralErrorsDoNotHideSchemaErrors() throws IOException {
    Compilation compilation = compile(MIXED);

    assertErrors(compilation, List.of(
        STRUCTURAL_ERRORS.get(0),
        STRUCTURAL_ERRORS.get(1),
        SCHEMA_ERRORS.get(0),
        SCHEMA_ERRORS.get(1),
        SCHEMA_ERRORS.get(2),
        STRUCTURAL_ERRORS.get(2),
        SCHEMA_ERRORS.get(3),
        SCHEMA_ERRORS.get(4)));
    assertNothingGenerated();
  }

  @Test
  void mainDocumentErrorsFirst() throws IOException {
    Files.writeString(dir.resolve("shared.yaml"), "Size: {type: integer, minimum: many}\n");
    String document = "asyncapi: 3.0.0\n"
        + "info: {title: Files, version: 1.0.0}\n"
        + "channels:\n"
        + "  sizes:\n"
        + "    address: sizes\n"
        + "    messages:\n"
        + "      size: {payload: {$ref: 'shared.yaml#/Size'}}\n"
        + "      label: {payload: {type: string, maxLength: -3}}\n";

    Compilation compilation = compile(document);

    assertErrors(compilation, List.of(
        at("8:50", Messages.invalidCount("maxLength", "-3")),
        "shared.yaml:1:32: "
            + Messages.invalidKeywordKind("minimum", "the string \"many\"", "a number")));
  }

  @Test
  void eventNameWithLineBreakIsError() throws IOException {
    String document = "asyncapi: 3.0.0\n"
        + "info: {title: Names, version: 1.0.0}\n"
        + "channels:\n"
        + "  ticks:\n"
        + "    address: ticks\n"
        + "    messages:\n"
        + "      tick: {name: \"ti\\nck\", payload: {type: string}}\n"
        + "      \"to\\u0000ck\": {payload: {type: integer}}\n";

    Compilation compilation = compile(document);

    assertErrors(compilation, List.of(
        at("7:20", Messages.invalidEventName("ti\nck", 2)),
        at("8:21", Messages.invalidEventName("to\u0000ck", 2))));
    assertNothingGenerated();
  }

  @Test
  void schemaErrorsAloneUnchanged() throws IOException {
    String schemaErrorsOnly = MIXED
        .replace("address: 42", "address: ticks")
        .replace("payload: [1, 2]", "payload: {type: string}")
        .replace("onTick: {channel:", "onTick: {action: receive, channel:");

    assertErrors(compile(schemaErrorsOnly), SCHEMA_ERRORS);
    assertNothingGenerated();
  }

  @Test
  void structuralErrorsAloneUnchanged() throws IOException {
    String structuralErrorsOnly = MIXED
        .replace("type: strin}", "type: string}")
        .replace("minLength: -1", "minLength: 1")
        .replace("schemas/Missing", "schemas/Code")
        .replace("'([a-z'", "'[a-z]'")
        .replace("maxItems: -2", "maxItems: 2");

    assertErrors(compile(structuralErrorsOnly), STRUCTURAL_ERRORS);
    assertNothingGenerated();
  }

  @Test
  void avroPayloadNotReadAsJsonSchema() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 2.6.0\n"
            + "info: {title: Mixed, version: 1.0.0}\n"
            + "channels:\n"
            + "  users:\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        schemaFormat: application/vnd.apache.avro;version=1.9.0\n"
            + "        payload: {type: record, name: User, fields: [{name: id, type: string}]}\n"
            + "  rooms/{id}:\n"
            + "    parameters:\n"
            + "      id:\n"
            + "        schema: {type: string, pattern: '(?i)a'}\n"
            + "    publish:\n"
            + "      message:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            size: {type: integer, minimum: 5, maximum: 1}\n");

    assertErrors(compilation, List.of(
        at("7:23", Messages.unsupportedSchemaFormat(
            "application/vnd.apache.avro;version=1.9.0", "usersMessage")),
        at("12:41", Messages.invalidParameterPattern("rooms/{id}", "id", "(?i)a", 0,
            "invalid group syntax '(?i'",
            "ECMA-262 groups start with (, (?:, (?=, (?!, (?<=, (?<! or (?<name>. Inline flags"
                + " such as (?i) and atomic groups (?>...) are java.util.regex syntax, so write"
                + " both letter cases in a class such as [Aa] instead of (?i).")),
        at("18:56", Messages.emptyRange("minimum", "5", "maximum", "1"))));
    assertNothingGenerated();
  }

  @Test
  void brokenHeadersKeywordReportedOnce() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Mixed, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n"
            + "        headers: {type: object, properties: {a: {type: strin}}, required: a}\n");

    assertErrors(compilation, List.of(
        at("9:56", Messages.unknownSchemaType("strin")),
        at("9:75", Messages.expectedKind("required", "an array", "string"))));
    assertNothingGenerated();
  }

  @Test
  void sharedParameterSchemaReportedOnce() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 2.6.0\n"
            + "info: {title: Mixed, version: 1.0.0}\n"
            + "channels:\n"
            + "  rooms/{id}:\n"
            + "    parameters:\n"
            + "      id:\n"
            + "        schema: {$ref: '#/components/schemas/Id'}\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            id: {$ref: '#/components/schemas/Id'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Id: {type: string, maxLength: [3]}\n");

    assertErrors(compilation, List.of(
        at("16:35", Messages.expectedKind("maxLength", "a number", "array"))));
    assertNothingGenerated();
  }

  @Test
  void nonSchemaPayloadReportedOnce() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Mixed, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {$ref: '#/components/schemas/Bad'}\n"
            + "      tock:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            bad: {$ref: '#/components/schemas/Bad'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Bad: [1, 2]\n");

    assertErrors(compilation, List.of(at("16:10", Messages.invalidPayloadKind("tick", "a list"))));
    assertNothingGenerated();
  }

  @Test
  void unusedComponentSchemaErrorsReported() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Clock, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Unused:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        code: {type: string, pattern: '([a-z', format: date-tim}\n"
            + "        size: {type: integr}\n"
            + "    Alias: {$ref: '#/info/title'}\n");

    assertErrors(compilation, List.of(
        at("14:39", Messages.invalidSchemaPattern(
            "([a-z", 1, "unclosed character class", "Close the class with ']'.")),
        at("15:22", Messages.unknownSchemaType("integr")),
        at("16:19", Messages.referencedSchemaKind("#/info/title", "the string \"Clock\""))));
    assertEquals(List.of(), compilation.warnings(), "warnings of an unused schema");
    assertNothingGenerated();
  }

  @Test
  void unusedComponentSchemaGeneratesNothing() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Clock, version: 1.0.0}\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {$ref: '#/components/schemas/Tick'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Tick: {type: object, properties: {n: {type: integer}}}\n"
            + "    Unused: {type: object, properties: {at: {type: string, format: date-tim}}}\n");

    assertEquals(
        Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
    assertEquals(List.of(), compilation.warnings(), "warnings of an unused schema");
    List<String> generated = compilation.generatedSourceFiles().stream()
        .map(file -> file.getName().substring(file.getName().lastIndexOf('/') + 1))
        .sorted()
        .toList();
    assertEquals(
        List.of("Clock.java", "Tick.java", "TicksClient.java", "TicksServer.java"), generated);
  }

  @Test
  void otherFormatComponentsNotReadAsJsonSchema() throws IOException {
    Compilation compilation = compile(
        "asyncapi: 2.6.0\n"
            + "info: {title: Formats, version: 1.0.0}\n"
            + "channels:\n"
            + "  users:\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        schemaFormat: application/vnd.apache.avro;version=1.9.0\n"
            + "        payload: {$ref: '#/components/schemas/UserAvro'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    UserAvro:\n"
            + "      {type: record, name: User, fields: [{$ref: '#/components/schemas/Id'}]}\n"
            + "    Id: {name: id, type: uuid}\n"
            + "    Wrapped:\n"
            + "      schemaFormat: application/vnd.apache.avro;version=1.9.0\n"
            + "      schema: {type: enum, name: Color, symbols: [RED]}\n"
            + "    Json:\n"
            + "      schemaFormat: application/schema+yaml;version=draft-07\n"
            + "      schema: {type: strin}\n");

    assertErrors(compilation, List.of(
        at("7:23", Messages.unsupportedSchemaFormat(
            "application/vnd.apache.avro;version=1.9.0", "usersMessage")),
        at("19:22", Messages.unknownSchemaType("strin"))));
    assertNothingGenerated();
  }
}
