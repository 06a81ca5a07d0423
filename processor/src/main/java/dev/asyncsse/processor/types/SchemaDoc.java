package dev.asyncsse.processor.types;

/**
 * The documentation a schema carries, as written in the document. The generators escape it.
 *
 * @param title {@code title}, or {@code ""}
 * @param description {@code description}, or {@code ""}
 * @param example the first of {@code examples} (or {@code example}) as compact JSON, or {@code ""}
 * @param deprecated whether the schema sets {@code deprecated: true}
 */
public record SchemaDoc(String title, String description, String example, boolean deprecated) {

  /** No documentation. */
  public static final SchemaDoc NONE = new SchemaDoc("", "", "", false);

  /** Returns documentation that is only a description. */
  public static SchemaDoc of(String description) {
    return new SchemaDoc("", description, "", false);
  }

  /** Returns whether there is neither a title nor a description. */
  public boolean isBlank() {
    return title.isBlank() && description.isBlank();
  }

  /** Returns the description, else the title, else {@code ""}: the text for one line. */
  public String summary() {
    return description.isBlank() ? title.strip() : description.strip();
  }

  /** Returns this documentation with the title and description of {@code other} when it has none. */
  public SchemaDoc orText(SchemaDoc other) {
    return isBlank() ? new SchemaDoc(other.title, other.description, example, deprecated) : this;
  }
}
