package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreetlightsTest {

  private static final String PACKAGE = "com.example.streetlights";
  private static final String DOCUMENT = "streetlights-v3.yaml";

  @Test
  void generatedCodeHasNoLintWarnings() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption(), "-Xlint:all")
        .compile(Sources.packageInfoFor(PACKAGE, DOCUMENT));

    assertThat(compilation).succeededWithoutWarnings();
    for (String type : List.of(
        "StreetlightsMqttApi",
        "LightingMeasuredClient",
        "LightingMeasuredServer",
        "LightingMeasuredParameters",
        "LightMeasuredPayload",
        "TurnOnOffPayload",
        "TurnOnOffPayloadCommand",
        "DimLightPayload",
        "CommonHeaders",
        "LightsDimClient")) {
      assertThat(compilation).generatedSourceFile(PACKAGE + "." + type);
    }
  }

  @Test
  void headerBoundsAreChecked() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(Sources.packageInfoFor(PACKAGE, DOCUMENT));

    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".CommonHeaders")
        .contentsAsUtf8String()
        .contains("@JsonProperty(\"my-app-header\") Integer myAppHeader");
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".CommonHeaders")
        .contentsAsUtf8String()
        .contains("my-app-header: must be <= 100, but was ");
  }

  @Test
  void plainJavacReadsDocumentBesidePackage(@TempDir Path work) throws Exception {
    Path packageDir = Files.createDirectories(work.resolve("src/com/example/streetlights"));
    Files.copy(Corpus.dir().resolve(DOCUMENT), packageDir.resolve(DOCUMENT));
    Path packageInfo = packageDir.resolve("package-info.java");
    Files.writeString(
        packageInfo, Sources.packageInfoFor(PACKAGE, DOCUMENT).getCharContent(true).toString());

    JavacRun.Result result = JavacRun.compile(
        work.resolve("out"),
        List.of(packageInfo),
        List.of("-sourcepath", work.resolve("src").toString(), "-Xlint:all", "-Werror"));

    assertEquals(0, result.exitCode(), result.output());
    assertEquals("", result.output().strip());
    assertTrue(
        result.generatedSources().stream()
            .anyMatch(file -> file.endsWith("com/example/streetlights/LightsDimServer.java")),
        "LightsDimServer.java not generated: " + result.generatedSources());
  }

  @Test
  void measurementsRoundTripOverLoopback() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(
            Sources.packageInfoFor(PACKAGE, DOCUMENT),
            JavaFileObjects.forResource("roundtrip/StreetlightsRoundTrip.java"));
    assertThat(compilation).succeeded();

    @SuppressWarnings("unchecked")
    Supplier<List<String>> roundTrip = (Supplier<List<String>>)
        new CompiledClasses(compilation)
            .loadClass(PACKAGE + ".StreetlightsRoundTrip")
            .getDeclaredConstructor()
            .newInstance();
    List<String> received = roundTrip.get();

    assertEquals(
        List.of(
            "lightMeasured 0 2026-12-04T18:30Z",
            "lightMeasured 150 2026-12-04T18:30Z",
            "lightMeasured 3000 2026-12-04T18:30Z"),
        received);
  }
}
