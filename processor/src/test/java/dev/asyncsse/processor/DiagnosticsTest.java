package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.read.DocumentReader;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {

  private static final String PACKAGE = "com.example.broken";
  private static final String VALID_TAIL =
      "info:\n"
          + "  title: Broken\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  ticks:\n"
          + "    address: ticks\n"
          + "    messages:\n"
          + "      tick:\n"
          + "        payload:\n"
          + "          type: object\n"
          + "          properties:\n"
          + "            n:\n"
          + "              type: integer\n";

  @TempDir Path dir;

  private Compilation compile(String document, String text) throws IOException {
    return Sources.compile(dir, PACKAGE, document, text);
  }

  private Compilation compile(String document, byte[] content) throws IOException {
    return Sources.compile(dir, PACKAGE, document, content);
  }

  /** Compiles the package on disk with plain javac and checks that no source was written. */
  private void assertNothingGenerated(String document) throws IOException {
    Path packageDir = Files.createDirectories(dir.resolve("src/com/example/broken"));
    Path packageInfo = packageDir.resolve("package-info.java");
    Files.writeString(
        packageInfo,
        Sources.packageInfoFor(PACKAGE, document).getCharContent(true).toString());

    JavacRun.Result result = JavacRun.compile(
        dir.resolve("out"), List.of(packageInfo), List.of("-Aasyncsse.specDir=" + dir));

    assertEquals(1, result.exitCode(), result.output());
    assertEquals(List.of(), result.generatedSources(), result.output());
    assertFalse(result.output().contains("\tat "), "stack trace printed: " + result.output());
  }

  private static void assertNoStackTrace(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(null);
      assertTrue(!message.contains("\tat "), "stack trace in diagnostic: " + message);
    }
  }

  @Test
  void missingDocumentListsEveryPlaceTried() throws IOException {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(Sources.packageInfoFor(PACKAGE, "nowhere.yaml"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("AsyncAPI document not found: \"nowhere.yaml\"")
        .inFile(Sources.packageInfoFor(PACKAGE, "nowhere.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("source path:");
    assertThat(compilation).hadErrorContaining("class output:");
    assertThat(compilation).hadErrorContaining("class path:");
    assertThat(compilation).hadErrorContaining(dir.resolve("nowhere.yaml").toString());
    assertThat(compilation).hadErrorContaining("-A" + Messages.SPEC_DIR_OPTION + "=DIR");
    assertNothingGenerated("nowhere.yaml");
  }

  @Test
  void missingDocumentNamesUnsetSpecDir() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .compile(Sources.packageInfoFor(PACKAGE, "nowhere.yaml"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("-Aasyncsse.specDir: not set");
  }

  @Test
  void yamlSyntaxErrorNamesFileLineAndColumn() throws IOException {
    Compilation compilation = compile(
        "broken.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Broken\n"
            + "  version: [1.0.0\n"
            + "channels: {}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("broken.yaml:5:9: Invalid YAML: expected ',' or ']', but got :")
        .inFile(Sources.packageInfoFor(PACKAGE, "broken.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("Fix the syntax at this position.");
    assertNothingGenerated("broken.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void latin1DocumentIsNotUtf8() throws IOException {
    // Line 5 is "  description: Caf\u00E9", and ISO-8859-1 writes the \u00E9 as the one byte 0xE9.
    String text = "asyncapi: 3.0.0\n"
        + "info:\n"
        + "  title: Menu\n"
        + "  version: 1.0.0\n"
        + "  description: Caf\u00E9\n"
        + "channels: {}\n";
    Compilation compilation =
        compile("latin1.yaml", text.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("latin1.yaml:5:19: " + Messages.notUtf8("latin1.yaml", 0xE9))
        .inFile(Sources.packageInfoFor(PACKAGE, "latin1.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("Save the file as UTF-8.");
    assertNothingGenerated("latin1.yaml");
  }

  @Test
  void latin1ReferencedFileIsNotUtf8() throws IOException {
    // Line 3 of the referenced file is "  description: Caf\u00E9", with the \u00E9 as byte 0xE9.
    Files.write(
        dir.resolve("schemas.yaml"),
        ("Tick:\n  type: string\n  description: Caf\u00E9\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    Compilation compilation = compile(
        "main.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Ticks\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {$ref: 'schemas.yaml#/Tick'}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("schemas.yaml:3:19: " + Messages.notUtf8("schemas.yaml", 0xE9));
    assertNothingGenerated("main.yaml");
  }

  @Test
  void binaryDocumentIsNotUtf8() throws IOException {
    // The signature that starts every PNG file.
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    Compilation compilation = compile("image.yaml", png);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("image.yaml:1:1: " + Messages.notUtf8("image.yaml", 0x89));
    assertNothingGenerated("image.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void jsonSyntaxErrorNamesFileLineAndColumn() throws IOException {
    Compilation compilation = compile(
        "broken.json", "{\n  \"asyncapi\": \"3.0.0\",\n  \"info\": {\"title\": }\n}\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("broken.json:3:21: Invalid JSON:");
    assertNothingGenerated("broken.json");
  }

  @Test
  void jsonNestedTooDeeplyNamesLimit() throws IOException {
    // The root object is level 1, so the 1000th array opens level 1001 at column 10 + 1000.
    int depth = DocumentReader.MAX_NESTING_DEPTH;
    Compilation compilation = compile(
        "deep.json",
        "{\n  \"asyncapi\": \"3.0.0\",\n  \"deep\": "
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "\n}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("deep.json:3:1010: " + Messages.nestingTooDeep(depth))
        .inFile(Sources.packageInfoFor(PACKAGE, "deep.json"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("more than 1000 levels deep");
    assertNothingGenerated("deep.json");
    assertNoStackTrace(compilation);
  }

  @Test
  void yamlNestedTooDeeplyNamesLimit() throws IOException {
    // Line 2 + i opens the mapping at level i + 1, indented by i spaces.
    int depth = DocumentReader.MAX_NESTING_DEPTH;
    StringBuilder text = new StringBuilder("asyncapi: 3.0.0\ndeep:\n");
    for (int i = 1; i <= depth; i++) {
      text.append(" ".repeat(i)).append("k:\n");
    }
    Compilation compilation = compile("deep.yaml", text.toString());

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "deep.yaml:" + (depth + 2) + ":" + (depth + 1) + ": " + Messages.nestingTooDeep(depth));
    assertNothingGenerated("deep.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void missingRefTargetNamesRefPositionAndPointer() throws IOException {
    Compilation compilation = compile(
        "refs.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Refs\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        $ref: '#/components/messages/Tock'\n"
            + "components:\n"
            + "  messages:\n"
            + "    Tick:\n"
            + "      payload:\n"
            + "        type: string\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "refs.yaml:10:15: "
                + Messages.refTargetMissing("#/components/messages/Tock", "refs.yaml"))
        .inFile(Sources.packageInfoFor(PACKAGE, "refs.yaml"))
        .onLine(2);
    assertNothingGenerated("refs.yaml");
  }

  @Test
  void everyMissingRefIsReportedOnce() throws IOException {
    Compilation compilation = compile(
        "refs.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Refs\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/Missing'\n"
            + "      tock:\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/AlsoMissing'\n"
            + "operations:\n"
            + "  onTick:\n"
            + "    action: receive\n"
            + "    channel:\n"
            + "      $ref: '#/channels/tocks'\n");

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("refs.yaml:11:17: $ref target not found: \"#/components/schemas/Missing\"");
    assertThat(compilation).hadErrorContaining("refs.yaml:14:17: $ref target not found: \"#/components/schemas/AlsoMissing\"");
    assertThat(compilation).hadErrorContaining("refs.yaml:19:13: $ref target not found: \"#/channels/tocks\"");
    assertNothingGenerated("refs.yaml");
  }

  @Test
  void unsupportedVersionListsSupportedVersions() throws IOException {
    Compilation compilation = compile("old.yaml", "asyncapi: 1.2.0\n" + VALID_TAIL);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("old.yaml:1:11: " + Messages.unsupportedVersion("1.2.0"))
        .inFile(Sources.packageInfoFor(PACKAGE, "old.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("Supported versions: 2.0.x, 2.1.x, 2.2.x, 2.3.x, 2.4.x, 2.5.x, 2.6.x, 3.0.x, 3.1.x.");
    assertNothingGenerated("old.yaml");
  }

  @Test
  void remoteRefExplainsHowToVendor() throws IOException {
    Compilation compilation = compile(
        "remote.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Remote\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    $ref: 'https://example.com/channels.yaml#/ticks'\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("remote.yaml:7:11: Remote $ref \"https://example.com/channels.yaml#/ticks\"");
    assertThat(compilation).hadErrorContaining("refer to it by relative path");
  }

  @Test
  void refProblemsOfAllFilesReportedTogether() throws IOException {
    Files.writeString(
        dir.resolve("common.yaml"),
        "Shared:\n"
            + "  type: object\n"
            + "  properties:\n"
            + "    inner:\n"
            + "      $ref: '#/Nowhere'\n");
    Compilation compilation = compile(
        "refs.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Refs\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        $ref: '#/components/messages/Tick'\n"
            + "      tock:\n"
            + "        $ref: '#/components/messages/Tock'\n"
            + "  tacks:\n"
            + "    $ref: '#/channels/gone'\n"
            + "components:\n"
            + "  messages:\n"
            + "    Tick:\n"
            + "      payload:\n"
            + "        type: object\n"
            + "        properties:\n"
            + "          remote:\n"
            + "            $ref: 'https://example.com/schemas.yaml#/Remote'\n"
            + "          vendored:\n"
            + "            $ref: 'missing.yaml#/Vendored'\n"
            + "          shared:\n"
            + "            $ref: 'common.yaml#/Shared'\n"
            + "          sample:\n"
            + "            type: object\n"
            + "            examples:\n"
            + "              - $ref: not a reference\n");

    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining(
        "refs.yaml:12:15: "
            + Messages.refTargetMissing("#/components/messages/Tock", "refs.yaml"));
    assertThat(compilation).hadErrorContaining(
        "refs.yaml:14:11: " + Messages.refTargetMissing("#/channels/gone", "refs.yaml"));
    assertThat(compilation).hadErrorContaining(
        "refs.yaml:22:19: " + Messages.remoteRef("https://example.com/schemas.yaml#/Remote"));
    assertThat(compilation).hadErrorContaining(
        "refs.yaml:24:19: $ref target file not readable: \"missing.yaml\"");
    assertThat(compilation).hadErrorContaining(
        "common.yaml:5:13: " + Messages.refTargetMissing("#/Nowhere", "common.yaml"));
    assertNothingGenerated("refs.yaml");
  }

  @Test
  void refCycleOfChannelsIsOneError() throws IOException {
    Compilation compilation = compile(
        "cycle.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Cycle\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  a:\n"
            + "    $ref: '#/channels/b'\n"
            + "  b:\n"
            + "    $ref: '#/channels/a'\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "cycle.yaml:7:11: "
            + Messages.refCycle(List.of(
                "cycle.yaml#/channels/a", "cycle.yaml#/channels/b", "cycle.yaml#/channels/a")));
    assertNothingGenerated("cycle.yaml");
  }

  private static String schemaCycleDocument(String schemas) {
    return "asyncapi: 3.0.0\n"
        + "info:\n"
        + "  title: Cycle\n"
        + "  version: 1.0.0\n"
        + "channels:\n"
        + "  ticks:\n"
        + "    address: ticks\n"
        + "    messages:\n"
        + "      tick:\n"
        + "        payload:\n"
        + "          $ref: '#/components/schemas/B'\n"
        + "components:\n"
        + "  schemas:\n"
        + schemas;
  }

  @Test
  void schemaRefCycleIsOneError() throws IOException {
    // The payload enters the cycle at B, and the error still points at A, which comes first.
    Compilation compilation = compile(
        "cycle.yaml",
        schemaCycleDocument(
            "    A:\n"
                + "      $ref: '#/components/schemas/B'\n"
                + "    B:\n"
                + "      $ref: '#/components/schemas/A'\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cycle.yaml:15:13: "
                + Messages.refCycle(List.of(
                    "cycle.yaml#/components/schemas/A",
                    "cycle.yaml#/components/schemas/B",
                    "cycle.yaml#/components/schemas/A")))
        .inFile(Sources.packageInfoFor(PACKAGE, "cycle.yaml"))
        .onLine(2);
    assertNothingGenerated("cycle.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void refToItselfIsOneError() throws IOException {
    Compilation compilation = compile(
        "cycle.yaml",
        schemaCycleDocument(
            "    B:\n"
                + "      $ref: '#/components/schemas/B'\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "cycle.yaml:15:13: "
            + Messages.refCycle(List.of(
                "cycle.yaml#/components/schemas/B", "cycle.yaml#/components/schemas/B")));
    assertThat(compilation).hadErrorContaining("The $ref points at itself");
    assertNothingGenerated("cycle.yaml");
  }

  @Test
  void refCycleThroughFilesIsOneError() throws IOException {
    Files.writeString(
        dir.resolve("parts.yaml"), "C:\n  $ref: 'cycle.yaml#/components/schemas/B'\n");
    Compilation compilation = compile(
        "cycle.yaml",
        schemaCycleDocument(
            "    B:\n"
                + "      $ref: 'parts.yaml#/C'\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "cycle.yaml:15:13: "
            + Messages.refCycle(List.of(
                "cycle.yaml#/components/schemas/B",
                "parts.yaml#/C",
                "cycle.yaml#/components/schemas/B")));
    assertNothingGenerated("cycle.yaml");
  }

  @Test
  void twoRefCyclesAreTwoErrors() throws IOException {
    Compilation compilation = compile(
        "cycle.yaml",
        schemaCycleDocument(
            "    B:\n"
                + "      $ref: '#/components/schemas/B'\n"
                + "    C:\n"
                + "      $ref: '#/components/schemas/D'\n"
                + "    D:\n"
                + "      $ref: '#/components/schemas/C'\n"));

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "cycle.yaml:15:13: "
            + Messages.refCycle(List.of(
                "cycle.yaml#/components/schemas/B", "cycle.yaml#/components/schemas/B")));
    assertThat(compilation).hadErrorContaining(
        "cycle.yaml:17:13: "
            + Messages.refCycle(List.of(
                "cycle.yaml#/components/schemas/C",
                "cycle.yaml#/components/schemas/D",
                "cycle.yaml#/components/schemas/C")));
    assertNothingGenerated("cycle.yaml");
  }

  /**
   * Returns a document whose payload nests {@code levels} schemas of {@code kind} (array, map or
   * object) around a string. The payload is level 1, at line 11 and column 11. Each array or map
   * level starts 2 lines further down and 2 columns further right, each object level 3 lines and
   * 4 columns.
   */
  private static String nestedDocument(String kind, int levels) {
    return nestedDocument(kind, levels, "p");
  }

  /** Returns a document as above whose objects name their one property {@code property}. */
  private static String nestedDocument(String kind, int levels, String property) {
    StringBuilder text = new StringBuilder(
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Deep\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n");
    String indent = " ".repeat(10);
    for (int level = 1; level <= levels; level++) {
      switch (kind) {
        case "array" -> {
          text.append(indent).append("type: array\n").append(indent).append("items:\n");
          indent += "  ";
        }
        case "map" -> {
          text.append(indent).append("type: object\n")
              .append(indent).append("additionalProperties:\n");
          indent += "  ";
        }
        default -> {
          text.append(indent).append("type: object\n")
              .append(indent).append("properties:\n")
              .append(indent).append("  ").append(property).append(":\n");
          indent += "    ";
        }
      }
    }
    return text.append(indent).append("type: string\n").toString();
  }

  @Test
  void nestingAtSchemaDepthLimitCompiles() throws IOException {
    // A string under 100 arrays is 100 steps below the payload.
    Compilation compilation =
        compile("deep.yaml", nestedDocument("array", SchemaTypeMapper.MAX_SCHEMA_DEPTH));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void nestingOneStepPastLimitIsOneError() throws IOException {
    // A string under 101 arrays is 101 steps below the payload. Level d, the schema d - 1 steps
    // below the payload, starts at line 11 + 2 (d - 1), column 11 + 2 (d - 1), so the string is
    // at line 213, column 213.
    Compilation compilation =
        compile("deep.yaml", nestedDocument("array", SchemaTypeMapper.MAX_SCHEMA_DEPTH + 1));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "deep.yaml:213:213: "
                + Messages.schemaTooDeep(
                    "deep.yaml#/channels/ticks/messages/tick/payload",
                    SchemaTypeMapper.MAX_SCHEMA_DEPTH))
        .inFile(Sources.packageInfoFor(PACKAGE, "deep.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("more than 100 steps deep");
    assertNothingGenerated("deep.yaml");
  }

  @Test
  void arraysNestedTooDeeplyAreOneError() throws IOException {
    // Level 102, 101 steps below the payload, passes the limit.
    int levels = SchemaTypeMapper.MAX_SCHEMA_DEPTH + 50;
    Compilation compilation = compile("deep.yaml", nestedDocument("array", levels));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "deep.yaml:213:213: "
                + Messages.schemaTooDeep(
                    "deep.yaml#/channels/ticks/messages/tick/payload",
                    SchemaTypeMapper.MAX_SCHEMA_DEPTH))
        .inFile(Sources.packageInfoFor(PACKAGE, "deep.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("more than 100 steps deep");
    assertNothingGenerated("deep.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void mapsNestedTooDeeplyAreOneError() throws IOException {
    Compilation compilation =
        compile("deep.yaml", nestedDocument("map", SchemaTypeMapper.MAX_SCHEMA_DEPTH + 50));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "deep.yaml:213:213: "
            + Messages.schemaTooDeep(
                "deep.yaml#/channels/ticks/messages/tick/payload",
                SchemaTypeMapper.MAX_SCHEMA_DEPTH));
    assertNothingGenerated("deep.yaml");
  }

  @Test
  void objectsNestedTooDeeplyAreOneError() throws IOException {
    // Level d starts at line 11 + 3 (d - 1), column 11 + 4 (d - 1).
    Compilation compilation =
        compile("deep.yaml", nestedDocument("object", SchemaTypeMapper.MAX_SCHEMA_DEPTH + 50));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "deep.yaml:314:415: "
            + Messages.schemaTooDeep(
                "deep.yaml#/channels/ticks/messages/tick/payload",
                SchemaTypeMapper.MAX_SCHEMA_DEPTH));
    assertNothingGenerated("deep.yaml");
  }

  @Test
  void typeNameTooLongIsOneError() throws IOException {
    // Level d is named "Tick" and d - 1 times "ShippingAddress", so level 15 is the first over
    // 200 characters. It starts at line 11 + 3 * 14 and column 11 + 4 * 14.
    Compilation compilation =
        compile("long.yaml", nestedDocument("object", 20, "shippingAddress"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "long.yaml:53:67: "
            + Messages.typeNameTooLong(
                "Tick" + "ShippingAddress".repeat(14),
                214,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.SCHEMA_NAME_FIX));
    assertThat(compilation).hadErrorContaining("214 bytes long in UTF-8");
    assertNothingGenerated("long.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void longTitleIsOneError() throws IOException {
    String title = "T".repeat(300);
    Compilation compilation = compile(
        "title.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: " + title + "\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "title.yaml:3:3: "
            + Messages.typeNameTooLong(
                "T" + "t".repeat(299),
                300,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.TITLE_NAME_FIX));
    assertThat(compilation).hadErrorContaining("Shorten the title.");
    assertNothingGenerated("title.yaml");
  }

  @Test
  void longChannelIdIsOneError() throws IOException {
    // The channel names its client, server and parameters types, and one error covers them.
    String id = "c".repeat(240);
    Compilation compilation = compile(
        "channel.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Ticks\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  " + id + ":\n"
            + "    address: ticks/{id}\n"
            + "    parameters:\n"
            + "      id: {}\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "channel.yaml:7:5: "
            + Messages.typeNameTooLong(
                "C" + "c".repeat(239) + "Client",
                246,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.CHANNEL_NAME_FIX));
    assertThat(compilation).hadErrorContaining("Shorten the channel id.");
    assertNothingGenerated("channel.yaml");
  }

  /** Returns a document with one channel and messages {@code tick} and {@code messageId}. */
  private static String channelDocument(String title, String channelId, String messageId) {
    return "asyncapi: 3.0.0\n"
        + "info:\n"
        + "  title: " + title + "\n"
        + "  version: 1.0.0\n"
        + "channels:\n"
        + "  " + channelId + ":\n"
        + "    address: ticks\n"
        + "    messages:\n"
        + "      " + messageId + ":\n"
        + "        payload: {type: string}\n"
        + "      tick:\n"
        + "        payload: {type: string}\n";
  }

  @Test
  void nestedMessageNameTooLong() throws IOException {
    // TicksClient$Event$<message> is 180 + 6 + 7 + 71 bytes, although every top-level name and
    // every name the channel id alone gives, such as its Server$Handler, is under 200.
    String document = channelDocument("Ticks", "c".repeat(180), "m".repeat(71));
    Compilation compilation = compile("nested.yaml", document);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "nested.yaml:10:9: "
            + Messages.typeNameTooLong(
                "C" + "c".repeat(179) + "Client$Event$M" + "m".repeat(70),
                264,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.MESSAGE_NAME_FIX));
    assertThat(compilation).hadErrorContaining("264 bytes long in UTF-8");
    assertThat(compilation).hadErrorContaining("Shorten the message id");
    assertNothingGenerated("nested.yaml");
    assertNoStackTrace(compilation);
  }

  @Test
  void nestedChannelNameTooLong() throws IOException {
    // The client and server names have 196 bytes, and their nested types up to 204. The message
    // type nested in TicksClient$Event extends a name already over the limit, so it adds no error.
    String document = channelDocument("Ticks", "c".repeat(190), "m".repeat(71));
    Compilation compilation = compile("nested.yaml", document);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "nested.yaml:7:5: "
            + Messages.typeNameTooLong(
                "C" + "c".repeat(189) + "Server$Handler",
                204,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.CHANNEL_NAME_FIX));
    // The name is shown by its first and last 40 characters.
    assertThat(compilation).hadErrorContaining(
        "named \"C" + "c".repeat(39) + "..." + "c".repeat(26) + "Server$Handler\", 204 bytes");
    assertNothingGenerated("nested.yaml");
  }

  @Test
  void nestedEntryNameTooLong() throws IOException {
    String document = channelDocument("T".repeat(190), "ticks", "tock");
    Compilation compilation = compile("nested.yaml", document);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "nested.yaml:3:3: "
            + Messages.typeNameTooLong(
                "T" + "t".repeat(189) + "$ClientBuilder",
                204,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.TITLE_NAME_FIX));
    assertNothingGenerated("nested.yaml");
  }

  @Test
  void recordBuilderNameTooLongIsOneError() throws IOException {
    // A record of six or more components gets a nested Builder.
    String key = "S" + "s".repeat(194);
    Compilation compilation = compile(
        "builder.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Ticks\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {$ref: '#/components/schemas/" + key + "'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    " + key + ":\n"
            + "      type: object\n"
            + "      properties: {a: {}, b: {}, c: {}, d: {}, e: {}, f: {}}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "builder.yaml:14:7: "
            + Messages.typeNameTooLong(
                key + "$Builder",
                203,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.NESTED_SCHEMA_NAME_FIX));
    assertNothingGenerated("builder.yaml");
  }

  @Test
  void parameterEnumNameTooLongIsOneError() throws IOException {
    String channelId = "c".repeat(150);
    String parameter = "p".repeat(60);
    Compilation compilation = compile(
        "parameter.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Ticks\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  " + channelId + ":\n"
            + "    address: ticks/{" + parameter + "}\n"
            + "    parameters:\n"
            + "      " + parameter + ":\n"
            + "        enum: [a, b]\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "parameter.yaml:10:9: "
            + Messages.typeNameTooLong(
                "C" + "c".repeat(149) + "Parameters$P" + "p".repeat(59),
                221,
                SchemaTypeMapper.MAX_TYPE_NAME_LENGTH,
                Messages.PARAMETER_NAME_FIX));
    assertNothingGenerated("parameter.yaml");
  }

  @Test
  void refChainTooDeepIsOneError() throws IOException {
    // Schema S<i> starts at line 16 + 3 i. The first payload reaches S101 101 steps down, the
    // second reaches S102 there, and both are the same deep branch.
    StringBuilder text = new StringBuilder(
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Chain\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {$ref: '#/components/schemas/S0'}\n"
            + "      tock:\n"
            + "        payload: {$ref: '#/components/schemas/S1'}\n"
            + "components:\n"
            + "  schemas:\n");
    // Long enough that following the chain recursively would overflow the stack.
    int count = 2000;
    for (int i = 0; i < count; i++) {
      text.append("    S").append(i).append(":\n");
      text.append("      type: array\n");
      text.append("      items: {$ref: '#/components/schemas/S").append(i + 1).append("'}\n");
    }
    text.append("    S").append(count).append(": {type: string}\n");
    Compilation compilation = compile("chain.yaml", text.toString());

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "chain.yaml:319:7: "
            + Messages.schemaTooDeep(
                "chain.yaml#/components/schemas/S0", SchemaTypeMapper.MAX_SCHEMA_DEPTH));
    assertNothingGenerated("chain.yaml");
  }

  @Test
  void duplicateKeyIsReported() throws IOException {
    Compilation compilation = compile(
        "dup.yaml", "asyncapi: 3.0.0\n" + VALID_TAIL + "info:\n  title: Again\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("dup.yaml:15:1: Duplicate key \"info\"; it was first defined at dup.yaml:2:1.");
    assertNothingGenerated("dup.yaml");
  }

  @Test
  void unsupportedSchemaFormatNamesFormatAndMessage() throws IOException {
    Compilation compilation = compile(
        "avro.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Avro\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          schemaFormat: application/vnd.apache.avro;version=1.9.0\n"
            + "          schema:\n"
            + "            type: record\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "avro.yaml:10:25: "
                + Messages.unsupportedSchemaFormat("application/vnd.apache.avro;version=1.9.0", "tick"));
  }

  @Test
  void undeclaredParameterIsWarningAndStringParameter() throws IOException {
    Compilation compilation = compile(
        "params.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Params\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  rooms:\n"
            + "    address: rooms/{roomId}\n"
            + "    messages:\n"
            + "      said:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            text:\n"
            + "              type: string\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("params.yaml:7:14: " + Messages.undeclaredParameter("rooms", "roomId"));
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".RoomsParameters")
        .contentsAsUtf8String()
        .contains("public record RoomsParameters(String roomId)");
  }

  @Test
  void nullAddressSkipsChannelWithWarning() throws IOException {
    Compilation compilation = compile(
        "dynamic.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Dynamic\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  replies:\n"
            + "    address: null\n"
            + "    messages:\n"
            + "      reply:\n"
            + "        payload:\n"
            + "          type: string\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: string\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("dynamic.yaml:7:14: " + Messages.nullAddress("replies"));
    assertThat(compilation).generatedSourceFile(PACKAGE + ".TicksServer");
    List<String> generated = compilation.generatedSourceFiles().stream()
        .map(JavaFileObject::getName)
        .toList();
    assertFalse(generated.stream().anyMatch(name -> name.contains("Replies")), generated.toString());
  }

  @Test
  void pathnameWithoutSlashIsWarning() throws IOException {
    Compilation compilation = compile(
        "relative.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Relative\n"
            + "  version: 1.0.0\n"
            + "servers:\n"
            + "  s1:\n"
            + "    host: example.com\n"
            + "    protocol: https\n"
            + "    pathname: v1\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: /ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: string\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "relative.yaml:9:15: " + Messages.pathnameWithoutSlash("s1", "v1", "/v1"));
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".Relative")
        .contentsAsUtf8String()
        .contains("\"https://example.com/v1\"");
  }

  @Test
  void addressWithQueryIsOneErrorAtAddress() throws IOException {
    Compilation compilation = compile(
        "query.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Query\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  rooms:\n"
            + "    address: rooms/{roomId}/messages?since=1\n"
            + "    parameters:\n"
            + "      roomId: {}\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "query.yaml:7:14: Invalid address \"rooms/{roomId}/messages?since=1\" for channel"
            + " \"rooms\": '?' starts a query or fragment");
    assertNothingGenerated("query.yaml");
  }

  @Test
  void parameterInUrlHostIsError() throws IOException {
    Compilation compilation = compile(
        "tenant.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Tenant\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  events:\n"
            + "    address: https://{tenant}.example.com/events\n"
            + "    parameters:\n"
            + "      tenant: {}\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: string\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "tenant.yaml:7:14: Invalid address \"https://{tenant}.example.com/events\" for channel"
            + " \"events\": parameter {tenant} is in the scheme or host of the URL, but only the"
            + " path is served and requested");
    assertThat(compilation).hadErrorContaining("name the host in 'servers'");
    assertNothingGenerated("tenant.yaml");
  }

  @Test
  void parameterInUrlPathIsAccepted() throws IOException {
    Compilation compilation = compile(
        "books.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Books\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  books:\n"
            + "    address: https://example.com/books/{id}\n"
            + "    parameters:\n"
            + "      id: {}\n"
            + "    messages:\n"
            + "      book:\n"
            + "        payload:\n"
            + "          type: string\n");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void repeatedParameterInAddressIsError() throws IOException {
    Compilation compilation = compile(
        "repeat.yaml",
        "asyncapi: 3.0.0\n"
            + "info: {title: Repeat, version: 1.0.0}\n"
            + "channels:\n"
            + "  rooms:\n"
            + "    address: rooms/{roomId}/{roomId}\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("parameter {roomId} appears more than once");
  }

  @Test
  void emptyTitleIsReportedAsEmpty() throws IOException {
    Compilation compilation = compile(
        "untitled.yaml", "asyncapi: 3.0.0\ninfo:\n  title: ''\n  version: 1.0.0\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "untitled.yaml:3:10: " + Messages.emptyField("info", "title"));
  }

  @Test
  void documentThatIsArrayNamesTheKind() throws IOException {
    Compilation compilation = compile("list.yaml", "- a\n- b\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("its root is an array");
  }

  @Test
  void internalErrorNamesNodeReached() throws IOException {
    String pointer = "/channels/ticks/messages/tick/payload/properties/n";
    System.setProperty(Progress.FAIL_AT_PROPERTY, pointer);
    Compilation compilation;
    try {
      compilation = compile("ticks.yaml", "asyncapi: 3.0.0\n" + VALID_TAIL);
    } finally {
      System.clearProperty(Progress.FAIL_AT_PROPERTY);
    }

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "Internal error in the asyncsse processor while processing ticks.yaml at"
                + " ticks.yaml:14:15: java.lang.IllegalStateException")
        .inFile(Sources.packageInfoFor(PACKAGE, "ticks.yaml"))
        .onLine(2);
    assertThat(compilation).hadErrorContaining("This is a bug in asyncsse");
    assertNoStackTrace(compilation);
  }

  @Test
  void internalErrorInModelNamesNodeReached() throws IOException {
    String v3 = "asyncapi: 3.0.0\n"
        + "info:\n"
        + "  title: Broken\n"
        + "  version: 1.0.0\n"
        + "channels:\n"
        + "  ticks:\n"
        + "    address: 'ticks/{symbol}'\n"
        + "    parameters:\n"
        + "      symbol:\n"
        + "        description: The ticker symbol.\n"
        + "    messages:\n"
        + "      tick:\n"
        + "        payload:\n"
        + "          type: string\n"
        + "operations:\n"
        + "  readTicks:\n"
        + "    action: receive\n"
        + "    channel:\n"
        + "      $ref: '#/channels/ticks'\n";
    String v2 = "asyncapi: 2.6.0\n"
        + "info:\n"
        + "  title: Broken\n"
        + "  version: 1.0.0\n"
        + "channels:\n"
        + "  ticks/{symbol}:\n"
        + "    parameters:\n"
        + "      symbol:\n"
        + "        schema: {type: string}\n"
        + "    publish:\n"
        + "      message:\n"
        + "        payload: {type: string}\n";
    String[][] cases = {
        {v3, "/channels/ticks", "7:5"},
        {v3, "/channels/ticks/parameters/symbol", "10:9"},
        {v3, "/channels/ticks/messages/tick", "13:9"},
        {v3, "/operations/readTicks", "17:5"},
        {v2, "/channels/ticks~1{symbol}", "7:5"},
        {v2, "/channels/ticks~1{symbol}/publish", "11:7"},
        {v2, "/channels/ticks~1{symbol}/publish/message", "12:9"},
        {v2, "/channels/ticks~1{symbol}/parameters/symbol", "9:9"},
    };
    for (String[] row : cases) {
      String pointer = row[1];
      System.setProperty(Progress.FAIL_AT_PROPERTY, pointer);
      Compilation compilation;
      try {
        compilation = compile("ticks.yaml", row[0]);
      } finally {
        System.clearProperty(Progress.FAIL_AT_PROPERTY);
      }

      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation).hadErrorContaining(
          "Internal error in the asyncsse processor while processing ticks.yaml at ticks.yaml:"
              + row[2] + ": java.lang.IllegalStateException: failure requested by -D"
              + Progress.FAIL_AT_PROPERTY + "=" + pointer);
      assertNoStackTrace(compilation);
    }
  }

  @Test
  void lowercaseJavaTypeIsUsedAsWritten() throws IOException {
    Compilation compilation = compile(
        "lower.yaml",
        "asyncapi: 3.0.0\n"
            + VALID_TAIL
            + "              x-java-type: java.lang.Integer\n"
            + "            when:\n"
            + "              type: string\n"
            + "              x-java-type: com.example.broken.lowercase\n");
    Compilation withClass = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir)
        .compile(
            Sources.packageInfoFor(PACKAGE, "lower.yaml"),
            com.google.testing.compile.JavaFileObjects.forSourceString(
                PACKAGE + ".lowercase", "package " + PACKAGE + "; public class lowercase {}"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "lower.yaml:18:28: " + Messages.unknownJavaType("com.example.broken.lowercase"));
    assertNoStackTrace(compilation);
    assertThat(withClass).succeeded();
  }

  /**
   * Returns a text of 100 characters whose 60th is U+1F600, outside the Basic Multilingual Plane,
   * so that a cut after 60 UTF-16 units would split it.
   */
  private static String longValue(String start) {
    return start + "x".repeat(59 - start.length()) + "\uD83D\uDE00" + "y".repeat(40);
  }

  /** Returns the first 60 characters of {@link #longValue}, which end with U+1F600. */
  private static String cutValue(String start) {
    return start + "x".repeat(59 - start.length()) + "\uD83D\uDE00";
  }

  private static void assertNotQuotedWhole(Compilation compilation, String value) {
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(null);
      assertFalse(message.contains(value), "value quoted whole: " + message);
    }
  }

  @Test
  void longSchemaValuesAreCutInMessages() throws IOException {
    String format = longValue("f");
    String type = longValue("t");
    String pattern = longValue("(?i)");
    String javaType = longValue("com.example.");
    Compilation compilation = compile(
        "long.yaml",
        "asyncapi: 3.0.0\n"
            + VALID_TAIL
            + "            f:\n"
            + "              type: string\n"
            + "              format: " + format + "\n"
            + "            t:\n"
            + "              type: " + type + "\n"
            + "            p:\n"
            + "              type: string\n"
            + "              pattern: '" + pattern + "'\n"
            + "            j:\n"
            + "              x-java-type: " + javaType + "\n");

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadWarningContaining(
        "long.yaml:17:23: Unknown format \"" + cutValue("f") + "...\" (100 characters) for type"
            + " string;");
    assertThat(compilation).hadErrorContaining(
        "long.yaml:19:21: Unknown schema type \"" + cutValue("t") + "...\" (100 characters):");
    assertThat(compilation).hadErrorContaining(
        "long.yaml:22:24: Invalid pattern \"" + cutValue("(?i)") + "...\" (100 characters) at"
            + " index 0:");
    assertThat(compilation).hadErrorContaining(
        "long.yaml:24:28: Invalid x-java-type \"" + cutValue("com.example.")
            + "...\" (100 characters):");
    assertNotQuotedWhole(compilation, format);
    assertNotQuotedWhole(compilation, javaType);
    assertNotQuotedWhole(compilation, type);
    assertNotQuotedWhole(compilation, pattern);
    assertNoStackTrace(compilation);
  }

  @Test
  void longMissingRefIsCutInMessage() throws IOException {
    String ref = "#/components/schemas/" + longValue("S").substring(21);
    Compilation compilation = compile(
        "ref.yaml",
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Refs\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          $ref: '" + ref + "'\n");

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "ref.yaml:11:17: $ref target not found: \"" + ref.substring(0, 59) + "\uD83D\uDE00"
            + "...\" (100 characters) points at nothing");
    assertNotQuotedWhole(compilation, ref);
    assertNothingGenerated("ref.yaml");
  }
}
