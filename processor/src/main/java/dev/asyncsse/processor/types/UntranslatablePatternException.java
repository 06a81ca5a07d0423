package dev.asyncsse.processor.types;

/**
 * Thrown when an ECMA-262 pattern is invalid, or has no java.util.regex translation that accepts
 * the same strings.
 */
public final class UntranslatablePatternException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int index;
  private final String reason;
  private final String fix;

  UntranslatablePatternException(int index, String reason, String fix) {
    super(reason);
    this.index = index;
    this.reason = reason;
    this.fix = fix;
  }

  /** Returns the index in the pattern of the construct at fault, or -1 when it is not known. */
  public int index() {
    return index;
  }

  /** Returns what is wrong with the pattern. */
  public String reason() {
    return reason;
  }

  /** Returns how to rewrite the pattern, as a sentence. */
  public String fix() {
    return fix;
  }
}
