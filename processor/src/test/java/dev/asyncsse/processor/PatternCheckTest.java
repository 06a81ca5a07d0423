package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.asyncsse.processor.diagnostic.Messages;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that generated records and parameter records apply a {@code pattern} with ECMA-262
 * semantics, as JSON Schema defines it, and that a pattern without a faithful java.util.regex
 * translation is a compile error at the keyword.
 */
class PatternCheckTest {

  private static final String PACKAGE = "com.example.patterns";
  private static final String HEAD =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Patterns\n"
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

  /** Properties in declaration order, so that the canonical constructor takes them in order. */
  private static final List<String> PROPERTIES =
      List.of("lower", "space", "any", "everything", "nothing", "boundary");

  private static final String SCHEMAS =
      "    Thing:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        lower: {type: string, pattern: '^[a-z]+$'}\n"
          + "        space: {type: string, pattern: '^\\s$'}\n"
          + "        any: {type: string, pattern: '^.$'}\n"
          + "        everything: {type: string, pattern: '^[^]$'}\n"
          + "        nothing: {type: string, pattern: '[]'}\n"
          + "        boundary: {type: string, pattern: 'a\\b'}\n";

  @TempDir Path dir;

  private Compilation compile(String document) throws IOException {
    return Sources.compile(dir, PACKAGE, "patterns.yaml", document, "-Xlint:all");
  }

  /** Creates a {@code Thing} with {@code value} as {@code property} and null elsewhere. */
  private static Object create(Constructor<?> constructor, String property, String value)
      throws ReflectiveOperationException {
    Object[] arguments = new Object[PROPERTIES.size()];
    arguments[PROPERTIES.indexOf(property)] = value;
    return constructor.newInstance(arguments);
  }

  private static String rejection(Constructor<?> constructor, String property, String value) {
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> create(constructor, property, value), property + " accepted " + value);
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    return e.getCause().getMessage();
  }

  private Constructor<?> thingConstructor() throws Exception {
    Compilation compilation = compile(HEAD + SCHEMAS);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> thing = new CompiledClasses(compilation).loadClass(PACKAGE + ".Thing");
    RecordComponent[] components = thing.getRecordComponents();
    assertEquals(PROPERTIES, Arrays.stream(components).map(RecordComponent::getName).toList());
    return thing.getDeclaredConstructor(
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
  }

  @Test
  void recordAppliesEcmaSemantics() throws Exception {
    Constructor<?> thing = thingConstructor();

    create(thing, "lower", "abc");
    assertEquals("lower: must match pattern ^[a-z]+$, but was abc\n",
        rejection(thing, "lower", "abc\n"));

    create(thing, "space", "\u00A0");
    create(thing, "space", "\uFEFF");
    create(thing, "space", "\u3000");
    assertEquals("space: must match pattern ^\\s$, but was \u0085",
        rejection(thing, "space", "\u0085"));

    create(thing, "any", "\u0085");
    rejection(thing, "any", "\u2028");
    rejection(thing, "any", "\n");

    create(thing, "everything", "\n");
    create(thing, "everything", "x");
    rejection(thing, "everything", "");

    assertEquals("nothing: must match pattern [], but was x", rejection(thing, "nothing", "x"));
    rejection(thing, "nothing", "");

    create(thing, "boundary", "a\u00E9");
    rejection(thing, "boundary", "ab");
  }

  @Test
  void generatedCheckUsesTranslation() throws Exception {
    Compilation compilation = compile(HEAD + SCHEMAS);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".Thing")
        .contentsAsUtf8String()
        .contains("LOWER_PATTERN = Pattern.compile(\"^[a-z]+\\\\z\");");
  }

  @Test
  void defaultBreakingEcmaPatternIsNotApplied() throws Exception {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        code:\n"
        + "          type: string\n"
        + "          pattern: '^[a-z]+$'\n"
        + "          default: \"abc\\n\"\n");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
        "patterns.yaml:20:20: "
            + Messages.defaultBreaksRule("code", "\"abc\\n\"", "pattern ^[a-z]+$"));
  }

  @Test
  void untranslatablePatternsAreErrors() throws IOException {
    Compilation compilation = compile(HEAD
        + "    Thing:\n"
        + "      type: object\n"
        + "      properties:\n"
        + "        possessive: {type: string, pattern: 'a*+'}\n"
        + "        property: {type: string, pattern: '^\\p{L}+$'}\n"
        + "        flags: {type: string, pattern: '(?i)abc'}\n"
        + "        quoted: {type: string, pattern: '\\Q.\\E'}\n");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(
        "patterns.yaml:17:45: "
            + Messages.invalidSchemaPattern("a*+", 2, "quantifier after a quantifier",
                "Remove the second quantifier, because ECMA-262 has no possessive quantifiers"
                    + " such as a*+."));
    assertThat(compilation).hadErrorContaining(
        "patterns.yaml:18:43: "
            + Messages.invalidSchemaPattern("^\\p{L}+$", 1,
                "'\\p' is a Unicode property escape only with the u flag, and matches the letter"
                    + " p without it",
                "List the characters in a class such as [A-Za-z], or remove the backslash to"
                    + " match the letter."));
    assertThat(compilation).hadErrorContaining(
        "patterns.yaml:19:40: Invalid pattern \"(?i)abc\" at index 0: invalid group syntax '(?i'.");
    assertThat(compilation).hadErrorContaining(
        "patterns.yaml:20:41: Invalid pattern \"\\Q.\\E\" at index 0: '\\Q' matches the letter Q"
            + " in ECMA-262");
  }

  @Test
  void parameterPatternUsesEcmaSemantics() throws Exception {
    Compilation compilation = compile(parameterDocument("'^[a-z]+$'"));
    assertThat(compilation).succeeded();
    Class<?> parameters =
        new CompiledClasses(compilation).loadClass(PACKAGE + ".RoomsRoomParameters");
    Constructor<?> constructor = parameters.getConstructor(String.class);

    constructor.newInstance("lobby");
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> constructor.newInstance("lobby\n"));
    assertEquals("parameter room must match pattern ^[a-z]+$, but was lobby\n",
        e.getCause().getMessage());
  }

  @Test
  void untranslatableParameterPatternIsError() throws IOException {
    Compilation compilation = compile(parameterDocument("'^\\h+$'"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
        "patterns.yaml:11:20: "
            + Messages.invalidParameterPattern("rooms/{room}", "room", "^\\h+$", 1,
                "'\\h' matches the letter h in ECMA-262, but java.util.regex reads \\h as"
                    + " syntax or rejects it",
                "Remove the backslash to match the letter."));
  }

  /** Returns a 2.x document with one channel whose parameter has the given pattern. */
  private static String parameterDocument(String pattern) {
    return "asyncapi: 2.6.0\n"
        + "info:\n"
        + "  title: Patterns\n"
        + "  version: 1.0.0\n"
        + "channels:\n"
        + "  rooms/{room}:\n"
        + "    parameters:\n"
        + "      room:\n"
        + "        schema:\n"
        + "          type: string\n"
        + "          pattern: " + pattern + "\n"
        + "    subscribe:\n"
        + "      message:\n"
        + "        name: said\n"
        + "        payload: {type: string}\n";
  }
}
