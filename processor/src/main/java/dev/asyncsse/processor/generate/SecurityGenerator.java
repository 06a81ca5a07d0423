package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.model.SecuritySchemeModel;
import dev.asyncsse.processor.model.SecuritySchemeModel.Kind;
import dev.asyncsse.processor.types.JavaNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates the credential methods of the client builder and the {@code Security} class of
 * server-side checks, one per security scheme of the document.
 */
final class SecurityGenerator {

  /** The name of the class nested in the entry class that contains the server's access checks. */
  static final String SECURITY = "Security";

  private static final ClassName ACCESS_CHECK =
      ClassName.get("dev.asyncsse.runtime.server", "AccessCheck");
  private static final ClassName ACCESS_DECISION =
      ClassName.get("dev.asyncsse.runtime.server", "AccessDecision");
  private static final ClassName AUTHENTICATION =
      ClassName.get("dev.asyncsse.runtime.server", "Authentication");
  private static final ClassName FUNCTION = ClassName.get("java.util.function", "Function");
  private static final ClassName BI_FUNCTION = ClassName.get("java.util.function", "BiFunction");

  /** Methods the client builder already has, which a scheme's method must not replace. */
  private static final java.util.Set<String> BUILDER_METHODS =
      java.util.Set.of("build", "codec", "configure", "header", "httpClient");

  private SecurityGenerator() {}

  /** Returns the method name for a scheme: its key, unless the builder already uses that name. */
  static String methodName(SecuritySchemeModel scheme) {
    String name = JavaNames.memberName(scheme.key());
    return BUILDER_METHODS.contains(name) ? name + "Credential" : name;
  }

  /** Adds one method per scheme to the client builder, each setting the credential it sends. */
  static void addClientMethods(TypeSpec.Builder builder, ClassName self,
      List<SecuritySchemeModel> schemes) {
    for (SecuritySchemeModel scheme : schemes) {
      MethodSpec.Builder spec = MethodSpec.methodBuilder(methodName(scheme))
          .addModifiers(Modifier.PUBLIC)
          .returns(self)
          .addJavadoc(CodeText.of("Sends the credential of security scheme {@code $L}$L.\n",
              Javadoc.escape(scheme.key()), description(scheme)));
      switch (scheme.kind()) {
        case BEARER -> spec.addJavadoc("\n@param token the bearer token\n")
            .addParameter(String.class, "token")
            .addCode(CodeText.statement(
                "return header($S, $S + token)", "Authorization", "Bearer "));
        case BASIC -> spec.addJavadoc("\n@param user the user name\n@param password the password\n")
            .addParameter(String.class, "user")
            .addParameter(String.class, "password")
            .addCode(CodeText.statement("$T credentials = user + $S + password", String.class, ":"))
            .addCode(CodeText.statement("return header($S, $S + $T.getEncoder().encodeToString("
                    + "credentials.getBytes($T.UTF_8)))",
                "Authorization", "Basic ", Base64.class, StandardCharsets.class));
        case API_KEY_HEADER -> spec.addJavadoc(CodeText.of(
                "\n<p>The key goes in the {@code $L} header.\n\n@param key the API key\n",
                Javadoc.escape(scheme.name())))
            .addParameter(String.class, "key")
            .addCode(CodeText.statement(
                "return configure(sse -> sse.credentialHeader($S).header($S, key))",
                scheme.name(), scheme.name()));
        case API_KEY_QUERY -> spec.addJavadoc(CodeText.of(
                "\n<p>The key goes in the {@code $L} query parameter.\n\n@param key the API key\n",
                Javadoc.escape(scheme.name())))
            .addParameter(String.class, "key")
            .addCode(CodeText.statement("this.baseUri = $T.withQueryParameter(baseUri, $S, key)",
                RuntimeTypes.BASE_URI, scheme.name()))
            .addCode(CodeText.statement("return configure(sse -> sse.credentialQueryParameter($S))",
                scheme.name()));
        case API_KEY_COOKIE -> spec.addJavadoc(CodeText.of(
                "\n<p>The key goes in the {@code $L} cookie.\n\n@param key the API key\n",
                Javadoc.escape(scheme.name())))
            .addParameter(String.class, "key")
            .addCode(CodeText.statement(
                "return header($S, $S + key)", "Cookie", scheme.name() + "="));
        default -> throw new IllegalStateException(scheme.kind().toString());
      }
      builder.addMethod(spec.build());
    }
  }

  /** Returns the {@code Security} class: one server-side check factory per scheme. */
  static TypeSpec securityClass(ClassName entry, List<SecuritySchemeModel> schemes) {
    TypeSpec.Builder type = TypeSpec.classBuilder(entry.nestedClass(SECURITY))
        .addJavadoc(CodeText.of(
            "Server-side checks for the document's security schemes. Pass them to {@link"
            + " $T#server($T, $T...)}; a connection is accepted when one of them accepts it.\n",
            entry, RuntimeTypes.HTTP_SERVER, ACCESS_CHECK))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (SecuritySchemeModel scheme : schemes) {
      MethodSpec.Builder method = MethodSpec.methodBuilder(methodName(scheme))
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(ACCESS_CHECK)
          .addJavadoc(CodeText.of("Checks the credential of security scheme {@code $L}$L.\n",
              Javadoc.escape(scheme.key()), description(scheme)));
      TypeName check = ParameterizedTypeName.get(FUNCTION, ClassName.get(String.class),
          ACCESS_DECISION);
      CodeBlock body = switch (scheme.kind()) {
        case BEARER -> CodeText.of("return $T.bearer(check)", AUTHENTICATION);
        case BASIC -> CodeText.of("return $T.basic($S, check)", AUTHENTICATION, scheme.key());
        case API_KEY_HEADER -> CodeText.of("return $T.apiKeyInHeader($S, check)",
            AUTHENTICATION, scheme.name());
        case API_KEY_QUERY -> CodeText.of("return $T.apiKeyInQuery($S, check)",
            AUTHENTICATION, scheme.name());
        case API_KEY_COOKIE -> CodeText.of("return $T.apiKeyInCookie($S, check)",
            AUTHENTICATION, scheme.name());
      };
      if (scheme.kind() == Kind.BASIC) {
        check = ParameterizedTypeName.get(BI_FUNCTION, ClassName.get(String.class),
            ClassName.get(String.class), ACCESS_DECISION);
        method.addJavadoc("\n@param check decides from the user name and password\n");
      } else {
        method.addJavadoc("\n@param check decides from the presented credential\n");
      }
      type.addMethod(method.addParameter(check, "check").addStatement(body).build());
    }
    return type.build();
  }

  private static String description(SecuritySchemeModel scheme) {
    return scheme.description().isBlank() ? "" : ": " + Javadoc.escape(scheme.description().strip());
  }
}
