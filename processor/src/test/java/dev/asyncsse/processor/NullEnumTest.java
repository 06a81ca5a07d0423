package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema whose {@code enum} or {@code const} allows only {@code null} maps to {@code Void}, as
 * {@code type: "null"} does, and accepts nothing else. A {@code null} in an {@code enum} allows
 * null only where {@code type} does too.
 */
class NullEnumTest {

  private static final String PACKAGE = "com.example.nulls";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info: {title: Nulls, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "      nothing:\n"
          + "        payload: {enum: [null]}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Thing:\n"
          + "      type: object\n"
          + "      required: [gone, pick, level, tag, absent, mixed]\n"
          + "      properties:\n"
          + "        gone: {enum: [null]}\n"
          + "        fixed: {const: null}\n"
          + "        pick: {enum: [a, b, null]}\n"
          + "        level: {type: integer, enum: [1, 2, null]}\n"
          + "        tag: {type: [string, 'null'], enum: [x, y]}\n"
          + "        absent: {type: 'null'}\n"
          + "        mixed: {enum: [1, 'a', null]}\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "nulls.yaml", document, "-Xlint:all");
  }

  @Test
  void nullOnlyValuesAreChecked() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "nulls.yaml:20:45: " + Messages.enumValueTypeMismatch("null", "integer"));
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    assertEquals(Void.class, thing.getRecordComponents()[0].getType());
    assertEquals(Void.class, thing.getRecordComponents()[1].getType());
    assertEquals(int.class, thing.getRecordComponents()[3].getType());
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Thing", SpecificationVersion.DRAFT_7, thing);
    String valid =
        "\"gone\":null,\"pick\":null,\"level\":1,\"tag\":\"x\",\"absent\":null,\"mixed\":null";

    verdicts.accepts("{" + valid + "}");
    verdicts.accepts("{" + valid + ",\"fixed\":null}");
    verdicts.rejects("{" + valid.replace("\"gone\":null", "\"gone\":5") + "}");
    verdicts.rejects("{" + valid.replace("\"gone\":null", "\"gone\":{}") + "}");
    verdicts.rejects("{" + valid + ",\"fixed\":\"null\"}");
    verdicts.rejects("{" + valid.replace("\"pick\":null", "\"pick\":5") + "}");
    verdicts.rejects("{" + valid.replace("\"level\":1", "\"level\":null") + "}");
    verdicts.rejects("{" + valid.replace("\"tag\":\"x\"", "\"tag\":null") + "}");
    verdicts.rejects("{" + valid.replace("\"absent\":null", "\"absent\":[]") + "}");
    verdicts.accepts("{" + valid.replace("\"mixed\":null", "\"mixed\":\"a\"") + "}");
    verdicts.rejects("{" + valid.replace("\"mixed\":null", "\"mixed\":2") + "}");

    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{" + valid.replace(":null,\"pick", ":5,\"pick") + "}",
            thing));
    assertEquals("gone: expected null, found the number 5 (line 1, column 9)", e.reason());
  }

  @Test
  void nullOnlyPayloadIsVoid() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> client = new CompiledClasses(compilation).loadClass(PACKAGE + ".ThingsClient");
    MessageType<?> nothing = (MessageType<?>) client.getField("NOTHING").get(null);

    assertTrue(nothing.isNullPayload());
    assertNull(nothing.decode("null", JsonCodec.jackson()));
    assertThrows(JsonCodecException.class, () -> nothing.decode("5", JsonCodec.jackson()));
  }

  @Test
  void nullUnderTypeWithoutNullIsError() throws IOException {
    Compilation compilation = compile(DOCUMENT.replace(
        "        mixed: {enum: [1, 'a', null]}\n",
        "        mixed: {enum: [1, 'a', null]}\n"
            + "        never: {type: string, enum: [null]}\n"
            + "        none: {type: integer, const: null}\n"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        "nulls.yaml:24:37: " + Messages.enumWithoutDeclaredType("string"));
    assertThat(compilation).hadErrorContaining(
        "nulls.yaml:25:38: " + Messages.constTypeMismatch("null", "integer"));
  }
}
