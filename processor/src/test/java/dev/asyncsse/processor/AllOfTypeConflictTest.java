package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code allOf} whose members declare types that no value has at once accepts nothing, so it
 * is an error at the {@code allOf} that names each declared type and where it is.
 */
class AllOfTypeConflictTest {

  private static final String PACKAGE = "com.example.allof";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info: {title: AllOf, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Count: {type: integer}\n";

  @TempDir Path dir;

  private Compilation compile(String schemas) throws IOException {
    return Sources.compile(dir, PACKAGE, "allof.yaml", HEAD + schemas, "-Xlint:all");
  }

  @Test
  void disjointTypesAreError() throws IOException {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        a: {allOf: [{type: string}, {type: integer}]}\n"
            + "        b: {allOf: [{type: string}, {$ref: '#/components/schemas/Count'}]}\n"
            + "        c: {type: boolean, allOf: [{allOf: [{type: [boolean, string]}]},"
            + " {type: string}]}\n"
            + "        d: {allOf: [{type: string, nullable: true}, {type: number}]}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining("allof.yaml:15:20: "
        + Messages.allOfTypeConflict(List.of("string (allOf[0])", "integer (allOf[1])")));
    assertThat(compilation).hadErrorContaining("allof.yaml:16:20: "
        + Messages.allOfTypeConflict(List.of("string (allOf[0])", "integer (allOf[1])")));
    assertThat(compilation).hadErrorContaining("allof.yaml:17:35: "
        + Messages.allOfTypeConflict(List.of(
            "boolean (type)", "boolean or string (allOf[0].allOf[0])", "string (allOf[1])")));
    assertThat(compilation).hadErrorContaining("allof.yaml:18:20: "
        + Messages.allOfTypeConflict(List.of("string or null (allOf[0])", "number (allOf[1])")));
  }

  @Test
  void overlappingTypesAreAccepted() throws IOException {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      allOf:\n"
            + "        - {type: object, properties: {id: {type: string}}}\n"
            + "        - {properties: {size: {type: integer}}}\n"
            + "        - {type: [object, 'null']}\n");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void integerIsNumber() throws IOException {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        n: {allOf: [{type: number}, {$ref: '#/components/schemas/Count'}]}\n");

    assertThat(compilation).hadErrorCount(0);
  }
}
