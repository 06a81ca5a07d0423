package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code items: false} allows no items beyond those of {@code prefixItems}, and {@code
 * additionalItems: false} none beyond a list of {@code items} schemas, so the generated records
 * check the array's length.
 */
class ItemsFalseTest {

  private static final String PACKAGE = "com.example.items";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info: {title: Items, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "      none:\n"
          + "        payload: {$ref: '#/components/schemas/Nothing'}\n"
          + "components:\n"
          + "  schemas:\n";
  private static final String SCHEMAS =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        empty: {type: array, items: false}\n"
          + "        pair:\n"
          + "          type: array\n"
          + "          prefixItems: [{type: string}, {type: integer}]\n"
          + "          items: false\n"
          + "        capped: {type: array, prefixItems: [{}, {}, {}], items: false, maxItems: 2}\n"
          + "    Nothing:\n"
          + "      type: array\n"
          + "      items: false\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "items.yaml", document, "-Xlint:all");
  }

  @Test
  void itemsFalseLimitsLength() throws Exception {
    Compilation compilation = compile(HEAD + SCHEMAS);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        HEAD + SCHEMAS, "/components/schemas/Thing", SpecificationVersion.DRAFT_2020_12, thing);

    verdicts.accepts("{\"empty\":[]}");
    verdicts.rejects("{\"empty\":[1]}");
    verdicts.rejects("{\"empty\":[null]}");
    verdicts.accepts("{\"pair\":[\"a\",1]}");
    verdicts.accepts("{\"pair\":[\"a\"]}");
    verdicts.rejects("{\"pair\":[\"a\",1,true]}");
    verdicts.accepts("{\"capped\":[1,2]}");
    verdicts.rejects("{\"capped\":[1,2,3]}");

    JsonCodecException e = assertThrows(
        JsonCodecException.class, () -> JsonCodec.jackson().decode("{\"empty\":[7]}", thing));
    assertEquals("empty: must have at most 0 items, but was [7]", e.reason());
  }

  @Test
  void itemsFalsePayloadMustBeEmpty() throws Exception {
    Compilation compilation = compile(HEAD + SCHEMAS);
    Class<?> nothing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Nothing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        HEAD + SCHEMAS, "/components/schemas/Nothing", SpecificationVersion.DRAFT_2020_12, nothing);

    verdicts.accepts("[]");
    verdicts.rejects("[{}]");
  }

  @Test
  void additionalItemsFalseLimitsTuple() throws Exception {
    String schemas =
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        pair:\n"
            + "          type: array\n"
            + "          items: [{type: string}, {type: integer}]\n"
            + "          additionalItems: false\n"
            + "    Nothing: {type: 'null'}\n";
    Compilation compilation = compile(HEAD + schemas);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        HEAD + schemas, "/components/schemas/Thing", SpecificationVersion.DRAFT_7, thing);

    verdicts.accepts("{\"pair\":[\"a\",1]}");
    verdicts.rejects("{\"pair\":[\"a\",1,2]}");
  }

  @Test
  void minItemsAboveLimitIsError() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        a: {type: array, items: false, minItems: 1}\n"
        + "        b: {type: array, prefixItems: [{}, {}], items: false, minItems: 3}\n"
        + "        c: {type: array, items: [{}], additionalItems: false, minItems: 2}\n"
        + "        d: {type: array, prefixItems: {}}\n"
        + "    Nothing: {type: 'null'}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining(
        "items.yaml:16:33: " + Messages.tooFewPositionalItems("1", "items", 0));
    assertThat(compilation).hadErrorContaining(
        "items.yaml:17:56: " + Messages.tooFewPositionalItems("3", "items", 2));
    assertThat(compilation).hadErrorContaining(
        "items.yaml:18:56: " + Messages.tooFewPositionalItems("2", "additionalItems", 1));
    assertThat(compilation).hadErrorContaining(
        "items.yaml:19:39: "
            + Messages.invalidKeywordKind("prefixItems", "an object", "a list of schemas"));
  }
}
