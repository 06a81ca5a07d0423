package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.model.ApiModel;
import dev.asyncsse.processor.model.ChannelModel;
import dev.asyncsse.processor.model.MessageModel;
import dev.asyncsse.processor.model.ModelReader;
import dev.asyncsse.processor.model.ParameterModel;
import dev.asyncsse.processor.read.DocumentFile;
import dev.asyncsse.processor.read.DocumentSet;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.types.JavaNames;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every AsyncAPI document of the shared corpus, written by other people and tools, through
 * the processor: the generated code must compile without warnings under {@code -Xlint:all}, and
 * every message of every channel must travel from the generated server to the generated client
 * over loopback and arrive equal to what was published.
 */
class CorpusTest {

  private static final JsonCodec JSON = JsonCodec.jackson();

  /**
   * The warnings reading a document's model must produce, by document. Springwolf gives each
   * message its own headers schema with a per-class type header, so its channels with several
   * messages get no typed request headers.
   */
  private static final Map<String, List<String>> EXPECTED_WARNINGS = Map.of(
      "springwolf-kafka-v3.yaml",
      List.of(
          Messages.differentChannelHeaders(
              "multi-payload-topic",
              List.of("io.github.springwolf.examples.kafka.dtos.AnotherPayloadDto",
                  "io.github.springwolf.examples.kafka.dtos.ExamplePayloadDto",
                  "javax.money.MonetaryAmount")),
          Messages.differentChannelHeaders(
              "string-topic",
              List.of("io.github.springwolf.examples.kafka.consumers.StringConsumer.StringEnvelope",
                  "java.lang.String"))));

  /** The warnings mapping a document's schemas must produce, by document. */
  private static final Map<String, List<String>> EXPECTED_SCHEMA_WARNINGS = Map.of(
      "generator-dummy-v2.yaml",
      List.of("generator-dummy-v2.yaml:308:16: "
          + Messages.defaultNotApplied("dummyArrayValueRank", "-1", "DummyArrayValueRank")));

