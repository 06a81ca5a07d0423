package dev.asyncsse.processor.generate;

import com.palantir.javapoet.CodeBlock;

/**
 * Java string literals for text that may contain a line separator (U+2028) or a paragraph separator
 * (U+2029).
 *
 * <p>JavaPoet's {@code $S} leaves both characters as they are, and then starts a new source line
 * at each of them, because it splits everything it writes at line breaks in the Unicode sense. The
 * literal then ends at the line break and the source does not compile. Here each of the two
 * characters becomes a Unicode escape in a literal of its own, joined to the rest with {@code +},
 * which is a constant expression of the same value. Other text keeps JavaPoet's {@code $S} form,
 * so its output does not change.
 */
final class StringLiterals {

  private StringLiterals() {}

  /** Returns whether JavaPoet's {@code $S} would break {@code value} across lines. */
  static boolean needsEscapedSeparators(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (isSeparator(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Returns the code of a string literal, or of {@code null}, with the value {@code value}. */
  static CodeBlock of(String value) {
    if (!needsEscapedSeparators(value)) {
      return CodeBlock.of("$S", value);
    }
    CodeBlock.Builder code = CodeBlock.builder();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isSeparator(c)) {
        continue;
      }
      if (i > start) {
        join(code).add("$S", value.substring(start, i));
      }
      join(code).add("\"\\u$L\"", Integer.toHexString(c));
      start = i + 1;
    }
    if (start < value.length()) {
      join(code).add("$S", value.substring(start));
    }
    return code.build();
  }

  private static CodeBlock.Builder join(CodeBlock.Builder code) {
    if (!code.isEmpty()) {
      code.add(" + ");
    }
    return code;
  }

  private static boolean isSeparator(char c) {
    return c == '\u2028' || c == '\u2029';
  }
}
