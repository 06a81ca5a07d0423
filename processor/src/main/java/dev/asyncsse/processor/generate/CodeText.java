package dev.asyncsse.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link CodeBlock} like {@link CodeBlock.Builder}, but joins each run of literal text,
 * {@code $L} strings and {@code $N} names into one argument.
 *
 * <p>JavaPoet writes every part of a code block with its own call that splits the part into lines
 * with a regular expression, twice per file (once to collect the imports, once to write). Fewer,
 * longer parts give the same output with fewer of those calls. {@code $T}, {@code $S}, code block
 * and type arguments stay parts of their own, so imports and string escaping are JavaPoet's.
 *
 * <p>Supports the placeholders {@code $L}, {@code $N}, {@code $S}, {@code $T}, {@code $$}, {@code
 * $>}, {@code $<}, {@code $[}, {@code $]}, {@code $W} and {@code $Z}, with relative arguments
 * only.
 */
final class CodeText {

  private final StringBuilder format = new StringBuilder();
  private final List<Object> args = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  /** Returns the code block for {@code format} and {@code args}, as {@link CodeBlock#of}. */
  static CodeBlock of(String format, Object... args) {
    return new CodeText().add(format, args).build();
  }

  /** Returns the code block of one statement, as {@link CodeBlock.Builder#addStatement}. */
  static CodeBlock statement(String format, Object... args) {
    return new CodeText().addStatement(format, args).build();
  }

  /** Returns the code block that opens a block, as {@link CodeBlock.Builder#beginControlFlow}. */
  static CodeBlock controlFlowStart(String controlFlow, Object... args) {
    return new CodeText().beginControlFlow(controlFlow, args).build();
  }

  /** Returns the code that continues a block, as {@link CodeBlock.Builder#nextControlFlow}. */
  static CodeBlock controlFlowNext(String controlFlow, Object... args) {
    return new CodeText().nextControlFlow(controlFlow, args).build();
  }

  /** Returns an empty builder. */
  static CodeText builder() {
    return new CodeText();
  }

  /** Adds code as {@link CodeBlock.Builder#add(String, Object...)} does. */
  CodeText add(String format, Object... arguments) {
    int next = 0;
    int length = format.length();
    for (int i = 0; i < length; i++) {
      char c = format.charAt(i);
      if (c != '$') {
        text.append(c);
        continue;
      }
      if (i + 1 >= length) {
        throw new IllegalArgumentException(
            "Invalid format \"" + format + "\": it ends in a lone $");
      }
      char kind = format.charAt(++i);
      switch (kind) {
        case '$' -> text.append('$');
        case 'L' -> literal(arguments[next++]);
        case 'N' -> text.append(name(arguments[next++]));
        case 'S' -> string(arguments[next++]);
        case 'T' -> placeholder(kind, arguments[next++]);
        case '>', '<', '[', ']', 'W', 'Z' -> marker(kind);
        default -> throw new IllegalArgumentException(
            "Unsupported placeholder $" + kind + " in \"" + format + "\"; use $L, $N, $S or $T");
      }
    }
    if (next != arguments.length) {
      throw new IllegalArgumentException(
          "Format \"" + format + "\" uses " + next + " of " + arguments.length + " arguments");
    }
    return this;
  }

  /**
   * Adds a statement as {@link CodeBlock.Builder#addStatement(String, Object...)} does. The
   * statement markers {@code $[} and {@code $]} only indent the continuation lines of a statement,
   * so a statement that fits on one line is added without them and joins the text around it.
   */
  CodeText addStatement(String format, Object... arguments) {
    if (isOneLine(format, arguments)) {
      add(format, arguments);
      text.append(";\n");
    } else {
      marker('[');
      add(format, arguments);
      text.append(";\n");
      marker(']');
    }
    return this;
  }

  /** Opens a block as {@link CodeBlock.Builder#beginControlFlow(String, Object...)} does. */
  CodeText beginControlFlow(String controlFlow, Object... arguments) {
    add(controlFlow, arguments);
    text.append(" {\n");
    marker('>');
    return this;
  }

