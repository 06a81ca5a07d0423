package dev.asyncsse.processor.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

  private static final DocumentFile YAML = new DocumentFile("api.yaml", URI.create("file:/tmp/api.yaml"));
  private static final DocumentFile JSON = new DocumentFile("api.json", URI.create("file:/tmp/api.json"));

  private static MapNode read(DocumentFile file, String text) {
    Problems problems = new Problems();
    Node root = new DocumentReader().read(file, text, problems).orElseThrow();
    assertEquals(0, problems.all().size(), problems.all().toString());
    return (MapNode) root;
  }

  @Test
  void yamlNodesKeepLineAndColumn() {
    MapNode root = read(YAML, "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  tags:\n    - a\n    - b\n");

    MapNode info = (MapNode) root.get("info").orElseThrow();
    assertEquals(new SourcePosition("api.yaml", 3, 10), info.get("title").orElseThrow().position());
    assertEquals(new SourcePosition("api.yaml", 3, 3), info.keyPosition("title"));
    ListNode tags = (ListNode) info.get("tags").orElseThrow();
    assertEquals(new SourcePosition("api.yaml", 6, 7), tags.items().get(1).position());
    assertEquals("/info/tags/1", tags.items().get(1).pointer());
  }

  @Test
  void jsonNodesKeepLineAndColumn() {
    MapNode root = read(JSON, "{\n  \"a\": {\"b~c/d\": 42}\n}");

    MapNode a = (MapNode) root.get("a").orElseThrow();
    ScalarNode value = (ScalarNode) a.get("b~c/d").orElseThrow();
    assertEquals(new SourcePosition("api.json", 2, 18), value.position());
    assertEquals(new BigDecimal(42), value.value());
    assertEquals("/a/b~0c~1d", value.pointer());
  }

  @Test
  void scalarsKeepTheirTypes() {
    MapNode root = read(YAML, "s: 'on'\nn: 1.50\nb: true\nz: null\ni: 12345678901234567890\n");

    assertEquals("on", ((ScalarNode) root.get("s").orElseThrow()).value());
    assertEquals(new BigDecimal("1.50"), ((ScalarNode) root.get("n").orElseThrow()).value());
    assertEquals(Boolean.TRUE, ((ScalarNode) root.get("b").orElseThrow()).value());
    assertEquals(null, ((ScalarNode) root.get("z").orElseThrow()).value());
    assertEquals(
        new BigDecimal("12345678901234567890"), ((ScalarNode) root.get("i").orElseThrow()).value());
  }

  @Test
  void emptyPlainValueIsNull() {
    MapNode root = read(YAML, "empty:\nquoted: ''\ndouble: \"\"\n");

    assertEquals(null, ((ScalarNode) root.get("empty").orElseThrow()).value());
    assertEquals("", ((ScalarNode) root.get("quoted").orElseThrow()).value());
    assertEquals("", ((ScalarNode) root.get("double").orElseThrow()).value());
  }

  @Test
  void mapsUnderNameKeysAreKeyedByName() {
    MapNode root = read(YAML,
        "channels: {}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    properties:\n"
            + "      properties: {}\n"
            + "      enum: [{properties: {}}]\n");

    MapNode components = (MapNode) root.get("components").orElseThrow();
    MapNode schemas = (MapNode) components.get("schemas").orElseThrow();
    MapNode schemaNamedProperties = (MapNode) schemas.get("properties").orElseThrow();
    MapNode properties = (MapNode) schemaNamedProperties.get("properties").orElseThrow();
    ListNode values = (ListNode) schemaNamedProperties.get("enum").orElseThrow();
    MapNode value = (MapNode) values.items().get(0);
    assertTrue(((MapNode) root.get("channels").orElseThrow()).keyedByName());
    assertFalse(components.keyedByName());
    assertTrue(schemas.keyedByName());
    assertFalse(schemaNamedProperties.keyedByName());
    assertTrue(properties.keyedByName());
    assertFalse(((MapNode) value.get("properties").orElseThrow()).keyedByName());
  }

  @Test
  void leadingByteOrderMarkIsIgnored() {
    MapNode root = read(YAML, "\uFEFFasyncapi: 3.0.0\n");

    assertTrue(root.has("asyncapi"));
  }

  @Test
  void aliasIsReportedAtItsPosition() {
    Problems problems = new Problems();
    new DocumentReader().read(YAML, "a: &x 1\nb: *x\n", problems);

    assertEquals(1, problems.all().size(), problems.all().toString());
    assertEquals(new SourcePosition("api.yaml", 2, 4), problems.all().get(0).position());
  }

  @Test
  void emptyDocumentIsReported() {
    Problems problems = new Problems();
    new DocumentReader().read(YAML, "", problems);

    assertTrue(problems.hasErrors());
  }

  @Test
  void invalidUtf8IsReportedAtFirstBadByte() {
    // Two-byte and four-byte characters before the bad byte count as one column each.
    byte[] valid = "a: 1\r\nb: \u00E9\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
    byte[] content = Arrays.copyOf(valid, valid.length + 2);
    content[valid.length] = (byte) 0xC3;
    content[valid.length + 1] = '!';
    Problems problems = new Problems();

    Optional<Node> root = new DocumentReader().read(YAML, content, problems);

    assertTrue(root.isEmpty());
    assertEquals(1, problems.all().size(), problems.all().toString());
    assertEquals(new SourcePosition("api.yaml", 2, 6), problems.all().get(0).position());
    assertEquals(Messages.notUtf8("api.yaml", 0xC3), problems.all().get(0).message());
  }

  @Test
  void utf8BytesAreDecoded() {
    Problems problems = new Problems();

    Optional<Node> root = new DocumentReader()
        .read(YAML, "\uFEFFa: caf\u00E9\n".getBytes(StandardCharsets.UTF_8), problems);

    assertEquals(0, problems.all().size(), problems.all().toString());
    assertEquals("caf\u00E9", ((MapNode) root.orElseThrow()).text("a").orElseThrow());
  }
}
