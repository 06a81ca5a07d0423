package dev.asyncsse.runtime.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax check that words JSON syntax errors, against RFC 8259 and against Jackson. */
class JsonSyntaxCheckTest {

  private static final ObjectMapper MAPPER = JacksonJsonCodec.defaultMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " { \"a\" : [ 1 , -2.5e+3 , 0 , 0.0E-1 , true , false , null ] } ",
        "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"",
        "-0",
        "[[[[{\"a\":{}}]]]]",
        "\r\n{\"\uD83D\uDE00\":\"\u00E9\"}\t",
      })
  void validTextHasNoError(String text) {
    assertNull(JsonSyntaxCheck.firstError(text));
    assertDoesNotThrow(() -> MAPPER.readTree(text));
  }

  @Test
  void errorsNameExpectedAndFound() {
    String[][] cases = {
      {"{", "line 1, column 2: expected a property name in double quotes or '}', found the end"
          + " of the data"},
      {"{\"a\"", "line 1, column 5: expected ':' after the property name, found the end of the"
          + " data"},
      {"{\"a\":}", "line 1, column 6: expected a value, found '}'"},
      {"{\"a\":1,}", "line 1, column 8: expected a property name in double quotes, found '}'"},
      {"[1,]", "line 1, column 4: expected a value, found ']'"},
      {"[1 2]", "line 1, column 4: expected ',' or ']', found '2'"},
      {"{\"a\":1 \"b\":2}", "line 1, column 8: expected ',' or '}', found '\"'"},
      {"[01]", "line 1, column 3: expected '.', 'e' or the end of the number, because a number"
          + " cannot start with 0, found '1'"},
      {"1.", "line 1, column 3: expected a digit after '.', found the end of the data"},
      {"1e+", "line 1, column 4: expected a digit in the exponent, found the end of the data"},
      {"-x", "line 1, column 2: expected a digit, found 'x'"},
      {"\"a\\qb\"", "line 1, column 4: expected an escape sequence: \\\" \\\\ \\/ \\b \\f \\n \\r"
          + " \\t or \\u and 4 hex digits, found 'q'"},
      {"\"\\u12G4\"", "line 1, column 6: expected 4 hex digits after \\u, found 'G'"},
      {"\"a\n\"", "line 1, column 3: expected an escape sequence such as \\n in place of a"
          + " control character, found the control character U+000A"},
      {"\"abc", "line 1, column 5: expected '\"' to close the string, found the end of the data"},
      {"tru", "line 1, column 4: expected the literal true, found the end of the data"},
      {"nul1", "line 1, column 4: expected the literal null, found '1'"},
      {"{} x", "line 1, column 4: expected the end of the data after the JSON value, found 'x'"},
      {"{} {}", "line 1, column 4: expected the end of the data after the JSON value, found '{'"},
      {"\u00E9", "line 1, column 1: expected a JSON value, found '\u00E9' (U+00E9)"},
      {"[\uFFFD]", "line 1, column 2: expected a value or ']', found U+FFFD, which replaces bytes"
          + " that are not valid UTF-8"},
      {"\n\n  ]", "line 3, column 3: expected a JSON value, found ']'"},
      {"\r\n[\r\n x", "line 3, column 2: expected a value or ']', found 'x'"},
      {"\r[\r x", "line 3, column 2: expected a value or ']', found 'x'"},
      {"[\"\uD83D\uDE00\", x]", "line 1, column 7: expected a value, found 'x'"},
    };
    for (String[] c : cases) {
      assertEquals("invalid JSON at " + c[1], JacksonErrorMessages.syntaxError(c[0]), c[0]);
    }
  }

  @Test
  void deepNestingNeedsNoStack() {
    String text = "[".repeat(200_000);

    assertEquals(
        "invalid JSON at line 1, column 200001: expected a value or ']', found the end of the data",
        JacksonErrorMessages.syntaxError(text));
  }

  /** Random texts from JSON's characters: the check and Jackson must agree on which are valid. */
  @Test
  void agreesWithJacksonOnRandomTexts() {
    String[] pieces = {
      "{", "}", "[", "]", "\"", ":", ",", "0", "1", "-", ".", "e", "+", "true", "null", "a", "\\",
      "\\u00", " ", "\"k\":", "\"s\"",
    };
    Random random = new Random(20240501L);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int j = 0; j < length; j++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String json = text.toString();
      if (json.isBlank()) {
        continue;
      }
      boolean jacksonAccepts;
      try {
        MAPPER.readTree(json);
        jacksonAccepts = true;
      } catch (Exception e) {
        jacksonAccepts = false;
      }
      boolean checkAccepts = JsonSyntaxCheck.firstError(json) == null;
      assertEquals(jacksonAccepts, checkAccepts, json);
      valid += checkAccepts ? 1 : 0;
    }
    // The texts must include valid ones, or the comparison shows little.
    assertEquals(true, valid > 100, "valid texts: " + valid);
  }
}
