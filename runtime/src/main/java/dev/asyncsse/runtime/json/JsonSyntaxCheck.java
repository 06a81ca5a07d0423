package dev.asyncsse.runtime.json;

/**
 * Finds the first place where a text breaks the JSON grammar of RFC 8259, and describes what the
 * grammar expects there and what the text contains instead. The codec runs it only after a decode
 * failed, to word syntax errors in the runtime's own terms.
 *
 * <p>It checks the grammar alone. Jackson's size limits (the length of a number or string, the
 * nesting depth) are not checked here.
 */
final class JsonSyntaxCheck {

  /** A syntax error at a char offset of the text. */
  record SyntaxError(int offset, String expected, String found) {}

  private static final String END = "the end of the data";

  private final String text;
  /** The brackets of the objects and arrays that are open, innermost last. */
  private final StringBuilder open = new StringBuilder();

  private int pos;
  private boolean valueNext = true;
  private String valueExpected = "a JSON value";

  private JsonSyntaxCheck(String text) {
    this.text = text;
  }

  /** Returns the first syntax error of {@code text}, or {@code null} when it is one JSON value. */
  static SyntaxError firstError(String text) {
    return new JsonSyntaxCheck(text).check();
  }

  private SyntaxError check() {
    while (true) {
      skipWhitespace();
      SyntaxError error;
      if (valueNext) {
        valueNext = false; // value() sets it again when it opens an object or array
        error = value(valueExpected);
      } else if (open.length() == 0) {
        return pos == text.length() ? null : error("the end of the data after the JSON value");
      } else {
        error = afterMember();
      }
      if (error != null) {
        return error;
      }
    }
  }

  /** Reads one value, or only the opening of a non-empty object or array. */
  private SyntaxError value(String expected) {
    if (pos == text.length()) {
      return error(expected);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return open('{', '}');
      case '[':
        return open('[', ']');
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        if (c == '-' || isDigit(c)) {
          return number();
        }
        return error(expected);
    }
  }

  /** Reads an opening bracket, and the first property name of an object. */
  private SyntaxError open(char bracket, char close) {
    pos++;
    skipWhitespace();
    if (peek(close)) {
      pos++;
      return null;
    }
    open.append(bracket);
    valueNext = true;
    if (bracket == '[') {
      valueExpected = "a value or ']'";
      return null;
    }
    valueExpected = "a value";
    return memberName("a property name in double quotes or '}'");
  }

  /** Reads what follows a member or element: a comma and the next name, or the closing bracket. */
  private SyntaxError afterMember() {
    char container = open.charAt(open.length() - 1);
    char close = container == '{' ? '}' : ']';
    if (pos == text.length() || (text.charAt(pos) != ',' && text.charAt(pos) != close)) {
      return error("',' or '" + close + "'");
    }
    if (text.charAt(pos++) == close) {
      open.setLength(open.length() - 1);
      return null;
    }
    valueNext = true;
    valueExpected = "a value";
    if (container == '[') {
      return null;
    }
    skipWhitespace();
    return memberName("a property name in double quotes");
  }

  /** Reads a property name and the colon after it. */
  private SyntaxError memberName(String expected) {
    if (!peek('"')) {
      return error(expected);
    }
    SyntaxError name = string();
    if (name != null) {
      return name;
    }
    skipWhitespace();
    if (!peek(':')) {
      return error("':' after the property name");
    }
    pos++;
    return null;
  }

  private SyntaxError string() {
    pos++; // the opening quote
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return null;
      }
      if (c < 0x20) {
        return error("an escape sequence such as \\n in place of a control character");
      }
      if (c == '\\') {
        SyntaxError escape = escape();
        if (escape != null) {
          return escape;
        }
      } else {
        pos++;
      }
    }
    return error("'\"' to close the string");
  }

  private SyntaxError escape() {
    pos++; // the backslash
    if (pos == text.length()) {
      return error("an escape sequence");
    }
    char c = text.charAt(pos);
    if ("\"\\/bfnrt".indexOf(c) >= 0) {
      pos++;
      return null;
    }
    if (c != 'u') {
      return error("an escape sequence: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits");
    }
    pos++;
    for (int i = 0; i < 4; i++) {
      if (pos == text.length() || Character.digit(text.charAt(pos), 16) < 0) {
        return error("4 hex digits after \\u");
      }
      pos++;
    }
    return null;
  }

  private SyntaxError number() {
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        return error("'.', 'e' or the end of the number, because a number cannot start with 0");
      }
    } else {
      SyntaxError digits = digits("a digit");
      if (digits != null) {
        return digits;
      }
    }
    if (peek('.')) {
      pos++;
      SyntaxError fraction = digits("a digit after '.'");
      if (fraction != null) {
        return fraction;
      }
    }
    if (peek('e') || peek('E')) {
      pos++;
      if (peek('+') || peek('-')) {
        pos++;
      }
      return digits("a digit in the exponent");
    }
    return null;
  }

  private SyntaxError digits(String expected) {
    if (pos == text.length() || !isDigit(text.charAt(pos))) {
      return error(expected);
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    return null;
  }

  private SyntaxError literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!peek(word.charAt(i))) {
        return error("the literal " + word);
      }
      pos++;
    }
    return null;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private SyntaxError error(String expected) {
    return new SyntaxError(pos, expected, describeCharacter(text, pos));
  }

  /** Describes the character at {@code offset}, or the end of the text. */
  static String describeCharacter(String text, int offset) {
    if (offset >= text.length()) {
      return END;
    }
    int c = text.codePointAt(offset);
    String code = String.format("U+%04X", c);
    if (c == 0xFFFD) {
      return code + ", which replaces bytes that are not valid UTF-8";
    }
    if (c < 0x20 || c == 0x7F) {
      return "the control character " + code;
    }
    if (c == ' ') {
      return "a space";
    }
    if (c < 0x7F) {
      return "'" + (char) c + "'";
    }
    return "'" + new String(Character.toChars(c)) + "' (" + code + ")";
  }
}
