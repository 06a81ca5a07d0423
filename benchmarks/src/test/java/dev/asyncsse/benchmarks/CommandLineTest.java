package dev.asyncsse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.benchmarks.CommandLine.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking option values, and the one-line messages for invalid ones. */
class CommandLineTest {

  private static final String USAGE =
      String.join(
          "\n",
          "Options of Example:",
          "  --count N        a count",
          "                   continued on a second line",
          "  --mode a|b       a mode",
          "  figure           a bare word",
          "  --help           print this list and exit");

  @TempDir Path folder;

  @Test
  void countAcceptsMinimum() {
    int three = read(line -> line.count(3), "--count", "3");
    int zero = read(line -> line.count(0), "--count", "0");
    assertEquals(3, three);
    assertEquals(0, zero);
  }

  @Test
  void countRejectsBelowMinimum() {
    assertMessage(
        "Invalid --count \"0\": expected a whole number of at least 1.",
        line -> line.count(1),
        "--count",
        "0");
    assertMessage(
        "Invalid --count \"-3\": expected a whole number of at least 1.",
        line -> line.count(1),
        "--count",
        "-3");
  }

  @Test
  void countRejectsNonNumbers() {
    for (String value : List.of("x", "", "1.5", "1e3", "99999999999", " 2")) {
      assertMessage(
          "Invalid --count \"" + value + "\": expected a whole number of at least 1.",
          line -> line.count(1),
          "--count",
          value);
    }
  }

  @Test
  void missingValueNamesOption() {
    assertMessage(
        "Missing value for --count: expected a whole number of at least 1.",
        line -> line.count(1),
        "--count");
  }

  @Test
  void countsNameTheInvalidItem() {
    assertEquals(List.of(50, 100), read(line -> line.counts(1), "--count", "50, 100"));
    assertMessage(
        "Invalid --count \"0,-3\": \"0\" is not a whole number of at least 1. Expected"
            + " comma-separated whole numbers of at least 1.",
        line -> line.counts(1),
        "--count",
        "0,-3");
    assertMessage(
        "Invalid --count \"50,,100\": \"\" is not a whole number of at least 1. Expected"
            + " comma-separated whole numbers of at least 1.",
        line -> line.counts(1),
        "--count",
        "50,,100");
    assertMessage(
        "Invalid --count \"\": expected comma-separated whole numbers of at least 1.",
        line -> line.counts(1),
        "--count",
        "");
  }

  @Test
  void choiceRejectsOthers() {
    assertEquals("b", read(line -> line.choice("a", "b"), "--mode", "b"));
    assertMessage(
        "Invalid --mode \"foo\": expected a or b.", line -> line.choice("a", "b"), "--mode", "foo");
  }

  @Test
  void existingFileRejectsMissingAndFolders() throws IOException {
    Path file = Files.writeString(folder.resolve("doc.yaml"), "asyncapi: 3.0.0\n");
    assertEquals(file, read(line -> line.existingFile("a document"), "--doc", file.toString()));

    Path missing = folder.resolve("missing.yaml");
    assertMessage(
        "Invalid --doc \"" + missing + "\": not a readable file. Expected a document.",
        line -> line.existingFile("a document"),
        "--doc",
        missing.toString());
    assertMessage(
        "Invalid --doc \"" + folder + "\": not a readable file. Expected a document.",
        line -> line.existingFile("a document"),
        "--doc",
        folder.toString());
  }

  @Test
  void executableRejectsPlainFiles() throws IOException {
    Path file = Files.writeString(folder.resolve("java"), "");
    assertMessage(
        "Invalid --jvm \"" + file + "\": not an executable file. Expected a java.",
        line -> line.executable("a java"),
        "--jvm",
        file.toString());
  }

  @Test
  void outputFileNeedsExistingFolder() {
    Path file = folder.resolve("report.md");
    assertEquals(file, read(CommandLine::outputFile, "--out", file.toString()));

    Path inMissingFolder = folder.resolve("missing").resolve("report.md");
    assertMessage(
        "Invalid --out \"" + inMissingFolder + "\": expected a file in an existing folder.",
        CommandLine::outputFile,
        "--out",
        inMissingFolder.toString());
    assertMessage(
        "Invalid --out \"" + folder + "\": expected a file in an existing folder.",
        CommandLine::outputFile,
        "--out",
        folder.toString());
  }

  @Test
  void unknownListsUsageNames() {
    CommandLine line = new CommandLine(USAGE, "--cont", "3");
    line.next();
    InvalidOptionException e = line.unknown();
    assertEquals(
        "Unknown option \"--cont\": expected --count, --mode, figure or --help.", e.getMessage());
  }

  @Test
  void messagesAreOneLine() {
    CommandLine line = new CommandLine(USAGE, "--count", "1\n2");
    line.next();
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> line.count(1));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void readsOptionsInOrder() {
    CommandLine line = new CommandLine(USAGE, "--count", "2", "figure", "--mode", "a");
    assertTrue(line.hasNext());
    assertEquals("--count", line.next());
    assertEquals(2, line.count(1));
    assertEquals("figure", line.next());
    assertEquals("--mode", line.next());
    assertEquals("a", line.choice("a", "b"));
    assertFalse(line.hasNext());
  }

  /** Reads the value of the single option in {@code words} with {@code reader}. */
  private static <T> T read(Function<CommandLine, T> reader, String... words) {
    CommandLine line = new CommandLine(USAGE, words);
    line.next();
    return reader.apply(line);
  }

  private static void assertMessage(
      String expected, Function<CommandLine, ?> reader, String... words) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> read(reader, words));
    assertEquals(expected, e.getMessage());
  }
}
