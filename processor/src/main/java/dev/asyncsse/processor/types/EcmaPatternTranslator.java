package dev.asyncsse.processor.types;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates the source of an ECMA-262 regular expression, the dialect of JSON Schema's {@code
 * pattern}, into java.util.regex source that accepts the same strings.
 *
 * <p>The pattern is read as ECMAScript reads a {@code RegExp} with no flags, including the legacy
 * syntax of ECMA-262 Annex B: a lone {@code ]}, {@code {} or {@code }} is a literal character,
 * {@code \1} is an octal escape when the pattern has no group 1, {@code \x} and
 * <code>&#92;u</code> without their hex digits are the letters x and u, {@code \c} without a
 * control letter is a backslash followed by c, and {@code \k} in a pattern without named groups
 * is the letter k. Constructs whose meaning differs between the two engines are rewritten:
 *
 * <ul>
 *   <li>{@code $} matches only at the end of the input, where Java's {@code $} also matches before
 *       a final line terminator;
 *   <li>{@code .} excludes only LF, CR, U+2028 and U+2029, where Java's also excludes U+0085;
 *   <li>{@code \s} and {@code \S} include the Unicode space separators and U+FEFF, where Java's
 *       are ASCII;
 *   <li>{@code \b} and {@code \B} use the ASCII word characters, which Java does only from JDK 19;
 *   <li>{@code \v}, {@code \0}, {@code \cX}, legacy octal escapes, {@code [\b]}, {@code []} and
 *       {@code [^]} become the characters or classes they stand for;
 *   <li>characters that Java reads as syntax inside a class, such as {@code [} and {@code &&},
 *       are escaped.
 * </ul>
 *
 * <p>{@code ^}, {@code \d}, {@code \w} and their negations mean the same in both engines and are
 * kept. Constructs that cannot be carried over are rejected with a reason and a fix:
 * backreferences (ECMA-262 matches a backreference to a group that did not take part as the empty
 * string, Java fails it), inline flags and other Java-only group syntax, escaped letters that
 * ECMA-262 matches as the letter but Java reads as syntax ({@code \p}, {@code \h}, {@code \z},
 * {@code \Q} and the like), <code>&#92;u{...}</code>, and the syntax errors of ECMA-262 that Java
 * accepts, such as possessive quantifiers and repeated assertions.
 *
 * <p>NOTE: a character above U+FFFF is matched as one character, as ECMA-262 does with the u flag,
 * because java.util.regex never splits a surrogate pair. Without the u flag ECMA-262 reads it as
 * two UTF-16 code units, so there {@code ^.$} rejects such a character, and here it accepts it.
 */
public final class EcmaPatternTranslator {

  /** The ECMA-262 WhiteSpace and LineTerminator characters, written as class members. */
  private static final String SPACES = "\\t\\n\\x0B\\f\\r\\x20\\xA0\\u1680\\u2000-\\u200A"
      + "\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

  private static final String ANY_BUT_LINE_TERMINATOR = "[^\\n\\r\\u2028\\u2029]";
  private static final String ANY = "[\\x00-\\x{10FFFF}]";
  private static final String NOTHING = "[^\\x00-\\x{10FFFF}]";

  // Java's \w is [a-zA-Z_0-9] without UNICODE_CHARACTER_CLASS, as ECMA-262's is.
  private static final String WORD_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
  private static final String NOT_WORD_BOUNDARY = "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";

  private static final String BACKREFERENCE_FIX = "Repeat the group's expression instead,"
      + " because java.util.regex fails a backreference to a group that did not take part, where"
      + " ECMA-262 matches the empty string.";

  /** The characters that are syntax in java.util.regex outside a class. */
  private static final String JAVA_SYNTAX = "\\^$.|?*+()[]{}";

  /** The characters that are syntax in java.util.regex inside a class. */
  private static final String JAVA_CLASS_SYNTAX = "\\[]^-&";

  /** What the translated text so far ends with, which decides whether a quantifier may follow. */
  private enum Last {
    NOTHING,
    ATOM,
    QUANTIFIER,
    ASSERTION,
    LOOKAHEAD
  }

  private enum GroupKind {
    GROUP,
    LOOKAHEAD,
    LOOKBEHIND
  }

  private record Group(GroupKind kind, int start) {}

  /**
   * One escape or class member: a single character, or a class escape ({@code d}, {@code D},
   * {@code w}, {@code W}, {@code s} or {@code S}) when {@code classEscape} is not 0.
   */
  private record Member(int codePoint, char classEscape) {

    static Member character(int codePoint) {
      return new Member(codePoint, (char) 0);
    }

    boolean isClass() {
      return classEscape != 0;
    }
  }

  private final String source;
  private final int groupCount;
  private final boolean hasNamedGroups;
  private final StringBuilder java = new StringBuilder();
  private final java.util.Set<String> groupNames = new java.util.HashSet<>();
  private int index;

  private EcmaPatternTranslator(String source) {
    this.source = source;
    this.groupCount = countGroups(source);
    this.hasNamedGroups = hasNamedGroups(source);
  }

  /**
   * Returns java.util.regex source that accepts the same strings as the ECMA-262 pattern {@code
   * ecma}, for use with {@code find()}: like a JSON Schema pattern, it is not anchored.
   *
   * @throws UntranslatablePatternException if {@code ecma} is not a valid ECMA-262 pattern, uses
   *     a construct that has no faithful translation, or translates to text that java.util.regex
   *     rejects
   */
  public static String translate(String ecma) throws UntranslatablePatternException {
    String java = new EcmaPatternTranslator(ecma).translateAll();
    try {
      Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new UntranslatablePatternException(-1,
          "java.util.regex rejects its translation: " + e.getDescription(),
          "Simplify the construct that java.util.regex rejects, for example give a lookbehind a"
              + " bounded length.");
    }
    return java;
  }

  /**
   * Returns the translation of {@code ecma}, or empty when it has none. For code that runs after
   * the pattern's problem was reported.
   */
  public static Optional<String> translated(String ecma) {
    try {
      return Optional.of(translate(ecma));
    } catch (UntranslatablePatternException e) {
      return Optional.empty();
    }
  }

  private String translateAll() throws UntranslatablePatternException {
    Deque<Group> groups = new ArrayDeque<>();
    Last last = Last.NOTHING;
    while (index < source.length()) {
      int start = index;
      int c = source.codePointAt(index);
      index += Character.charCount(c);
      switch (c) {
        case '^' -> {
          java.append('^');
          last = Last.ASSERTION;
        }
        case '$' -> {
          java.append("\\z");
          last = Last.ASSERTION;
        }
        case '.' -> {
          java.append(ANY_BUT_LINE_TERMINATOR);
          last = Last.ATOM;
        }
        case '|' -> {
          java.append('|');
          last = Last.NOTHING;
        }
        case '(' -> {
          groups.push(openGroup(start));
          last = Last.NOTHING;
        }
        case ')' -> {
          if (groups.isEmpty()) {
            throw error(start, "unmatched ')'", "Remove the ')', or write \\) to match it.");
          }
          java.append(')');
          last = switch (groups.pop().kind()) {
            case GROUP -> Last.ATOM;
            case LOOKAHEAD -> Last.LOOKAHEAD;
            case LOOKBEHIND -> Last.ASSERTION;
          };
        }
        case '*', '+', '?' -> {
          requireQuantifiable(last, start);
          java.appendCodePoint(c);
          lazySuffix();
          last = Last.QUANTIFIER;
        }
        case '{' -> {
          Optional<String> quantifier = bracedQuantifier(start);
          if (quantifier.isPresent()) {
            requireQuantifiable(last, start);
            java.append(quantifier.get());
            lazySuffix();
            last = Last.QUANTIFIER;
          } else {
            // Annex B: a '{' that does not start a quantifier is a literal character.
            java.append("\\{");
            last = Last.ATOM;
          }
        }
        case '[' -> {
          characterClass(start);
          last = Last.ATOM;
        }
        case '\\' -> last = atomEscape(start);
        default -> {
          java.append(literal(c));
          last = Last.ATOM;
        }
      }
    }
    if (!groups.isEmpty()) {
      throw error(groups.peek().start(), "unclosed group", "Close the group with ')'.");
    }
    return java.toString();
  }

  /** Counts the capturing groups, which decide whether {@code \1} is a backreference. */
  private static int countGroups(String source) {
    int count = 0;
    boolean inClass = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' && (!source.startsWith("?", i + 1) || isNamedGroup(source, i + 1))) {
        count++;
      }
    }
    return count;
  }

  /** Returns whether {@code source} has a named group, which makes {@code \k} syntax. */
  private static boolean hasNamedGroups(String source) {
    boolean inClass = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' && isNamedGroup(source, i + 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNamedGroup(String source, int question) {
    return source.startsWith("?<", question)
        && !source.startsWith("?<=", question)
        && !source.startsWith("?<!", question);
  }

  private Group openGroup(int start) throws UntranslatablePatternException {
    if (!source.startsWith("?", index)) {
      java.append('(');
      return new Group(GroupKind.GROUP, start);
    }
    for (String opening : new String[] {"?:", "?=", "?!", "?<=", "?<!"}) {
      if (source.startsWith(opening, index)) {
        index += opening.length();
        java.append('(').append(opening);
        return new Group(
            opening.equals("?:") ? GroupKind.GROUP
                : opening.startsWith("?<") ? GroupKind.LOOKBEHIND
                : GroupKind.LOOKAHEAD,
            start);
      }
    }
    if (isNamedGroup(source, index)) {
      index += 2;
      groupName(start);
      // The name matters only to \k, which is rejected, so the group is written unnamed.
      java.append('(');
      return new Group(GroupKind.GROUP, start);
    }
    int shownEnd = index + 1 < source.length()
        ? source.offsetByCodePoints(index + 1, 1)
        : source.length();
    throw error(start, "invalid group syntax '" + source.substring(start, shownEnd) + "'",
        "ECMA-262 groups start with (, (?:, (?=, (?!, (?<=, (?<! or (?<name>. Inline flags such"
            + " as (?i) and atomic groups (?>...) are java.util.regex syntax, so write both"
            + " letter cases in a class such as [Aa] instead of (?i).");
  }

  private void groupName(int start) throws UntranslatablePatternException {
    int close = source.indexOf('>', index);
    String name = close < 0 ? "" : source.substring(index, close);
    boolean valid = !name.isEmpty();
    for (int i = 0; valid && i < name.length(); ) {
      int c = name.codePointAt(i);
      valid = c == '$' || c == '_'
          || (i == 0 ? Character.isUnicodeIdentifierStart(c)
              : Character.isUnicodeIdentifierPart(c));
      i += Character.charCount(c);
    }
    if (!valid) {
      throw error(start, "invalid group name",
          "Start the name with a letter, $ or _, use letters, digits, $ and _, and close it with"
              + " '>'.");
    }
    if (!groupNames.add(name)) {
      throw error(start, "duplicate group name '" + name + "'",
          "Give each named group its own name, because ECMA-262 rejects a name used twice.");
    }
    index = close + 1;
  }

  private void requireQuantifiable(Last last, int start) throws UntranslatablePatternException {
    switch (last) {
      case ATOM -> {
        return;
      }
      case NOTHING -> throw error(start, "nothing to repeat",
          "Put a character or group before the quantifier, or escape it with a backslash to"
              + " match it.");
      case QUANTIFIER -> throw error(start, "quantifier after a quantifier",
          "Remove the second quantifier, because ECMA-262 has no possessive quantifiers such"
              + " as a*+.");
      case ASSERTION -> throw error(start, "quantifier after an assertion",
          "Remove the quantifier after ^, $, \\b, \\B or the lookbehind.");
      case LOOKAHEAD -> throw error(start, "quantifier after a lookahead",
          "Remove the quantifier, because ECMA-262 accepts it only as legacy syntax, with"
              + " repetition rules that java.util.regex does not share.");
    }
  }

  private void lazySuffix() {
    if (source.startsWith("?", index)) {
      java.append('?');
      index++;
    }
  }

  /**
   * Reads {@code {n}}, {@code {n,}} or {@code {n,m}} after the '{' at {@code start}, and returns
   * it, or returns empty and reads nothing when no quantifier starts there.
   */
  private Optional<String> bracedQuantifier(int start) throws UntranslatablePatternException {
    int end = index;
    int minEnd = digitsEnd(end);
    if (minEnd == end) {
      return Optional.empty();
    }
    BigInteger min = new BigInteger(source.substring(end, minEnd));
    end = minEnd;
    boolean range = source.startsWith(",", end);
    BigInteger max = null;
    if (range) {
      int maxEnd = digitsEnd(end + 1);
      max = maxEnd == end + 1 ? null : new BigInteger(source.substring(end + 1, maxEnd));
      end = maxEnd;
    }
    if (!source.startsWith("}", end)) {
      return Optional.empty();
    }
    if (max != null && min.compareTo(max) > 0) {
      throw error(start, "numbers out of order in quantifier", "Write the smaller number first.");
    }
    index = end + 1;
    return Optional.of("{" + min + (range ? "," : "") + (max == null ? "" : max) + "}");
  }

  private int digitsEnd(int from) {
    int end = from;
    while (end < source.length() && isDecimal(source.charAt(end))) {
      end++;
    }
    return end;
  }

  private void characterClass(int start) throws UntranslatablePatternException {
    boolean negated = source.startsWith("^", index);
    if (negated) {
      index++;
    }
    if (source.startsWith("]", index)) {
      index++;
      // java.util.regex rejects [] (no character) and [^] (any character), so both become ranges.
      java.append(negated ? ANY : NOTHING);
      return;
    }
    StringBuilder members = new StringBuilder();
    while (true) {
      if (index >= source.length()) {
        throw error(start, "unclosed character class", "Close the class with ']'.");
      }
      if (source.startsWith("]", index)) {
        index++;
        break;
      }
      int memberStart = index;
      Member first = classMember();
      if (!source.startsWith("-", index)
          || index + 1 >= source.length()
          || source.charAt(index + 1) == ']') {
        members.append(inClass(first));
        continue;
      }
      index++;
      Member last = classMember();
      if (first.isClass() || last.isClass()) {
        // Annex B: a range with a class escape at either end is the two ends and a '-'.
        members.append(inClass(first)).append("\\-").append(inClass(last));
      } else if (first.codePoint() > last.codePoint()) {
        throw error(memberStart, "range out of order in character class",
            "Write the lower end of the range first.");
      } else {
        members.append(inClass(first)).append('-').append(inClass(last));
      }
    }
    java.append('[').append(negated ? "^" : "").append(members).append(']');
  }

  private Member classMember() throws UntranslatablePatternException {
    int start = index;
    int c = source.codePointAt(index);
    index += Character.charCount(c);
    if (c != '\\') {
      return Member.character(c);
    }
    requireEscaped(start);
    if (source.charAt(index) == 'b') {
      index++;
      return Member.character('\b');
    }
    return escape(start, true);
  }

  private Last atomEscape(int start) throws UntranslatablePatternException {
    requireEscaped(start);
    char next = source.charAt(index);
    if (next == 'b' || next == 'B') {
      index++;
      java.append(next == 'b' ? WORD_BOUNDARY : NOT_WORD_BOUNDARY);
      return Last.ASSERTION;
    }
    if (next >= '1' && next <= '9') {
      BigInteger group = new BigInteger(source.substring(index, digitsEnd(index)));
      if (group.compareTo(BigInteger.valueOf(groupCount)) <= 0) {
        throw error(start, "backreference \\" + group, BACKREFERENCE_FIX);
      }
      // Annex B: with fewer groups, \1 to \7 start an octal escape, and \8 and \9 are digits.
    }
    Member member = escape(start, false);
    java.append(member.isClass()
        ? outsideClass(member.classEscape())
        : literal(member.codePoint()));
    return Last.ATOM;
  }

  private void requireEscaped(int start) throws UntranslatablePatternException {
    if (index >= source.length()) {
      throw error(start, "'\\' at the end of the pattern", "Write \\\\ to match a backslash.");
    }
  }

  /** Reads the escape after the backslash at {@code start}, except \b, \B and backreferences. */
  private Member escape(int start, boolean inClass) throws UntranslatablePatternException {
    int c = source.codePointAt(index);
    index += Character.charCount(c);
    switch (c) {
      case 'd', 'D', 'w', 'W', 's', 'S':
        return new Member(c, (char) c);
      case 'f':
        return Member.character('\f');
      case 'n':
        return Member.character('\n');
      case 'r':
        return Member.character('\r');
      case 't':
        return Member.character('\t');
      case 'v':
        return Member.character(0x0B);
      case 'c':
        return Member.character(controlLetter(inClass));
      case 'x':
        return Member.character(hexEscape(start));
      case 'u':
        return Member.character(unicodeEscape(start));
      case '0', '1', '2', '3', '4', '5', '6', '7':
        index--;
        return Member.character(legacyOctal());
      case 'k':
        return Member.character(namedBackreference(start, inClass));
      case 'p', 'P':
        throw error(start, "'\\" + (char) c + "' is a Unicode property escape only with the u"
                + " flag, and matches the letter " + (char) c + " without it",
            "List the characters in a class such as [A-Za-z], or remove the backslash to match"
                + " the letter.");
      default:
        if (c < 0x80 && Character.isLetter(c)) {
          throw escapedLetter(start, c);
        }
        // An identity escape, such as \/ or \-: the character itself.
        return Member.character(c);
    }
  }

  private UntranslatablePatternException escapedLetter(int start, int letter) {
    String escape = "\\" + (char) letter;
    return error(start, "'" + escape + "' matches the letter " + (char) letter + " in ECMA-262,"
            + " but java.util.regex reads " + escape + " as syntax or rejects it",
        "Remove the backslash to match the letter.");
  }

  /**
   * Reads a control letter after {@code \c}. Annex B: without one, the backslash is a literal
   * character and the {@code c} is read again as the next character.
   */
  private int controlLetter(boolean inClass) {
    char next = index < source.length() ? source.charAt(index) : 0;
    boolean letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    // Annex B: inside a class, a digit or '_' after \c is a control letter too.
    if (letter || (inClass && (isDecimal(next) || next == '_'))) {
      index++;
      return next % 32;
    }
    index--;
    return '\\';
  }

  /** Reads {@code \xHH}. Annex B: without two hex digits, {@code \x} is the letter x. */
  private int hexEscape(int start) throws UntranslatablePatternException {
    if (source.startsWith("{", index)) {
      throw error(start, "'\\x{...}' is java.util.regex syntax, and ECMA-262 reads it as the"
              + " letter x repeated",
          "Write \\x followed by two hex digits, such as \\x41.");
    }
    int value = hexDigits(2);
    return value < 0 ? 'x' : value;
  }

  /**
   * Reads <code>&#92;uHHHH</code>. Annex B: without four hex digits, <code>&#92;u</code> is the
   * letter u.
   */
  private int unicodeEscape(int start) throws UntranslatablePatternException {
    if (source.startsWith("{", index)) {
      throw error(start, "'\\u{...}' is a code point escape only with the u flag, and without it"
              + " ECMA-262 reads it as the letter u repeated",
          "Write \\u followed by four hex digits, and a code point above U+FFFF as a surrogate"
              + " pair such as \\uD83D\\uDE00.");
    }
    int value = hexDigits(4);
    return value < 0 ? 'u' : value;
  }

  /**
   * Reads what follows {@code \k}. Annex B: in a pattern without named groups, {@code \k} is the
   * letter k. With a named group, it must start a named backreference, which is rejected.
   */
  private int namedBackreference(int start, boolean inClass) throws UntranslatablePatternException {
    if (!hasNamedGroups) {
      return 'k';
    }
    if (!inClass && source.startsWith("<", index)) {
      throw error(start, "named backreference", BACKREFERENCE_FIX);
    }
    throw error(start, "'\\k' in a pattern with named groups that does not start a named"
            + " backreference",
        "Write \\k<name> only after a group named name, or remove the backslash to match k.");
  }

  /**
   * Reads {@code count} hex digits and returns their value, or returns -1 and reads nothing when
   * fewer follow.
   */
  private int hexDigits(int count) {
    int end = index + count;
    if (end > source.length()) {
      return -1;
    }
    int value = 0;
    for (int i = index; i < end; i++) {
      char c = source.charAt(i);
      int digit = c < 0x80 ? Character.digit(c, 16) : -1;
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    index = end;
    return value;
  }

  /** Reads an Annex B octal escape: up to three octal digits, with a value of at most 0377. */
  private int legacyOctal() {
    int first = source.charAt(index++) - '0';
    int value = first;
    int maxDigits = first <= 3 ? 3 : 2;
    for (int digits = 1; digits < maxDigits && index < source.length(); digits++) {
      char next = source.charAt(index);
      if (next < '0' || next > '7') {
        break;
      }
      value = value * 8 + (next - '0');
      index++;
    }
    return value;
  }

  private static String outsideClass(char classEscape) {
    return switch (classEscape) {
      case 's' -> "[" + SPACES + "]";
      case 'S' -> "[^" + SPACES + "]";
      default -> "\\" + classEscape;
    };
  }

  private static String inClass(Member member) {
    if (!member.isClass()) {
      int c = member.codePoint();
      return JAVA_CLASS_SYNTAX.indexOf(c) >= 0 ? "\\" + (char) c : character(c);
    }
    return switch (member.classEscape()) {
      case 's' -> SPACES;
      case 'S' -> "[^" + SPACES + "]";
      default -> "\\" + member.classEscape();
    };
  }

  private static String literal(int c) {
    return JAVA_SYNTAX.indexOf(c) >= 0 ? "\\" + (char) c : character(c);
  }

  /** Returns {@code c} as itself, or as a <code>&#92;uXXXX</code> escape when it is invisible. */
  private static String character(int c) {
    int type = Character.getType(c);
    boolean invisible = Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT
        || type == Character.SURROGATE;
    return invisible && c <= 0xFFFF
        ? String.format("\\u%04X", c)
        : new String(Character.toChars(c));
  }

  private static boolean isDecimal(char c) {
    return c >= '0' && c <= '9';
  }

  private static UntranslatablePatternException error(int at, String reason, String fix) {
    return new UntranslatablePatternException(at, reason, fix);
  }
}
