package dev.asyncsse.processor.diagnostic;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;

/**
 * Collects the problems of one document, each once, so that every step can report and go on.
 *
 * <p>A node that one step of the pipeline found broken is reported by that step alone. After
 * {@link #endStep}, a problem at a position where an error was recorded is dropped, because a
 * later step would only describe the same node again in the words of its own rule. For example,
 * the type mapper would report a {@code required: a} that reading the request headers reported
 * already.
 */
public final class Problems {

  private final Set<Problem> problems = new LinkedHashSet<>();
  private final Set<SourcePosition> reportedErrors = new HashSet<>();
  private boolean warningsDropped;
  private String mainFile;

  /** Names the file whose problems {@link #all} lists before those of every other file. */
  public void mainFile(String file) {
    mainFile = file;
  }

  /** Records an error at {@code position}. */
  public void error(SourcePosition position, String message) {
    add(new Problem(Diagnostic.Kind.ERROR, position, message));
  }

  /** Records a warning at {@code position}. */
  public void warning(SourcePosition position, String message) {
    if (!warningsDropped) {
      add(new Problem(Diagnostic.Kind.WARNING, position, message));
    }
  }

  /** Runs {@code step} and keeps only the errors it reports, dropping its warnings. */
  public void errorsOnly(Runnable step) {
    boolean dropped = warningsDropped;
    warningsDropped = true;
    try {
      step.run();
    } finally {
      warningsDropped = dropped;
    }
  }

  private void add(Problem problem) {
    if (problem.position() == null || !reportedErrors.contains(problem.position())) {
      problems.add(problem);
    }
  }

  /**
   * Ends a step of the pipeline, so that from now on a problem at a position where an error has
   * been recorded so far is dropped. A problem without a position is always kept.
   */
  public void endStep() {
    for (Problem problem : problems) {
      if (problem.kind() == Diagnostic.Kind.ERROR && problem.position() != null) {
        reportedErrors.add(problem.position());
      }
    }
  }

  /** Returns whether an error has been recorded at {@code position}. */
  public boolean hasErrorAt(SourcePosition position) {
    return problems.stream().anyMatch(problem -> problem.kind() == Diagnostic.Kind.ERROR
        && position.equals(problem.position()));
  }

  /** Returns whether any error has been recorded. */
  public boolean hasErrors() {
    return problems.stream().anyMatch(problem -> problem.kind() == Diagnostic.Kind.ERROR);
  }

  /**
   * Returns every problem, those without a position first, then file by file, the main file first
   * and the others in the order they were first reported, by line and column. Problems at one position keep the order found.
   * So within a file the order does not depend on which step found a problem or in what order it
   * followed the {@code $ref}s.
   */
  public List<Problem> all() {
    Map<String, Integer> fileOrder = new HashMap<>();
    if (mainFile != null) {
      fileOrder.put(mainFile, 0);
    }
    for (Problem problem : problems) {
      if (problem.position() != null) {
        fileOrder.putIfAbsent(problem.position().file(), fileOrder.size());
      }
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(
        Problem::position,
        Comparator.nullsFirst(Comparator.<SourcePosition, Integer>comparing(
                position -> fileOrder.get(position.file()))
            .thenComparingInt(SourcePosition::line)
            .thenComparingInt(SourcePosition::column))));
    return sorted;
  }
}
