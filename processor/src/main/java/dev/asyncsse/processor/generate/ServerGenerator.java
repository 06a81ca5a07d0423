package dev.asyncsse.processor.generate;

import static dev.asyncsse.processor.generate.RuntimeTypes.BROADCASTER;
import static dev.asyncsse.processor.generate.RuntimeTypes.JSON_CODEC;
import static dev.asyncsse.processor.generate.RuntimeTypes.REQUEST_VALUES;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_CONNECTION_HANDLER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_ENDPOINT;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_ENDPOINT_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_REQUEST;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_SERVER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_STREAM;
import static dev.asyncsse.processor.generate.RuntimeTypes.TYPED_STREAM;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.generate.DocumentPlan.MessagePlan;
import dev.asyncsse.processor.model.RequestValuesModel;
import dev.asyncsse.processor.types.JavaNames;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Generates one channel's SSE server: a broadcaster per message for fan-out, and a typed
 * per-connection handler.
 *
 * <p>The class registers one endpoint for the channel's address on the {@code SseServer} when it
 * is created. Until {@code broadcast…()} or {@code handle(…)} is called, a connecting client gets
 * an open stream with heartbeats and no events.
 */
final class ServerGenerator {

  /** The name of the nested stream type of a server of a channel without exactly one message. */
  static final String STREAM = "Stream";

  /** The name of the nested handler interface of every channel server. */
  static final String HANDLER = "Handler";

  private final GeneratedFiles files;

  ServerGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(ChannelPlan plan) {
    ClassName self = plan.serverClass();
    TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    type.addJavadoc(CodeText.of(
        "SSE server for channel {@code $L} at address {@code $L}.\n",
        Javadoc.escape(plan.channel().id()),
        Javadoc.escape(plan.channel().address())));
    if (!plan.channel().description().isBlank()) {
      type.addJavadoc(CodeText.of("\n<p>$L", Javadoc.text(plan.channel().description(), "")));
    }
    type.addJavadoc(CodeText.of(
        "\n<p>Publish to every connected client with a broadcaster, or answer each connection"
            + " with {@link #handle(Handler)}. A broadcaster created after {@code handle} also"
            + " reaches the clients the handler accepted.\n"));

    ClientGenerator.ChannelConstants.addActionsJavadoc(type, plan);

    ClientGenerator.ChannelConstants.add(type, plan);
    type.addField(SSE_ENDPOINT, "endpoint", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(JSON_CODEC, "codec", Modifier.PRIVATE, Modifier.FINAL);
    for (MessagePlan message : plan.messages()) {
      type.addField(
          FieldSpec.builder(broadcasterOf(message), broadcasterField(message), Modifier.PRIVATE)
              .build());
    }
    type.addField(boolean.class, "attached", Modifier.PRIVATE);
    type.addMethod(sharedConstructor());
    type.addMethod(constructor());
    for (MessagePlan message : plan.messages()) {
      type.addMethod(broadcast(plan, message));
      if (plan.parametersClass() != null) {
        type.addMethod(publishTo(plan, message));
      }
    }
    if (plan.singleMessage()) {
      MessagePlan only = plan.messages().get(0);
      type.addMethod(
          MethodSpec.methodBuilder("broadcast")
              .addJavadoc(CodeText.of(
                  "Returns the broadcaster of the channel's only message; see {@link"
                      + " #broadcast$L()}.\n",
                  only.suffix()))
              .addModifiers(Modifier.PUBLIC)
              .returns(broadcasterOf(only))
              .addCode(CodeText.statement("return broadcast$L()", only.suffix()))
              .build());
    }
    if (plan.parametersClass() != null && !plan.messages().isEmpty()) {
      type.addMethod(sameParameters(plan));
    }
    type.addMethod(register(plan));
    if (hasRequestValues(plan)) {
      type.addMethod(requestCheck(plan));
      addRequestValuesReader(type, plan, plan.headersClass(), plan.channel().headers(), "headers",
          CodeText.of("name -> request.header(name).stream().toList()"), "request headers");
      addRequestValuesReader(type, plan, plan.queryClass(), plan.channel().query(), "query",
          CodeText.of("request::queryParameters"), "query parameters");
    }
    type.addMethod(attach(plan));
    type.addMethod(subscribeAll(plan));
    if (!plan.singleMessage()) {
      type.addType(streamClass(plan));
    }
    type.addType(handlerInterface(plan));
    type.addMethod(handle(plan));
    type.addMethod(
        MethodSpec.methodBuilder("endpoint")
            .addJavadoc("Returns the runtime endpoint, for settings this class does not expose.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(SSE_ENDPOINT)
            .addCode(CodeText.statement("return endpoint"))
            .build());
    return files.file(type);
  }

  private static MethodSpec sharedConstructor() {
    return MethodSpec.constructorBuilder()
        .addJavadoc(CodeText.of(
            "Serves the channel on {@code endpoint}, which other channels with the same address"
                + " may share. Their broadcasters then reach the same clients with one id"
                + " sequence and one replay buffer.\n\n"
                + "@param endpoint an endpoint registered for {@link #ADDRESS}\n"
                + "@param codec converts payloads to event data\n"))
        .addModifiers(Modifier.PUBLIC)
        .addParameter(SSE_ENDPOINT, "endpoint")
        .addParameter(JSON_CODEC, "codec")
        .addCode(CodeText.statement("this.endpoint = endpoint"))
        .addCode(CodeText.statement("this.codec = codec"))
        // Subscribing from the start means a client that connects before the first publish still
        // receives it.
        .addCode(CodeText.statement("attach()"))
        .build();
  }

  private static MethodSpec constructor() {
    return MethodSpec.constructorBuilder()
        .addJavadoc(CodeText.of(
            "Registers an endpoint for the channel on {@code server}.\n\n"
                + "@param server the server to register on\n"
                + "@param codec converts payloads to event data\n"
                + "@param options settings applied to the endpoint, such as its heartbeat\n"))
        .addModifiers(Modifier.PUBLIC)
        .addParameter(SSE_SERVER, "server")
        .addParameter(JSON_CODEC, "codec")
        .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
        .addCode(CodeText.statement("this(register(server, codec, options), codec)"))
        .build();
  }

  private static MethodSpec register(ChannelPlan plan) {
    return MethodSpec.methodBuilder("register")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(SSE_ENDPOINT)
        .addParameter(SSE_SERVER, "server")
        .addParameter(JSON_CODEC, "codec")
        .addParameter(RuntimeTypes.consumerOf(SSE_ENDPOINT_BUILDER), "options")
        .addCode(CodeText.statement(
            "$T builder = $T.builder(ADDRESS)", SSE_ENDPOINT_BUILDER, SSE_ENDPOINT))
        .addCode(methodSetting(plan, "builder"))
        .addCode(parameterCheck(plan, "builder"))
        .addCode(requestValuesCheck(plan, "builder", CodeText.of("requestCheck(codec)")))
        .addCode(CodeText.statement("options.accept(builder)"))
        .addCode(CodeText.statement("$T endpoint = builder.build()", SSE_ENDPOINT))
        .addCode(CodeText.statement("server.register(endpoint)"))
        .addCode(CodeText.statement("return endpoint"))
        .build();
  }

  /** Returns code that sets the endpoint's method when the channel's method is not GET. */
  static CodeBlock methodSetting(ChannelPlan plan, String builder) {
    if (plan.channel().method().equals("GET")) {
      return CodeText.of("");
    }
    return CodeText.builder()
        .addStatement("$L.method($S)", builder, plan.channel().method())
        .build();
  }

  /**
   * Returns code that makes the endpoint respond with 400 and the reason when the path parameters do
   * not fit the parameters record, before the request reaches any handler or broadcaster.
   */
  static CodeBlock parameterCheck(ChannelPlan plan, String builder) {
    if (plan.parametersClass() == null) {
      return CodeText.of("");
    }
    return CodeText.builder()
        .addStatement("$L.pathParameterCheck($T::fromMap)", builder, plan.parametersClass())
        .build();
  }

  /** Returns whether the channel has typed request headers or query parameters. */
  static boolean hasRequestValues(ChannelPlan plan) {
    return plan.headersClass() != null || plan.queryClass() != null;
  }

  /**
   * Returns code that adds the request headers and query parameters check to the endpoint, so a
   * request whose values break the document's rules gets 400 before any handler or broadcaster.
   */
  static CodeBlock requestValuesCheck(ChannelPlan plan, String builder, CodeBlock check) {
    if (!hasRequestValues(plan)) {
      return CodeText.of("");
    }
    return CodeText.builder().addStatement("$L.authorize($L)", builder, check).build();
  }

  private static MethodSpec requestCheck(ChannelPlan plan) {
    ClassName accessCheck = ClassName.get("dev.asyncsse.runtime.server", "AccessCheck");
    ClassName accessDecision = ClassName.get("dev.asyncsse.runtime.server", "AccessDecision");
    CodeText check = CodeText.builder().beginControlFlow("try");
    if (plan.headersClass() != null) {
      check.addStatement("readHeaders(request, codec)");
    }
    if (plan.queryClass() != null) {
      check.addStatement("readQuery(request, codec)");
    }
    check.addStatement("return $T.accept()", accessDecision)
        .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
        .addStatement("return $T.reject(400, e.getMessage())", accessDecision)
        .endControlFlow();
    List<String> headerNames = plan.headersClass() == null
        ? List.of()
        : plan.channel().headers().names();
    TypeSpec anonymous = TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(accessCheck)
        .addMethod(MethodSpec.methodBuilder("check")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(accessDecision)
            .addParameter(SSE_REQUEST, "request")
            .addCode(check.build())
            .build())
        .addMethod(MethodSpec.methodBuilder("requestHeaders")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(Set.class, String.class))
            .addCode(CodeText.statement("return $L", stringSet(headerNames)))
            .build())
        .build();
    return MethodSpec.methodBuilder("requestCheck")
        .addJavadoc(CodeText.of(
            "Returns the check that responds with 400 and the reason to a request whose headers or"
                + " query parameters break the document's rules. Add it with {@code"
                + " SseEndpoint.Builder.authorize} to an endpoint you build yourself.\n\n"
                + "@param codec reads the values into their records\n"))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(accessCheck)
        .addParameter(JSON_CODEC, "codec")
        .addCode(CodeText.statement("return $L", anonymous))
        .build();
  }

  private static CodeBlock stringSet(List<String> names) {
    CodeText code = CodeText.builder().add("$T.of(", Set.class);
    for (int i = 0; i < names.size(); i++) {
      code.add(i == 0 ? "$S" : ", $S", names.get(i));
    }
    return code.add(")").build();
  }

  private static CodeBlock stringList(List<String> names) {
    CodeText code = CodeText.builder().add("$T.of(", List.class);
    for (int i = 0; i < names.size(); i++) {
      code.add(i == 0 ? "$S" : ", $S", names.get(i));
    }
    return code.add(")").build();
  }

  /** Adds the public reader of one request's headers or query, and its static helper. */
  private static void addRequestValuesReader(TypeSpec.Builder type, ChannelPlan plan,
      ClassName valuesClass, RequestValuesModel values, String name, CodeBlock lookup,
      String what) {
    if (valuesClass == null) {
      return;
    }
    String helper = "read" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    type.addMethod(MethodSpec.methodBuilder(name)
        .addJavadoc(CodeText.of(
            "Returns the $L of {@code request} as their record. The endpoint has already"
                + " rejected a request whose $L break the document's rules, so in a handler"
                + " this does not throw.\n\n"
                + "@throws IllegalArgumentException when the values do not fit the record\n",
            what, what))
        .addModifiers(Modifier.PUBLIC)
        .returns(valuesClass)
        .addParameter(SSE_REQUEST, "request")
        .addCode(CodeText.statement("return $L(request, codec)", helper))
        .build());
    type.addMethod(MethodSpec.methodBuilder(helper)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(valuesClass)
        .addParameter(SSE_REQUEST, "request")
        .addParameter(JSON_CODEC, "codec")
        .addCode(CodeText.statement("return $T.decode($L, $L, $L, $T.class, codec, $S)",
            REQUEST_VALUES, lookup, stringList(values.names()), stringSet(values.jsonValued()),
            valuesClass, what))
        .build());
  }

  /**
   * Returns code that creates every broadcaster of the channel, so a client that connects before
   * the first publish of some message is still subscribed to it.
   */
  private static CodeBlock createAllBroadcasters(ChannelPlan plan) {
    CodeText code = CodeText.builder();
    String firstField = broadcasterField(plan.messages().get(0));
    code.beginControlFlow("if ($L == null)", firstField);
    // Every message of every channel on the endpoint shares the endpoint's subscribers, id
    // sequence and replay buffer, so one stream carries them in publish order with unique ids.
    for (MessagePlan message : plan.messages()) {
      code.addStatement("$L = endpoint.broadcaster($L, codec)",
          broadcasterField(message), message.constant());
    }
    return code.endControlFlow().build();
  }

  private static MethodSpec attach(ChannelPlan plan) {
    return MethodSpec.methodBuilder("attach")
        .addModifiers(Modifier.PRIVATE, Modifier.SYNCHRONIZED)
        .addCode(CodeText.controlFlowStart("if (attached)"))
        .addCode(CodeText.statement("return"))
        .endControlFlow()
        .addCode(CodeText.statement("attached = true"))
        .addCode(plan.messages().isEmpty() ? CodeText.of("") : createAllBroadcasters(plan))
        .addCode(CodeText.statement("$T previous = endpoint.handler()", SSE_CONNECTION_HANDLER))
        .addCode("endpoint.handler((request, stream) -> {\n$>")
        .addCode(CodeText.statement("previous.onConnect(request, stream)"))
        .addCode(CodeText.statement("subscribeAll(request, stream)"))
        .addCode("$<});\n")
        .build();
  }

  private static MethodSpec broadcast(ChannelPlan plan, MessagePlan message) {
    String field = broadcasterField(message);
    return MethodSpec.methodBuilder("broadcast" + message.suffix())
        .addJavadoc(CodeText.of(
            "Returns the broadcaster for {@code $L} messages, creating the channel's broadcasters"
                + " on first use.\n\n"
                + "<p>From then on every client that connects is subscribed, and each published"
                + " payload goes to all of them as an event named {@code $L}.\n",
            Javadoc.escape(message.message().id()),
            Javadoc.escape(message.message().eventName())))
        .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
        .returns(broadcasterOf(message))
        .addCode(CodeText.statement("attach()"))
        .addCode(CodeText.statement("return $L", field))
        .build();
  }

  private static MethodSpec publishTo(ChannelPlan plan, MessagePlan message) {
    return MethodSpec.methodBuilder("publish" + message.suffix())
        .addJavadoc(
            "Publishes {@code payload} to the clients connected with these parameters only.\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(plan.parametersClass(), "parameters")
        .addParameter(message.payloadType(), "payload")
        .addCode(CodeText.statement(
            "broadcast$L().publish(payload, values -> sameParameters(parameters, values))",
            message.suffix()))
        .build();
  }

  /**
   * Returns the method that compares a subscriber's path text with the record. Comparing records
   * makes text that differs only in form, such as {@code 07} and {@code 7}, match.
   */
  private static MethodSpec sameParameters(ChannelPlan plan) {
    return MethodSpec.methodBuilder("sameParameters")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(boolean.class)
        .addParameter(plan.parametersClass(), "parameters")
        .addParameter(ParameterizedTypeName.get(java.util.Map.class, String.class, String.class),
            "values")
        .addCode(CodeText.controlFlowStart("try"))
        .addCode(CodeText.statement(
            "return parameters.equals($T.fromMap(values))", plan.parametersClass()))
        .addCode(CodeText.controlFlowNext("catch ($T e)", RuntimeException.class))
        // A channel sharing the endpoint may admit values that this channel's record rejects.
        .addCode(CodeText.statement("return false"))
        .endControlFlow()
        .build();
  }

  private static MethodSpec subscribeAll(ChannelPlan plan) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("subscribeAll")
        .addModifiers(Modifier.PRIVATE, Modifier.SYNCHRONIZED)
        .addParameter(SSE_REQUEST, "request")
        .addParameter(SSE_STREAM, "stream")
        .addCode(CodeText.controlFlowStart("if (!stream.isOpen())"))
        .addCode(CodeText.statement("return"))
        .endControlFlow();
    if (!plan.messages().isEmpty()) {
      String field = broadcasterField(plan.messages().get(0));
      method.addCode(CodeText.controlFlowStart("if ($L != null)", field))
          .addCode(CodeText.statement("$L.subscribe(request, stream)", field))
          .endControlFlow();
    }
    return method.build();
  }

  private static TypeSpec streamClass(ChannelPlan plan) {
    ClassName stream = plan.serverClass().nestedClass(STREAM);
    TypeSpec.Builder type = TypeSpec.classBuilder(stream)
        .addJavadoc("One client's stream, with a typed send method per message.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addField(SSE_STREAM, "raw", Modifier.PRIVATE, Modifier.FINAL)
        .addField(JSON_CODEC, "codec", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(SSE_STREAM, "raw")
                .addParameter(JSON_CODEC, "codec")
                .addCode(CodeText.statement("this.raw = raw"))
                .addCode(CodeText.statement("this.codec = codec"))
                .build());
    for (MessagePlan message : plan.messages()) {
      type.addMethod(
          MethodSpec.methodBuilder("send" + message.suffix())
              .addJavadoc(CodeText.of(
                  "Sends {@code payload} as an event named {@code $L}.\n\n"
                      + "@throws java.io.IOException when the client has gone\n",
                  Javadoc.escape(message.message().eventName())))
              .addModifiers(Modifier.PUBLIC)
              .addParameter(message.payloadType(), "payload")
              .addException(java.io.IOException.class)
              .addCode(CodeText.statement(
                  "new $T<>(raw, $L, codec).send(payload)", TYPED_STREAM, qualified(plan, message)))
              .build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("raw")
            .addJavadoc("Returns the untyped stream, to send comments or close it.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(SSE_STREAM)
            .addCode(CodeText.statement("return raw"))
            .build());
    return type.build();
  }

  private static CodeBlock qualified(ChannelPlan plan, MessagePlan message) {
    return CodeText.of("$T.$L", plan.serverClass(), message.constant());
  }

  private static TypeSpec handlerInterface(ChannelPlan plan) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("onConnect")
        .addJavadoc(CodeText.of(
            "Handles one connection, before any byte of the stream is written.\n\n"
                + "<p>Call {@code request.reject(status, reason)} to answer with an error instead"
                + " of a stream. The stream stays open after this method returns, until the"
                + " client leaves or it is closed.\n"))
        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
        .addParameter(SSE_REQUEST, "request");
    if (plan.parametersClass() != null) {
      method.addParameter(plan.parametersClass(), "parameters");
    }
    if (plan.headersClass() != null) {
      method.addParameter(plan.headersClass(), "headers");
    }
    if (plan.queryClass() != null) {
      method.addParameter(plan.queryClass(), "query");
    }
    method.addParameter(streamType(plan), "stream");
    method.addException(Exception.class);
    return TypeSpec.interfaceBuilder(HANDLER)
        .addJavadoc("Handles each client that connects to the channel.\n")
        .addAnnotation(FunctionalInterface.class)
        .addModifiers(Modifier.PUBLIC)
        .addMethod(method.build())
        .build();
  }

  private static MethodSpec handle(ChannelPlan plan) {
    CodeBlock stream = plan.singleMessage()
        ? CodeText.of(
            "new $T<>(stream, $L, codec)", TYPED_STREAM, plan.messages().get(0).constant())
        : CodeText.of("new Stream(stream, codec)");
    MethodSpec.Builder method = MethodSpec.methodBuilder("handle")
        .addModifiers(Modifier.SYNCHRONIZED)
        .addJavadoc(CodeText.of(
            "Answers each connection with {@code handler}, replacing any broadcaster subscription"
                + " on the endpoint, also that of other channels sharing it.\n"))
        .addModifiers(Modifier.PUBLIC)
        .addParameter(plan.serverClass().nestedClass(HANDLER), "handler")
        .addCode(CodeText.statement("attached = false"));
    if (plan.parametersClass() == null && !hasRequestValues(plan)) {
      return method
          .addCode(CodeText.statement(
              "endpoint.handler((request, stream) -> handler.onConnect(request, $L))", stream))
          .build();
    }
    CodeText body = CodeText.builder();
    StringBuilder arguments = new StringBuilder("request");
    if (plan.parametersClass() != null) {
      body.addStatement("$T parameters", plan.parametersClass());
      arguments.append(", parameters");
    }
    if (plan.headersClass() != null) {
      body.addStatement("$T headers", plan.headersClass());
      arguments.append(", headers");
    }
    if (plan.queryClass() != null) {
      body.addStatement("$T query", plan.queryClass());
      arguments.append(", query");
    }
    body.beginControlFlow("try");
    if (plan.parametersClass() != null) {
      body.addStatement("parameters = $T.fromMap(request.pathParameters())", plan.parametersClass());
    }
    if (plan.headersClass() != null) {
      body.addStatement("headers = readHeaders(request, codec)");
    }
    if (plan.queryClass() != null) {
      body.addStatement("query = readQuery(request, codec)");
    }
    body.nextControlFlow("catch ($T e)", IllegalArgumentException.class)
        .addStatement("request.reject(400, e.getMessage())")
        .addStatement("return")
        .endControlFlow()
        .addStatement("handler.onConnect($L, $L)", arguments, stream);
    return method
        .addCode("endpoint.handler((request, stream) -> {\n$>")
        .addCode(body.build())
        .addCode("$<});\n")
        .build();
  }

  private static TypeName streamType(ChannelPlan plan) {
    if (plan.singleMessage()) {
      return ParameterizedTypeName.get(TYPED_STREAM, plan.messages().get(0).payloadType());
    }
    return plan.serverClass().nestedClass(STREAM);
  }

  private static TypeName broadcasterOf(MessagePlan message) {
    return ParameterizedTypeName.get(BROADCASTER, message.payloadType());
  }

  private static String broadcasterField(MessagePlan message) {
    return JavaNames.memberName(message.suffix()) + "Broadcaster";
  }
}
