package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated entry client's channel clients against the generated server on loopback. */
class EntryClientTest {

  private static final String PACKAGE = "com.example.market";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Market\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  prices:\n"
          + "    address: prices\n"
          + "    messages:\n"
          + "      price:\n"
          + "        payload:\n"
          + "          type: string\n"
          + "  trades:\n"
          + "    address: trades\n"
          + "    messages:\n"
          + "      trade:\n"
          + "        payload:\n"
          + "          type: string\n";

  @TempDir Path dir;

  @Test
  void channelClientsShareOneHttpClient() throws Exception {
    Files.writeString(dir.resolve("market.yaml"), DOCUMENT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(
            Sources.packageInfoFor(PACKAGE, "market.yaml"),
            JavaFileObjects.forResource("roundtrip/SharedHttpClientRoundTrip.java"));
    assertThat(compilation).succeededWithoutWarnings();

    @SuppressWarnings("unchecked")
    Supplier<List<String>> roundTrip = (Supplier<List<String>>)
        new CompiledClasses(compilation)
            .loadClass(PACKAGE + ".SharedHttpClientRoundTrip")
            .getDeclaredConstructor()
            .newInstance();
    List<String> steps = roundTrip.get();

    assertEquals(
        List.of(
            "selector threads started: 1",
            "prices: p1",
            "trades: t1",
            "trades after closing prices: t2"),
        steps);
  }
}