  static Stream<String> documents() throws IOException {
    Path dir = Corpus.dir();
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".json"))
          .filter(CorpusTest::isAsyncApiDocument)
          .map(file -> dir.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static boolean isAsyncApiDocument(Path file) {
    try {
      String text = Files.readString(file);
      return text.startsWith("asyncapi:") || text.contains("\"asyncapi\"");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("documents")
  void documentRoundTripsEveryMessage(String document) throws Exception {
    String packageName = "corpus." + JavaNames.memberName(document.replace(".yaml", "").replace(".json", "")).toLowerCase(Locale.ROOT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions(Corpus.specDirOption(), "-Xlint:all")
        .compile(Sources.packageInfoFor(packageName, document));
    List<String> expectedWarnings = new java.util.ArrayList<>(
        EXPECTED_WARNINGS.getOrDefault(document, List.of()));
    expectedWarnings.addAll(EXPECTED_SCHEMA_WARNINGS.getOrDefault(document, List.of()));
    if (expectedWarnings.isEmpty()) {
      assertThat(compilation).succeededWithoutWarnings();
    } else {
      assertThat(compilation).succeeded();
      assertEquals(expectedWarnings.size(), compilation.warnings().size(),
          compilation.warnings().toString());
      for (String warning : expectedWarnings) {
        assertThat(compilation).hadWarningContaining(warning);
      }
    }

    CompiledClasses classes = new CompiledClasses(compilation);
    Class<?> entry = entryClass(compilation, classes);
    ModelAndRefs model = model(document);

    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      // A client given the document's server URL connects below its path, where server(http)
      // serves the channels.
      String basePath = (String) entry.getField("BASE_PATH").get(null);
      URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + basePath);
      Object clientBuilder = entry.getMethod("client", URI.class).invoke(null, baseUri);
      Object client = clientBuilder.getClass().getMethod("build").invoke(clientBuilder);
      int messages = 0;
      for (ChannelModel channel : model.api().channels()) {
        for (MessageModel message : channel.messages()) {
          roundTrip(classes, model, server, client, channel, message);
          messages++;
        }
      }
      assertTrue(messages > 0 || model.api().channels().isEmpty(), "no message was sent");
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  private void roundTrip(
      CompiledClasses classes,
      ModelAndRefs model,
      Object server,
      Object client,
      ChannelModel channel,
      MessageModel message) throws Exception {
    String where = "channel " + channel.id() + ", message " + message.id();
    String accessor = JavaNames.memberName(channel.id());
    String suffix = JavaNames.typeName(message.id());

    Object channelServer = server.getClass().getMethod(accessor).invoke(server);
    Object channelClient = channelClient(client, accessor, channel);
    MessageType<?> type =
        (MessageType<?>) channelClient.getClass().getField(JavaNames.constantName(message.id())).get(null);
    String sample = message.payload() == null
        ? "{}"
        : new SampleJson(model.refs()).of(message.payload()).toString();
    Object payload;
    try {
      payload = type.decode(sample, JSON);
    } catch (RuntimeException e) {
      throw new AssertionError(where + ": the generated type rejects the sample " + sample, e);
    }
    // A payload that can only be JSON null is Void, and its only value is null.
    assertEquals(sample.equals("null"), type.isNullPayload(), where);

    Object broadcaster = channelServer.getClass().getMethod("broadcast" + suffix).invoke(channelServer);
    BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    List<Object> errors = new ArrayList<>();
    CountDownLatch opened = new CountDownLatch(1);
    Consumer<Message<?>> onMessage = received::add;
    channelClient.getClass().getMethod("on" + suffix, Consumer.class).invoke(channelClient, onMessage);
    channelClient.getClass().getMethod("onOpen", Runnable.class)
        .invoke(channelClient, (Runnable) opened::countDown);
    Consumer<Object> onError = errors::add;
    channelClient.getClass().getMethod("onError", Consumer.class).invoke(channelClient, onError);
    AutoCloseable subscription = (AutoCloseable) channelClient.getClass().getMethod("listen").invoke(channelClient);
    try {
      assertTrue(opened.await(10, TimeUnit.SECONDS), where + ": stream did not open " + errors);
      broadcaster.getClass().getMethod("publish", Object.class).invoke(broadcaster, payload);
      Object arrived = received.poll(10, TimeUnit.SECONDS);
      if (arrived == null) {
        fail(where + ": nothing arrived; errors " + errors);
      }
      Message<?> delivered = (Message<?>) arrived;
      assertEquals(type.eventName(), delivered.name(), where);
      if (type.isNullPayload()) {
        assertEquals(null, delivered.payload(), where);
      } else {
        assertEquals(JSON.encode(payload), JSON.encode(delivered.payload()), where);
      }
    } finally {
      subscription.close();
    }
  }

  private Object channelClient(Object client, String accessor, ChannelModel channel) throws Exception {
    for (Method method : client.getClass().getMethods()) {
      if (!method.getName().equals(accessor)) {
        continue;
      }
      if (method.getParameterCount() == 0 && channel.parameters().isEmpty()) {
        return method.invoke(client);
      }
      if (method.getParameterCount() == 1 && method.getParameterTypes()[0].isRecord()) {
        Class<?> parametersType = method.getParameterTypes()[0];
        Object parameters = parametersType.getMethod("fromMap", Map.class)
            .invoke(null, parameterValues(channel));
        return method.invoke(client, parameters);
      }
    }
    throw new AssertionError("no client method " + accessor + " for channel " + channel.id());
  }

  private static Map<String, String> parameterValues(ChannelModel channel) {
    Map<String, String> values = new LinkedHashMap<>();
    for (ParameterModel parameter : channel.parameters()) {
      String value = !parameter.allowedValues().isEmpty() ? parameter.allowedValues().get(0)
          : parameter.defaultValue() != null ? parameter.defaultValue()
          : !parameter.examples().isEmpty() ? parameter.examples().get(0)
          : "value 1/é";
      values.put(parameter.name(), value);
    }
    return values;
  }

  private static Class<?> entryClass(Compilation compilation, CompiledClasses classes)
      throws ClassNotFoundException {
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String name = file.getName();
      String binary = name.substring(name.indexOf("/SOURCE_OUTPUT/") + "/SOURCE_OUTPUT/".length(),
          name.length() - ".java".length()).replace('/', '.');
      Class<?> type = classes.loadClass(binary);
      try {
        type.getMethod("server", HttpServer.class);
        return type;
      } catch (NoSuchMethodException e) {
        // not the entry class
      }
    }
    throw new AssertionError("no generated class has server(HttpServer)");
  }

  private record ModelAndRefs(ApiModel api, RefResolver refs) {}

  private static ModelAndRefs model(String document) throws IOException {
    Path file = Corpus.dir().resolve(document);
    Problems problems = new Problems();
    DocumentSet documents =
        new DocumentSet(new DocumentFile(document, file.toUri()), Files.readAllBytes(file), problems);
    RefResolver refs = new RefResolver(documents, problems);
    ApiModel api = new ModelReader(refs, problems).read(documents.mainRoot().orElseThrow()).orElseThrow();
    assertEquals(
        EXPECTED_WARNINGS.getOrDefault(document, List.of()),
        problems.all().stream().map(problem -> problem.message()).toList(),
        "problems reading " + document);
    return new ModelAndRefs(api, refs);
  }
}
