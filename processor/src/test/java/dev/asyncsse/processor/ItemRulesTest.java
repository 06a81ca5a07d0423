package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.networknt.schema.SpecificationVersion;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation keywords of an {@code items} or {@code additionalProperties} schema apply to each
 * item of a list and each value of a map, so the generated records check them in one loop per
 * collection, with messages that name the index or key.
 */
class ItemRulesTest {

  private static final String PACKAGE = "com.example.itemrules";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info: {title: Item Rules, version: 1.0.0}\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload: {$ref: '#/components/schemas/Thing'}\n"
          + "      codes:\n"
          + "        payload: {$ref: '#/components/schemas/Codes'}\n"
          + "      limits:\n"
          + "        payload: {$ref: '#/components/schemas/Limits'}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Codes:\n"
          + "      type: array\n"
          + "      items: {type: string, maxLength: 2}\n"
          + "    Limits:\n"
          + "      type: object\n"
          + "      additionalProperties: {type: integer, minimum: 1}\n";
  private static final String DOCUMENT = HEAD
      + "    Thing:\n"
      + "      type: object\n"
      + "      properties:\n"
      + "        tags: {type: array, items: {type: string, maxLength: 2, pattern: '^[a-z]+$'}}\n"
      + "        counts: {type: array, items: {type: integer, minimum: 0}}\n"
      + "        mails: {type: array, items: {type: string, format: email}}\n"
      + "        links: {type: array, items: {type: string, format: uri}}\n"
      + "        sizes: {type: array, items: {type: integer, enum: [1, 2]}}\n"
      + "        mixed: {type: array, items: {enum: [1, a]}}\n"
      + "        optional: {type: array, items: {enum: [1, a, null]}}\n"
      + "        fixed: {type: array, items: {const: x}}\n"
      + "        ratios: {type: array, items: {type: number, exclusiveMaximum: 1}}\n"
      + "        grid:\n"
      + "          type: array\n"
      + "          maxItems: 3\n"
      + "          items: {type: array, items: {type: string, minLength: 1}}\n"
      + "        sets: {type: array, items: {type: array, uniqueItems: true, items: {}}}\n"
      + "        limits: {type: object, additionalProperties: {type: integer, minimum: 1}}\n"
      + "      additionalProperties: {type: string, maxLength: 3}\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "items.yaml", document, "-Xlint:all");
  }

  @Test
  void itemRulesMatchValidator() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Thing", SpecificationVersion.DRAFT_7, thing);

    verdicts.accepts("{\"tags\":[\"ab\",\"c\"]}");
    verdicts.rejects("{\"tags\":[\"ab\",\"abc\"]}");
    verdicts.rejects("{\"tags\":[\"ab\",\"UP\"]}");
    verdicts.accepts("{\"counts\":[0,7]}");
    verdicts.rejects("{\"counts\":[0,-1]}");
    verdicts.accepts("{\"mails\":[\"ada@example.com\"]}");
    verdicts.rejects("{\"mails\":[\"ada@example.com\",\"nope\"]}");
    verdicts.accepts("{\"sizes\":[2,1]}");
    verdicts.rejects("{\"sizes\":[3]}");
    verdicts.accepts("{\"mixed\":[1,\"a\"]}");
    verdicts.rejects("{\"mixed\":[\"b\"]}");
    verdicts.rejects("{\"mixed\":[null]}");
    verdicts.accepts("{\"optional\":[null,1]}");
    verdicts.rejects("{\"optional\":[2]}");
    verdicts.accepts("{\"fixed\":[\"x\"]}");
    verdicts.rejects("{\"fixed\":[\"y\"]}");
    verdicts.accepts("{\"ratios\":[0.5]}");
    verdicts.rejects("{\"ratios\":[1]}");
    verdicts.accepts("{\"grid\":[[\"a\"],[]]}");
    verdicts.rejects("{\"grid\":[[\"a\"],[\"b\",\"\"]]}");
    verdicts.rejects("{\"grid\":[[],[],[],[]]}");
    verdicts.accepts("{\"sets\":[[1,2],[1]]}");
    verdicts.rejects("{\"sets\":[[1,2],[2,2]]}");
    verdicts.accepts("{\"limits\":{\"a\":1}}");
    verdicts.rejects("{\"limits\":{\"a\":1,\"b\":0}}");
    verdicts.accepts("{\"note\":\"abc\"}");
    verdicts.rejects("{\"note\":\"abcd\"}");
  }

  @Test
  void messagesNameIndexKeyAndRule() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    assertEquals("tags[1]: must match pattern ^[a-z]+$, but was UP",
        reason("{\"tags\":[\"ab\",\"UP\"]}", thing));
    assertEquals("tags[0]: must have at most 2 characters, but was abc",
        reason("{\"tags\":[\"abc\"]}", thing));
    assertEquals("counts[1]: must be >= 0, but was -1", reason("{\"counts\":[0,-1]}", thing));
    assertEquals("mails[0]: must be a valid email, but was nope",
        reason("{\"mails\":[\"nope\"]}", thing));
    assertEquals("links[0]: must be an absolute URI, but was rel/x",
        reason("{\"links\":[\"rel/x\"]}", thing));
    assertEquals("sizes[0]: must be one of 1, 2, but was 3", reason("{\"sizes\":[3]}", thing));
    assertEquals("mixed[0]: must be one of 1, \"a\", but was \"b\"",
        reason("{\"mixed\":[\"b\"]}", thing));
    assertEquals("ratios[0]: must be < 1, but was 1.0", reason("{\"ratios\":[1]}", thing));
    assertEquals("grid[1][0]: must have at least 1 characters, but was ",
        reason("{\"grid\":[[\"a\"],[\"\"]]}", thing));
    assertEquals("sets[0]: items must be unique, but are [2, 2]",
        reason("{\"sets\":[[2,2]]}", thing));
    assertEquals("limits[\"b\"]: must be >= 1, but was 0",
        reason("{\"limits\":{\"a\":1,\"b\":0}}", thing));
    assertEquals("note: must have at most 3 characters, but was abcd",
        reason("{\"note\":\"abcd\"}", thing));
  }

  @Test
  void constructorChecksItems() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    Object[] arguments = new Object[thing.getRecordComponents().length];
    arguments[0] = List.of("ab", "toolong");

    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> thing.getDeclaredConstructors()[0].newInstance(arguments));
    IllegalArgumentException cause =
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertEquals("tags[1]: must have at most 2 characters, but was toolong", cause.getMessage());
  }

  @Test
  void arrayPayloadWithItemRulesIsRecord() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> codes = new CompiledClasses(compilation).loadClass(PACKAGE + ".Codes");
    assertTrue(codes.isRecord());
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Codes", SpecificationVersion.DRAFT_7, codes);

    verdicts.accepts("[\"ab\",\"c\"]");
    verdicts.rejects("[\"ab\",\"abc\"]");
    assertEquals("value[1]: must have at most 2 characters, but was abc",
        reason("[\"ab\",\"abc\"]", codes));
  }

  @Test
  void mapPayloadWithValueRulesIsRecord() throws Exception {
    Compilation compilation = compile(DOCUMENT);
    Class<?> limits = new CompiledClasses(compilation).loadClass(PACKAGE + ".Limits");
    assertTrue(limits.isRecord());
    SchemaVerdicts verdicts = new SchemaVerdicts(
        DOCUMENT, "/components/schemas/Limits", SpecificationVersion.DRAFT_7, limits);

    verdicts.accepts("{\"a\":1}");
    verdicts.rejects("{\"a\":1,\"b\":0}");
    assertEquals("value[\"b\"]: must be >= 1, but was 0", reason("{\"a\":1,\"b\":0}", limits));
  }

  @Test
  void nullItemsKeepTheirHandling() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        tags: {type: array, items: {type: [string, 'null'], maxLength: 2}}\n"
        + "        grid: {type: array, items: {type: array, items: {type: string, minLength: 1}}}\n"
        + "      additionalProperties: {type: [integer, 'null'], minimum: 1}\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    assertEquals("tags[1]: must not be null", reason("{\"tags\":[\"ab\",null]}", thing));
    JsonCodec.jackson().decode("{\"grid\":[[null,\"a\"]]}", thing);
    JsonCodec.jackson().decode("{\"count\":null}", thing);
    assertEquals("count: must be >= 1, but was 0", reason("{\"count\":0}", thing));
  }

  @Test
  void patternPropertyItemsAreChecked() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      patternProperties:\n"
        + "        '^x-': {type: array, items: {type: string, maxLength: 1}}\n"
        + "        '^y-': {type: object, additionalProperties: {type: integer, maximum: 5}}\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Thing", SpecificationVersion.DRAFT_7, thing);

    verdicts.accepts("{\"x-a\":[\"a\"],\"y-a\":{\"n\":5}}");
    verdicts.rejects("{\"x-a\":[\"a\",\"bc\"]}");
    verdicts.rejects("{\"y-a\":{\"n\":6}}");
    assertEquals("x-a[1]: must have at most 1 characters, but was bc",
        reason("{\"x-a\":[\"a\",\"bc\"]}", thing));
    assertEquals("y-a[\"n\"]: must be <= 5, but was 6", reason("{\"y-a\":{\"n\":6}}", thing));
  }

  @Test
  void itemsWithoutRulesGetNoLoop() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        names: {type: array, items: {type: string}}\n"
        + "        times: {type: array, items: {type: string, format: date-time}}\n"
        + "        picks: {type: array, items: {type: string, enum: [a, b]}}\n"
        + "        parts: {type: array, items: {$ref: '#/components/schemas/Part'}}\n"
        + "        byName: {type: object, additionalProperties: {type: number}}\n"
        + "    Part:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        code: {type: string, maxLength: 2}\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();

    assertFalse(source(compilation, "Thing").contains("for ("), source(compilation, "Thing"));
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    assertEquals("parts[0]: code: must have at most 2 characters, but was abc",
        reason("{\"parts\":[{\"code\":\"abc\"}]}", thing));
  }

  @Test
  void loopNamesAvoidComponents() throws Exception {
    String document = HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        i: {type: array, items: {type: integer, minimum: 0}}\n"
        + "        item: {type: array, items: {type: array, items: {type: integer, minimum: 0}}}\n"
        + "        entry: {type: object, additionalProperties: {type: string, pattern: '^a'}}\n"
        + "        value: {type: string, pattern: '^b'}\n"
        + "        entryValue: {type: string, pattern: '^c'}\n"
        + "        tags: {type: array, items: {type: string, pattern: '^d'}}\n"
        + "        tagsItem: {type: string, pattern: '^e'}\n";
    Compilation compilation = compile(document);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    assertEquals("i[0]: must be >= 0, but was -1", reason("{\"i\":[-1]}", thing));
    assertEquals("item[0][1]: must be >= 0, but was -1", reason("{\"item\":[[0,-1]]}", thing));
    assertEquals("entry[\"k\"]: must match pattern ^a, but was b",
        reason("{\"entry\":{\"k\":\"b\"}}", thing));
    assertEquals("value: must match pattern ^b, but was a", reason("{\"value\":\"a\"}", thing));
    assertEquals("entryValue: must match pattern ^c, but was a",
        reason("{\"entryValue\":\"a\"}", thing));
    assertEquals("tags[0]: must match pattern ^d, but was a", reason("{\"tags\":[\"a\"]}", thing));
    assertEquals("tagsItem: must match pattern ^e, but was a",
        reason("{\"tagsItem\":\"a\"}", thing));
  }

  @Test
  void defaultBreakingItemRuleIsWarning() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        tags: {type: array, items: {type: string, maxLength: 2}, default: [ab, abc]}\n"
        + "        limits:\n"
        + "          type: object\n"
        + "          additionalProperties: {type: integer, minimum: 1}\n"
        + "          default: {a: 0}\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining(
        Messages.defaultBreaksRule("tags", "[\"ab\",\"abc\"]", "maxLength 2 of item 1"));
    assertThat(compilation).hadWarningContaining(
        Messages.defaultBreaksRule("limits", "{\"a\":0}", "minimum 1 of value \"a\""));
  }

  @Test
  void defaultMeetingItemRulesIsApplied() throws Exception {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        tags: {type: array, items: {type: string, maxLength: 2}, default: [ab]}\n");
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    Object decoded = JsonCodec.jackson().decode("{}", thing);
    assertEquals(List.of("ab"), thing.getMethod("tags").invoke(decoded));
  }

  private static String reason(String json, Class<?> type) {
    JsonCodecException e =
        assertThrows(JsonCodecException.class, () -> JsonCodec.jackson().decode(json, type));
    return e.reason();
  }

  private static String source(Compilation compilation, String simpleName) throws IOException {
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      if (file.getName().endsWith("/" + simpleName + ".java")) {
        return file.getCharContent(true).toString();
      }
    }
    throw new AssertionError("no generated " + simpleName + " among "
        + Arrays.toString(compilation.generatedSourceFiles().toArray()));
  }
}
