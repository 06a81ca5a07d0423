package dev.asyncsse.processor.diagnostic;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;

/**
 * Collects the problems of one document, each once, so that every step can report and go on.
 */
public final class Problems {

  private final Set<Problem> problems = new LinkedHashSet<>();

  /** Records an error at {@code position}. */
  public void error(SourcePosition position, String message) {
    problems.add(new Problem(Diagnostic.Kind.ERROR, position, message));
  }

  /** Records a warning at {@code position}. */
  public void warning(SourcePosition position, String message) {
    problems.add(new Problem(Diagnostic.Kind.WARNING, position, message));
  }

  /** Returns whether any error has been recorded. */
  public boolean hasErrors() {
    return problems.stream().anyMatch(problem -> problem.kind() == Diagnostic.Kind.ERROR);
  }

  /** Returns every problem in the order found. */
  public List<Problem> all() {
    return new ArrayList<>(problems);
  }
}
