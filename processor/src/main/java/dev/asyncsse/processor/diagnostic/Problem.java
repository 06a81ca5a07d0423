package dev.asyncsse.processor.diagnostic;

import dev.asyncsse.processor.read.SourcePosition;
import javax.tools.Diagnostic;

/**
 * One problem found in a document.
 *
 * @param kind {@link Diagnostic.Kind#ERROR} or {@link Diagnostic.Kind#WARNING}
 * @param position where in the document the problem is, or {@code null} when it concerns the
 *     document as a whole
 * @param message the rule that was broken, the facts, and how to fix it
 */
public record Problem(Diagnostic.Kind kind, SourcePosition position, String message) {

  /** Returns the text reported to the compiler: {@code file:line:column: message}. */
  public String render() {
    return position == null ? message : position + ": " + message;
  }
}
