package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class SeedDocumentTest {

  private static final String PACKAGE = "com.example.accounts";

  private static Compilation compileSeed(String... extraOptions) {
    List<String> options = new java.util.ArrayList<>(List.of(Corpus.specDirOption(), "-Xlint:all"));
    options.addAll(List.of(extraOptions));
    return javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(options)
        .compile(Sources.packageInfoFor(PACKAGE, "account-service-v3.yaml"));
  }

  @Test
  void seedCompilesWithoutWarnings() {
    Compilation compilation = compileSeed();

    assertThat(compilation).succeededWithoutWarnings();
    for (String type :
        List.of("UserSignedUp", "UserSignupsClient", "UserSignupsServer", "AccountService")) {
      assertThat(compilation).generatedSourceFile(PACKAGE + "." + type);
    }
  }

  @Test
  void payloadIsRecordWithEmailCheck() {
    Compilation compilation = compileSeed();

    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".UserSignedUp")
        .contentsAsUtf8String()
        .contains("public record UserSignedUp(String displayName, String email)");
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".UserSignedUp")
        .contentsAsUtf8String()
        .contains("email: must be a valid email, but was ");
  }

  @Test
  void everyFileIsMarkedGenerated() throws IOException {
    Compilation compilation = compileSeed();

    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String text = file.getCharContent(true).toString();
      assertTrue(
          text.contains("@Generated(\"dev.asyncsse.processor.AsyncApiProcessor\")"),
          file.getName() + " lacks @Generated");
    }
  }

  @Test
  void outputIsByteIdenticalAcrossBuilds() throws IOException {
    assertEquals(sources(compileSeed()), sources(compileSeed()));
  }

  @Test
  void verboseOptionListsGeneratedTypes() {
    Compilation compilation = compileSeed("-Aasyncsse.verbose");

    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("asyncsse generated " + PACKAGE + ".UserSignupsClient");
  }

  @Test
  void clientOnlyGeneratesNoServer() {
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption())
        .compile(
            Sources.packageInfo(PACKAGE, "value = \"account-service-v3.yaml\", server = false"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile(PACKAGE + ".UserSignupsClient");
    assertTrue(
        compilation.generatedSourceFiles().stream()
            .noneMatch(file -> file.getName().endsWith("UserSignupsServer.java")),
        "server class generated although server = false");
  }

  private static Map<String, String> sources(Compilation compilation) throws IOException {
    Map<String, String> sources = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      sources.put(file.getName(), file.getCharContent(true).toString());
    }
    return sources;
  }
}
