package dev.asyncsse.processor.generate;

import static dev.asyncsse.processor.generate.RuntimeTypes.HTTP_CLIENT;
import static dev.asyncsse.processor.generate.RuntimeTypes.HTTP_SERVER;
import static dev.asyncsse.processor.generate.RuntimeTypes.JSON_CODEC;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_CLIENT;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_CLIENT_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_ENDPOINT_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_SERVER;
import static dev.asyncsse.processor.generate.RuntimeTypes.URI;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.model.ParameterModel;
import dev.asyncsse.processor.model.ServerModel;
import dev.asyncsse.processor.types.JavaNames;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Generates the document's entry class: {@code client(baseUri)} to build a client with one method
 * per channel, and {@code server(httpServer)} to serve every channel.
 */
final class EntryGenerator {

  /** The name of the nested client builder class. */
  static final String CLIENT_BUILDER = "ClientBuilder";

  /** The name of the nested class that contains a client per channel. */
  static final String CLIENT = "Client";

  /** The name of the nested class that contains a server per channel. */
  static final String SERVER = "Server";

  /** The scheme and literal authority of an http or https URL, up to its path. */
  private static final java.util.regex.Pattern HTTP_ORIGIN =
      java.util.regex.Pattern.compile("(?i)https?://[^/?#{}]+(?=[/?#]|$)");

  private final GeneratedFiles files;

  EntryGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(DocumentPlan plan) {
    ClassName self = plan.entryClass();
    TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    type.addJavadoc(CodeText.of("$L", Javadoc.text(plan.api().title(), "AsyncAPI document")));
    if (!plan.api().description().isBlank()) {
      type.addJavadoc(CodeText.of("\n<p>$L", Javadoc.text(plan.api().description(), "")));
    }
    type.addJavadoc("\n<p>Entry point of the SSE code generated from this AsyncAPI document.\n");
    type.addField(constant("TITLE", plan.api().title(), "The document's {@code info.title}."));
    type.addField(constant("VERSION", plan.api().version(), "The document's {@code info.version}."));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    if (plan.what().client()) {
      ClassName builder = self.nestedClass(CLIENT_BUILDER);
      ClassName client = self.nestedClass(CLIENT);
      type.addMethod(
          MethodSpec.methodBuilder("client")
              .addJavadoc(CodeText.of(
                  "Starts building a client for the server at {@code baseUri}.\n\n"
                      + "@param baseUri the server's base URI, such as {@code"
                      + " http://localhost:8080}\n"))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(builder)
              .addParameter(URI, "baseUri")
              .addCode(CodeText.statement("return new $T(baseUri)", builder))
              .build());
      for (ServerModel server : plan.api().servers()) {
        if (server.isHttp() && isValidUri(server.url())) {
          type.addField(FieldSpec.builder(
                  URI, "SERVER_" + JavaNames.constantName(server.name()),
                  Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(CodeText.of(
                  "The URL of server {@code $L}$L.\n", Javadoc.escape(server.name()),
                  server.description().isBlank()
                      ? ""
                      : ": " + Javadoc.escape(server.description())))
              .initializer(CodeText.of("$T.create($S)", URI, server.url()))
              .build());
        }
      }
      boolean hasHttpServer = plan.api().servers().stream()
          .anyMatch(server -> server.isHttp() && isValidUri(server.url()));
      if (!hasHttpServer) {
        sharedAddressOrigin(plan).ifPresent(origin -> type.addMethod(
            addressOriginClient(builder, origin)));
      }
      plan.api().servers().stream()
          .filter(server -> server.isHttp() && isValidUri(server.url()))
          .findFirst()
          .ifPresent(server -> type.addMethod(MethodSpec.methodBuilder("client")
              .addJavadoc(CodeText.of(
                  "Starts building a client for server {@code $L}, the document's first http"
                      + " server.\n",
                  Javadoc.escape(server.name())))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(builder)
              .addCode(CodeText.statement(
                  "return client(SERVER_$L)", JavaNames.constantName(server.name())))
              .build()));
      TypeSpec.Builder clientBuilder = clientBuilder(builder, client).toBuilder();
      SecurityGenerator.addClientMethods(clientBuilder, builder, plan.api().securitySchemes());
      type.addType(clientBuilder.build());
      type.addType(clientClass(plan, client));
    }
    if (plan.what().server()) {
      ClassName server = self.nestedClass(SERVER);
      type.addField(basePathConstant(plan));
      type.addMethod(
          MethodSpec.methodBuilder("server")
              .addJavadoc(CodeText.of(
                  "Registers every channel of the document on {@code http}, with default"
                      + " settings.\n\n<p>Call {@code http.start()} afterwards as usual.\n"))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(server)
              .addParameter(HTTP_SERVER, "http")
              .addCode(CodeText.statement(
                  "return server(http, $T.jackson(), endpoint -> { })", JSON_CODEC))
              .build());
      type.addMethod(
          MethodSpec.methodBuilder("server")
              .addJavadoc(CodeText.of(
                  "Registers every channel of the document on {@code http}.\n\n"
                      + "@param codec converts payloads to event data\n"
                      + "@param options settings applied to each channel's endpoint\n"))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(server)
              .addParameter(HTTP_SERVER, "http")
              .addParameter(JSON_CODEC, "codec")
              .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
              .addCode(CodeText.statement("return server(http, BASE_PATH, codec, options)"))
              .build());
      type.addMethod(
          MethodSpec.methodBuilder("server")
              .addJavadoc(CodeText.of(
                  "Registers every channel of the document on {@code http}, below {@code"
                      + " basePath} instead of\n{@link #BASE_PATH}.\n\n"
                      + "@param basePath the path every channel address is served below, such as"
                      + " {@code /v1}, or\n{@code \"\"} to serve the addresses as they are\n"
                      + "@param codec converts payloads to event data\n"
                      + "@param options settings applied to each channel's endpoint\n"))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(server)
              .addParameter(HTTP_SERVER, "http")
              .addParameter(String.class, "basePath")
              .addParameter(JSON_CODEC, "codec")
              .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
              .addCode(CodeText.statement(
                  "$T<$T> withBasePath = builder -> builder.basePath(basePath)",
                  java.util.function.Consumer.class, SSE_ENDPOINT_BUILDER))
              .addCode(CodeText.statement(
                  "return new $T($T.on(http), codec, withBasePath.andThen(options))",
                  server, SSE_SERVER))
              .build());
      if (!plan.api().securitySchemes().isEmpty()) {
        ClassName accessCheck = ClassName.get("dev.asyncsse.runtime.server", "AccessCheck");
        type.addMethod(
            MethodSpec.methodBuilder("server")
                .addJavadoc(CodeText.of(
                    "Registers every channel of the document on {@code http}, accepting a"
                        + " connection only when one of {@code checks} accepts its credential;"
                        + " see {@link Security}.\n"))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(server)
                .addParameter(HTTP_SERVER, "http")
                .addParameter(com.palantir.javapoet.ArrayTypeName.of(accessCheck), "checks")
                .varargs(true)
                .addCode(CodeText.controlFlowStart("if (checks.length == 0)"))
                .addCode(CodeText.statement("throw new $T($S)", IllegalArgumentException.class,
                    "Give at least one check, such as Security." + firstSchemeMethod(plan)
                        + "(...)"))
                .endControlFlow()
                .addCode(CodeText.statement(
                    "return server(http, $T.jackson(), endpoint -> { for ($T check : checks) {"
                        + " endpoint.authenticate(check); } })",
                    JSON_CODEC, accessCheck))
                .build());
        type.addType(SecurityGenerator.securityClass(self, plan.api().securitySchemes()));
      }
      type.addType(serverClass(plan, server));
    }
    return files.file(type);
  }

  /**
   * Returns the {@code BASE_PATH} constant: the path of the document's http and https server URLs
   * when they all have the same one, so that the generated server responds where a client given one
   * of those URLs connects, and {@code ""} otherwise.
   */
  private static FieldSpec basePathConstant(DocumentPlan plan) {
    java.util.TreeSet<String> paths = new java.util.TreeSet<>();
    for (ServerModel server : plan.api().servers()) {
      if (server.isHttp() && isValidUri(server.url())) {
        String path = Objects.requireNonNullElse(java.net.URI.create(server.url()).getPath(), "");
        paths.add(path.replaceAll("/+$", ""));
      }
    }
    String basePath = paths.size() == 1 ? paths.first() : "";
    return FieldSpec.builder(String.class, "BASE_PATH", Modifier.PUBLIC, Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc(CodeText.of(
            "The path below which {@link #server(HttpServer)} serves every channel address: the"
                + " path of the\ndocument's http servers when they share one, else empty. Clients"
                + " request the same\nprefix, the path of the base URI they are given.\n"))
        .initializer(CodeText.of("$S", basePath))
        .build();
  }

  private static String firstSchemeMethod(DocumentPlan plan) {
    return SecurityGenerator.methodName(plan.api().securitySchemes().get(0));
  }

  /**
   * Returns the scheme and authority, such as {@code https://example.com}, that every channel's
   * address starts with when each address is a whole http or https URL with a literal host. The
   * runtime serves and requests such an address at its path.
   */
  private static java.util.Optional<String> sharedAddressOrigin(DocumentPlan plan) {
    java.util.TreeSet<String> origins = new java.util.TreeSet<>();
    for (ChannelPlan channel : plan.channels()) {
      java.util.regex.Matcher url = HTTP_ORIGIN.matcher(channel.channel().address());
      if (!url.lookingAt() || !isValidUri(url.group())) {
        return java.util.Optional.empty();
      }
      origins.add(url.group());
    }
    if (origins.size() != 1) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(origins.first());
  }

  private static MethodSpec addressOriginClient(ClassName builder, String origin) {
    return MethodSpec.methodBuilder("client")
        .addJavadoc(CodeText.of(
            "Starts building a client for {@code $L}, where every channel's address points. A"
                + " base URI given\nto {@link #client(URI)} replaces its scheme, host and port.\n",
            Javadoc.escape(origin)))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(builder)
        .addCode(CodeText.statement("return client($T.create($S))", URI, origin))
        .build();
  }

  private static boolean isValidUri(String url) {
    try {
      return java.net.URI.create(url).getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static FieldSpec constant(String name, String value, String doc) {
    return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(CodeText.of("$L\n", doc))
        .initializer(CodeText.of("$S", value))
        .build();
  }

  private static TypeSpec clientBuilder(ClassName builder, ClassName client) {
    TypeName options = RuntimeTypes.consumerOf(SSE_CLIENT_BUILDER);
    return TypeSpec.classBuilder(builder)
        .addJavadoc("Settings shared by every channel client.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addField(URI, "baseUri", Modifier.PRIVATE)
        .addField(
            FieldSpec.builder(JSON_CODEC, "codec", Modifier.PRIVATE)
                .initializer(CodeText.of("$T.jackson()", JSON_CODEC))
                .build())
        .addField(
            FieldSpec.builder(options, "options", Modifier.PRIVATE)
                .initializer("sse -> { }")
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(URI, "baseUri")
                .addCode(CodeText.statement(
                    "this.baseUri = $T.requireNonNull(baseUri, $S)", Objects.class, "baseUri"))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("codec")
                .addJavadoc("Sets the codec that turns event data into payloads; Jackson by default.\n\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(JSON_CODEC, "codec")
                .addCode(CodeText.statement(
                    "this.codec = $T.requireNonNull(codec, $S)", Objects.class, "codec"))
                .addCode(CodeText.statement("return this"))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("httpClient")
                .addJavadoc("Sets the HTTP client every channel connects with.\n\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(HTTP_CLIENT, "httpClient")
                .addCode(CodeText.statement("return configure(sse -> sse.httpClient(httpClient))"))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("header")
                .addJavadoc("Adds a request header sent on every connection.\n\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(String.class, "name")
                .addParameter(String.class, "value")
                .addCode(CodeText.statement("return configure(sse -> sse.header(name, value))"))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("configure")
                .addJavadoc(CodeText.of(
                    "Applies {@code option} to every channel's {@code SseClient.Builder}, after the"
                        + " options given before it; use it for reconnect delays and timeouts.\n\n"
                        + "@return this builder\n"))
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(options, "option")
                .addCode(CodeText.statement("$T previous = this.options", options))
                .addCode(CodeText.statement("this.options = previous.andThen(option)"))
                .addCode(CodeText.statement("return this"))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("build")
                .addJavadoc("Returns a client with these settings.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(client)
                .addCode(CodeText.statement("return new $T(baseUri, codec, options)", client))
                .build())
        .build();
  }

  private static TypeSpec clientClass(DocumentPlan plan, ClassName client) {
    TypeName options = RuntimeTypes.consumerOf(SSE_CLIENT_BUILDER);
    TypeSpec.Builder type = TypeSpec.classBuilder(client)
        .addJavadoc(CodeText.of(
            "A client with one method per channel; each returns a new channel client.\n\n"
                + "<p>Every channel client of one {@code Client} connects with the same"
                + " {@code HttpClient}: the one given to {@link ClientBuilder#httpClient}, else one"
                + " that this client creates with the connect timeout of its settings.\n"))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addField(URI, "baseUri", Modifier.PRIVATE, Modifier.FINAL)
        .addField(JSON_CODEC, "codec", Modifier.PRIVATE, Modifier.FINAL)
        .addField(options, "options", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(URI, "baseUri")
                .addParameter(JSON_CODEC, "codec")
                .addParameter(options, "options")
                .addCode(CodeText.statement("this.baseUri = baseUri"))
                .addCode(CodeText.statement("this.codec = codec"))
                .addCode(CodeText.statement(
                    "$T settings = $T.builder(baseUri)", SSE_CLIENT_BUILDER, SSE_CLIENT))
                .addCode(CodeText.statement("options.accept(settings)"))
                // Each listen() builds its own SseClient.Builder, which would otherwise create an
                // HttpClient, with its selector thread, per subscription.
                .addCode(CodeText.statement(
                    "$T httpClient = settings.resolvedHttpClient()", HTTP_CLIENT))
                .addCode(CodeText.statement(
                    "this.options = options.andThen(sse -> sse.httpClient(httpClient))"))
                .build());
    for (ChannelPlan channel : plan.channels()) {
      MethodSpec.Builder method = MethodSpec.methodBuilder(channel.accessor())
          .addJavadoc(CodeText.of(
              "Returns a client for channel {@code $L}.\n", Javadoc.escape(channel.channel().id())))
          .addModifiers(Modifier.PUBLIC)
          .returns(channel.clientClass());
      if (channel.parametersClass() == null) {
        method.addCode(CodeText.statement(
            "return new $T(baseUri, codec, options)", channel.clientClass()));
        type.addMethod(method.build());
        continue;
      }
      method.addParameter(channel.parametersClass(), "parameters")
          .addCode(CodeText.statement(
              "return new $T(baseUri, parameters, codec, options)", channel.clientClass()));
      type.addMethod(method.build());
      type.addMethod(withParameterValues(channel));
    }
    return type.build();
  }

  /** Adds an overload that takes each address parameter as its own argument. */
  private static MethodSpec withParameterValues(ChannelPlan channel) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(channel.accessor())
        .addJavadoc(CodeText.of(
            "Returns a client for channel {@code $L} with these parameter values.\n",
            Javadoc.escape(channel.channel().id())))
        .addModifiers(Modifier.PUBLIC)
        .returns(channel.clientClass());
    StringBuilder arguments = new StringBuilder();
    for (ParameterModel parameter : channel.channel().parameters()) {
      String name = JavaNames.memberName(parameter.name());
      method.addParameter(ParametersGenerator.componentType(channel, parameter), name);
      arguments.append(arguments.length() == 0 ? "" : ", ").append(name);
    }
    return method
        .addCode(CodeText.statement(
            "return $L(new $T($L))", channel.accessor(), channel.parametersClass(), arguments))
        .build();
  }

  /** Returns the lambda that adds a channel's parameter and request value checks to its endpoint. */
  private static CodeBlock endpointChecks(ChannelPlan channel) {
    CodeText calls = CodeText.builder();
    if (!channel.channel().method().equals("GET")) {
      calls.add(".method($S)", channel.channel().method());
    }
    if (channel.parametersClass() != null) {
      calls.add(".pathParameterCheck($T::fromMap)", channel.parametersClass());
    }
    if (ServerGenerator.hasRequestValues(channel)) {
      calls.add(".authorize($T.requestCheck(codec))", channel.serverClass());
    }
    CodeBlock chain = calls.build();
    return chain.isEmpty() ? CodeText.of(
        "builder -> { }") : CodeText.of("builder -> builder$L", chain);
  }

  private static TypeSpec serverClass(DocumentPlan plan, ClassName server) {
    TypeSpec.Builder type = TypeSpec.classBuilder(server)
        .addJavadoc("Every channel of the document, registered on one {@code HttpServer}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addField(SSE_SERVER, "sse", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameter(SSE_SERVER, "sse")
        .addParameter(JSON_CODEC, "codec")
        .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
        .addCode(CodeText.statement("this.sse = sse"));
    java.util.Map<String, String> endpoints = new java.util.LinkedHashMap<>();
    for (ChannelPlan channel : plan.channels()) {
      String address = channel.channel().address();
      String endpoint = endpoints.get(address);
      if (endpoint == null) {
        endpoint = "endpoint" + (endpoints.size() + 1);
        endpoints.put(address, endpoint);
        CodeBlock check = endpointChecks(channel);
        constructor.addCode(CodeText.statement(
            "$T $L = endpoint(sse, $T.ADDRESS, $L, options)",
            RuntimeTypes.SSE_ENDPOINT, endpoint, channel.serverClass(), check));
      }
      type.addField(channel.serverClass(), channel.accessor(), Modifier.PRIVATE, Modifier.FINAL);
      constructor.addCode(CodeText.statement(
          "this.$L = new $T($L, codec)", channel.accessor(), channel.serverClass(), endpoint));
      type.addMethod(
          MethodSpec.methodBuilder(channel.accessor())
              .addJavadoc(CodeText.of(
                  "Returns the server side of channel {@code $L}.\n",
                  Javadoc.escape(channel.channel().id())))
              .addModifiers(Modifier.PUBLIC)
              .returns(channel.serverClass())
              .addCode(CodeText.statement("return $L", channel.accessor()))
              .build());
    }
    type.addMethod(constructor.build());
    type.addMethod(
        MethodSpec.methodBuilder("endpoint")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(RuntimeTypes.SSE_ENDPOINT)
            .addParameter(SSE_SERVER, "sse")
            .addParameter(String.class, "address")
            .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "checks")
            .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
            .addCode(CodeText.statement(
                "$T builder = $T.builder(address)",
                SSE_ENDPOINT_BUILDER,
                RuntimeTypes.SSE_ENDPOINT))
            .addCode(CodeText.statement("checks.accept(builder)"))
            .addCode(CodeText.statement("options.accept(builder)"))
            .addCode(CodeText.statement("$T endpoint = builder.build()", RuntimeTypes.SSE_ENDPOINT))
            .addCode(CodeText.statement("sse.register(endpoint)"))
            .addCode(CodeText.statement("return endpoint"))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("shutdown")
            .addJavadoc(CodeText.of(
                "Ends every open stream cleanly so that clients reconnect, and stops heartbeats."
                    + " Stop the {@code HttpServer} afterwards.\n"))
            .addModifiers(Modifier.PUBLIC)
            .addCode(CodeText.statement("sse.shutdown()"))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("sseServer")
            .addJavadoc("Returns the runtime server the channels are registered on.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(SSE_SERVER)
            .addCode(CodeText.statement("return sse"))
            .build());
    return type.build();
  }
}
