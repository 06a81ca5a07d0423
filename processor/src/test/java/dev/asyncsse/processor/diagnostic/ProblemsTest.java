package dev.asyncsse.processor.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  private static final SourcePosition MAIN_3_5 = new SourcePosition("main.yaml", 3, 5);
  private static final SourcePosition MAIN_3_9 = new SourcePosition("main.yaml", 3, 9);
  private static final SourcePosition MAIN_12_1 = new SourcePosition("main.yaml", 12, 1);
  private static final SourcePosition COMMON_1_1 = new SourcePosition("common.yaml", 1, 1);

  private static List<String> rendered(Problems problems) {
    return problems.all().stream().map(Problem::render).toList();
  }

  @Test
  void laterStepSkipsReportedErrorPosition() {
    Problems problems = new Problems();
    problems.error(MAIN_3_5, "first rule");
    problems.endStep();

    problems.error(MAIN_3_5, "second rule");
    problems.warning(MAIN_3_5, "a warning");
    problems.error(MAIN_3_9, "other node");

    assertEquals(
        List.of("main.yaml:3:5: first rule", "main.yaml:3:9: other node"), rendered(problems));
  }

  @Test
  void sameStepKeepsBothErrorsAtPosition() {
    Problems problems = new Problems();
    problems.error(MAIN_3_5, "first rule");
    problems.error(MAIN_3_5, "second rule");

    assertEquals(
        List.of("main.yaml:3:5: first rule", "main.yaml:3:5: second rule"), rendered(problems));
  }

  @Test
  void warningDoesNotSkipLaterError() {
    Problems problems = new Problems();
    problems.warning(MAIN_3_5, "a warning");
    problems.endStep();

    problems.error(MAIN_3_5, "an error");

    assertEquals(
        List.of("main.yaml:3:5: a warning", "main.yaml:3:5: an error"), rendered(problems));
  }

  @Test
  void documentErrorsAreAlwaysKept() {
    Problems problems = new Problems();
    problems.error(null, "no document");
    problems.endStep();

    problems.error(null, "another document problem");

    assertEquals(List.of("no document", "another document problem"), rendered(problems));
  }

  @Test
  void errorsOnlyDropsWarnings() {
    Problems problems = new Problems();
    problems.errorsOnly(() -> {
      problems.warning(MAIN_3_5, "a warning");
      problems.error(MAIN_3_9, "an error");
    });
    problems.warning(MAIN_12_1, "a later warning");

    assertEquals(
        List.of("main.yaml:3:9: an error", "main.yaml:12:1: a later warning"), rendered(problems));
    assertTrue(problems.hasErrors());
  }

  @Test
  void allSortsByFileThenLineThenColumn() {
    Problems problems = new Problems();
    problems.error(MAIN_12_1, "c");
    problems.error(COMMON_1_1, "d");
    problems.warning(MAIN_3_9, "b");
    problems.error(MAIN_3_5, "a");
    problems.error(null, "document");

    assertEquals(
        List.of(
            "document",
            "main.yaml:3:5: a",
            "main.yaml:3:9: b",
            "main.yaml:12:1: c",
            "common.yaml:1:1: d"),
        rendered(problems));
  }

  @Test
  void warningsAloneAreNoErrors() {
    Problems problems = new Problems();
    problems.warning(MAIN_3_5, "a warning");

    assertFalse(problems.hasErrors());
  }
}
