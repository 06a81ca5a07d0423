package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/** The runtime classes that generated code calls. */
final class RuntimeTypes {

  private static final String RUNTIME = "dev.asyncsse.runtime";
  private static final String CLIENT = RUNTIME + ".client";
  private static final String SERVER = RUNTIME + ".server";

  static final ClassName MESSAGE = ClassName.get(RUNTIME, "Message");
  static final ClassName MESSAGE_TYPE = ClassName.get(RUNTIME, "MessageType");
  static final ClassName PATH_TEMPLATE = ClassName.get(RUNTIME, "PathTemplate");
  static final ClassName BASE_URI = ClassName.get(RUNTIME, "BaseUri");
  static final ClassName TYPE_TOKEN = ClassName.get(RUNTIME, "TypeToken");
  static final ClassName JSON_CODEC = ClassName.get(RUNTIME + ".json", "JsonCodec");
  static final ClassName REQUEST_VALUES = ClassName.get(RUNTIME, "RequestValues");

  static final ClassName SSE_CLIENT = ClassName.get(CLIENT, "SseClient");
  static final ClassName SSE_CLIENT_BUILDER = SSE_CLIENT.nestedClass("Builder");
  static final ClassName CHANNEL_LISTENER = ClassName.get(CLIENT, "ChannelListener");
  static final ClassName CHANNEL_LISTENER_BUILDER = CHANNEL_LISTENER.nestedClass("Builder");
  static final ClassName SUBSCRIPTION = ClassName.get(CLIENT, "Subscription");
  static final ClassName SSE_ERROR = ClassName.get(CLIENT, "SseError");
  static final ClassName MESSAGE_DECODER = ClassName.get(CLIENT, "MessageDecoder");

  static final ClassName SSE_SERVER = ClassName.get(SERVER, "SseServer");
  static final ClassName SSE_ENDPOINT = ClassName.get(SERVER, "SseEndpoint");
  static final ClassName SSE_ENDPOINT_BUILDER = SSE_ENDPOINT.nestedClass("Builder");
  static final ClassName SSE_REQUEST = ClassName.get(SERVER, "SseRequest");
  static final ClassName SSE_CONNECTION_HANDLER = ClassName.get(SERVER, "SseConnectionHandler");
  static final ClassName SSE_STREAM = ClassName.get(SERVER, "SseStream");
  static final ClassName BROADCASTER = ClassName.get(SERVER, "Broadcaster");
  static final ClassName TYPED_STREAM = ClassName.get(SERVER, "TypedStream");

  static final ClassName HTTP_SERVER = ClassName.get("com.sun.net.httpserver", "HttpServer");
  static final ClassName HTTP_CLIENT = ClassName.get("java.net.http", "HttpClient");
  static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  static final ClassName URI = ClassName.get("java.net", "URI");

  private RuntimeTypes() {}

  static TypeName messageType(TypeName payload) {
    return ParameterizedTypeName.get(MESSAGE_TYPE, payload);
  }

  static TypeName consumerOf(TypeName type) {
    return ParameterizedTypeName.get(CONSUMER, type);
  }

  static TypeName messageConsumer(TypeName payload) {
    return consumerOf(ParameterizedTypeName.get(MESSAGE, payload));
  }
}
