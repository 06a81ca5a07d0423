package dev.asyncsse.runtime.tools;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@link SseTail}.
 *
 * @param maxEvents the number of events after which to exit, or {@link Long#MAX_VALUE} for no limit
 * @param idleTimeout the client's idle timeout, or {@code null} for the client's default
 * @param lastEventId the id sent on the first request, or {@code ""} for none
 * @param headers extra request headers, in command-line order
 */
record TailArguments(
    boolean help,
    URI uri,
    long maxEvents,
    Duration idleTimeout,
    String lastEventId,
    List<Header> headers,
    boolean reconnect) {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})(ms|s|m|h)");

  /** One {@code --header} option: a name and a value with surrounding whitespace removed. */
  record Header(String name, String value) {}

  /** Thrown for a command line that cannot be run; the message names the argument. */
  static final class InvalidArgumentsException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidArgumentsException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments. Options come before or after the URL, and take their value as the next
   * argument or after {@code =}, as in {@code --max-events=5}. A repeated option other than {@code
   * --header} keeps its last value.
   *
   * @throws InvalidArgumentsException for an unknown option, a missing or invalid value, or a
   *     missing or extra URL
   */
  static TailArguments parse(String[] args) throws InvalidArgumentsException {
    URI uri = null;
    long maxEvents = Long.MAX_VALUE;
    Duration idleTimeout = null;
    String lastEventId = "";
    List<Header> headers = new ArrayList<>();
    boolean reconnect = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        if (uri != null) {
          throw new InvalidArgumentsException(
              "unexpected argument \"" + arg + "\"; only one URL is allowed");
        }
        uri = parseUri(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String inlineValue = equals < 0 ? null : arg.substring(equals + 1);
      switch (name) {
        case "--help" -> {
          requireNoValue(name, inlineValue);
          return new TailArguments(true, null, 0, null, "", List.of(), true);
        }
        case "--no-reconnect" -> {
          requireNoValue(name, inlineValue);
          reconnect = false;
        }
        case "--max-events", "--idle-timeout", "--last-event-id", "--header" -> {
          String value = inlineValue;
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new InvalidArgumentsException("missing value for " + name);
            }
            value = args[++i];
          }
          switch (name) {
            case "--max-events" -> maxEvents = parseMaxEvents(value);
            case "--idle-timeout" -> idleTimeout = parseDuration(name, value);
            case "--last-event-id" -> lastEventId = parseLastEventId(value);
            default -> headers.add(parseHeader(value));
          }
        }
        default -> throw new InvalidArgumentsException("unknown option \"" + name + "\"");
      }
    }
    if (uri == null) {
      throw new InvalidArgumentsException("missing URL");
    }
    return new TailArguments(
        false, uri, maxEvents, idleTimeout, lastEventId, List.copyOf(headers), reconnect);
  }

  /**
   * Parses a duration written as a whole number and a unit: {@code ms}, {@code s}, {@code m} or
   * {@code h}, as in {@code 500ms}, {@code 3s} or {@code 2m}.
   *
   * @param option the option name, for the error message
   */
  static Duration parseDuration(String option, String value) throws InvalidArgumentsException {
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw invalidDuration(option, value);
    }
    long amount = Long.parseLong(matcher.group(1));
    ChronoUnit unit =
        switch (matcher.group(2)) {
          case "ms" -> ChronoUnit.MILLIS;
          case "s" -> ChronoUnit.SECONDS;
          case "m" -> ChronoUnit.MINUTES;
          default -> ChronoUnit.HOURS;
        };
    try {
      return Duration.of(amount, unit);
    } catch (ArithmeticException e) {
      throw invalidDuration(option, value);
    }
  }

  private static InvalidArgumentsException invalidDuration(String option, String value) {
    return new InvalidArgumentsException(
        "invalid "
            + option
            + " \""
            + value
            + "\": expected a whole number followed by ms, s, m or h, such as 500ms, 3s or 2m");
  }

  private static void requireNoValue(String option, String inlineValue)
      throws InvalidArgumentsException {
    if (inlineValue != null) {
      throw new InvalidArgumentsException(option + " takes no value, but was given one");
    }
  }

  private static URI parseUri(String value) throws InvalidArgumentsException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidArgumentsException("invalid URL \"" + value + "\": " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || uri.getHost() == null) {
      throw new InvalidArgumentsException(
          "invalid URL \"" + value + "\": expected an absolute http or https URL with a host");
    }
    return uri;
  }

  private static long parseMaxEvents(String value) throws InvalidArgumentsException {
    long count;
    try {
      count = Long.parseLong(value);
    } catch (NumberFormatException e) {
      count = 0;
    }
    if (count < 1) {
      throw new InvalidArgumentsException(
          "invalid --max-events \"" + value + "\": expected a whole number of at least 1");
    }
    return count;
  }

  /** Accepts printable ASCII only, because {@code java.net.http} cannot send other characters. */
  private static String parseLastEventId(String value) throws InvalidArgumentsException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new InvalidArgumentsException(
            "invalid --last-event-id \""
                + value
                + "\": the Last-Event-ID header can carry printable ASCII characters only");
      }
    }
    return value;
  }

  /** Splits {@code Name: value}; the client checks the name and value when it adds the header. */
  private static Header parseHeader(String value) throws InvalidArgumentsException {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new InvalidArgumentsException(
          "invalid --header \"" + value + "\": expected \"Name: value\"");
    }
    String name = value.substring(0, colon);
    if (name.equalsIgnoreCase("Last-Event-ID")) {
      throw new InvalidArgumentsException(
          "invalid --header \"" + value + "\": set the last event ID with --last-event-id");
    }
    return new Header(name, trimOptionalWhitespace(value.substring(colon + 1)));
  }

  /** Removes leading and trailing spaces and tabs, the optional whitespace around HTTP values. */
  private static String trimOptionalWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return value.substring(start, end);
  }
}
