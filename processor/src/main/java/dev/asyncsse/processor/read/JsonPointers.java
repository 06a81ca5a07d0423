package dev.asyncsse.processor.read;

import java.util.ArrayList;
import java.util.List;

/** Escapes and splits JSON pointers as RFC 6901 defines them. */
public final class JsonPointers {

  private JsonPointers() {}

  /** Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Splits a pointer such as {@code /a/b~1c} into unescaped tokens {@code [a, b/c]}. */
  public static List<String> split(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) {
      return tokens;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  /** Returns the last token of a pointer, unescaped, or {@code ""} for the root. */
  public static String lastToken(String pointer) {
    List<String> tokens = split(pointer);
    return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
  }
}