  /** Continues a block as {@link CodeBlock.Builder#nextControlFlow(String, Object...)} does. */
  CodeText nextControlFlow(String controlFlow, Object... arguments) {
    marker('<');
    text.append("} ");
    add(controlFlow, arguments);
    text.append(" {\n");
    marker('>');
    return this;
  }

  /** Closes a block as {@link CodeBlock.Builder#endControlFlow()} does. */
  CodeText endControlFlow() {
    marker('<');
    text.append("}\n");
    return this;
  }

  /** Adds {@code block} as one part, as {@link CodeBlock.Builder#add(CodeBlock)} does. */
  CodeText add(CodeBlock block) {
    literal(block);
    return this;
  }

  /** Indents the lines that follow by one level. */
  CodeText indent() {
    marker('>');
    return this;
  }

  /** Unindents the lines that follow by one level. */
  CodeText unindent() {
    marker('<');
    return this;
  }

  /** Adds the code of {@code other}, joining its first literal text with this one's last. */
  CodeText add(CodeText other) {
    if (other.format.length() > 0) {
      flush();
      format.append(other.format);
      args.addAll(other.args);
    }
    text.append(other.text);
    return this;
  }

  /** Returns whether nothing was added. */
  boolean isEmpty() {
    return format.length() == 0 && text.length() == 0;
  }

  /** Returns the code block of everything added so far. */
  CodeBlock build() {
    if (text.length() == 0) {
      return CodeBlock.of(format.toString(), args.toArray());
    }
    List<Object> all = new ArrayList<>(args);
    all.add(text.toString());
    return CodeBlock.of(format + "$L", all.toArray());
  }

  private void literal(Object argument) {
    if (argument instanceof CodeBlock || argument instanceof TypeSpec
        || argument instanceof AnnotationSpec) {
      placeholder('L', argument);
    } else {
      // CodeWriter writes any other literal with String.valueOf, as here.
      text.append(argument);
    }
  }

  private void string(Object argument) {
    if (StringLiterals.needsEscapedSeparators(argument)) {
      placeholder('L', StringLiterals.of((String) argument));
    } else {
      placeholder('S', argument);
    }
  }

  private static String name(Object argument) {
    if (argument instanceof CharSequence name) {
      return name.toString();
    }
    if (argument instanceof ParameterSpec parameter) {
      return parameter.name();
    }
    if (argument instanceof FieldSpec field) {
      return field.name();
    }
    if (argument instanceof MethodSpec method) {
      return method.name();
    }
    if (argument instanceof TypeSpec type) {
      return type.name();
    }
    throw new IllegalArgumentException(
        "Invalid argument for $N: expected a name or a spec, but was " + argument);
  }

  private void placeholder(char kind, Object argument) {
    flush();
    format.append('$').append(kind);
    args.add(argument);
  }

  private void marker(char kind) {
    flush();
    format.append('$').append(kind);
  }

  /**
   * Returns whether the statement written from {@code format} and {@code arguments} stays on one
   * line. It does when the format has no layout marker and no line break, and no argument is a
   * code block, a type or an annotation, or text with a line break. JavaPoet also breaks a {@code
   * $S} string after each line feed in it, so string arguments count as text.
   */
  private static boolean isOneLine(String format, Object... arguments) {
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (isLineBreak(c)) {
        return false;
      }
      if (c == '$' && i + 1 < format.length() && "><[]WZ".indexOf(format.charAt(i + 1)) >= 0) {
        return false;
      }
    }
    for (Object argument : arguments) {
      if (argument instanceof CodeBlock || argument instanceof TypeSpec
          || argument instanceof AnnotationSpec) {
        return false;
      }
      if (argument instanceof CharSequence value && hasLineBreak(value.toString())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether JavaPoet starts a new line at {@code c}, because it splits what it writes at
   * every match of the regular expression {@code \R}.
   */
  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085'
        || c == '\u2028' || c == '\u2029';
  }

  private static boolean hasLineBreak(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (isLineBreak(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private void flush() {
    if (text.length() > 0) {
      format.append("$L");
      args.add(text.toString());
      text.setLength(0);
    }
  }
}
