package dev.asyncsse.processor.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks that translated patterns accept exactly the strings that an ECMAScript {@code RegExp}
 * without flags accepts (the expectations were taken from Node.js 20), and that constructs without
 * a faithful translation are rejected at their index.
 */
class EcmaPatternTranslatorTest {

  /** The ECMA-262 WhiteSpace and LineTerminator characters. */
  private static final List<String> ECMA_SPACES = List.of("\t", "\n", "\u000B", "\f", "\r", " ",
      "\u00A0", "\u1680", "\u2000", "\u2005", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F",
      "\u3000", "\uFEFF");

  private static boolean matches(String ecma, String input) {
    try {
      return Pattern.compile(EcmaPatternTranslator.translate(ecma)).matcher(input).find();
    } catch (UntranslatablePatternException e) {
      throw new AssertionError(ecma + ": " + e.reason(), e);
    }
  }

  private static void assertAccepts(String ecma, String... inputs) {
    for (String input : inputs) {
      assertTrue(matches(ecma, input), () -> ecma + " must accept " + codePoints(input));
    }
  }

  private static void assertRejects(String ecma, String... inputs) {
    for (String input : inputs) {
      assertFalse(matches(ecma, input), () -> ecma + " must reject " + codePoints(input));
    }
  }

  private static String codePoints(String text) {
    return text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
  }

  private static UntranslatablePatternException rejection(String ecma) {
    return assertThrows(UntranslatablePatternException.class,
        () -> EcmaPatternTranslator.translate(ecma), ecma);
  }

  @Test
  void dollarMatchesOnlyAtEndOfInput() {
    assertAccepts("^[a-z]+$", "abc");
    assertRejects("^[a-z]+$", "abc\n", "abc\r\n", "abc\u2028", "abc\u0085");
  }

  @Test
  void caretMatchesOnlyAtStartOfInput() {
    assertAccepts("^b", "bc");
    assertRejects("^b", "a\nb", "a\rb", "a\u2028b");
  }

  @Test
  void dotExcludesOnlyEcmaLineTerminators() {
    assertAccepts("^.$", "a", "\u0085", "\u000B", "\f", "\t");
    assertRejects("^.$", "\n", "\r", "\u2028", "\u2029", "\r\n");
    assertRejects("^a.b$", "a\r\nb");
  }

  @Test
  void whitespaceEscapesUseEcmaSpaces() {
    for (String space : ECMA_SPACES) {
      assertAccepts("^\\s$", space);
      assertAccepts("^[\\s]$", space);
      assertAccepts("^[x\\s]$", space);
      assertRejects("^\\S$", space);
      assertRejects("^[^\\s]$", space);
      assertRejects("^[\\S]$", space);
    }
    // U+0085 and U+180E are not ECMA-262 white space. U+180E was a space before Unicode 6.3.
    assertRejects("^\\s$", "\u0085", "\u180E", "\u200B", "a");
    assertAccepts("^\\S$", "\u0085", "\u180E", "\u200B", "a");
    assertAccepts("^[^\\S]$", " ", "\u00A0");
    assertRejects("^[^\\S]$", "a");
  }

  @Test
  void digitAndWordEscapesAreAscii() {
    assertAccepts("^\\d+$", "0123456789");
    assertRejects("^\\d$", "\u0663", "\uFF11");
    assertAccepts("^\\w+$", "azAZ09_");
    assertRejects("^\\w$", "\u00E9", "\u0394", "-");
    assertAccepts("^\\W$", "\u00E9", "-");
    assertAccepts("^\\D$", "\u0663");
  }

  @Test
  void wordBoundaryUsesAsciiWordCharacters() {
    assertAccepts("\\b\u00E9", "x\u00E9");
    assertAccepts("a\\b", "a\u00E9", "a");
    assertRejects("a\\b", "ab", "a_");
    assertAccepts("\\B\u00E9", "\u00E9");
    assertRejects("\\Bx", "x", "-x");
  }

  @Test
  void emptyAndFullClasses() {
    assertAccepts("^[^]$", "a", "\n", "\u2028", "\u0000");
    assertRejects("^[^]$", "", "ab");
    assertRejects("[]", "", "a", "\n", "[]");
    assertAccepts("^a[]*$", "a");
    assertRejects("^a[]*$", "ab");
  }

