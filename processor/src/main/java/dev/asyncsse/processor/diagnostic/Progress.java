package dev.asyncsse.processor.diagnostic;

import dev.asyncsse.processor.read.SourcePosition;

/**
 * The document position that the processor reached last, so that an internal error can name the
 * node it failed on. The pipeline calls {@link #reach} for the document root, for each channel,
 * operation, message and parameter it reads into the model, for each schema it maps and for each
 * type or channel whose file it generates.
 */
public final class Progress {

  /**
   * The system property that makes the processor throw when it reaches the node at this JSON
   * pointer, such as {@code /components/schemas/Thing} or {@code /channels/ticks}. Tests use it to check the internal-error
   * diagnostic, since a correct processor has no input that fails this way.
   */
  public static final String FAIL_AT_PROPERTY = "asyncsse.test.failAt";

  private SourcePosition position;

  /** Records that the processor now works on the node at {@code position}. */
  public void reach(SourcePosition position) {
    if (position != null) {
      this.position = position;
    }
  }

  /**
   * Records that the processor now works on the node at {@code pointer} and {@code position}.
   *
   * @throws IllegalStateException when {@link #FAIL_AT_PROPERTY} names {@code pointer}
   */
  public void reach(String pointer, SourcePosition position) {
    reach(position);
    if (pointer.equals(System.getProperty(FAIL_AT_PROPERTY))) {
      throw new IllegalStateException("failure requested by -D" + FAIL_AT_PROPERTY + "=" + pointer);
    }
  }

  /** Returns the position reached last, or {@code null} before the first node. */
  public SourcePosition position() {
    return position;
  }
}
