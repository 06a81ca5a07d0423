package dev.asyncsse.processor.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.SourceVersion;

/**
 * Turns names from a document (component keys, message ids, property names, enum values) into
 * valid Java identifiers.
 *
 * <p>Words are split at every character that cannot appear in an identifier and at lower-to-upper
 * case changes. Keywords get a trailing underscore, and a leading digit gets a leading
 * underscore.
 */
public final class JavaNames {

  private JavaNames() {}

  private static final java.util.regex.Pattern QUALIFIED =
      java.util.regex.Pattern.compile("(?:[A-Za-z_$][A-Za-z0-9_$]*\\.)+([A-Za-z_$][A-Za-z0-9_$]*)");

  /**
   * Returns the simple name of a key that is a qualified Java class name, such as {@code
   * com.acme.dto.Order} written by a generator, and the key itself otherwise.
   */
  public static String simpleName(String key) {
    java.util.regex.Matcher matcher = QUALIFIED.matcher(key);
    return matcher.matches() ? matcher.group(1) : key;
  }

  /**
   * Simple names of {@code java.lang} types. A generated type with one of these names would hide
   * the {@code java.lang} type that generated code refers to without an import.
   */
  private static final java.util.Set<String> JAVA_LANG = java.util.Set.of(
      "AutoCloseable", "Boolean", "Byte", "CharSequence", "Character", "Class", "ClassLoader",
      "Cloneable", "Comparable", "Deprecated", "Double", "Enum", "Error", "Exception", "Float",
      "FunctionalInterface", "IllegalArgumentException", "IllegalStateException", "Integer",
      "Iterable", "Long", "Math", "Module", "NullPointerException", "Number", "Object", "Override",
      "Package", "Process", "Record", "Runnable", "Runtime", "RuntimeException", "SafeVarargs",
      "Short", "String", "StringBuilder", "SuppressWarnings", "System", "Thread", "Throwable",
      "Void");

  /**
   * Method names every object has, which a record component may not take ({@code wait}, {@code
   * hashCode}, ...), or should not ({@code equals}).
   */
  private static final java.util.Set<String> OBJECT_METHODS = java.util.Set.of(
      "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString",
      "wait");

  /** Returns an UpperCamelCase type name, such as {@code StreetlightsMqttApi}. */
  public static String typeName(String raw) {
    StringBuilder name = new StringBuilder();
    for (String word : words(raw)) {
      name.append(capitalize(word));
    }
    return identifier(name.toString(), "Type");
  }

  /**
   * Returns {@link #typeName} for a whole generated class name, adding {@code Type} where it
   * would hide a {@code java.lang} class, so a schema named {@code String} becomes {@code
   * StringType}.
   */
  public static String className(String raw) {
    String type = typeName(raw);
    return JAVA_LANG.contains(type) ? type + "Type" : type;
  }

  /** Returns a lowerCamelCase member name, such as {@code myAppHeader}. */
  public static String memberName(String raw) {
    List<String> words = words(raw);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      name.append(i == 0 ? decapitalize(word) : capitalize(word));
    }
    String member = identifier(name.toString(), "value");
    return OBJECT_METHODS.contains(member) ? member + "_" : member;
  }

  /**
   * Returns an UPPER_SNAKE_CASE constant name, such as {@code USER_SIGNED_UP}. A value without
   * letters or digits is spelled by the Unicode names of its characters: {@code +} becomes {@code
   * PLUS_SIGN}, and the empty string {@code EMPTY}.
   */
  public static String constantName(String raw) {
    List<String> words = new ArrayList<>();
    for (String word : words(raw)) {
      words.add(word.toUpperCase(Locale.ROOT));
    }
    if (words.isEmpty() && !raw.isEmpty()) {
      raw.codePoints().forEach(c -> {
        String name = Character.getName(c);
        words.add(name == null ? "U" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
            : String.join("_", words(name)).toUpperCase(Locale.ROOT));
      });
    }
    return identifier(String.join("_", words), "EMPTY");
  }

  private static String identifier(String name, String empty) {
    if (name.isEmpty()) {
      return empty;
    }
    if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
      name = "_" + name;
    }
    if (SourceVersion.isKeyword(name) || name.equals("_")) {
      name = name + "_";
    }
    return name;
  }

  /** Splits at non-identifier characters and at a lower-case letter or digit followed by upper. */
  static List<String> words(String raw) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int previous = -1;
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        previous = -1;
        continue;
      }
      boolean boundary = previous != -1
          && Character.isUpperCase(c)
          && (Character.isLowerCase(previous) || Character.isDigit(previous));
      if (boundary) {
        flush(word, words);
      } else if (Character.isLowerCase(c) && Character.isUpperCase(previous)
          && endsWithTwoCapitals(word) && !endsPlural(raw, i, c)) {
        // The last capital of a run starts the next word: HTTPRequest is HTTP and Request, but
        // the s of a plural such as URLs stays with its run.
        int last = word.offsetByCodePoints(word.length(), -1);
        String next = word.substring(last);
        word.setLength(last);
        flush(word, words);
        word.append(next);
      }
      word.appendCodePoint(c);
      previous = c;
    }
    flush(word, words);
    return words;
  }

  /** Returns whether {@code c}, which ends before {@code next}, is an s that ends a word. */
  private static boolean endsPlural(String raw, int next, int c) {
    return c == 's' && (next >= raw.length() || !Character.isLowerCase(raw.codePointAt(next)));
  }

  /** Returns whether {@code word} has at least two code points and its last two are capitals. */
  private static boolean endsWithTwoCapitals(StringBuilder word) {
    int count = word.codePointCount(0, word.length());
    if (count < 2) {
      return false;
    }
    int beforeLast = word.offsetByCodePoints(word.length(), -2);
    return Character.isUpperCase(word.codePointAt(beforeLast));
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static String capitalize(String word) {
    boolean allUpper = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))
        && !word.equals(word.toLowerCase(Locale.ROOT));
    String rest = allUpper ? word.substring(1).toLowerCase(Locale.ROOT) : word.substring(1);
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + rest;
  }

  private static String decapitalize(String word) {
    boolean allUpper = word.equals(word.toUpperCase(Locale.ROOT));
    return allUpper ? word.toLowerCase(Locale.ROOT) : word.substring(0, 1).toLowerCase(Locale.ROOT) + word.substring(1);
  }
}
