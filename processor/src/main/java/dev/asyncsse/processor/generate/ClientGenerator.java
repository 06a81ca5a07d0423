package dev.asyncsse.processor.generate;

import static dev.asyncsse.processor.generate.RuntimeTypes.BASE_URI;
import static dev.asyncsse.processor.generate.RuntimeTypes.CHANNEL_LISTENER;
import static dev.asyncsse.processor.generate.RuntimeTypes.CHANNEL_LISTENER_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.JSON_CODEC;
import static dev.asyncsse.processor.generate.RuntimeTypes.PATH_TEMPLATE;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_CLIENT;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_CLIENT_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.SSE_ERROR;
import static dev.asyncsse.processor.generate.RuntimeTypes.SUBSCRIPTION;
import static dev.asyncsse.processor.generate.RuntimeTypes.URI;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.JavaNames;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.generate.DocumentPlan.MessagePlan;
import javax.lang.model.element.Modifier;

/**
 * Generates one channel's SSE client: typed listeners per message, then {@code listen()} to
 * connect.
 *
 * <p>The client dispatches events by their {@code event:} name. On a channel with one message,
 * events without a name are taken as that message too, so servers that never name events work.
 */
final class ClientGenerator {

  private final GeneratedFiles files;

  ClientGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(ChannelPlan plan) {
    ClassName self = plan.clientClass();
    TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    type.addJavadoc(
        "SSE client for channel {@code $L} at address {@code $L}.\n",
        Javadoc.escape(plan.channel().id()),
        Javadoc.escape(plan.channel().address()));
    if (!plan.channel().description().isBlank()) {
      type.addJavadoc("\n<p>$L", Javadoc.text(plan.channel().description(), ""));
    }
    type.addJavadoc(
        "\n<p>Register a listener per message, then call {@link #listen()}; each call opens one"
            + " subscription that reconnects until it is closed.\n");

    ChannelConstants.add(type, plan);
    type.addField(SSE_CLIENT_BUILDER, "sse", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(JSON_CODEC, "codec", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(FieldSpec.builder(Runnable.class, "onOpen", Modifier.PRIVATE)
        .initializer("() -> { }").build());
    type.addField(FieldSpec.builder(RuntimeTypes.consumerOf(SSE_ERROR), "onError", Modifier.PRIVATE)
        .initializer("error -> { }").build());
    type.addField(FieldSpec.builder(Runnable.class, "onClosed", Modifier.PRIVATE)
        .initializer("() -> { }").build());
    for (MessagePlan message : plan.messages()) {
      type.addField(RuntimeTypes.messageConsumer(message.payloadType()), listenerField(message),
          Modifier.PRIVATE);
    }
    type.addMethod(constructor(plan));
    type.addMethod(
        MethodSpec.methodBuilder("uri")
            .addJavadoc("Returns the URI this client connects to.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(URI)
            .addStatement("return sse.build().uri()")
            .build());
    type.addMethod(
        fluent(self, "lastEventId", String.class, "id", "sse.lastEventId(id)",
            "Sets the {@code Last-Event-ID} sent on the first request, to resume after that event."));
    type.addMethod(
        fluent(self, "onOpen", Runnable.class, "callback", "this.onOpen = callback",
            "Runs {@code callback} each time the stream opens, including after a reconnect;"
                + " replaces the callback set before."));
    type.addMethod(
        fluent(self, "onError", RuntimeTypes.consumerOf(SSE_ERROR), "callback",
            "this.onError = callback",
            "Calls {@code callback} with every error: HTTP status, network, timeout, decoding;"
                + " replaces the callback set before."));
    type.addMethod(
        fluent(self, "onClosed", Runnable.class, "callback", "this.onClosed = callback",
            "Runs {@code callback} once when a subscription stops for good; replaces the callback"
                + " set before."));
    for (MessagePlan message : plan.messages()) {
      type.addMethod(onMessage(plan, message));
    }
    if (plan.singleMessage()) {
      type.addMethod(listenSingle(plan));
    } else if (!plan.messages().isEmpty()) {
      type.addType(eventType(plan));
      type.addMethod(listenAll(plan));
    }
    type.addMethod(
        MethodSpec.methodBuilder("listen")
            .addJavadoc(
                "Connects and starts receiving with the listeners registered so far.\n\n"
                    + "@return the subscription; close it to disconnect\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(SUBSCRIPTION)
            .addCode(listenBody(plan))
            .build());
    return files.file(type);
  }

  private static MethodSpec constructor(ChannelPlan plan) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc(
            "Creates a client for the channel on the server at {@code baseUri}.\n\n"
                + "@param baseUri the server's base URI, such as {@code http://localhost:8080}\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(URI, "baseUri");
    CodeBlock path;
    if (plan.parametersClass() != null) {
      constructor.addJavadoc("@param parameters the values of the address parameters\n");
      constructor.addParameter(plan.parametersClass(), "parameters");
      path = CodeBlock.of("PATH.expand(parameters.toMap())");
    } else {
      path = CodeBlock.of("PATH.expand($T.of())", java.util.Map.class);
    }
    constructor.addJavadoc(
        "@param codec converts event data to payloads\n"
            + "@param options settings applied to the underlying {@code SseClient}\n");
    constructor.addParameter(JSON_CODEC, "codec");
    constructor.addParameter(RuntimeTypes.consumerOf(SSE_CLIENT_BUILDER), "options");
    constructor.addStatement("this.sse = $T.builder($T.resolve(baseUri, $L))", SSE_CLIENT, BASE_URI, path);
    constructor.addStatement("options.accept(sse)");
    constructor.addStatement("this.codec = codec");
    return constructor.build();
  }

  private static MethodSpec onMessage(ChannelPlan plan, MessagePlan message) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("on" + message.suffix())
        .addJavadoc(
            "Calls {@code listener} with each {@code $L} message, sent as events named {@code"
                + " $L}.\n",
            Javadoc.escape(message.message().id()),
            Javadoc.escape(message.message().eventName()))
        .addModifiers(Modifier.PUBLIC)
        .returns(plan.clientClass())
        .addParameter(RuntimeTypes.messageConsumer(message.payloadType()), "listener")
        .addStatement("this.$L = listener", listenerField(message));
    if (plan.singleMessage()) {
      method.addJavadoc("Events without a name are taken as this message too.\n");
    }
    method.addJavadoc("It replaces the listener set before for this message.\n");
    return method.addStatement("return this").build();
  }

  private static String listenerField(MessagePlan message) {
    return JavaNames.memberName(message.suffix()) + "Listener";
  }

  /** Builds a fresh dispatching listener from the callbacks set so far, then subscribes. */
  private static CodeBlock listenBody(ChannelPlan plan) {
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T listener = $T.builder(codec)", CHANNEL_LISTENER_BUILDER, CHANNEL_LISTENER)
        .addStatement("listener.onOpen(onOpen).onError(onError).onClosed(onClosed)");
    for (MessagePlan message : plan.messages()) {
      String field = listenerField(message);
      code.beginControlFlow("if ($L != null)", field)
          .addStatement("listener.on($L, $L)", message.constant(), field);
      if (plan.singleMessage()) {
        code.addStatement("listener.onUnnamed($L, $L)", message.constant(), field);
      }
      code.endControlFlow();
    }
    return code.addStatement("return sse.build().subscribe(listener.build())").build();
  }

  private static MethodSpec listenSingle(ChannelPlan plan) {
    MessagePlan message = plan.messages().get(0);
    return MethodSpec.methodBuilder("listen")
        .addJavadoc(
            "Connects and calls {@code listener} with each message.\n\n"
                + "@return the subscription; close it to disconnect\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(SUBSCRIPTION)
        .addParameter(RuntimeTypes.messageConsumer(message.payloadType()), "listener")
        .addStatement("on$L(listener)", message.suffix())
        .addStatement("return listen()")
        .build();
  }

  /**
   * Returns the sealed type of every message of a channel with several messages: one record per
   * message, holding the received {@code Message}.
   */
  private static TypeSpec eventType(ChannelPlan plan) {
    ClassName event = plan.clientClass().nestedClass("Event");
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(event)
        .addJavadoc(
            "Any message of channel {@code $L}; switch over the members to handle each.\n",
            Javadoc.escape(plan.channel().id()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED);
    for (MessagePlan message : plan.messages()) {
      ClassName member = event.nestedClass(message.suffix());
      type.addPermittedSubclass(member);
      type.addType(TypeSpec.recordBuilder(member)
          .addJavadoc(
              "A {@code $L} message.\n\n@param message the received message\n",
              Javadoc.escape(message.message().id()))
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addSuperinterface(event)
          .recordConstructor(MethodSpec.constructorBuilder()
              .addParameter(
                  com.palantir.javapoet.ParameterizedTypeName.get(
                      RuntimeTypes.MESSAGE, message.payloadType()),
                  "message")
              .build())
          .build());
    }
    return type.build();
  }

  private static MethodSpec listenAll(ChannelPlan plan) {
    ClassName event = plan.clientClass().nestedClass("Event");
    MethodSpec.Builder method = MethodSpec.methodBuilder("listen")
        .addJavadoc(
            "Connects and calls {@code listener} with every message of the channel, each wrapped"
                + " in its member of {@link Event}.\n\n"
                + "@return the subscription; close it to disconnect\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(SUBSCRIPTION)
        .addParameter(RuntimeTypes.consumerOf(event), "listener");
    for (MessagePlan message : plan.messages()) {
      method.addStatement(
          "on$L(message -> listener.accept(new $T(message)))",
          message.suffix(),
          event.nestedClass(message.suffix()));
    }
    return method.addStatement("return listen()").build();
  }

  private static MethodSpec fluent(
      ClassName self, String name, Object parameterType, String parameter, String statement, String doc) {
    TypeName typeName = parameterType instanceof TypeName given
        ? given
        : TypeName.get((Class<?>) parameterType);
    return MethodSpec.methodBuilder(name)
        .addJavadoc("$L\n\n@return this client\n", doc)
        .addModifiers(Modifier.PUBLIC)
        .returns(self)
        .addParameter(typeName, parameter)
        .addStatement(statement)
        .addStatement("return this")
        .build();
  }

  /** Adds the constants that client and server classes share. */
  static final class ChannelConstants {

    private ChannelConstants() {}

    /** Returns {@code MessageType.json(name, Payload.class)}, or a type token for a generic type. */
    private static CodeBlock messageTypeInitializer(MessagePlan message) {
      String eventName = message.message().eventName();
      if (message.payloadType() instanceof ClassName) {
        return CodeBlock.of(
            "$T.json($S, $T.class)", RuntimeTypes.MESSAGE_TYPE, eventName, message.payloadType());
      }
      return CodeBlock.of(
          "$T.json($S, new $T<$T>() { })",
          RuntimeTypes.MESSAGE_TYPE,
          eventName,
          RuntimeTypes.TYPE_TOKEN,
          message.payloadType());
    }

    static void add(TypeSpec.Builder type, ChannelPlan plan) {
      type.addField(
          FieldSpec.builder(String.class, "ADDRESS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The channel's address, with parameters in braces.\n")
              .initializer("$S", plan.channel().address())
              .build());
      for (MessagePlan message : plan.messages()) {
        type.addField(
            FieldSpec.builder(
                    RuntimeTypes.messageType(message.payloadType()),
                    message.constant(),
                    Modifier.PUBLIC,
                    Modifier.STATIC,
                    Modifier.FINAL)
                .addJavadoc(
                    "Message {@code $L}: SSE event name {@code $L}.\n",
                    Javadoc.escape(message.message().id()),
                    Javadoc.escape(message.message().eventName()))
                .initializer(messageTypeInitializer(message))
                .build());
      }
      type.addField(
          FieldSpec.builder(PATH_TEMPLATE, "PATH", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.parse(ADDRESS)", PATH_TEMPLATE)
              .build());
    }
  }
}
