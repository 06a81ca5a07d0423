package dev.asyncsse.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

  @ParameterizedTest
  @CsvSource({
    "ada@example.com, true",
    "a.b+c@sub.example.org, true",
    "ada@localhost, true",
    "ada, false",
    "@example.com, false",
    "ada@, false",
    "a b@example.com, false",
    "a@b@example.com, false",
    "ada@.example, false",
    "ada@example., false",
    "ada@.example., false",
    "ada@.., false",
    "ada@a..b, true",
    "ada@example.com., true",
    "ada.@example, true",
    ".ada@example, true",
  })
  void email(String value, boolean valid) {
    assertEquals(valid, Formats.isEmail(value));
  }

  @ParameterizedTest
  @CsvSource({
    "example.com, true",
    "a-b.example.com, true",
    "localhost, true",
    "-bad.example.com, false",
    "bad-.example.com, false",
    "under_score.com, false",
    "'', false",
  })
  void hostname(String value, boolean valid) {
    assertEquals(valid, Formats.isHostname(value));
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.10, true",
    "0.0.0.0, true",
    "255.255.255.255, true",
    "256.0.0.1, false",
    "1.2.3, false",
    "01.2.3.4, false",
    "1.2.3.4.5, false",
  })
  void ipv4(String value, boolean valid) {
    assertEquals(valid, Formats.isIpv4(value));
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::10, true",
    "::, true",
    "::1, true",
    "1::, true",
    "2001:0db8:0000:0000:0000:ff00:0042:8329, true",
    "::ffff:192.0.2.128, true",
    "1:2:3:4:5:6:7:8:9, false",
    "1:::2, false",
    "1::2::3, false",
    "12345::, false",
    "g::1, false",
    ":1:2:3:4:5:6:7, false",
    "1:2:3:4:5:6:7, false",
    "::ffff:999.0.2.128, false",
  })
  void ipv6(String value, boolean valid) {
    assertEquals(valid, Formats.isIpv6(value));
  }

  /** The e-mail rule as a regular expression, the form the single-pass check must agree with. */
  private static final Pattern EMAIL_EXPRESSION =
      Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[^@\\s]+@[^@\\s.]+");

  @Test
  void emailMatchesRegexOnShortStrings() {
    char[] alphabet = {'a', '@', '.', ' ', '\t', '\u000B', '\r', '\u00E9', '\u0008', '\u000E'};
    for (int length = 0; length <= 5; length++) {
      int[] digits = new int[length];
      char[] text = new char[length];
      while (true) {
        for (int i = 0; i < length; i++) {
          text[i] = alphabet[digits[i]];
        }
        String value = new String(text);
        assertEquals(
            EMAIL_EXPRESSION.matcher(value).matches(),
            Formats.isEmail(value),
            () -> "isEmail(\"" + value + "\")");
        int position = 0;
        while (position < length && ++digits[position] == alphabet.length) {
          digits[position++] = 0;
        }
        if (position == length) {
          break;
        }
      }
    }
  }
}
