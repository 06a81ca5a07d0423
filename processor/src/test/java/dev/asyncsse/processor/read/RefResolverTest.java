package dev.asyncsse.processor.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.processor.diagnostic.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefResolverTest {

  @TempDir Path dir;

  private Node resolveFrom(String mainText, String pointerToRef, Problems problems)
      throws IOException {
    Path main = dir.resolve("api/main.yaml");
    Files.createDirectories(main.getParent());
    Files.writeString(main, mainText);
    DocumentSet documents = new DocumentSet(
        new DocumentFile("api/main.yaml", main.toUri()), Files.readAllBytes(main), problems);
    Node node = documents.mainRoot().orElseThrow();
    for (String token : JsonPointers.split(pointerToRef)) {
      node = ((MapNode) node).get(token).orElseThrow();
    }
    return new RefResolver(documents, problems).resolve(node).orElse(null);
  }

  @Test
  void localPointerWithEscapesResolves() throws IOException {
    Problems problems = new Problems();
    Node target = resolveFrom(
        "use:\n  $ref: '#/defs/a~1b~0c'\ndefs:\n  a/b~c:\n    type: string\n", "/use", problems);

    assertEquals("/defs/a~1b~0c", target.pointer());
    assertTrue(problems.all().isEmpty(), problems.all().toString());
  }

  @Test
  void relativeFileResolvesAgainstReferringFile() throws IOException {
    Files.createDirectories(dir.resolve("common"));
    Files.writeString(
        dir.resolve("common/schemas.yaml"),
        "Ping:\n  $ref: 'more.yaml#/Pong'\n");
    Files.writeString(dir.resolve("common/more.yaml"), "Pong:\n  type: integer\n");
    Problems problems = new Problems();

    Node target = resolveFrom("use:\n  $ref: '../common/schemas.yaml#/Ping'\n", "/use", problems);

    assertTrue(problems.all().isEmpty(), problems.all().toString());
    assertEquals("common/more.yaml", target.file().name());
    assertEquals("/Pong", target.pointer());
  }

  @Test
  void missingFileIsReportedAtTheRef() throws IOException {
    Problems problems = new Problems();

    Node target = resolveFrom("use:\n  $ref: 'gone.yaml#/X'\n", "/use", problems);

    assertEquals(null, target);
    assertEquals(1, problems.all().size(), problems.all().toString());
    assertEquals(new SourcePosition("api/main.yaml", 2, 9), problems.all().get(0).position());
    assertTrue(problems.all().get(0).message().contains("api/gone.yaml"));
  }

  @Test
  void cycleIsReportedOnce() throws IOException {
    Problems problems = new Problems();

    Node target = resolveFrom("a:\n  $ref: '#/b'\nb:\n  $ref: '#/a'\n", "/a", problems);

    assertEquals(null, target);
    assertEquals(1, problems.all().size(), problems.all().toString());
    assertTrue(problems.all().get(0).message().startsWith("$ref cycle:"));
  }
}
