package dev.asyncsse.benchmarks;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options of a benchmark tool's command line, checks each value when it is read and
 * rejects the first invalid one with a one-line {@link InvalidOptionException}.
 *
 * <p>A tool reads its options in a loop: {@link #next()} returns the next option name, and a typed
 * method such as {@link #count(int)} reads and checks the value that follows it. The usage text
 * lists the accepted names, one per line that starts with two spaces and the name, and an unknown
 * option is rejected with that list.
 */
final class CommandLine {

  /** The exit status for an invalid command line. */
  static final int INVALID_STATUS = 2;

  private static final Pattern USAGE_NAME = Pattern.compile("(?m)^  (\\S+)");

  private final List<String> words;
  private final List<String> names;
  private int position;
  private String option = "";

  CommandLine(String usage, String... words) {
    this.words = List.of(words);
    this.names = namesIn(usage);
  }

  /**
   * Parses {@code args} with {@code parse} for a tool's {@code main}. With {@code --help} anywhere
   * on the command line it prints {@code usage} to standard output and exits with status 0. On an
   * invalid option it prints the one-line message to standard error and exits with status 2.
   */
  static <T> T parseOrExit(String usage, String[] args, Function<CommandLine, T> parse) {
    if (List.of(args).contains("--help")) {
      System.out.println(usage);
      System.exit(0);
    }
    try {
      return parse.apply(new CommandLine(usage, args));
    } catch (InvalidOptionException e) {
      System.err.println(e.getMessage());
      System.exit(INVALID_STATUS);
      throw e;
    }
  }

  boolean hasNext() {
    return position < words.size();
  }

  /** Returns the next option name, whose value the typed methods then read. */
  String next() {
    option = words.get(position++);
    return option;
  }

  /** Returns the current option's value as it is. */
  String text(String accepted) {
    if (!hasNext()) {
      throw new InvalidOptionException(
          "Missing value for " + option + ": expected " + accepted + ".");
    }
    return words.get(position++);
  }

  /** Returns the current option's value as a whole number of at least {@code minimum}. */
  int count(int minimum) {
    String accepted = "a whole number of at least " + minimum;
    String value = text(accepted);
    return parseCount(value, minimum, value, accepted);
  }

  /**
   * Returns the current option's value as a comma-separated list of whole numbers, each at least
   * {@code minimum}.
   */
  List<Integer> counts(int minimum) {
    String accepted = "comma-separated whole numbers of at least " + minimum;
    String value = text(accepted);
    List<Integer> counts = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      counts.add(parseCount(item.trim(), minimum, value, accepted));
    }
    return List.copyOf(counts);
  }

  /** Returns the current option's value, which must be one of {@code choices}. */
  String choice(String... choices) {
    String accepted = String.join(" or ", choices);
    String value = text(accepted);
    if (!List.of(choices).contains(value)) {
      throw invalid(value, accepted);
    }
    return value;
  }

  /** Returns the current option's value as a path, which need not exist. */
  Path path(String accepted) {
    return toPath(text(accepted), accepted);
  }

  /** Returns the current option's value as the path of a readable regular file. */
  Path existingFile(String accepted) {
    String value = text(accepted);
    Path file = toPath(value, accepted);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw invalid(value, "not a readable file", accepted);
    }
    return file;
  }

  /** Returns the current option's value as the path of an executable file. */
  Path executable(String accepted) {
    String value = text(accepted);
    Path file = toPath(value, accepted);
    if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
      throw invalid(value, "not an executable file", accepted);
    }
    return file;
  }

  /**
   * Returns the current option's value as the path of a file to write, checking that its folder
   * exists so that a long run does not fail only at the end.
   */
  Path outputFile() {
    String accepted = "a file in an existing folder";
    String value = text(accepted);
    Path file = toPath(value, accepted).toAbsolutePath();
    if (Files.isDirectory(file) || !Files.isDirectory(file.getParent())) {
      throw invalid(value, accepted);
    }
    return Path.of(value);
  }

  /** Returns the exception for an unknown option or argument, with the accepted names. */
  InvalidOptionException unknown() {
    String expected;
    if (names.size() < 2) {
      expected = String.join("", names);
    } else {
      expected =
          String.join(", ", names.subList(0, names.size() - 1))
              + " or "
              + names.get(names.size() - 1);
    }
    return new InvalidOptionException(
        "Unknown option " + quoted(option) + ": expected " + expected + ".");
  }

  /** Returns the exception for an invalid value of the current option. */
  InvalidOptionException invalid(String value, String accepted) {
    return new InvalidOptionException(
        "Invalid " + option + " " + quoted(value) + ": expected " + accepted + ".");
  }

  /** Returns the exception for a value of the current option that fails for {@code reason}. */
  InvalidOptionException invalid(String value, String reason, String accepted) {
    return new InvalidOptionException(
        "Invalid " + option + " " + quoted(value) + ": " + reason + ". Expected " + accepted + ".");
  }

  /**
   * Returns {@code word} in double quotes, with control characters escaped so that the message
   * stays on one line.
   */
  static String quoted(String word) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isISOControl(c)) {
        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /**
   * Parses {@code item}, one number of the option's value {@code whole}. The message quotes the
   * whole value, and the item as well when the two differ.
   */
  private int parseCount(String item, int minimum, String whole, String accepted) {
    int parsed;
    try {
      parsed = Integer.parseInt(item);
    } catch (NumberFormatException e) {
      parsed = Integer.MIN_VALUE;
    }
    if (parsed < minimum) {
      if (item.equals(whole)) {
        throw invalid(whole, accepted);
      }
      throw invalid(
          whole, quoted(item) + " is not a whole number of at least " + minimum, accepted);
    }
    return parsed;
  }

  private Path toPath(String value, String accepted) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw invalid(value, accepted);
    }
  }

  private static List<String> namesIn(String usage) {
    List<String> names = new ArrayList<>();
    Matcher matcher = USAGE_NAME.matcher(usage);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }

  /** An invalid command line, with a one-line message that names the option and the value. */
  static final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidOptionException(String message) {
      super(message);
    }
  }
}
