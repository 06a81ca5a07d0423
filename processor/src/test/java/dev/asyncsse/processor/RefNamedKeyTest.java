package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code $ref} key in a map keyed by names, such as {@code properties}, names an entry. Only a
 * {@code $ref} key in a schema or AsyncAPI object is a reference.
 */
class RefNamedKeyTest {

  private static final String PACKAGE = "com.example.names";

  @TempDir Path dir;

  private Compilation compile(String text) throws IOException {
    return Sources.compile(dir, PACKAGE, "names.yaml", text, "-Xlint:all");
  }

  private static Class<?> load(Compilation compilation, String simpleName) throws Exception {
    return new CompiledClasses(compilation).loadClass(PACKAGE + "." + simpleName);
  }

  private static List<String> componentNames(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  @Test
  void propertyNamedRefIsProperty() throws Exception {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Names, version: 1.0.0}\n"
            + "channels:\n"
            + "  links:\n"
            + "    address: links\n"
            + "    messages:\n"
            + "      link:\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/Link'\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Link:\n"
            + "      type: object\n"
            + "      required: [$ref]\n"
            + "      properties:\n"
            + "        $ref:\n"
            + "          type: string\n"
            + "        target:\n"
            + "          $ref: '#/components/schemas/Target'\n"
            + "    Target:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        name: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Class<?> link = classes.loadClass(PACKAGE + ".Link");
    assertEquals(List.of("ref", "target"), componentNames(link));
    assertEquals(String.class, link.getRecordComponents()[0].getType());
    assertEquals(
        classes.loadClass(PACKAGE + ".Target"), link.getRecordComponents()[1].getType());

    JsonCodec json = JsonCodec.jackson();
    Object decoded = json.decode("{\"$ref\":\"#/a\",\"target\":{\"name\":\"b\"}}", link);
    assertEquals("Link[ref=#/a, target=Target[name=b]]", decoded.toString());
    assertEquals("{\"$ref\":\"#/a\",\"target\":{\"name\":\"b\"}}", json.encode(decoded));
  }

  @Test
  void refKeyUnderEveryNameMapIsName() throws Exception {
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Names, version: 1.0.0}\n"
            + "channels:\n"
            + "  $ref:\n"
            + "    address: refs/{id}\n"
            + "    parameters:\n"
            + "      id: {}\n"
            + "      $ref: {description: Not in the address.}\n"
            + "    messages:\n"
            + "      $ref:\n"
            + "        headers:\n"
            + "          type: object\n"
            + "          properties:\n"
            + "            $ref: {type: string}\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/$ref'\n"
            + "operations:\n"
            + "  $ref:\n"
            + "    action: receive\n"
            + "    channel:\n"
            + "      $ref: '#/channels/$ref'\n"
            + "components:\n"
            + "  schemas:\n"
            + "    $ref:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        $ref: {type: string}\n"
            + "      definitions:\n"
            + "        $ref: {type: integer}\n"
            + "      $defs:\n"
            + "        $ref: {type: integer}\n"
            + "      properties:\n"
            + "        count:\n"
            + "          $ref: '#/components/schemas/$ref/$defs/$ref'\n"
            + "  messages:\n"
            + "    $ref:\n"
            + "      payload: {type: string}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "names.yaml:8:13: " + Messages.unusedParameter("$ref", "$ref"));
    Class<?> schema = load(compilation, "Ref");
    assertEquals(List.of("count", "patternProperties"), componentNames(schema));
    assertEquals(Integer.class, schema.getRecordComponents()[0].getType());
    assertEquals(
        "java.util.Map<java.lang.String, java.lang.String>",
        schema.getRecordComponents()[1].getGenericType().getTypeName());
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".RefHeaders")
        .contentsAsUtf8String()
        .contains("@JsonProperty(\"$ref\")");
  }

  @Test
  void refPropertyInReferencedFile() throws Exception {
    Files.writeString(
        dir.resolve("common.yaml"),
        "Link:\n"
            + "  type: object\n"
            + "  properties:\n"
            + "    $ref: {type: string}\n");
    Compilation compilation = compile(
        "asyncapi: 3.0.0\n"
            + "info: {title: Names, version: 1.0.0}\n"
            + "channels:\n"
            + "  links:\n"
            + "    address: links\n"
            + "    messages:\n"
            + "      link:\n"
            + "        payload:\n"
            + "          $ref: 'common.yaml#/Link'\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> link = load(compilation, "Link");
    assertEquals(List.of("ref"), componentNames(link));
  }

  @Test
  void refKeyInV2NameMapsIsName() throws Exception {
    Compilation compilation = compile(
        "asyncapi: 2.6.0\n"
            + "info: {title: Names, version: 1.0.0}\n"
            + "channels:\n"
            + "  links:\n"
            + "    subscribe:\n"
            + "      operationId: links\n"
            + "      message:\n"
            + "        $ref: '#/components/messages/$ref'\n"
            + "components:\n"
            + "  messages:\n"
            + "    $ref:\n"
            + "      payload:\n"
            + "        type: object\n"
            + "        properties:\n"
            + "          $ref: {type: string}\n");

    assertThat(compilation).succeededWithoutWarnings();
    Class<?> payload = load(compilation, "Ref");
    assertEquals(List.of("ref"), componentNames(payload));
  }
}