  @Test
  void characterEscapes() {
    assertAccepts("^\\0$", "\u0000");
    assertAccepts("^\\cJ$", "\n");
    assertAccepts("^\\ca$", "\u0001");
    assertAccepts("^[\\c1]$", "\u0011");
    assertAccepts("^[\\c_]$", "\u001F");
    assertAccepts("^\\v$", "\u000B");
    assertRejects("^\\v$", "\n", "\r", "\u2028", "\u0085");
    assertAccepts("^[\\b]$", "\b");
    assertAccepts("^\\x41\\u0042$", "AB");
    assertAccepts("^\\uD83D\\uDE00$", "\uD83D\uDE00");
    assertAccepts("^\\/\\-\\\u00E9$", "/-\u00E9");
  }

  @Test
  void hexEscapesWithoutDigitsAreLetters() {
    // Annex B: backslash x and backslash u without their hex digits are the letters x and u.
    assertAccepts("^\\x4$", "x4");
    assertRejects("^\\x4$", "\u0004", "\\x4");
    assertAccepts("^\\x$", "x");
    assertAccepts("^\\x4g$", "x4g");
    assertAccepts("^\\u12$", "u12");
    assertRejects("^\\u12$", "\u0012");
    assertAccepts("^\\u$", "u");
    assertAccepts("^\\u004$", "u004");
    assertAccepts("^[\\x]$", "x");
    assertRejects("^[\\x]$", "\\");
    assertAccepts("^[\\u1-w]$", "u", "1", "v");
    assertRejects("^[\\u1-w]$", "0", "x");
  }

  @Test
  void controlEscapeWithoutLetterIsBackslash() {
    // Annex B: \c without a control letter is a backslash, and the c is read as itself.
    assertAccepts("^\\c1$", "\\c1");
    assertRejects("^\\c1$", "c1", "\u0011");
    assertAccepts("^\\c$", "\\c");
    assertAccepts("^\\c_$", "\\c_");
    assertAccepts("^\\c\\d$", "\\c1");
    assertAccepts("^[\\c]$", "\\", "c");
    assertAccepts("^[\\c*]$", "*");
    assertAccepts("^[\\c-e]$", "\\", "d");
    assertRejects("^[\\c-e]$", "-", "b");
  }

  @Test
  void namedBackreferenceWithoutNamedGroupsIsLetters() {
    // Annex B: in a pattern without named groups, \k is the letter k.
    assertAccepts("^\\k<n>$", "k<n>");
    assertAccepts("^\\k$", "k");
    assertAccepts("^[\\k]$", "k");
    assertAccepts("^(a)\\k<a>$", "ak<a>");
    assertRejects("^[\\k]$", "\\");
  }

  @Test
  void legacyOctalAndDigitEscapes() {
    assertAccepts("^\\12$", "\n");
    assertAccepts("^\\101$", "A");
    assertAccepts("^\\400$", " 0");
    assertAccepts("^\\08$", "\u00008");
    assertAccepts("^\\8$", "8");
    assertAccepts("^[\\1]$", "\u0001");
  }

  @Test
  void lonelyBracesAndBracketsAreLiterals() {
    assertAccepts("^a{$", "a{");
    assertAccepts("^a{1$", "a{1");
    assertAccepts("^a{,2}$", "a{,2}");
    assertAccepts("^x{}$", "x{}");
    assertAccepts("^]$", "]");
    assertAccepts("^}$", "}");
  }

  @Test
  void quantifiersKeepTheirMeaning() {
    assertAccepts("^a{2}$", "aa");
    assertRejects("^a{2}$", "a", "aaa");
    assertAccepts("^a{2,}$", "aa", "aaaa");
    assertAccepts("^a{1,2}?$", "a", "aa");
    assertRejects("^a{1,2}?$", "aaa");
    assertAccepts("^(?:a|b)+c$", "abbac");
    assertAccepts("^a*?b$", "aab");
    assertAccepts("^a{01}$", "a");
  }

  @Test
  void javaClassSyntaxIsLiteral() {
    assertAccepts("^[a&&b]+$", "&", "a&&b");
    assertAccepts("^[[a]+$", "[", "a[");
    assertAccepts("^[\\d-z]+$", "-", "z", "5");
    assertRejects("^[\\d-z]+$", "y");
    assertAccepts("^[a-]$", "-");
    assertAccepts("^[-a]$", "-");
    assertAccepts("^[a^]$", "^");
    assertAccepts("^[\\^]$", "^");
  }

  @Test
  void groupsAndLookarounds() {
    assertAccepts("^(?<name>a)b$", "ab");
    assertAccepts("^(?!a)b", "b");
    assertAccepts("(?<!a)b", "cb");
    assertRejects("(?<!a)b", "ab");
    assertAccepts("^(?=a)a$", "a");
    assertAccepts("^()a|$", "");
  }

