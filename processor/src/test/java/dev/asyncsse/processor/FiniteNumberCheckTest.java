package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated records accept only finite numbers, so that no record contains a value that JSON cannot
 * carry: a record built in code rejects NaN and infinity, and one whose payload is a single number
 * rejects {@code 1e400}, which Jackson would read as infinity.
 */
class FiniteNumberCheckTest {

  private static final String PACKAGE = "com.example.finite";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info: {title: Finite, version: 1.0.0}\n"
          + "channels:\n"
          + "  readings:\n"
          + "    address: readings\n"
          + "    messages:\n"
          + "      reading:\n"
          + "        payload: {$ref: '#/components/schemas/Reading'}\n"
          + "      level:\n"
          + "        payload: {$ref: '#/components/schemas/Level'}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Reading:\n"
          + "      type: object\n"
          + "      required: [value]\n"
          + "      properties:\n"
          + "        value: {type: number}\n"
          + "        limit: {type: number}\n"
          + "    Level:\n"
          + "      type: number\n"
          + "      minimum: 0\n";

  @TempDir Path dir;

  @Test
  void recordsRejectNonFiniteNumbers() throws Exception {
    Files.writeString(dir.resolve("finite.yaml"), DOCUMENT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(Sources.packageInfoFor(PACKAGE, "finite.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Class<?> reading = classes.loadClass(PACKAGE + ".Reading");
    Class<?> level = classes.loadClass(PACKAGE + ".Level");
    JsonCodec json = JsonCodec.jackson();

    Object decoded = json.decode("{\"value\":-1e308,\"limit\":2.5}", reading);
    assertEquals("{\"value\":-1.0E308,\"limit\":2.5}", json.encode(decoded));
    assertEquals(
        "value: must be a finite number, but was NaN",
        rejection(reading, Double.NaN, null));
    assertEquals(
        "limit: must be a finite number, but was Infinity",
        rejection(reading, 1.0, Double.POSITIVE_INFINITY));

    assertEquals(3.0, level.getRecordComponents()[0].getAccessor().invoke(json.decode("3", level)));
    JsonCodecException tooLarge =
        assertThrows(JsonCodecException.class, () -> json.decode("1e400", level));
    assertEquals("value: must be a finite number, but was Infinity", tooLarge.reason());
  }

  private static String rejection(Class<?> reading, Object value, Object limit) {
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> reading.getDeclaredConstructors()[0].newInstance(value, limit));
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    return e.getCause().getMessage();
  }
}
