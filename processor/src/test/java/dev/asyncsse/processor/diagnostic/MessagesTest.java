package dev.asyncsse.processor.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessagesTest {

  /** U+1D49C, a letter outside the Basic Multilingual Plane, two UTF-16 units long. */
  private static final String SCRIPT_A = "\uD835\uDC9C";

  @Test
  void quoteKeepsShortTextWhole() {
    String text = "x".repeat(Messages.QUOTED_LENGTH - 1) + SCRIPT_A;

    assertEquals("\"" + text + "\"", Messages.quote(text));
  }

  @Test
  void quoteCutsAfterCodePoints() {
    String text = "x".repeat(Messages.QUOTED_LENGTH - 1) + SCRIPT_A + "yz";

    assertEquals(
        "\"" + "x".repeat(Messages.QUOTED_LENGTH - 1) + SCRIPT_A + "...\" (62 characters)",
        Messages.quote(text));
  }

  @Test
  void quoteEscapesControlCharacters() {
    assertEquals("\"a\\nb\\tc\\u0000d\\u007fe\\u2028f\"",
        Messages.quote("a\nb\tc\u0000d\u007fe\u2028f"));
  }

  @Test
  void quoteEscapesControlCharactersAfterCut() {
    String text = "\n".repeat(Messages.QUOTED_LENGTH + 1);

    assertEquals("\"" + "\\n".repeat(Messages.QUOTED_LENGTH) + "...\" (61 characters)",
        Messages.quote(text));
  }

  @Test
  void namesInMessagesAreEscaped() {
    String action = Messages.missingOperationAction("send\nticks");
    String address = Messages.invalidAddress("c\n", "/{a\tb}", "parameter name \"a\tb\" is bad");

    assertEquals(-1, action.indexOf('\n'), action);
    assertEquals(-1, address.indexOf('\n'), address);
    assertEquals(-1, address.indexOf('\t'), address);
  }

  @Test
  void typeNameKeepsPairsWhole() {
    String name = "a".repeat(39) + SCRIPT_A + "b".repeat(100) + SCRIPT_A + "c".repeat(39);

    String message = Messages.typeNameTooLong(name, 227, 200, "Fix.");

    assertTrue(
        message.contains("\"" + "a".repeat(39) + SCRIPT_A + "..." + SCRIPT_A + "c".repeat(39)
            + "\""),
        message);
  }

  @Test
  void shortTypeNameIsShownWhole() {
    String name = "Outer$" + "b".repeat(74);

    assertTrue(Messages.typeNameTooLong(name, 300, 200, "Fix.").contains("\"" + name + "\""));
  }
}
