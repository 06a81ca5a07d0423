package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field of the wrong JSON type, such as a list where an object or a string belongs, is one error
 * at that field, and nothing is generated.
 */
class DocumentShapeTest {

  private static final String PACKAGE = "com.example.shape";
  private static final String HEAD = "asyncapi: 3.0.0\ninfo: {title: Shape, version: 1.0.0}\n";
  private static final String V2_HEAD = "asyncapi: 2.6.0\ninfo: {title: Shape, version: 1.0.0}\n";
  private static final String TICKS =
      "channels:\n"
          + "  ticks:\n"
          + "    address: ticks\n"
          + "    messages:\n"
          + "      tick:\n"
          + "        payload: {type: string}\n";

  @TempDir Path dir;

  private Compilation compile(String text) throws IOException {
    return Sources.compile(dir, PACKAGE, "shape.yaml", text);
  }

  /**
   * Checks that {@code text} fails with exactly the error {@code message} at {@code
   * lineAndColumn}, reported on the annotation, with no source generated and no stack trace.
   */
  private void assertOneError(String text, String lineAndColumn, String message)
      throws IOException {
    Compilation compilation = compile(text);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("shape.yaml:" + lineAndColumn + ": " + message)
        .inFile(Sources.packageInfoFor(PACKAGE, "shape.yaml"))
        .onLine(2);
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      assertFalse(diagnostic.getMessage(null).contains("\tat "), diagnostic.getMessage(null));
    }
    assertNothingGenerated();
  }

  /** Compiles the package on disk with plain javac and checks that no source was written. */
  private void assertNothingGenerated() throws IOException {
    Path packageDir = Files.createDirectories(dir.resolve("src/com/example/shape"));
    Path packageInfo = packageDir.resolve("package-info.java");
    Files.writeString(
        packageInfo,
        Sources.packageInfoFor(PACKAGE, "shape.yaml").getCharContent(true).toString());

    JavacRun.Result result = JavacRun.compile(
        dir.resolve("out"), List.of(packageInfo), List.of("-Aasyncsse.specDir=" + dir));

    assertEquals(1, result.exitCode(), result.output());
    assertEquals(List.of(), result.generatedSources(), result.output());
  }

  @Test
  void numberAddressIsError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: 42\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: {type: string}\n",
        "5:14",
        Messages.invalidAddressKind("ticks", "the number 42"));
  }

  @Test
  void listAddressIsError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: [a, b]\n"
            + "    parameters:\n"
            + "      id: {}\n",
        "5:14",
        Messages.invalidAddressKind("ticks", "a list"));
  }

  @Test
  void objectAndBooleanAddressesAreErrors() throws IOException {
    assertOneError(
        HEAD + "channels:\n  ticks:\n    address: {path: ticks}\n",
        "5:14",
        Messages.invalidAddressKind("ticks", "an object"));
    assertOneError(
        HEAD + "channels:\n  ticks:\n    address: true\n",
        "5:14",
        Messages.invalidAddressKind("ticks", "the boolean true"));
  }

  @Test
  void messagesOfBadAddressChannelAreChecked() throws IOException {
    Compilation compilation = compile(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: 42\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: [1, 2]\n");

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "shape.yaml:5:14: " + Messages.invalidAddressKind("ticks", "the number 42"));
    assertThat(compilation).hadErrorContaining(
        "shape.yaml:8:18: " + Messages.invalidPayloadKind("tick", "a list"));
  }

  @Test
  void serverFieldsMustBeStrings() throws IOException {
    String owner = "server \"production\"";
    String fix = "Write it as a string, quoted where YAML would read a number or boolean.";
    assertOneError(
        V2_HEAD
            + "servers:\n"
            + "  production:\n"
            + "    url: 42\n"
            + "    protocol: http\n"
            + "channels:\n"
            + "  ticks:\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        payload: {type: string}\n",
        "5:10",
        Messages.invalidFieldKind("url", owner, "the number 42", "a string", fix));
    assertOneError(
        HEAD
            + "servers:\n"
            + "  production:\n"
            + "    host: [a.example.com, b.example.com]\n"
            + "    protocol: http\n"
            + TICKS,
        "5:11",
        Messages.invalidFieldKind("host", owner, "a list", "a string", fix));
    assertOneError(
        HEAD
            + "servers:\n"
            + "  production:\n"
            + "    host: example.com\n"
            + "    pathname: {v: 1}\n"
            + "    protocol: http\n"
            + TICKS,
        "6:15",
        Messages.invalidFieldKind("pathname", owner, "an object", "a string", fix));
    assertOneError(
        HEAD
            + "servers:\n"
            + "  production:\n"
            + "    host: example.com\n"
            + "    protocol: true\n"
            + TICKS,
        "6:15",
        Messages.invalidFieldKind("protocol", owner, "the boolean true", "a string", fix));
  }

  @Test
  void listPayloadIsError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: [1, 2]\n",
        "8:18",
        Messages.invalidPayloadKind("tick", "a list"));
  }

  @Test
  void scalarPayloadsAreErrors() throws IOException {
    String channel = "channels:\n  ticks:\n    address: ticks\n    messages:\n      tick:\n";
    assertOneError(
        HEAD + channel + "        payload: 42\n",
        "8:18",
        Messages.invalidPayloadKind("tick", "the number 42"));
    assertOneError(
        HEAD + channel + "        payload: string\n",
        "8:18",
        Messages.invalidPayloadKind("tick", "the string \"string\""));
    String longText = "0123456789".repeat(7);
    assertOneError(
        HEAD + channel + "        payload: '" + longText + "'\n",
        "8:18",
        Messages.invalidPayloadKind(
            "tick", "a string of 70 characters starting \"" + longText.substring(0, 60) + "\""));
    // U+1F600 is the 60th character and two UTF-16 units, so the cut keeps it whole.
    String emoji = "x".repeat(59) + "\uD83D\uDE00" + "y".repeat(10);
    assertOneError(
        HEAD + channel + "        payload: '" + emoji + "'\n",
        "8:18",
        Messages.invalidPayloadKind("tick", "a string of 70 characters starting \""
            + "x".repeat(59) + "\uD83D\uDE00\""));
    assertOneError(
        HEAD + channel + "        payload:\n",
        "8:17",
        Messages.invalidPayloadKind("tick", "null"));
  }

  @Test
  void payloadReachedByRefIsChecked() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/Tick'\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Tick: [1, 2]\n",
        "12:11",
        Messages.invalidPayloadKind("tick", "a list"));
  }

  /** Returns a document whose payload has the property {@code p: {$ref: REF}} at line 11. */
  private static String propertyRef(String head, String ref) {
    return head
        + "channels:\n"
        + "  ticks:\n"
        + "    address: ticks\n"
        + "    messages:\n"
        + "      tick:\n"
        + "        payload:\n"
        + "          type: object\n"
        + "          properties:\n"
        + "            p: {$ref: '" + ref + "'}\n"
        + "servers:\n"
        + "  prod: {host: example.com, protocol: http}\n"
        + "operations:\n"
        + "  onTick: {action: receive, channel: {$ref: '#/channels/ticks'}}\n"
        + "components:\n"
        + "  messages:\n"
        + "    tock: {payload: {type: string}}\n"
        + "  parameters:\n"
        + "    id: {description: an id}\n"
        + "  schemas:\n"
        + "    Id: {type: string}\n";
  }

  @Test
  void refToNonSchemaObjectIsAnError() throws IOException {
    String[][] cases = {
      {"#/info", "the info object"},
      {"#/info/contact", "part of the info object"},
      {"#", "the document's root object"},
      {"#/channels/ticks", "channel \"ticks\""},
      {"#/channels/ticks/messages/tick", "message \"tick\" of channel \"ticks\""},
      {"#/servers/prod", "server \"prod\""},
      {"#/operations/onTick", "operation \"onTick\""},
      {"#/components/messages/tock", "message \"tock\""},
      {"#/components/parameters/id", "parameter \"id\""},
      {"#/components/schemas", "the map components/schemas itself"},
    };
    for (String[] refAndTarget : cases) {
      assertOneError(
          propertyRef(HEAD.replace("info: {", "info: {contact: {name: A}, "), refAndTarget[0]),
          "11:23",
          Messages.refNotSchema(refAndTarget[0], refAndTarget[1]));
    }
  }

  @Test
  void compositionRefToNonSchemaIsError() throws IOException {
    for (String keyword : new String[] {"allOf", "oneOf", "anyOf"}) {
      assertOneError(
          HEAD
              + "channels:\n"
              + "  ticks:\n"
              + "    address: ticks\n"
              + "    messages:\n"
              + "      tick:\n"
              + "        payload:\n"
              + "          " + keyword + ":\n"
              + "            - {$ref: '#/info'}\n"
              + "            - {type: object, properties: {a: {type: string}}}\n",
          "10:22",
          Messages.refNotSchema("#/info", "the info object"));
    }
  }

  @Test
  void refToV2OperationIsAnError() throws IOException {
    assertOneError(
        V2_HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            p: {$ref: '#/channels/ticks/subscribe'}\n",
        "10:23",
        Messages.refNotSchema(
            "#/channels/ticks/subscribe", "the subscribe operation of channel \"ticks\""));
  }

  @Test
  void v2ParameterRefToNonSchemaIsError() throws IOException {
    assertOneError(
        V2_HEAD
            + "channels:\n"
            + "  ticks/{id}:\n"
            + "    parameters:\n"
            + "      id:\n"
            + "        schema: {$ref: '#/info'}\n"
            + "    subscribe:\n"
            + "      message:\n"
            + "        payload: {type: string}\n",
        "7:24",
        Messages.refNotSchema("#/info", "the info object"));
  }

  @Test
  void refsToSchemasStayValid() throws IOException {
    Files.writeString(
        dir.resolve("schemas.yaml"),
        "Stamp: {type: string, format: date-time}\n"
            + "Nested: {type: object, properties: {n: {$ref: '#/$defs/N'}}}\n"
            + "$defs:\n"
            + "  N: {type: integer}\n");
    String document = HEAD
        + "channels:\n"
        + "  ticks:\n"
        + "    address: ticks\n"
        + "    messages:\n"
        + "      tick:\n"
        + "        payload:\n"
        + "          type: object\n"
        + "          properties:\n"
        + "            a: {$ref: '#/components/schemas/Id'}\n"
        + "            b: {$ref: '#/$defs/Count'}\n"
        + "            c: {$ref: '#/definitions/Flag'}\n"
        + "            d: {$ref: '#/components/schemas/Id/$defs/Inner'}\n"
        + "            e: {$ref: '#/channels/ticks/messages/tock/payload'}\n"
        + "            f: {$ref: '#/channels/ticks/messages/tick/payload/properties/a'}\n"
        + "            g: {$ref: 'schemas.yaml#/Stamp'}\n"
        + "            h: {$ref: 'schemas.yaml#/Nested'}\n"
        + "            i: {$ref: '#/components/messages/tock/payload'}\n"
        + "      tock:\n"
        + "        payload: {type: number}\n"
        + "$defs:\n"
        + "  Count: {type: integer}\n"
        + "definitions:\n"
        + "  Flag: {type: boolean}\n"
        + "components:\n"
        + "  messages:\n"
        + "    tock: {payload: {type: string}}\n"
        + "  schemas:\n"
        + "    Id:\n"
        + "      type: string\n"
        + "      $defs:\n"
        + "        Inner: {type: string, format: uuid}\n";

    Compilation compilation = compile(document);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void v2PayloadRefStaysValid() throws IOException {
    Compilation compilation = compile(
        V2_HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    subscribe:\n"
            + "      message: {$ref: '#/components/messages/tick'}\n"
            + "components:\n"
            + "  messages:\n"
            + "    tick:\n"
            + "      payload: {$ref: '#/components/schemas/Tick'}\n"
            + "      headers: {$ref: '#/components/messages/tock/payload'}\n"
            + "    tock:\n"
            + "      payload: {type: object, properties: {n: {type: integer}}}\n"
            + "  schemas:\n"
            + "    Tick:\n"
            + "      type: object\n"
            + "      properties: {at: {$ref: '#/components/messages/tock/payload'}}\n");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void multiFormatSchemaIsChecked() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          schemaFormat: application/schema+json;version=draft-07\n"
            + "          schema: 42\n",
        "10:19",
        Messages.invalidPayloadKind("tick", "the number 42"));
  }

  @Test
  void v2ListPayloadIsError() throws IOException {
    assertOneError(
        V2_HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    subscribe:\n"
            + "      operationId: ticks\n"
            + "      message:\n"
            + "        name: tick\n"
            + "        payload: [1, 2]\n",
        "9:18",
        Messages.invalidPayloadKind("tick", "a list"));
  }

  @Test
  void propertySchemaReachedByRefIsChecked() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            sentAt: {$ref: '#/components/schemas/sentAt'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    sentAt: [1, 2]\n",
        "14:13",
        Messages.componentSchemaKind("sentAt", "a list"));
  }

  @Test
  void refToScalarIsReportedAtRef() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            t: {$ref: '#/info/title'}\n",
        "11:23",
        Messages.referencedSchemaKind("#/info/title", "the string \"Shape\""));
  }

  @Test
  void nonSchemaComponentIsErrorAtValue() throws IOException {
    List<String> values = List.of("null", "5", "text", "[1, 2]");
    List<String> found = List.of("null", "the number 5", "the string \"text\"", "a list");
    for (int i = 0; i < values.size(); i++) {
      assertOneError(
          HEAD + TICKS + "components:\n  schemas:\n    A: " + values.get(i) + "\n",
          "11:8",
          Messages.componentSchemaKind("A", found.get(i)));
    }
  }

  @Test
  void nonSchemaFormatComponentIsError() throws IOException {
    assertOneError(
        HEAD + TICKS + "components:\n  schemas:\n    A:\n"
            + "      schemaFormat: application/schema+json;version=draft-07\n"
            + "      schema: null\n",
        "13:15",
        Messages.componentSchemaKind("A", "null"));
  }

  @Test
  void referencedNullComponentIsOneError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload:\n"
            + "          properties:\n"
            + "            a: {$ref: '#/components/schemas/A'}\n"
            + "            b: {$ref: '#/components/schemas/A'}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    A: null\n",
        "14:8",
        Messages.componentSchemaKind("A", "null"));
  }

  @Test
  void booleanPayloadIsAnyJson() throws IOException {
    Compilation compilation = compile(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        payload: true\n");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".TicksClient")
        .contentsAsUtf8String()
        .contains("JsonNode");
  }

  @Test
  void scalarHeadersAreError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        headers: [x-trace-id]\n"
            + "        payload: {type: string}\n",
        "8:18",
        Messages.invalidHeadersKind("tick", "a list"));
  }

  @Test
  void headersOfOtherTypeAreError() throws IOException {
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        headers: {type: string}\n"
            + "        payload: {type: string}\n",
        "8:25",
        Messages.invalidHeadersKind("tick", "a schema of type string"));
    assertOneError(
        HEAD
            + "channels:\n"
            + "  ticks:\n"
            + "    address: ticks\n"
            + "    messages:\n"
            + "      tick:\n"
            + "        headers: {$ref: '#/components/schemas/Trace'}\n"
            + "        payload: {type: string}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Trace:\n"
            + "      type: [array, 'null']\n"
            + "      items: {type: string}\n",
        "13:13",
        Messages.invalidHeadersKind("tick", "a schema of type array or null"));
  }

  /**
   * Each row is a document, the line and column of its one error, and the message. Every field
   * contains a value of the wrong JSON type.
   */
  @Test
  void wrongKindsAreOneErrorEach() throws IOException {
    String ticksChannel = "channels:\n  ticks:\n    address: ticks\n";
    String tickMessage = "    messages:\n      tick:\n        payload: {type: string}\n";
    String[][] rows = {
        {HEAD + "channels: [ticks]\n",
            "3:11", Messages.expectedKind("channels", "an object", "array")},
        {HEAD + "operations: [onTick]\n",
            "3:13", Messages.expectedKind("operations", "an object", "array")},
        {HEAD + "servers: [production]\n",
            "3:10", Messages.expectedKind("servers", "an object", "array")},
        {HEAD + ticksChannel + "    messages: [tick]\n",
            "6:15", Messages.expectedKind("messages", "an object", "array")},
        {HEAD + ticksChannel + "    parameters: [id]\n",
            "6:17", Messages.expectedKind("parameters", "an object", "array")},
        {HEAD + "components: [schemas]\n",
            "3:13", Messages.expectedKind("components", "an object", "array")},
        {HEAD + "components:\n  schemas: [Tick]\n",
            "4:12", Messages.expectedKind("schemas", "an object", "array")},
        {HEAD + "components:\n  messages: tick\n",
            "4:13", Messages.expectedKind("messages", "an object", "string")},
        {"asyncapi: 3.0.0\ninfo: [Shape]\n",
            "2:7", Messages.expectedKind("info", "an object", "array")},
        {"asyncapi: 3.0.0\ninfo: {title: [Shape], version: 1.0.0}\n",
            "2:15", Messages.expectedKind("title", "a string", "array")},
        {"asyncapi: [3.0.0]\ninfo: {title: Shape, version: 1.0.0}\n",
            "1:11", Messages.expectedKind("asyncapi", "a version string", "array")},
        {HEAD + ticksChannel + "    description: [a, b]\n",
            "6:18", Messages.expectedKind("description", "a string", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n    channel: ticks\n",
            "12:14", Messages.operationChannelNotRef("onTick", "the string \"ticks\"")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {address: ticks}\n",
            "12:14", Messages.operationChannelNotRef("onTick", "an object")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: publish\n"
                + "    channel: {$ref: '#/channels/ticks'}\n",
            "11:13", Messages.invalidOperationAction("onTick", "the string \"publish\"")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action:\n"
                + "    channel: {$ref: '#/channels/ticks'}\n",
            "11:12", Messages.invalidOperationAction("onTick", "null")},
        {HEAD + TICKS + "operations:\n  onTick:\n    channel: {$ref: '#/channels/ticks'}\n",
            "11:5", Messages.missingOperationAction("onTick")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n    bindings: {http: {method: 42}}\n",
            "13:31", Messages.expectedKind("method", "a string", "number")},
        {HEAD + ticksChannel + tickMessage + "        tags: {name: alpha}\n",
            "9:15", Messages.expectedKind("tags", "an array", "object")},
        {HEAD + ticksChannel + "    tags: [alpha]\n",
            "6:12", Messages.expectedKind("tag", "an object", "string")},
        {"asyncapi: 3.0.0\ninfo: {title: Shape, version: 1.0.0, tags: alpha}\n",
            "2:44", Messages.expectedKind("tags", "an array", "string")},
        {HEAD + ticksChannel + tickMessage + "        traits: {name: alpha}\n",
            "9:17", Messages.expectedKind("traits", "an array", "object")},
        {HEAD + "servers:\n  production:\n    host: '{region}.example.com'\n"
                + "    protocol: http\n    variables:\n      region: {enum: eu}\n" + TICKS,
            "8:22", Messages.expectedKind("enum", "an array", "string")},
        {HEAD + "servers:\n  production:\n    host: example.com\n"
                + "    protocol: http\n    variables: [region]\n" + TICKS,
            "7:16", Messages.expectedKind("variables", "an object", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n    bindings: [http]\n",
            "13:15", Messages.expectedKind("bindings", "an object", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n    bindings: {http: GET}\n",
            "13:22", Messages.expectedKind("http", "an object", "string")},
        {HEAD + "channels:\n  rooms:\n    address: rooms/{id}\n"
                + "    parameters:\n      id: {enum: a}\n",
            "7:18", Messages.expectedKind("enum", "an array", "string")},
        {V2_HEAD + "channels:\n  rooms/{id}:\n    parameters:\n      id:\n"
                + "        schema: {type: string, enum: [a], x-java-enum-names: A}\n",
            "7:62", Messages.expectedKind("x-java-enum-names", "an array", "string")},
        {HEAD + "channels:\n  rooms:\n    address: rooms/{id}\n"
                + "    parameters:\n      id: {examples: a}\n",
            "7:22", Messages.expectedKind("examples", "an array", "string")},
        {V2_HEAD + "channels:\n  ticks:\n    subscribe:\n      message: {oneOf: {name: a}}\n",
            "6:24", Messages.expectedKind("oneOf", "an array", "object")},
        {HEAD + ticksChannel + tickMessage + "        name: [tick, tock]\n",
            "9:15", Messages.expectedKind("name", "a string", "array")},
        {HEAD + ticksChannel + tickMessage + "        traits: [{description: {a: b}}]\n",
            "9:32", Messages.expectedKind("description", "a string", "object")},
        {HEAD + ticksChannel + "    tags: [{name: [alpha]}]\n",
            "6:19", Messages.expectedKind("name", "a string", "array")},
        {HEAD + "servers:\n  production:\n    host: '{region}.example.com'\n"
                + "    protocol: http\n    variables:\n      region: {default: eu, enum: eu}\n"
                + TICKS,
            "8:35", Messages.expectedKind("enum", "an array", "string")},
        {HEAD + "servers:\n  production:\n    host: '{region}.example.com'\n"
                + "    protocol: http\n    variables:\n      region: {enum: [[eu]]}\n" + TICKS,
            "8:23", Messages.expectedKind("enum value", "a string", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n    messages: [tick]\n",
            "13:16", Messages.operationMessageNotRef("onTick", "the string \"tick\"")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n"
                + "    bindings: {http: {method: [GET]}}\n",
            "13:31", Messages.expectedKind("method", "a string", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n"
                + "    bindings: {http: {query: [since]}}\n",
            "13:30", Messages.expectedKind("query", "an object", "array")},
        {HEAD + TICKS + "operations:\n  onTick:\n    action: receive\n"
                + "    channel: {$ref: '#/channels/ticks'}\n"
                + "    bindings: {http: {query: {type: object, properties: [since]}}}\n",
            "13:57", Messages.expectedKind("properties", "an object", "array")},
        {HEAD + ticksChannel + tickMessage
                + "        headers: {type: object, properties: {a: {}}, required: a}\n",
            "9:64", Messages.expectedKind("required", "an array", "string")},
        {V2_HEAD + "channels:\n  rooms/{id}:\n    parameters:\n      id:\n"
                + "        schema: {type: {name: string}}\n",
            "7:24", Messages.expectedKind("type", "a type name or a list of type names", "object")},
        {V2_HEAD + "channels:\n  rooms/{id}:\n    parameters:\n      id:\n"
                + "        schema: {type: string, pattern: 42}\n",
            "7:41", Messages.invalidKeywordKind(
                "pattern", "the number 42", "a regular expression string")},
        {V2_HEAD + "channels:\n  rooms/{id}:\n    parameters:\n      id:\n"
                + "        schema: {type: string, maxLength: [8]}\n",
            "7:43", Messages.expectedKind("maxLength", "a number", "array")},
        {V2_HEAD + "channels:\n  ticks:\n    subscribe: [message]\n",
            "5:16", Messages.expectedKind("subscribe", "an object", "array")},
        {V2_HEAD + "channels:\n  ticks:\n    subscribe:\n      message: [a]\n",
            "6:16", Messages.expectedKind("message", "an object", "array")},
    };
    for (String[] row : rows) {
      assertOneError(row[0], row[1], row[2]);
    }
  }

  @Test
  void schemaKeywordsOfWrongKindAreErrors() throws IOException {
    String channel = "channels:\n  ticks:\n    address: ticks\n    messages:\n      tick:\n";
    assertOneError(
        HEAD + channel + "        payload: {type: object, required: id, properties: {}}\n",
        "8:43",
        Messages.invalidKeywordKind(
            "required", "the string \"id\"", "a list of property names"));
    assertOneError(
        HEAD + channel + "        payload: {type: string, enum: a}\n",
        "8:39",
        Messages.invalidKeywordKind("enum", "the string \"a\"", "a list of values"));
    assertOneError(
        HEAD + channel + "        payload: {type: object, properties: [id]}\n",
        "8:45",
        Messages.invalidKeywordKind("properties", "a list", "an object of property schemas"));
    assertOneError(
        HEAD + channel + "        payload: {type: object, properties: {id: 5}}\n",
        "8:50",
        Messages.invalidKeywordKind("properties/id", "the number 5", "a schema"));
    assertOneError(
        HEAD + channel + "        payload: {type: object, patternProperties: {'^x-': [a]}}\n",
        "8:60",
        Messages.invalidKeywordKind("patternProperties/^x-", "a list", "a schema"));
    assertOneError(
        HEAD + channel + "        payload: {allOf: {type: object}}\n",
        "8:26",
        Messages.invalidKeywordKind("allOf", "an object", "a non-empty list of schemas"));
    assertOneError(
        HEAD + channel + "        payload: {allOf: [5]}\n",
        "8:27",
        Messages.invalidKeywordItem("allOf", "the number 5", "a schema"));
    assertOneError(
        HEAD + channel + "        payload: {type: string, minLength: [1]}\n",
        "8:44",
        Messages.invalidKeywordKind("minLength", "a list", "a non-negative integer"));
    assertOneError(
        HEAD + channel + "        payload: {type: string, pattern: 42}\n",
        "8:42",
        Messages.invalidKeywordKind(
            "pattern", "the number 42", "a regular expression string"));
    assertOneError(
        HEAD + channel + "        payload: {type: string, format: [uuid]}\n",
        "8:41",
        Messages.invalidKeywordKind("format", "a list", "a format name such as date-time"));
    assertOneError(
        HEAD + channel + "        payload: {type: string, description: [a]}\n",
        "8:46",
        Messages.invalidKeywordKind("description", "a list", "a string"));
    assertOneError(
        HEAD + channel + "        payload: {not: [a]}\n",
        "8:24",
        Messages.invalidKeywordKind("not", "a list", "a schema"));
  }
}
