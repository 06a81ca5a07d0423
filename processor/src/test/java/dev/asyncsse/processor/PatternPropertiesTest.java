package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import dev.asyncsse.runtime.json.JsonTrees;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that {@code patternProperties} becomes a map component that contains the undeclared
 * properties whose names match a pattern, read, checked and written back by the runtime codec.
 */
class PatternPropertiesTest {

  private static final String PACKAGE = "com.example.patternproperties";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Pattern properties\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing:\n"
          + "        payload:\n"
          + "          $ref: '#/components/schemas/Thing'\n"
          + "components:\n"
          + "  schemas:\n";

  private final JsonCodec json = JsonCodec.jackson();

  @TempDir Path dir;

  private Compilation compile(String schemas) throws IOException {
    return Sources.compile(dir, PACKAGE, "things.yaml", HEAD + schemas, "-Xlint:all");
  }

  private Class<?> thing(String schemas) throws Exception {
    Compilation compilation = compile(schemas);
    assertThat(compilation).succeededWithoutWarnings();
    return new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
  }

  private static Object component(Object record, String name) throws Exception {
    return record.getClass().getMethod(name).invoke(record);
  }

  private String rejection(String input, Class<?> type) {
    JsonCodecException e = assertThrows(JsonCodecException.class, () -> json.decode(input, type),
        "accepted " + input);
    return e.getMessage();
  }

  private static final String CLOSED =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        id: {type: string}\n"
          + "        x-id: {type: string}\n"
          + "      patternProperties:\n"
          + "        '^x-': {type: string, maxLength: 3}\n"
          + "      additionalProperties: false\n";

  @Test
  void matchingKeysLandInMap() throws Exception {
    Class<?> thing = thing(CLOSED);

    Object decoded = json.decode("{\"id\":\"1\",\"x-y\":\"2\",\"x-id\":\"3\"}", thing);

    assertEquals("1", component(decoded, "id"));
    assertEquals("3", component(decoded, "xId"));
    assertEquals(Map.of("x-y", "2"), component(decoded, "patternProperties"));
  }

  @Test
  void mapComponentHasPatternValueType() throws Exception {
    Class<?> thing = thing(CLOSED);

    RecordComponent map = Arrays.stream(thing.getRecordComponents())
        .filter(component -> component.getName().equals("patternProperties"))
        .findFirst()
        .orElseThrow();
    assertEquals("java.util.Map<java.lang.String, java.lang.String>",
        map.getGenericType().getTypeName());
  }

  @Test
  void unmatchedKeyRejectedWhenClosed() throws Exception {
    Class<?> thing = thing(CLOSED);

    String message = rejection("{\"id\":\"1\",\"y\":\"2\"}", thing);
    assertTrue(message.contains("y: unrecognized property, because the schema does not declare"
        + " it, it matches no patternProperties pattern (^x-), and additionalProperties is false"),
        message);
  }

  @Test
  void patternValueCheckNamesKey() throws Exception {
    Class<?> thing = thing(CLOSED);

    String tooLong = rejection("{\"x-long\":\"abcd\"}", thing);
    assertTrue(tooLong.contains("x-long: must have at most 3 characters, but was abcd"), tooLong);
    String wrongType = rejection("{\"x-number\":5}", thing);
    assertTrue(wrongType.contains("x-number: "), wrongType);
    String nullValue = rejection("{\"x-null\":null}", thing);
    assertTrue(nullValue.contains("patternProperties[\"x-null\"]: must not be null"), nullValue);
  }

