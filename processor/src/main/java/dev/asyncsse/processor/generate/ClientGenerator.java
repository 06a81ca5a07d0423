package dev.asyncsse.processor.generate;

import static dev.asyncsse.processor.generate.RuntimeTypes.BASE_URI;
import static dev.asyncsse.processor.generate.RuntimeTypes.CHANNEL_LISTENER;
import static dev.asyncsse.processor.generate.RuntimeTypes.CHANNEL_LISTENER_BUILDER;
import static dev.asyncsse.processor.generate.RuntimeTypes.JSON_CODEC;
import static dev.asyncsse.processor.generate.RuntimeTypes.MESSAGE;
import static dev.asyncsse.processor.generate.RuntimeTypes.MESSAGE_DECODER;
import static dev.asyncsse.processor.generate.RuntimeTypes.PATH_TEMPLATE;
import static dev.asyncsse.processor.generate.RuntimeTypes.REQUEST_VALUES;
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
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.generate.DocumentPlan.MessagePlan;
import dev.asyncsse.processor.model.RequestValuesModel;
import dev.asyncsse.processor.types.JavaNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Generates one channel's SSE client: typed listeners per message, then {@code listen()} to
 * connect.
 *
 * <p>The client dispatches events by their {@code event:} name. On a channel with one message,
 * events without a name are taken as that message too, so servers that never name events work.
 */
final class ClientGenerator {

  /**
   * The name of the sealed type nested in the client of a channel with several messages. Each
   * message's record is nested in it, named after the message.
   */
  static final String EVENT = "Event";

  private static final ClassName OBJECT = ClassName.get(Object.class);

  private final GeneratedFiles files;

  ClientGenerator(GeneratedFiles files) {
    this.files = files;
  }

