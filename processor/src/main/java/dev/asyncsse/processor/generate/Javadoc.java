package dev.asyncsse.processor.generate;

import dev.asyncsse.processor.types.SchemaDoc;

/** Turns document text into Javadoc that cannot break the generated comment. */
final class Javadoc {

  /** The maximum length, in characters of JSON, of an example shown in full. Longer ones are cut. */
  private static final int MAX_EXAMPLE = 200;

  private Javadoc() {}

  /**
   * Returns a type's Javadoc body from its schema: the title as the first sentence, the
   * description as a paragraph, and the first example as compact JSON; {@code fallback} when the
   * schema has no title or description. Ends in a newline.
   */
  static String of(SchemaDoc doc, String fallback) {
    StringBuilder text = new StringBuilder();
    if (doc.isBlank()) {
      text.append(escape(fallback));
    } else if (doc.title().isBlank() || doc.description().isBlank()) {
      text.append(escape(doc.summary()));
    } else {
      text.append(escape(doc.title().strip())).append("\n\n<p>")
          .append(escape(doc.description().strip()));
    }
    if (!doc.example().isEmpty()) {
      text.append("\n\n<p>").append(example(doc.example()));
    }
    return text.append('\n').toString();
  }

  /** Returns {@code Example: <code>json</code>}, escaped and cut to a readable length. */
  static String example(String json) {
    int cut = Character.isHighSurrogate(json.charAt(Math.min(json.length(), MAX_EXAMPLE) - 1))
        ? MAX_EXAMPLE - 1
        : MAX_EXAMPLE;
    String shown = json.length() <= MAX_EXAMPLE ? json : json.substring(0, cut) + " \u2026";
    return "Example: <code>" + escape(shown) + "</code>";
  }

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
