package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that text containing a line separator (U+2028) or a paragraph separator (U+2029) becomes
 * string literals that compile and keep their value, wherever a document's text lands in code.
 */
class SeparatorLiteralTest {

  private static final String PACKAGE = "com.example.separators";
  private static final String LINE = "\u2028";
  private static final String PARAGRAPH = "\u2029";

  @TempDir Path dir;

  private Compilation compile() throws IOException {
    Files.writeString(
        dir.resolve("separators.yaml"),
        "asyncapi: 3.0.0\n"
            + "info:\n"
            + "  title: Separators\n"
            + "  version: 1.0.0\n"
            + "channels:\n"
            + "  things:\n"
            + "    address: things/{zone}\n"
            + "    parameters:\n"
            + "      zone:\n"
            + "        enum: [\"north\\u2029\", south]\n"
            + "    messages:\n"
            + "      thing:\n"
            + "        name: \"thing\\u2028happened\"\n"
            + "        payload:\n"
            + "          $ref: '#/components/schemas/Thing'\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Thing:\n"
            + "      type: object\n"
            + "      properties:\n"
            + "        kind: {type: string, enum: [\"a\\u2028b\", \"\\u2029\", plain]}\n"
            + "        fixed: {type: string, const: \"x\\u2029y\\u2028\"}\n"
            + "        label: {type: string, default: \"\\u2028start\"}\n"
            + "        code: {type: string, pattern: \"^[^\\u2028]*$\"}\n"
            + "        \"odd\\u2029name\": {type: integer}\n");
    return javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(Sources.packageInfoFor(PACKAGE, "separators.yaml"));
  }

  @Test
  void separatorsKeepTheirValue() throws Exception {
    Compilation compilation = compile();
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);

    Class<?> kind = classes.loadClass(PACKAGE + ".ThingKind");
    Method value = kind.getMethod("value");
    List<Object> wireValues = Arrays.stream(kind.getEnumConstants())
        .filter(constant -> !((Enum<?>) constant).name().equals("UNKNOWN"))
        .map(constant -> invoke(value, constant))
        .toList();
    assertEquals(List.of("a" + LINE + "b", PARAGRAPH, "plain"), wireValues);

    Class<?> thing = classes.loadClass(PACKAGE + ".Thing");
    RecordComponent[] components = thing.getRecordComponents();
    Constructor<?> constructor = thing.getDeclaredConstructor(
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    Object kindA = kind.getEnumConstants()[0];

    Object created = constructor.newInstance(kindA, "x" + PARAGRAPH + "y" + LINE, null, "ok", 1);
    assertEquals(LINE + "start", thing.getMethod("label").invoke(created));

    InvocationTargetException wrongConst = assertThrows(InvocationTargetException.class,
        () -> constructor.newInstance(kindA, "x y", null, "ok", 1));
    assertEquals(IllegalArgumentException.class, wrongConst.getCause().getClass());
    InvocationTargetException wrongPattern = assertThrows(InvocationTargetException.class,
        () -> constructor.newInstance(kindA, "x" + PARAGRAPH + "y" + LINE, null, "a" + LINE + "b", 1));
    assertEquals(IllegalArgumentException.class, wrongPattern.getCause().getClass());

    JsonProperty oddName = components[4].getAccessor().getAnnotation(JsonProperty.class);
    assertEquals("odd" + PARAGRAPH + "name", oddName.value());
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