  JavaFile generate(ChannelPlan plan) {
    ClassName self = plan.clientClass();
    TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    type.addJavadoc(CodeText.of(
        "SSE client for channel {@code $L} at address {@code $L}.\n",
        Javadoc.escape(plan.channel().id()),
        Javadoc.escape(plan.channel().address())));
    if (!plan.channel().description().isBlank()) {
      type.addJavadoc(CodeText.of("\n<p>$L", Javadoc.text(plan.channel().description(), "")));
    }
    type.addJavadoc(CodeText.of(
        "\n<p>Register a listener per message, then call {@link #listen()}; each call opens one"
            + " subscription that reconnects until it is closed."));
    if (!plan.messages().isEmpty()) {
      type.addJavadoc(CodeText.of(
          " {@link #publisher()} and {@link #stream()} deliver the same messages to reactive code"
              + " and to plain loops."));
    }
    type.addJavadoc("\n");
    ChannelConstants.addActionsJavadoc(type, plan);
    if (plan.headersClass() == null && plan.channel().headers() == null
        && plan.messages().stream().anyMatch(message -> message.message().headers() != null)) {
      type.addJavadoc(CodeText.of(
          "\n<p>The channel's messages declare different headers schemas, so this client sends"
              + " no typed request headers; add them with {@code ClientBuilder.header}.\n"));
    }

    ChannelConstants.add(type, plan);
    type.addField(URI, "address", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(RuntimeTypes.consumerOf(SSE_CLIENT_BUILDER), "options", Modifier.PRIVATE,
        Modifier.FINAL);
    type.addField(JSON_CODEC, "codec", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(String.class, "lastEventId", Modifier.PRIVATE);
    if (plan.headersClass() != null) {
      type.addField(plan.headersClass(), "headers", Modifier.PRIVATE);
    }
    if (plan.queryClass() != null) {
      type.addField(plan.queryClass(), "query", Modifier.PRIVATE);
    }
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
            .addJavadoc(CodeText.of("Returns the URI this client connects to$L.\n",
                plan.queryClass() == null ? "" : ", with the query parameters set so far"))
            .addModifiers(Modifier.PUBLIC)
            .returns(URI)
            .addCode(uriBody(plan))
            .build());
    type.addMethod(
        fluent(self, "lastEventId", String.class, "id", "this.lastEventId = id",
            "Sets the {@code Last-Event-ID} sent on the first request, to resume after that event."));
    if (plan.headersClass() != null) {
      type.addMethod(
          fluent(self, "headers", plan.headersClass(), "headers", "this.headers = headers",
              "Sets the request headers sent on every request of the subscriptions opened from"
                  + " now on, one header per property."
                  + required(plan.channel().headers(), "header")));
    }
    if (plan.queryClass() != null) {
      type.addMethod(
          fluent(self, "query", plan.queryClass(), "query", "this.query = query",
              "Sets the query parameters of the subscriptions opened from now on, one parameter"
                  + " per property, percent-encoded as UTF-8."
                  + required(plan.channel().query(), "query parameter")));
    }
    type.addMethod(
        fluent(self, "onOpen", Runnable.class, "callback", "this.onOpen = callback",
            "Runs {@code callback} each time the stream opens, including after a reconnect;"
                + " replaces the callback set before."));
    type.addMethod(
        fluent(self, "onError", RuntimeTypes.consumerOf(SSE_ERROR), "callback",
            "this.onError = callback",
            "Calls {@code callback} with every error of {@link #listen()}: HTTP status, network,"
                + " timeout, decoding. {@link #publisher()} and {@link #stream()} call it with"
                + " decoding errors only. Replaces the callback set before."));
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
    if (plan.headersClass() != null && !plan.messages().isEmpty()) {
      type.addMethod(listenWithHeaders(plan));
    }
    type.addMethod(
        MethodSpec.methodBuilder("listen")
            .addJavadoc(CodeText.of(
                "Connects and starts receiving with the listeners registered so far.\n\n"
                    + "@return the subscription; close it to disconnect\n"))
            .addModifiers(Modifier.PUBLIC)
            .returns(SUBSCRIPTION)
            .addCode(listenBody(plan))
            .build());
    if (!plan.messages().isEmpty()) {
      type.addMethod(publisher(plan));
      type.addMethod(stream(plan));
      type.addMethod(decoder(plan));
    }
    type.addMethod(sseClient(plan));
    return files.file(type);
  }

  /** Returns the Javadoc sentence that names the required properties, or {@code ""}. */
  private static String required(RequestValuesModel values, String what) {
    if (values == null || values.requiredNames().isEmpty()) {
      return "";
    }
    return " The document requires the " + what + (values.requiredNames().size() == 1 ? " " : "s ")
        + String.join(", ", values.requiredNames().stream()
            .map(name -> "{@code " + Javadoc.escape(name) + "}").toList())
        + ", so a subscription cannot start before this is called.";
  }

  private static CodeBlock uriBody(ChannelPlan plan) {
    if (plan.queryClass() == null) {
      return CodeText.of("return address;\n");
    }
    return CodeText.builder()
        .addStatement("$T uri = address", URI)
        .beginControlFlow("if (query != null)")
        .beginControlFlow("for ($T<$T, $T> parameter : $T.encode(query, codec).entrySet())",
            Map.Entry.class, String.class, String.class, REQUEST_VALUES)
        .addStatement("uri = $T.withQueryParameter(uri, parameter.getKey(), parameter.getValue())",
            BASE_URI)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return uri")
        .build();
  }

  /** Returns the method that builds an {@code SseClient} from the settings made so far. */
  private static MethodSpec sseClient(ChannelPlan plan) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("sseClient")
        .addModifiers(Modifier.PRIVATE)
        .returns(SSE_CLIENT);
    requireSet(method, plan, plan.channel().headers(), plan.headersClass(), "headers",
        "request headers");
    requireSet(method, plan, plan.channel().query(), plan.queryClass(), "query",
        "query parameters");
    method.addCode(CodeText.statement(
        "$T sse = $T.builder(uri())", SSE_CLIENT_BUILDER, SSE_CLIENT));
    if (!plan.channel().method().equals("GET")) {
      method.addCode(CodeText.statement("sse.method($S)", plan.channel().method()));
    }
    method.addCode(CodeText.statement("options.accept(sse)"))
        .addCode(CodeText.controlFlowStart("if (lastEventId != null)"))
        .addCode(CodeText.statement("sse.lastEventId(lastEventId)"))
        .endControlFlow();
    if (plan.headersClass() != null) {
      method.addCode(CodeText.controlFlowStart("if (headers != null)"))
          .addCode(CodeText.statement(
              "$T.encodeHeaders(headers, codec).forEach(sse::header)", REQUEST_VALUES))
          .endControlFlow();
    }
    return method.addCode(CodeText.statement("return sse.build()")).build();
  }