  @Test
  void translationKeepsPlainPatterns() throws UntranslatablePatternException {
    assertEquals("^[A-Z][a-z]+\\z", EcmaPatternTranslator.translate("^[A-Z][a-z]+$"));
    assertEquals("^\\d{3}-\\w+", EcmaPatternTranslator.translate("^\\d{3}-\\w+"));
  }

  @Test
  void corpusPatternsKeepTheirMeaning() {
    // A currency pair such as "XBT/USD", from a Kraken API document.
    assertAccepts("[A-Z\\s]+\\/[A-Z\\s]+", "XBT/USD", "X B T/U S D", "pair: XBT/EUR");
    assertRejects("[A-Z\\s]+\\/[A-Z\\s]+", "xbt/usd", "XBT-USD");
    // A capitalized name.
    assertAccepts("^[A-Z][a-z]+$", "Ada");
    assertRejects("^[A-Z][a-z]+$", "ada", "Ada\n", "ADA");
  }

  @Test
  void untranslatableConstructsAreRejectedAtTheirIndex() {
    Object[][] cases = {
      {"a*+", 2, "quantifier after a quantifier"},
      {"a{2}+", 4, "quantifier after a quantifier"},
      {"a**", 2, "quantifier after a quantifier"},
      {"^*", 1, "quantifier after an assertion"},
      {"x$?", 2, "quantifier after an assertion"},
      {"\\b+", 2, "quantifier after an assertion"},
      {"(?<=a)+", 6, "quantifier after an assertion"},
      {"(?=a)*", 5, "quantifier after a lookahead"},
      {"*a", 0, "nothing to repeat"},
      {"a|{2}", 2, "nothing to repeat"},
      {"(?i)a", 0, "invalid group syntax '(?i'"},
      {"(?i:a)", 0, "invalid group syntax '(?i'"},
      {"(?>a)", 0, "invalid group syntax '(?>'"},
      {"(?", 0, "invalid group syntax '(?'"},
      {"(?<1a>x)", 0, "invalid group name"},
      {"(?<a", 0, "invalid group name"},
      {"(?<a>x)(?<a>y)", 7, "duplicate group name 'a'"},
      {"(?<a>x)|(?<b>y)(?<a>z)", 15, "duplicate group name 'a'"},
      {"(a)\\1", 3, "backreference \\1"},
      {"(?<n>a)\\k<n>", 7, "named backreference"},
      {"\\p{L}", 0, "'\\p' is a Unicode property escape only with the u flag"},
      {"[\\P{L}]", 1, "'\\P' is a Unicode property escape only with the u flag"},
      {"\\u{41}", 0, "'\\u{...}' is a code point escape only with the u flag"},
      {"\\x{41}", 0, "'\\x{...}' is java.util.regex syntax"},
      {"(?<n>a)\\k", 7, "'\\k' in a pattern with named groups"},
      {"(?<n>a)[\\k]", 8, "'\\k' in a pattern with named groups"},
      {"a{2,1}", 1, "numbers out of order in quantifier"},
      {"[z-a]", 1, "range out of order in character class"},
      {"(a", 0, "unclosed group"},
      {"a)", 1, "unmatched ')'"},
      {"ab\\", 2, "'\\' at the end of the pattern"},
      {"[a", 0, "unclosed character class"},
      {"[a\\", 2, "'\\' at the end of the pattern"},
    };
    for (Object[] expected : cases) {
      String pattern = (String) expected[0];
      UntranslatablePatternException e = rejection(pattern);
      assertEquals(expected[1], e.index(), pattern);
      assertTrue(e.reason().startsWith((String) expected[2]), pattern + " gave " + e.reason());
      assertTrue(e.fix().endsWith("."), pattern + " gave fix " + e.fix());
    }
  }

  @Test
  void javaOnlyLetterEscapesAreRejected() {
    for (String letter : List.of("h", "H", "R", "z", "Z", "A", "G", "Q", "E", "X", "N", "V",
        "e", "a", "y")) {
      UntranslatablePatternException e = rejection("x\\" + letter);
      assertEquals(1, e.index(), letter);
      assertEquals("'\\" + letter + "' matches the letter " + letter + " in ECMA-262, but"
              + " java.util.regex reads \\" + letter + " as syntax or rejects it",
          e.reason());
      assertEquals("Remove the backslash to match the letter.", e.fix());
    }
    assertEquals(1, rejection("[\\B]").index());
  }

  @Test
  void javaRejectionOfTranslationIsReported() {
    UntranslatablePatternException e = rejection("a{99999999999}");
    assertEquals(-1, e.index());
    assertEquals("java.util.regex rejects its translation: Illegal repetition range", e.reason());
  }
}
