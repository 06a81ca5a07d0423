package dev.asyncsse.processor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Renders the same method body once through {@link CodeBlock.Builder} and once through {@link
 * CodeText}, and expects the same file, imports and layout included.
 */
class CodeTextTest {

  private static final ClassName ORDER = ClassName.get("com.acme.orders", "Order");

  @Test
  void statementsAndControlFlow() {
    assertSameFile(
        code -> code
            .addStatement("$T.requireNonNull($L, $S)", Objects.class, "id", "id: required")
            .beginControlFlow("if ($N != null)", "name")
            .addStatement("this.$L = $L", "name", "name")
            .nextControlFlow("else")
            .addStatement("return $L", 0)
            .endControlFlow()
            .addStatement("return new $T($L, $L)", ORDER, "id", "name"),
        code -> code
            .addStatement("$T.requireNonNull($L, $S)", Objects.class, "id", "id: required")
            .beginControlFlow("if ($N != null)", "name")
            .addStatement("this.$L = $L", "name", "name")
            .nextControlFlow("else")
            .addStatement("return $L", 0)
            .endControlFlow()
            .addStatement("return new $T($L, $L)", ORDER, "id", "name"));
  }

  @Test
  void multilineStatementKeepsContinuationIndent() {
    String longText = "first line\nsecond line\nthird line";
    assertSameFile(
        code -> code
            .addStatement("$T text = $S", String.class, longText)
            .addStatement("$T copy = text$L", String.class, "\n.strip()")
            .addStatement("$T values = $T.of($L)", List.class, List.class,
                CodeBlock.of("$S,\n$S", "a", "b")),
        code -> code
            .addStatement("$T text = $S", String.class, longText)
            .addStatement("$T copy = text$L", String.class, "\n.strip()")
            .addStatement("$T values = $T.of($L)", List.class, List.class,
                CodeBlock.of("$S,\n$S", "a", "b")));
  }

  @Test
  void wrappingAndIndentMarkers() {
    String arguments = "alpha, beta, gamma, delta, epsilon, zeta, eta, theta, iota, kappa";
    assertSameFile(
        code -> code
            .add("$T.of($L,$W$L,$W$L)", Map.class, arguments, arguments, arguments)
            .add(";\n")
            .add("call(\n$>first,\nsecond$<);\n")
            .addStatement("$L$$", "dollar"),
        code -> code
            .add("$T.of($L,$W$L,$W$L)", Map.class, arguments, arguments, arguments)
            .add(";\n")
            .add("call(\n$>first,\nsecond$<);\n")
            .addStatement("$L$$", "dollar"));
  }

  @Test
  void nestedCodeTextJoinsText() {
    CodeText condition = CodeText.builder().add("!$L.isEmpty() && $T.isNull($L)", "a",
        Objects.class, "b");
    CodeBlock expected = CodeBlock.builder()
        .beginControlFlow("if ($L)", CodeBlock.of("!$L.isEmpty() && $T.isNull($L)", "a",
            Objects.class, "b"))
        .addStatement("return")
        .endControlFlow()
        .build();
    CodeBlock actual = CodeText.builder()
        .add("if (").add(condition).add(") {\n$>")
        .addStatement("return")
        .endControlFlow()
        .build();
    assertEquals(render(expected), render(actual));
  }

  @Test
  void unsupportedPlaceholderRejected() {
    assertThrows(IllegalArgumentException.class, () -> CodeText.of("$1L", "x"));
  }

  @Test
  void unusedArgumentRejected() {
    assertThrows(IllegalArgumentException.class, () -> CodeText.of("$L", "x", "y"));
  }

  private static void assertSameFile(
      Consumer<CodeBlock.Builder> javaPoet, Consumer<CodeText> codeText) {
    CodeBlock.Builder expected = CodeBlock.builder();
    javaPoet.accept(expected);
    CodeText actual = CodeText.builder();
    codeText.accept(actual);
    assertEquals(render(expected.build()), render(actual.build()));
  }

  private static String render(CodeBlock body) {
    MethodSpec method = MethodSpec.methodBuilder("run").addCode(body).build();
    TypeSpec type = TypeSpec.classBuilder("Sample").addMethod(method).build();
    return JavaFile.builder("com.acme.sample", type).indent("  ").build().toString();
  }
}
