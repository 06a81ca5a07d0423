package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that a {@code oneOf} or {@code anyOf} member that is not an object, and so becomes a
 * wrapper record, keeps its schema's validation keywords.
 */
class UnionMemberCheckTest {

  private static final String PACKAGE = "com.example.unionchecks";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info: {title: Union checks, version: 1.0.0}\n"
          + "channels:\n"
          + "  codes:\n"
          + "    address: codes\n"
          + "    messages:\n"
          + "      code: {payload: {$ref: '#/components/schemas/Code'}}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Code:\n"
          + "      type: object\n"
          + "      required: [code]\n"
          + "      properties:\n"
          + "        code:\n"
          + "          oneOf:\n"
          + "            - {type: string, maxLength: 3, pattern: '^[a-z]+$'}\n"
          + "            - {type: integer, minimum: 0}\n"
          + "            - {type: array, items: {type: string}, maxItems: 2}\n"
          + "        tags:\n"
          + "          anyOf:\n"
          + "            - {type: object, properties: {a: {type: string}}, const: {a: x}}\n"
          + "            - {type: number, multipleOf: 0.5}\n";

  @Test
  void wrapperMembersCheckTheirKeywords(@TempDir Path dir) throws Exception {
    Compilation compilation =
        Sources.compile(dir, PACKAGE, "codes.yaml", DOCUMENT, "-Xlint:all");
    assertThat(compilation).succeeded();
    Class<?> code = new CompiledClasses(compilation).loadClass(PACKAGE + ".Code");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Code", SpecificationVersion.DRAFT_7, code);

    verdicts.accepts("{\"code\":\"abc\"}");
    verdicts.accepts("{\"code\":7}");
    verdicts.accepts("{\"code\":[\"a\",\"b\"]}");
    verdicts.rejects("{\"code\":\"abcd\"}");
    verdicts.rejects("{\"code\":\"AB\"}");
    verdicts.rejects("{\"code\":-1}");
    verdicts.rejects("{\"code\":[\"a\",\"b\",\"c\"]}");
    verdicts.accepts("{\"code\":1,\"tags\":1.5}");
    verdicts.rejects("{\"code\":1,\"tags\":1.25}");

    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JsonCodec.jackson().decode("{\"code\":\"abcd\"}", code));
    assertEquals("code: value: must have at most 3 characters, but was abcd", e.reason());
  }

  @Test
  void elementRulesThroughAllOfAndUnion(@TempDir Path dir) throws Exception {
    String document = "asyncapi: 3.0.0\n"
        + "info: {title: Element checks, version: 1.0.0}\n"
        + "channels:\n"
        + "  bags:\n"
        + "    address: bags\n"
        + "    messages:\n"
        + "      bag: {payload: {$ref: '#/components/schemas/Bag'}}\n"
        + "components:\n"
        + "  schemas:\n"
        + "    Bag:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        tags:\n"
        + "          allOf:\n"
        + "            - {type: array, items: {type: string, maxLength: 2}}\n"
        + "            - {minItems: 1}\n"
        + "        counts:\n"
        + "          oneOf:\n"
        + "            - {type: object, additionalProperties: {type: integer, minimum: 1}}\n"
        + "            - {type: string}\n";
    Compilation compilation =
        Sources.compile(dir, PACKAGE + ".elements", "bags.yaml", document, "-Xlint:all");
    assertThat(compilation).succeeded();
    Class<?> bag = new CompiledClasses(compilation).loadClass(PACKAGE + ".elements.Bag");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Bag", SpecificationVersion.DRAFT_7, bag);

    verdicts.accepts("{\"tags\":[\"ab\"]}");
    verdicts.rejects("{\"tags\":[]}");
    verdicts.rejects("{\"tags\":[\"ab\",\"abc\"]}");
    verdicts.accepts("{\"counts\":{\"a\":1}}");
    verdicts.accepts("{\"counts\":\"none\"}");
    verdicts.rejects("{\"counts\":{\"a\":0}}");
  }
}