  @Test
  void constructorRejectsUnmatchedKey() throws Exception {
    Class<?> thing = thing(CLOSED);
    var constructor = thing.getDeclaredConstructor(String.class, String.class, Map.class);

    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> constructor.newInstance("1", null, Map.of("y", "2")));
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    assertEquals("y: name matches no patternProperties pattern (^x-)", e.getCause().getMessage());
    InvocationTargetException tooLong = assertThrows(InvocationTargetException.class,
        () -> constructor.newInstance("1", null, Map.of("x-a", "abcd")));
    assertEquals("x-a: must have at most 3 characters, but was abcd",
        tooLong.getCause().getMessage());
  }

  @Test
  void matchingKeysRoundTrip() throws Exception {
    Class<?> thing = thing(CLOSED);

    String input = "{\"id\":\"1\",\"x-id\":\"3\",\"x-a\":\"a\",\"x-b\":\"b\"}";
    String output = json.encode(json.decode(input, thing));
    // JSON object members have no order, so the trees are compared.
    assertEquals(JsonTrees.parse(input), JsonTrees.parse(output));
    assertTrue(output.startsWith("{\"id\":\"1\",\"x-id\":\"3\","), output);
  }

  @Test
  void unmatchedKeysDroppedWithoutAdditional() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: integer}\n"
            + "      patternProperties:\n"
            + "        '^n[0-9]+$': {type: integer, minimum: 0}\n");

    Object decoded = json.decode("{\"id\":1,\"n1\":2,\"n\":\"text\",\"n2x\":true}", thing);

    assertEquals(Map.of("n1", 2), component(decoded, "patternProperties"));
    assertEquals("{\"id\":1,\"n1\":2}", json.encode(decoded));
    String negative = rejection("{\"n7\":-1}", thing);
    assertTrue(negative.contains("n7: must be >= 0, but was -1"), negative);
  }

  @Test
  void unmatchedKeysGoToAdditionalMap() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: string}\n"
            + "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: {type: integer}\n");

    String input = "{\"id\":\"1\",\"x-a\":\"a\",\"count\":2}";
    Object decoded = json.decode(input, thing);

    assertEquals(Map.of("x-a", "a"), component(decoded, "patternProperties"));
    assertEquals(Map.of("count", 2), component(decoded, "additionalProperties"));
    assertEquals(input, json.encode(decoded));
    String wrongAdditional = rejection("{\"count\":\"two\"}", thing);
    assertTrue(wrongAdditional.contains("count: "), wrongAdditional);
  }

  @Test
  void mixedPatternTypesUseJsonNode() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^s-': {type: string, minLength: 2}\n"
            + "        '^i-': {type: integer, maximum: 9}\n"
            + "      additionalProperties: true\n");

    RecordComponent map = thing.getRecordComponents()[0];
    assertEquals("patternProperties", map.getName());
    assertEquals("com.fasterxml.jackson.databind.JsonNode",
        ((ParameterizedType) map.getGenericType()).getActualTypeArguments()[1].getTypeName());
    String input = "{\"s-a\":\"ab\",\"i-a\":3,\"other\":[1]}";
    Object decoded = json.decode(input, thing);
    assertEquals("{s-a=\"ab\", i-a=3}", component(decoded, "patternProperties").toString());
    assertEquals("{other=[1]}", component(decoded, "additionalProperties").toString());
    assertEquals(input, json.encode(decoded));

    String shortText = rejection("{\"s-b\":\"a\"}", thing);
    assertTrue(shortText.contains("s-b: must have at least 2 characters, but was a"), shortText);
    String textForInteger = rejection("{\"i-b\":\"3\"}", thing);
    assertTrue(textForInteger.contains("i-b: "), textForInteger);
    String tooBig = rejection("{\"i-c\":10}", thing);
    assertTrue(tooBig.contains("i-c: must be <= 9, but was 10"), tooBig);
  }

  @Test
  void namesOfGeneratedCodeDoNotClash() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        entry: {type: string}\n"
            + "        undeclared: {type: string}\n"
            + "      patternProperties:\n"
            + "        '^[a-z]+Properties$': {type: string}\n"
            + "      additionalProperties: {type: string}\n");

    String input = "{\"patternProperties\":\"p\",\"additionalProperties\":\"a\",\"x\":\"y\"}";
    Object decoded = json.decode(input, thing);

    assertEquals(Map.of("patternProperties", "p", "additionalProperties", "a"),
        component(decoded, "patternProperties"));
    assertEquals(Map.of("x", "y"), component(decoded, "additionalProperties"));
    assertEquals(JsonTrees.parse(input), JsonTrees.parse(json.encode(decoded)));
  }

  @Test
  void falsePatternSchemaRejectsKey() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^x-': {type: integer}\n"
            + "        '^x-secret': false\n");

    Object decoded = json.decode("{\"x-a\":1}", thing);
    assertEquals(Map.of("x-a", 1), component(decoded, "patternProperties"));
    RecordComponent map = thing.getRecordComponents()[0];
    assertEquals("java.util.Map<java.lang.String, java.lang.Integer>",
        map.getGenericType().getTypeName());
    String secret = rejection("{\"x-secret-key\":2}", thing);
    assertTrue(secret.contains("x-secret-key: property not allowed, because the schema of"
        + " patternProperties pattern ^x-secret is false"), secret);
  }

  @Test
  void arrayPatternValueIsChecked() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^tags-': {type: array, items: {type: string}, maxItems: 2}\n"
            + "        '^n-': {type: integer}\n");

    String input = "{\"tags-a\":[\"x\",\"y\"],\"n-a\":1}";
    Object decoded = json.decode(input, thing);
    assertEquals(input, json.encode(decoded));
    String tooMany = rejection("{\"tags-b\":[\"x\",\"y\",\"z\"]}", thing);
    assertTrue(tooMany.contains("tags-b: must have at most 2 items, but was [x, y, z]"), tooMany);
    String wrongItem = rejection("{\"tags-c\":[1]}", thing);
    assertTrue(wrongItem.contains("tags-c: "), wrongItem);
  }

  @Test
  void keyMatchingBothPatternsMeetsBoth() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^a': {type: string, maxLength: 3}\n"
            + "        'z$': {type: string, minLength: 2}\n");

    json.decode("{\"abz\":\"ok\"}", thing);
    String tooShort = rejection("{\"az\":\"k\"}", thing);
    assertTrue(tooShort.contains("az: must have at least 2 characters, but was k"), tooShort);
    String tooLong = rejection("{\"az\":\"long\"}", thing);
    assertTrue(tooLong.contains("az: must have at most 3 characters, but was long"), tooLong);
  }

  @Test
  void patternKeysUseEcmaSemantics() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^\\w+$': {type: integer}\n"
            + "      additionalProperties: false\n");

    json.decode("{\"abc\":1}", thing);
    // ECMA-262 $ matches only at the end of input, where java.util.regex also allows a final
    // line terminator.
    String newline = rejection("{\"abc\\n\":1}", thing);
    assertTrue(newline.contains("unrecognized property"), newline);
    // ECMA-262 \w is ASCII only.
    String accented = rejection("{\"\u00e9\":1}", thing);
    assertTrue(accented.contains("unrecognized property"), accented);
  }

  @Test
  void objectPatternSchemaBecomesRecord() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^p': {type: object, properties: {v: {type: integer}}, required: [v]}\n");
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    String input = "{\"p1\":{\"v\":1}}";
    Object decoded = json.decode(input, thing);
    assertEquals("{p1=ThingPatternValue[v=1]}", component(decoded, "patternProperties").toString());
    assertEquals(input, json.encode(decoded));
    String missing = rejection("{\"p2\":{}}", thing);
    assertTrue(missing.contains("p2: "), missing);
  }

  @Test
  void unionMemberReadsPatternProperties() throws Exception {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      oneOf:\n"
            + "        - $ref: '#/components/schemas/Tagged'\n"
            + "        - {type: string}\n"
            + "    Tagged:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: string}\n"
            + "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "      additionalProperties: false\n");
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    String input = "{\"id\":\"1\",\"x-a\":\"a\"}";
    Object decoded = json.decode(input, thing);
    assertEquals("Tagged[id=1, patternProperties={x-a=a}]", decoded.toString());
    assertEquals(input, json.encode(decoded));
  }

  @Test
  void constPropertyKeepsItsValue() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        kind: {type: string, const: thing}\n"
            + "        required: {type: integer}\n"
            + "        name: {type: string}\n"
            + "      required: [required]\n"
            + "      patternProperties:\n"
            + "        '^x-': {type: string}\n");

    Object decoded = json.decode("{\"required\":1,\"x-a\":\"a\"}", thing);
    assertEquals("Thing[kind=thing, required=1, name=null, patternProperties={x-a=a}]",
        decoded.toString());
    String missing = rejection("{\"x-a\":\"a\"}", thing);
    assertTrue(missing.contains("required"), missing);
  }

  /** Returns the exception the record's canonical constructor throws for {@code arguments}. */
  private static Throwable constructorFailure(Class<?> type, Object... arguments)
      throws NoSuchMethodException {
    Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    var canonical = type.getDeclaredConstructor(parameterTypes);
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> canonical.newInstance(arguments), "accepted " + Arrays.toString(arguments));
    return e.getCause();
  }

  private static final String DECLARED_AND_PATTERN =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        id: {type: string}\n"
          + "        x-declared: {type: integer}\n"
          + "      patternProperties:\n"
          + "        '^x-': {type: string, maxLength: 3}\n";

  @Test
  void patternMapRejectsDeclaredName() throws Exception {
    Class<?> thing = thing(DECLARED_AND_PATTERN);

    Throwable declared = constructorFailure(thing, "1", 5, Map.of("x-declared", "ab"));
    assertEquals(IllegalArgumentException.class, declared.getClass());
    assertEquals("x-declared: the patternProperties map must not contain a property that the"
        + " schema declares under properties, so set its own component", declared.getMessage());
    Object valid = thing.getDeclaredConstructor(String.class, Integer.class, Map.class)
        .newInstance("1", 5, Map.of("x-a", "ab"));
    String encoded = json.encode(valid);
    assertEquals("{\"id\":\"1\",\"x-declared\":5,\"x-a\":\"ab\"}", encoded);
    assertEquals(valid, json.decode(encoded, thing));
  }

  private static final String PATTERN_AND_ADDITIONAL =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        id: {type: string}\n"
          + "      patternProperties:\n"
          + "        '^n_': {type: integer}\n"
          + "      additionalProperties: {type: boolean}\n";

  @Test
  void additionalMapRejectsPatternName() throws Exception {
    Class<?> thing = thing(PATTERN_AND_ADDITIONAL);

    Throwable matched = constructorFailure(thing, "1", Map.of(), Map.of("n_x", true));
    assertEquals(IllegalArgumentException.class, matched.getClass());
    assertEquals("n_x: the additionalProperties map must not contain a name that matches a"
        + " patternProperties pattern (^n_), so put it in the patternProperties map",
        matched.getMessage());
  }

  @Test
  void additionalMapRejectsDeclaredName() throws Exception {
    Class<?> thing = thing(PATTERN_AND_ADDITIONAL);

    Throwable declared = constructorFailure(thing, "1", Map.of(), Map.of("id", true));
    assertEquals(IllegalArgumentException.class, declared.getClass());
    assertEquals("id: the additionalProperties map must not contain a property that the"
        + " schema declares under properties, so set its own component", declared.getMessage());
    Object valid = thing.getDeclaredConstructor(String.class, Map.class, Map.class)
        .newInstance("1", Map.of("n_a", 1), Map.of("flag", true));
    String encoded = json.encode(valid);
    assertEquals("{\"id\":\"1\",\"n_a\":1,\"flag\":true}", encoded);
    assertEquals(valid, json.decode(encoded, thing));
  }

  @Test
  void additionalOnlyRecordRejectsDeclaredName() throws Exception {
    Class<?> thing = thing(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: string}\n"
            + "        x-id: {type: string}\n"
            + "      additionalProperties: {type: boolean}\n");

    Throwable declared = constructorFailure(thing, "1", null, Map.of("x-id", true));
    assertEquals(IllegalArgumentException.class, declared.getClass());
    assertEquals("x-id: the additionalProperties map must not contain a property that the"
        + " schema declares under properties, so set its own component", declared.getMessage());
    String input = "{\"id\":\"1\",\"x-id\":\"2\",\"flag\":true}";
    Object decoded = json.decode(input, thing);
    assertEquals(Map.of("flag", true), component(decoded, "additionalProperties"));
    assertEquals(input, json.encode(decoded));
  }

  private static final String MIXED_WITH_NULL =
      "    Thing:\n"
          + "      type: object\n"
          + "      patternProperties:\n"
          + "        '^n': {type: integer, maximum: 10}\n"
          + "        'x$': {type: string}\n"
          + "        '^m': {type: [integer, 'null']}\n"
          + "      additionalProperties: false\n";

  @Test
  void jsonNodeMapRejectsDisallowedNull() throws Exception {
    Class<?> thing = thing(MIXED_WITH_NULL);

    String integer = rejection("{\"n1\":null}", thing);
    assertTrue(integer.contains("n1: must not be null, because the schema of patternProperties"
        + " pattern ^n does not allow null"), integer);
    String string = rejection("{\"ax\":null}", thing);
    assertTrue(string.contains("ax: must not be null, because the schema of patternProperties"
        + " pattern x$ does not allow null"), string);
    // "mx" matches ^m, which allows null, and x$, which does not.
    String both = rejection("{\"mx\":null}", thing);
    assertTrue(both.contains("mx: must not be null"), both);
    Throwable constructed = constructorFailure(
        thing, Map.of("n1", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
    assertEquals(IllegalArgumentException.class, constructed.getClass());
  }

  @Test
  void jsonNodeMapAcceptsAllowedNull() throws Exception {
    Class<?> thing = thing(MIXED_WITH_NULL);

    String input = "{\"m1\":null,\"n1\":10,\"ax\":\"a\"}";
    Object decoded = json.decode(input, thing);
    assertEquals("{m1=null, n1=10, ax=\"a\"}", component(decoded, "patternProperties").toString());
    assertEquals(JsonTrees.parse(input), JsonTrees.parse(json.encode(decoded)));
  }

  @Test
  void untypedPatternAllowsNull() throws Exception {
    // A type list without null maps to JsonNode with a warning, but still excludes null.
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^any': {}\n"
            + "        '^two': {type: [string, integer]}\n");
    assertThat(compilation).succeeded();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");

    Object decoded = json.decode("{\"any1\":null,\"two1\":2}", thing);
    assertEquals("{any1=null, two1=2}", component(decoded, "patternProperties").toString());
    String two = rejection("{\"two2\":null}", thing);
    assertTrue(two.contains("two2: must not be null, because the schema of patternProperties"
        + " pattern ^two does not allow null"), two);
  }

  private static final String REQUIRED_BY_PATTERN =
      "    Thing:\n"
          + "      type: object\n"
          + "      patternProperties:\n"
          + "        '^x': {type: string}\n"
          + "      required: [xa]\n"
          + "      additionalProperties: false\n";

  @Test
  void requiredPatternNameIsChecked() throws Exception {
    // thing() also asserts that the document compiles without the warning for an undeclared
    // required name, because the pattern map can contain it.
    Class<?> thing = thing(REQUIRED_BY_PATTERN);

    String missing = rejection("{\"xb\":\"1\"}", thing);
    assertTrue(missing.contains("xa: required property is missing"), missing);
    String input = "{\"xa\":\"1\",\"xb\":\"2\"}";
    assertEquals(JsonTrees.parse(input), JsonTrees.parse(json.encode(json.decode(input, thing))));
    Throwable constructed = constructorFailure(thing, Map.of("xb", "2"));
    assertEquals(NullPointerException.class, constructed.getClass());
    assertEquals("xa: required property is missing", constructed.getMessage());
  }

  @Test
  void requiredNameOutsidePatternsWarns() throws Exception {
    Compilation compilation = compile(REQUIRED_BY_PATTERN.replace("[xa]", "[ya]"));

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        Messages.requiredPropertyMissing("ya", "Thing"));
  }

  @Test
  void untranslatablePatternKeyIsError() throws IOException {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      patternProperties:\n"
            + "        '^x-': {type: string}\n"
            + "        'a*+': {type: string}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "things.yaml:18:9: "
            + Messages.invalidPatternPropertiesKey("a*+", 2, "quantifier after a quantifier",
                "Remove the second quantifier, because ECMA-262 has no possessive quantifiers"
                    + " such as a*+."));
  }

  @Test
  void patternPropertiesMustBeObject() throws IOException {
    Compilation compilation = compile(
        "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        id: {type: string}\n"
            + "      patternProperties: [1]\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        Messages.invalidKeywordKind(
            "patternProperties", "a list", "an object of pattern schemas"));
  }

  @Test
  void generatedSourceCompilesTranslation() throws IOException {
    Compilation compilation = compile(CLOSED);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".Thing")
        .contentsAsUtf8String()
        .contains("List.of(Pattern.compile(\"^x-\"))");
  }
}
