package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding a value that is not a string into a generated enum. */
class EnumDecodingTest {

  private static final JsonCodec JSON = JsonCodec.jackson();

  private static String document(String enumValues) {
    return "asyncapi: 3.0.0\n"
        + "info: {title: R, version: 1.0.0}\n"
        + "channels:\n"
        + "  c:\n"
        + "    address: /c\n"
        + "    messages:\n"
        + "      m:\n"
        + "        payload:\n"
        + "          type: object\n"
        + "          properties:\n"
        + "            k: {type: string, enum: " + enumValues + "}\n";
  }

  private static Class<?> payloadClass(Path dir, String enumValues) throws Exception {
    Compilation compilation = Sources.compile(dir, "r", "asyncapi.yaml", document(enumValues));
    assertThat(compilation).succeededWithoutWarnings();
    return new CompiledClasses(compilation).loadClass("r.M");
  }

  private static String decodingError(Class<?> type, String json) {
    return assertThrows(JsonCodecException.class, () -> JSON.decode(json, type)).getMessage();
  }

  @Test
  void oneValueEnumRejectsNumberAsNumber(@TempDir Path dir) throws Exception {
    Class<?> type = payloadClass(dir, "[a]");

    assertEquals("Cannot decode JSON as r.M: k: expected the string \"a\", found the number 5"
        + " (line 1, column 6)", decodingError(type, "{\"k\":5}"));
    assertEquals("Cannot decode JSON as r.M: k: expected the string \"a\", found true"
        + " (line 1, column 6)", decodingError(type, "{\"k\":true}"));
  }

  @Test
  void openEnumRejectsNumberAsNumber(@TempDir Path dir) throws Exception {
    Class<?> type = payloadClass(dir, "[a, b]");

    assertEquals("Cannot decode JSON as r.M: k: expected one of the strings \"a\", \"b\", found"
        + " the number 5 (line 1, column 6)", decodingError(type, "{\"k\":5}"));
  }

  @Test
  void oneValueEnumStillReadsItsValue(@TempDir Path dir) throws Exception {
    Class<?> type = payloadClass(dir, "[a]");

    assertEquals(JSON.decode("{\"k\":\"a\"}", type).toString(), "M[k=a]");
  }
}
