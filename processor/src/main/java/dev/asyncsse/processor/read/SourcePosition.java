package dev.asyncsse.processor.read;

/**
 * A place in a document, with 1-based line and column, printed as {@code file:line:column}.
 *
 * @param file the document's name as the user wrote it, or a path relative to it
 */
public record SourcePosition(String file, int line, int column) {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