  private static void requireSet(MethodSpec.Builder method, ChannelPlan plan,
      RequestValuesModel values, ClassName type, String field, String what) {
    if (type == null || values.requiredNames().isEmpty()) {
      return;
    }
    method.addCode(CodeText.controlFlowStart("if ($L == null)", field))
        .addCode(CodeText.statement("throw new $T($S)", IllegalStateException.class,
            "Missing " + what + " for channel \"" + plan.channel().id() + "\": the document"
                + " requires " + String.join(", ", values.requiredNames()) + ". Call " + field
                + "(...) before listening."))
        .endControlFlow();
  }

  /** Returns the type each typed view delivers: the message, or the channel's event type. */
  private static TypeName valueType(ChannelPlan plan) {
    if (plan.singleMessage()) {
      return ParameterizedTypeName.get(MESSAGE, plan.messages().get(0).payloadType());
    }
    return plan.clientClass().nestedClass(EVENT);
  }

  private static MethodSpec decoder(ChannelPlan plan) {
    TypeName value = valueType(plan);
    CodeText code = CodeText.builder()
        .add("return $T.<$T>builder(codec)", MESSAGE_DECODER, value);
    for (MessagePlan message : plan.messages()) {
      if (plan.singleMessage()) {
        code.add("\n$>.on($L, message -> message)", message.constant())
            .add("\n.onUnnamed($L, message -> message)$<", message.constant());
      } else {
        code.add("\n$>.on($L, $T::new)$<", message.constant(),
            plan.clientClass().nestedClass(EVENT).nestedClass(message.suffix()));
      }
    }
    return MethodSpec.methodBuilder("decoder")
        .addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(MESSAGE_DECODER, value))
        .addCode(code.add("\n$>.build();\n$<").build())
        .build();
  }

  private static MethodSpec publisher(ChannelPlan plan) {
    return MethodSpec.methodBuilder("publisher")
        .addJavadoc(CodeText.of(
            "Returns a {@link $T} of the channel's messages, for reactive code.\n\n"
                + "<p>Each {@code subscribe} opens its own connection, which reconnects until the"
                + " subscription is cancelled, and delivers messages only on demand. Events that"
                + " cannot be decoded are skipped and reported to {@link #onError}. Errors after"
                + " which the client reconnects, such as a dropped connection or an event over"
                + " the size limit, are only logged at DEBUG level. An error that stops the"
                + " subscription for good is signalled with the subscriber's {@code onError}.\n",
            Flow.Publisher.class))
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get(Flow.Publisher.class), valueType(plan)))
        .addCode(CodeText.statement("return decoder().publisher(sseClient(), onError)"))
        .build();
  }

  private static MethodSpec stream(ChannelPlan plan) {
    return MethodSpec.methodBuilder("stream")
        .addJavadoc(CodeText.of(
            "Connects and returns the channel's messages as a blocking, sequential {@link"
                + " Stream}, for plain loops; {@code stream().iterator()} gives an iterator.\n\n"
                + "<p>Closing the stream closes the connection, so use it in a {@code"
                + " try}-with-resources statement. Events that cannot be decoded are skipped and"
                + " reported to {@link #onError}.\n"))
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get(Stream.class), valueType(plan)))
        .addCode(CodeText.statement("return decoder().stream(sseClient(), onError)"))
        .build();
  }

  private static MethodSpec listenWithHeaders(ChannelPlan plan) {
    TypeName listener = plan.singleMessage()
        ? RuntimeTypes.messageConsumer(plan.messages().get(0).payloadType())
        : RuntimeTypes.consumerOf(plan.clientClass().nestedClass(EVENT));
    return MethodSpec.methodBuilder("listen")
        .addJavadoc(CodeText.of(
            "Sets the request headers, then connects and calls {@code listener} with each"
                + " message.\n\n@return the subscription; close it to disconnect\n"))
        .addModifiers(Modifier.PUBLIC)
        .returns(SUBSCRIPTION)
        .addParameter(plan.headersClass(), "headers")
        .addParameter(listener, "listener")
        .addCode(CodeText.statement("headers(headers)"))
        .addCode(CodeText.statement("return listen(listener)"))
        .build();
  }

  private static MethodSpec constructor(ChannelPlan plan) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc(CodeText.of(
            "Creates a client for the channel on the server at {@code baseUri}.\n\n"
                + "@param baseUri the server's base URI, such as {@code http://localhost:8080}\n"))
        .addModifiers(Modifier.PUBLIC)
        .addParameter(URI, "baseUri");
    CodeBlock path;
    if (plan.parametersClass() != null) {
      constructor.addJavadoc("@param parameters the values of the address parameters\n");
      constructor.addParameter(plan.parametersClass(), "parameters");
      path = CodeText.of("PATH.expand(parameters.toMap())");
    } else {
      path = CodeText.of("PATH.expand($T.of())", java.util.Map.class);
    }
    constructor.addJavadoc(CodeText.of(
        "@param codec converts event data to payloads\n"
            + "@param options settings applied to the underlying {@code SseClient}\n"));
    constructor.addParameter(JSON_CODEC, "codec");
    constructor.addParameter(RuntimeTypes.consumerOf(SSE_CLIENT_BUILDER), "options");
    constructor.addCode(CodeText.statement(
        "this.address = $T.resolve(baseUri, $L)", BASE_URI, path));
    // Builds once so that a base URI java.net.http cannot request fails here, not in listen().
    constructor.addCode(CodeText.statement("$T.builder(address)", SSE_CLIENT));
    constructor.addCode(CodeText.statement("this.options = options"));
    constructor.addCode(CodeText.statement("this.codec = codec"));
    return constructor.build();
  }

  private static MethodSpec onMessage(ChannelPlan plan, MessagePlan message) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("on" + message.suffix())
        .addJavadoc(CodeText.of(
            "Calls {@code listener} with each {@code $L} message, sent as events named {@code"
                + " $L}.\n",
            Javadoc.escape(message.message().id()),
            Javadoc.escape(message.message().eventName())))
        .addModifiers(Modifier.PUBLIC)
        .returns(plan.clientClass())
        .addParameter(RuntimeTypes.messageConsumer(message.payloadType()), "listener")
        .addCode(CodeText.statement("this.$L = listener", listenerField(message)));
    if (plan.singleMessage()) {
      method.addJavadoc("Events without a name are taken as this message too.\n");
    }
    method.addJavadoc("It replaces the listener set before for this message.\n");
    return method.addCode(CodeText.statement("return this")).build();
  }

  private static String listenerField(MessagePlan message) {
    return JavaNames.memberName(message.suffix()) + "Listener";
  }

  /** Builds a fresh dispatching listener from the callbacks set so far, then subscribes. */
  private static CodeBlock listenBody(ChannelPlan plan) {
    CodeText code = CodeText.builder()
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
    return code.addStatement("return sseClient().subscribe(listener.build())").build();
  }

  private static MethodSpec listenSingle(ChannelPlan plan) {
    MessagePlan message = plan.messages().get(0);
    return MethodSpec.methodBuilder("listen")
        .addJavadoc(CodeText.of(
            "Connects and calls {@code listener} with each message.\n\n"
                + "@return the subscription; close it to disconnect\n"))
        .addModifiers(Modifier.PUBLIC)
        .returns(SUBSCRIPTION)
        .addParameter(RuntimeTypes.messageConsumer(message.payloadType()), "listener")
        .addCode(CodeText.statement("on$L(listener)", message.suffix()))
        .addCode(CodeText.statement("return listen()"))
        .build();
  }

  /**
   * Returns the sealed type of every message of a channel with several messages: one record per
   * message, holding the received {@code Message}. Accessors and {@code match} make it usable
   * without the pattern matching {@code switch} of Java 21.
   */
  private static TypeSpec eventType(ChannelPlan plan) {
    ClassName event = plan.clientClass().nestedClass(EVENT);
    TypeName common = commonPayloadType(plan);
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(event)
        .addJavadoc(CodeText.of(
            "Any message of channel {@code $L}. Switch over the members, or call {@link #match}"
                + " with one function per message.\n",
            Javadoc.escape(plan.channel().id())))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED);
    type.addMethod(MethodSpec.methodBuilder("message")
        .addJavadoc("Returns the received message.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
        .returns(ParameterizedTypeName.get(
            MESSAGE,
            common.equals(OBJECT) ? WildcardTypeName.subtypeOf(Object.class)
                : WildcardTypeName.subtypeOf(common)))
        .build());
    type.addMethod(MethodSpec.methodBuilder("payload")
        .addJavadoc("Returns the message's payload.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .returns(common)
        .addCode(CodeText.statement("return message().payload()"))
        .build());
    type.addMethod(MethodSpec.methodBuilder("id")
        .addJavadoc("Returns the last event ID string at this message, or {@code \"\"}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .returns(String.class)
        .addCode(CodeText.statement("return message().id()"))
        .build());
    type.addMethod(MethodSpec.methodBuilder("name")
        .addJavadoc("Returns the SSE event type the message arrived with.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .returns(String.class)
        .addCode(CodeText.statement("return message().name()"))
        .build());
    type.addMethod(match(plan, event));
    for (MessagePlan message : plan.messages()) {
      ClassName member = event.nestedClass(message.suffix());
      type.addPermittedSubclass(member);
      type.addType(TypeSpec.recordBuilder(member)
          .addJavadoc(CodeText.of(
              "A {@code $L} message.\n\n@param message the received message\n",
              Javadoc.escape(message.message().id())))
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addSuperinterface(event)
          .recordConstructor(MethodSpec.constructorBuilder()
              .addParameter(ParameterizedTypeName.get(MESSAGE, message.payloadType()), "message")
              .build())
          .build());
    }
    return type.build();
  }

  /** Returns the payload type every message shares, or {@code Object}. */
  private static TypeName commonPayloadType(ChannelPlan plan) {
    TypeName first = plan.messages().get(0).payloadType();
    boolean shared = plan.messages().stream().allMatch(message -> message.payloadType().equals(first));
    return shared ? first : OBJECT;
  }

  /** Returns {@code match}, which applies the function for the event's member. */
  private static MethodSpec match(ChannelPlan plan, ClassName event) {
    TypeVariableName result = TypeVariableName.get("R");
    MethodSpec.Builder method = MethodSpec.methodBuilder("match")
        .addJavadoc(CodeText.of(
            "Applies the function for this event's message and returns its result.\n\n"
                + "@param <R> the result type\n"))
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .addTypeVariable(result)
        .returns(result);
    List<MessagePlan> messages = plan.messages();
    for (MessagePlan message : messages) {
      String parameter = "on" + message.suffix();
      method.addJavadoc(CodeText.of("@param $L applied to a {@code $L} message\n", parameter,
          Javadoc.escape(message.message().id())));
      method.addParameter(ParameterizedTypeName.get(ClassName.get(Function.class),
          WildcardTypeName.supertypeOf(ParameterizedTypeName.get(MESSAGE, message.payloadType())),
          WildcardTypeName.subtypeOf(result)), parameter);
    }
    for (MessagePlan message : messages.subList(0, messages.size() - 1)) {
      ClassName member = event.nestedClass(message.suffix());
      method.addCode(CodeText.controlFlowStart("if (this instanceof $T member)", member))
          .addCode(CodeText.statement("return on$L.apply(member.message())", message.suffix()))
          .endControlFlow();
    }
    MessagePlan last = messages.get(messages.size() - 1);
    // The interface is sealed, so the last member is the only one left.
    return method.addCode(CodeText.statement(
        "return on$L.apply((($T) this).message())", last.suffix(),
            event.nestedClass(last.suffix())))
        .build();
  }

  private static MethodSpec listenAll(ChannelPlan plan) {
    ClassName event = plan.clientClass().nestedClass(EVENT);
    MethodSpec.Builder method = MethodSpec.methodBuilder("listen")
        .addJavadoc(CodeText.of(
            "Connects and calls {@code listener} with every message of the channel, each wrapped"
                + " in its member of {@link Event}.\n\n"
                + "@return the subscription; close it to disconnect\n"))
        .addModifiers(Modifier.PUBLIC)
        .returns(SUBSCRIPTION)
        .addParameter(RuntimeTypes.consumerOf(event), "listener");
    for (MessagePlan message : plan.messages()) {
      method.addCode(CodeText.statement(
          "on$L(message -> listener.accept(new $T(message)))",
          message.suffix(),
          event.nestedClass(message.suffix())));
    }
    return method.addCode(CodeText.statement("return listen()")).build();
  }

  private static MethodSpec fluent(
      ClassName self, String name, Object parameterType, String parameter, String statement, String doc) {
    TypeName typeName = parameterType instanceof TypeName given
        ? given
        : TypeName.get((Class<?>) parameterType);
    return MethodSpec.methodBuilder(name)
        .addJavadoc(CodeText.of("$L\n\n@return this client\n", doc))
        .addModifiers(Modifier.PUBLIC)
        .returns(self)
        .addParameter(typeName, parameter)
        .addStatement(statement)
        .addCode(CodeText.statement("return this"))
        .build();
  }

  /** Adds the constants that client and server classes share. */
  static final class ChannelConstants {

    private ChannelConstants() {}

    /** Returns {@code MessageType.json(name, Payload.class)}, or a type token for a generic type. */
    private static CodeBlock messageTypeInitializer(MessagePlan message) {
      String eventName = message.message().eventName();
      if (message.payloadType() instanceof ClassName) {
        return CodeText.of(
            "$T.json($S, $T.class)", RuntimeTypes.MESSAGE_TYPE, eventName, message.payloadType());
      }
      return CodeText.of(
          "$T.json($S, new $T<$T>() { })",
          RuntimeTypes.MESSAGE_TYPE,
          eventName,
          RuntimeTypes.TYPE_TOKEN,
          message.payloadType());
    }

    /** Adds a paragraph that names the actions of the document's operations on the channel. */
    static void addActionsJavadoc(TypeSpec.Builder type, ChannelPlan plan) {
      List<String> actions = plan.channel().actions();
      if (actions.isEmpty()) {
        return;
      }
      type.addJavadoc(CodeText.of(
          "\n<p>The document's operations on this channel: $L. Both the client and the server"
              + " are generated whatever the action.\n",
          String.join(", ", actions.stream().map(ChannelConstants::describeAction).toList())));
    }

    private static String describeAction(String action) {
      return switch (action) {
        case "send" -> "{@code send} (the application sends these messages)";
        case "receive" -> "{@code receive} (the application receives these messages)";
        default -> "{@code " + Javadoc.escape(action) + "}";
      };
    }

    static void add(TypeSpec.Builder type, ChannelPlan plan) {
      type.addField(
          FieldSpec.builder(String.class, "ADDRESS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The channel's address, with parameters in braces.\n")
              .initializer(CodeText.of("$S", plan.channel().address()))
              .build());
      for (MessagePlan message : plan.messages()) {
        type.addField(
            FieldSpec.builder(
                    RuntimeTypes.messageType(message.payloadType()),
                    message.constant(),
                    Modifier.PUBLIC,
                    Modifier.STATIC,
                    Modifier.FINAL)
                .addJavadoc(CodeText.of(
                    "Message {@code $L}: SSE event name {@code $L}.\n",
                    Javadoc.escape(message.message().id()),
                    Javadoc.escape(message.message().eventName())))
                .initializer(messageTypeInitializer(message))
                .build());
      }
      type.addField(
          FieldSpec.builder(PATH_TEMPLATE, "PATH", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer(CodeText.of("$T.parse(ADDRESS)", PATH_TEMPLATE))
              .build());
    }
  }
}
