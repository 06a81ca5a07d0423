package dev.asyncsse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

  private static final String MEASURED =
      "smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured";

  @Test
  void parameterNamesInOrder() {
    assertEquals(
        List.of("roomId", "resource"),
        PathTemplate.parse("/rooms/{roomId}/{resource}").parameterNames());
    assertEquals(List.of(), PathTemplate.parse("user/signedup").parameterNames());
  }

  @Test
  void literalPrefixEndsBeforeFirstParameter() {
    assertEquals(
        "/smartylighting/streetlights/1/0/event/", PathTemplate.parse(MEASURED).literalPrefix());
  }

  @Test
  void literalPrefixWithoutParameters() {
    assertEquals("/user/signedup", PathTemplate.parse("user/signedup").literalPrefix());
    assertEquals("/", PathTemplate.parse("/").literalPrefix());
  }

  @Test
  void leadingSlashIsOptional() {
    assertEquals(PathTemplate.parse("/user/signedup"), PathTemplate.parse("user/signedup"));
    assertEquals(
        PathTemplate.parse("/user/signedup").hashCode(),
        PathTemplate.parse("user/signedup").hashCode());
  }

  @Test
  void urlTemplateStandsForItsPath() {
    PathTemplate template = PathTemplate.parse("https://example.com/books/{id}");

    assertEquals(PathTemplate.parse("/books/{id}"), template);
    assertEquals("/books/", template.literalPrefix());
    assertEquals("/books/1", template.expand(Map.of("id", "1")));
    assertEquals(Optional.of(Map.of("id", "1")), template.match("/books/1"));
    assertEquals(Optional.empty(), template.match("/https://example.com/books/1"));
    assertEquals("https://example.com/books/{id}", template.toString());
  }

  @Test
  void urlTemplateWithoutPathIsRoot() {
    assertEquals("/", PathTemplate.parse("http://example.com:8080").literalPrefix());
    assertEquals("/", PathTemplate.parse("https://example.com/").literalPrefix());
  }

  @Test
  void urlTemplateWithParameterInHostIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> PathTemplate.parse("https://{tenant}.example.com/events"));

    assertTrue(error.getMessage().contains("scheme or host"), error.getMessage());
  }

  @Test
  void colonWithoutSlashesStaysInPath() {
    assertEquals("/user:signedup", PathTemplate.parse("user:signedup").literalPrefix());
  }

  @Test
  void toStringIsTemplateAsGiven() {
    assertEquals(MEASURED, PathTemplate.parse(MEASURED).toString());
    assertEquals("/a/{b}", PathTemplate.parse("/a/{b}").toString());
  }

  @Test
  void differentParameterNamesAreDifferentTemplates() {
    assertNotEquals(PathTemplate.parse("/a/{b}"), PathTemplate.parse("/a/{c}"));
  }

  @Test
  void expandInsertsValues() {
    assertEquals(
        "/smartylighting/streetlights/1/0/event/abc-1/lighting/measured",
        PathTemplate.parse(MEASURED).expand(Map.of("streetlightId", "abc-1")));
  }

  @Test
  void expandKeepsUnreservedCharacters() {
    assertEquals("/x/AZaz09-._~", PathTemplate.parse("x/{v}").expand(Map.of("v", "AZaz09-._~")));
  }

  @Test
  void expandEncodesValueAsOneSegment() {
    PathTemplate template = PathTemplate.parse("x/{v}");
    assertEquals("/x/a%20b", template.expand(Map.of("v", "a b")));
    assertEquals("/x/a%2Fb", template.expand(Map.of("v", "a/b")));
    assertEquals("/x/a%2Bb", template.expand(Map.of("v", "a+b")));
    assertEquals("/x/%3F%23%25", template.expand(Map.of("v", "?#%")));
    assertEquals("/x/caf%C3%A9", template.expand(Map.of("v", "caf\u00e9")));
    assertEquals("/x/%F0%9F%98%80", template.expand(Map.of("v", "\uD83D\uDE00")));
  }

  @Test
  void expandEncodesSpecialLiteralCharacters() {
    assertEquals(
        "/my%20room/caf%C3%A9/1",
        PathTemplate.parse("my room/caf\u00e9/{n}").expand(Map.of("n", "1")));
  }

  @Test
  void expandIgnoresUnknownNames() {
    assertEquals("/x/1", PathTemplate.parse("x/{v}").expand(Map.of("v", "1", "other", "2")));
  }

  @Test
  void expandRejectsMissingValue() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> PathTemplate.parse("x/{v}").expand(Map.of("w", "1")));
    assertTrue(error.getMessage().contains("\"v\""), error.getMessage());
  }

  @Test
  void expandRejectsEmptyValue() {
    assertThrows(
        IllegalArgumentException.class, () -> PathTemplate.parse("x/{v}").expand(Map.of("v", "")));
  }

  @Test
  void expandRejectsUnpairedSurrogate() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PathTemplate.parse("x/{v}").expand(Map.of("v", "a\uD800b")));
  }

  @Test
  void matchReturnsValuesByName() {
    assertEquals(
        Optional.of(Map.of("roomId", "42", "resource", "chatMessages")),
        PathTemplate.parse("/rooms/{roomId}/{resource}").match("/rooms/42/chatMessages"));
  }

  @Test
  void matchKeepsTemplateOrder() {
    Map<String, String> values =
        PathTemplate.parse("/rooms/{roomId}/{resource}").match("/rooms/42/users").orElseThrow();
    assertEquals(List.of("roomId", "resource"), List.copyOf(values.keySet()));
  }

  @Test
  void matchWithoutParameters() {
    assertEquals(
        Optional.of(Map.of()), PathTemplate.parse("user/signedup").match("/user/signedup"));
  }

  @Test
  void matchDecodesPercentEncodedSpace() {
    assertEquals(Optional.of(Map.of("v", "a b")), PathTemplate.parse("x/{v}").match("/x/a%20b"));
  }

  @Test
  void matchDecodesUtf8() {
    assertEquals(
        Optional.of(Map.of("v", "caf\u00e9 \u2026")),
        PathTemplate.parse("x/{v}").match("/x/caf%C3%A9%20%E2%80%A6"));
  }

  @Test
  void matchDecodesLowerCaseHex() {
    assertEquals(
        Optional.of(Map.of("v", "\u00e9")), PathTemplate.parse("x/{v}").match("/x/%c3%a9"));
  }

  @Test
  void matchDecodesEncodedSlashInsideValue() {
    assertEquals(Optional.of(Map.of("v", "a/b")), PathTemplate.parse("x/{v}").match("/x/a%2Fb"));
  }

  @Test
  void matchKeepsPlusSign() {
    assertEquals(Optional.of(Map.of("v", "a+b")), PathTemplate.parse("x/{v}").match("/x/a+b"));
  }

  @Test
  void matchAcceptsUnencodedNonAsciiInRawPath() {
    assertEquals(
        Optional.of(Map.of("v", "caf\u00e9")), PathTemplate.parse("x/{v}").match("/x/caf\u00e9"));
  }

  @Test
  void matchAcceptsEncodedUnreservedCharactersInLiterals() {
    assertEquals(Optional.of(Map.of("v", "1")), PathTemplate.parse("abc/{v}").match("/%61bc/1"));
  }

  @Test
  void matchAcceptsEncodedLiteralText() {
    assertEquals(
        Optional.of(Map.of("n", "1")),
        PathTemplate.parse("my room/caf\u00e9/{n}").match("/my%20room/caf%c3%a9/1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/x", "/x/", "/x/a/b", "/x/a/", "/y/a", "x/a", "/x//", "/x/%", "/x/%4", "/x/%zz", "/x/%C3",
        "/x/%FF", "/x/a%2"
      })
  void matchRejects(String rawPath) {
    assertEquals(Optional.empty(), PathTemplate.parse("x/{v}").match(rawPath));
  }

  @Test
  void parameterMayBePartOfSegment() {
    PathTemplate template = PathTemplate.parse("files/{name}.json");
    assertEquals(Optional.of(Map.of("name", "report")), template.match("/files/report.json"));
    assertEquals(Optional.empty(), template.match("/files/.json"));
    assertEquals("/files/a%20b.json", template.expand(Map.of("name", "a b")));
  }

  @Test
  void rootTemplateMatchesOnlyRoot() {
    PathTemplate root = PathTemplate.parse("/");
    assertEquals(Optional.of(Map.of()), root.match("/"));
    assertEquals(Optional.empty(), root.match("/a"));
  }

  @Test
  void randomValuesSurviveExpandAndMatch() {
    PathTemplate template = PathTemplate.parse("a/{first}/b/{second}");
    Random random = new Random(7);
    String alphabet = "az09 -._~/?#%+&=:@!$'()*,;\u00e9\u2026\uD83D\uDE00";
    for (int round = 0; round < 1000; round++) {
      Map<String, String> values =
          Map.of("first", randomText(random, alphabet), "second", randomText(random, alphabet));
      String raw = template.expand(values);
      assertEquals(Optional.of(values), template.match(raw), raw);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a/{",
        "a/{b",
        "a/}",
        "a/{}",
        "a/{b c}",
        "a/{b/c}",
        "a/{b}{c}",
        "a/{b}/{b}",
        "a?b=1",
        "a#b"
      })
  void invalidTemplateIsRejected(String template) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(template));
    assertTrue(error.getMessage().contains(template), error.getMessage());
  }

  @Test
  void basePathPrefixesLiteralPath() {
    PathTemplate template = PathTemplate.parse("rooms/{roomId}/{resource}").withBasePath("/v1/");

    assertEquals("/v1/rooms/", template.literalPrefix());
    assertEquals(
        "/v1/rooms/r%201/events", template.expand(Map.of("roomId", "r 1", "resource", "events")));
    assertEquals(
        Optional.of(Map.of("roomId", "r 1", "resource", "events")),
        template.match("/v1/rooms/r%201/events"));
    assertEquals(Optional.empty(), template.match("/rooms/r1/events"));
  }

  @Test
  void basePathBracesAreLiteral() {
    PathTemplate template = PathTemplate.parse("/ticks").withBasePath("/a{b}");

    assertEquals(List.of(), template.parameterNames());
    assertEquals(Optional.of(Map.of()), template.match("/a%7Bb%7D/ticks"));
  }

  @Test
  void emptyBasePathKeepsTemplate() {
    PathTemplate template = PathTemplate.parse("https://example.com/books/{id}");

    assertEquals(template, template.withBasePath(""));
    assertEquals(template, template.withBasePath("/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "/v1?x=1", "/v1#top"})
  void invalidBasePathIsRejected(String basePath) {
    PathTemplate template = PathTemplate.parse("/ticks");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> template.withBasePath(basePath));
    assertTrue(error.getMessage().contains(basePath), error.getMessage());
  }

  /** Returns 1 to 6 code points from {@code alphabet}, never splitting a surrogate pair. */
  private static String randomText(Random random, String alphabet) {
    int[] codePoints = alphabet.codePoints().toArray();
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }
}
