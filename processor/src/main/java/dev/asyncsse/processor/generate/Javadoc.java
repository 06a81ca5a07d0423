package dev.asyncsse.processor.generate;

/** Turns document text into Javadoc that cannot break the generated comment. */
final class Javadoc {

  private Javadoc() {}

  /** Returns {@code description} escaped, or {@code fallback} when it is blank, ending in a newline. */
  static String text(String description, String fallback) {
    String text = description == null || description.isBlank() ? fallback : description.strip();
    return escape(text) + "\n";
  }

  /** Escapes the characters that would end the comment or start an HTML tag or Javadoc tag. */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("*/", "*&#47;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "{@literal @}")
        .replace("\\u", "\\\\u");
  }
}
