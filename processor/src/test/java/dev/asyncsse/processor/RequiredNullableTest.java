package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.testing.compile.Compilation;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that a property that is required and allows null is written as JSON {@code null} when its
 * value is null, so the record decodes back equal, and that decoding still rejects JSON that leaves
 * the property out. Optional properties whose value is null are still left out.
 */
class RequiredNullableTest {

  private static final String PACKAGE = "com.example.requirednullable";
  private static final String DOCUMENT =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Required nullable\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  things:\n"
          + "    address: things\n"
          + "    messages:\n"
          + "      thing: {payload: {$ref: '#/components/schemas/Thing'}}\n"
          + "      shape: {payload: {$ref: '#/components/schemas/Shape'}}\n"
          + "      bag: {payload: {$ref: '#/components/schemas/Bag'}}\n"
          + "      tagged: {payload: {$ref: '#/components/schemas/Tagged'}}\n"
          + "      pick: {payload: {$ref: '#/components/schemas/Pick'}}\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Thing:\n"
          + "      type: object\n"
          + "      required: [note, count, kind, id]\n"
          + "      properties:\n"
          + "        note: {type: [string, 'null']}\n"
          + "        count: {type: integer, nullable: true}\n"
          + "        kind: {type: [string, 'null'], enum: [small, large, null]}\n"
          + "        id: {type: string}\n"
          + "        old: {type: [integer, 'null']}\n"
          + "        inner:\n"
          + "          type: object\n"
          + "          required: [label]\n"
          + "          properties:\n"
          + "            label: {type: string, nullable: true}\n"
          + "        items:\n"
          + "          type: array\n"
          + "          items: {$ref: '#/components/schemas/Item'}\n"
          + "    Item:\n"
          + "      type: object\n"
          + "      required: [size]\n"
          + "      properties:\n"
          + "        size: {type: [number, 'null']}\n"
          + "    Shape:\n"
          + "      oneOf:\n"
          + "        - $ref: '#/components/schemas/Circle'\n"
          + "        - $ref: '#/components/schemas/Square'\n"
          + "    Circle:\n"
          + "      type: object\n"
          + "      required: [radius]\n"
          + "      properties:\n"
          + "        radius: {type: [number, 'null']}\n"
          + "    Square:\n"
          + "      type: object\n"
          + "      required: [side]\n"
          + "      properties:\n"
          + "        side: {type: number}\n"
          + "    Bag:\n"
          + "      type: object\n"
          + "      required: [label]\n"
          + "      properties:\n"
          + "        label: {type: [string, 'null']}\n"
          + "      additionalProperties: {type: string}\n"
          + "    Tagged:\n"
          + "      type: object\n"
          + "      required: [label]\n"
          + "      properties:\n"
          + "        label: {type: [string, 'null']}\n"
          + "      patternProperties:\n"
          + "        '^x-': {type: string}\n"
          + "      additionalProperties: {type: integer}\n"
          + "    Pick:\n"
          + "      type: object\n"
          + "      required: [choice, item]\n"
          + "      properties:\n"
          + "        choice:\n"
          + "          oneOf: [{type: string}, {type: 'null'}]\n"
          + "        item:\n"
          + "          anyOf: [{$ref: '#/components/schemas/Item'}, {type: 'null'}]\n";

  private static CompiledClasses classes;

  private final JsonCodec json = JsonCodec.jackson();

  @BeforeAll
  static void compile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("things.yaml"), DOCUMENT);
    Compilation compilation = javac()
        .withProcessors(new AsyncApiProcessor())
        .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
        .compile(Sources.packageInfoFor(PACKAGE, "things.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    classes = new CompiledClasses(compilation);
  }

  private static Class<?> type(String simpleName) throws ClassNotFoundException {
    return classes.loadClass(PACKAGE + "." + simpleName);
  }

  /** Calls the canonical constructor of the record {@code simpleName}. */
  private static Object create(String simpleName, Object... arguments) throws Exception {
    Class<?> type = type(simpleName);
    Class<?>[] parameters = Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    Constructor<?> canonical = type.getDeclaredConstructor(parameters);
    return canonical.newInstance(arguments);
  }

  /** Returns a {@code Thing} whose required nullable properties are null. */
  private static Object thingOfNulls(Object inner, Object items) throws Exception {
    return create("Thing", null, null, null, "t1", null, inner, items);
  }

  private void assertRoundTrip(Object record, Class<?> decodedAs) {
    String encoded = json.encode(record);
    assertEquals(record, json.decode(encoded, decodedAs), encoded);
  }

  private String rejection(String input, Class<?> type) {
    JsonCodecException e = assertThrows(JsonCodecException.class, () -> json.decode(input, type),
        "accepted " + input);
    return e.getMessage();
  }

  @Test
  void topLevelNullWritten() throws Exception {
    Object thing = thingOfNulls(null, null);

    assertEquals("{\"note\":null,\"count\":null,\"kind\":null,\"id\":\"t1\"}", json.encode(thing));
    assertRoundTrip(thing, type("Thing"));
  }

  @Test
  void optionalNullStillOmitted() throws Exception {
    Object thing = create("Thing", "n", 3, null, "t1", null, null, null);

    assertEquals("{\"note\":\"n\",\"count\":3,\"kind\":null,\"id\":\"t1\"}", json.encode(thing));
    assertRoundTrip(thing, type("Thing"));
  }

  @Test
  void nestedInlineObjectNullWritten() throws Exception {
    Object thing = thingOfNulls(create("ThingInner", (Object) null), null);

    assertTrue(json.encode(thing).endsWith(",\"inner\":{\"label\":null}}"), json.encode(thing));
    assertRoundTrip(thing, type("Thing"));
  }

  @Test
  void listItemNullWritten() throws Exception {
    Object thing = thingOfNulls(null, List.of(create("Item", 1.5), create("Item", (Object) null)));

    assertTrue(json.encode(thing).endsWith(",\"items\":[{\"size\":1.5},{\"size\":null}]}"),
        json.encode(thing));
    assertRoundTrip(thing, type("Thing"));
  }

  @Test
  void unionMemberNullWritten() throws Exception {
    Object circle = create("Circle", (Object) null);

    assertEquals("{\"radius\":null}", json.encode(circle));
    assertRoundTrip(circle, type("Shape"));
    assertRoundTrip(circle, type("Circle"));
  }

  @Test
  void additionalPropertiesRecordNullWritten() throws Exception {
    Object bag = create("Bag", null, Map.of("colour", "red"));

    assertEquals("{\"label\":null,\"colour\":\"red\"}", json.encode(bag));
    assertRoundTrip(bag, type("Bag"));
  }

  @Test
  void patternPropertiesRecordNullWritten() throws Exception {
    Object tagged = create("Tagged", null, Map.of("x-a", "b"), Map.of("count", 2));

    assertEquals("{\"label\":null,\"x-a\":\"b\",\"count\":2}", json.encode(tagged));
    assertRoundTrip(tagged, type("Tagged"));
  }

  @Test
  void unionWithNullMemberNullWritten() throws Exception {
    Object pick = create("Pick", null, null);

    assertEquals("{\"choice\":null,\"item\":null}", json.encode(pick));
    assertRoundTrip(pick, type("Pick"));
  }

  @Test
  void unionWithNullMemberValueRoundTrips() throws Exception {
    Object pick = create("Pick", create("PickChoiceString", "abc"), create("Item", (Object) null));

    assertEquals("{\"choice\":\"abc\",\"item\":{\"size\":null}}", json.encode(pick));
    assertRoundTrip(pick, type("Pick"));
  }

  @Test
  void unionWithNullMemberHasNoNullMember() throws Exception {
    assertEquals(List.of(type("PickChoiceString")),
        List.of(type("PickChoice").getPermittedSubclasses()));
    assertEquals(List.of(type("Item")), List.of(type("PickItem").getPermittedSubclasses()));
  }

  /**
   * Validates the encoded records against their schemas with an independent JSON Schema validator
   * (networknt, draft 7). Schemas that use OpenAPI's {@code nullable}, which draft 7 does not
   * define, are left out.
   */
  @Test
  void encodedJsonMatchesSchema() throws Exception {
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("Item", create("Item", (Object) null));
    records.put("Shape", create("Circle", (Object) null));
    records.put("Bag", create("Bag", null, Map.of("colour", "red")));
    records.put("Tagged", create("Tagged", null, Map.of("x-a", "b"), Map.of("count", 2)));
    records.put("Pick", create("Pick", null, null));

    for (Map.Entry<String, Object> entry : records.entrySet()) {
      String encoded = json.encode(entry.getValue());
      List<String> errors = schema(entry.getKey()).validate(encoded, InputFormat.JSON).stream()
          .map(Object::toString)
          .toList();
      assertEquals(List.of(), errors, entry.getKey() + " " + encoded);
    }
    assertEquals(1, schema("Item").validate("{}", InputFormat.JSON).size());
  }

  private static Schema schema(String name) throws Exception {
    ObjectNode root = (ObjectNode) new YAMLMapper().readTree(DOCUMENT);
    root.put("$ref", "#/components/schemas/" + name);
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema((JsonNode) root);
  }

  /**
   * Publishes records whose required nullable properties are null from the generated server and
   * receives them with the generated client over loopback.
   */
  @Test
  void loopbackDeliversNullProperties() throws Exception {
    Object thing = thingOfNulls(create("ThingInner", (Object) null), List.of(create("Item", 2.0)));
    Object circle = create("Circle", (Object) null);
    Object pick = create("Pick", null, null);

    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Class<?> entry = type("RequiredNullable");
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      Object builder = entry.getMethod("client", URI.class).invoke(null, baseUri);
      Object client = builder.getClass().getMethod("build").invoke(builder);

      assertEquals(thing, roundTrip(server, client, "Thing", thing));
      assertEquals(circle, roundTrip(server, client, "Shape", circle));
      assertEquals(pick, roundTrip(server, client, "Pick", pick));
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  /** Publishes {@code payload} as {@code message} and returns the payload the client receives. */
  private static Object roundTrip(Object server, Object client, String message, Object payload)
      throws Exception {
    Object channelServer = server.getClass().getMethod("things").invoke(server);
    Object broadcaster =
        channelServer.getClass().getMethod("broadcast" + message).invoke(channelServer);
    Object channelClient = client.getClass().getMethod("things").invoke(client);
    BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
    BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
    CountDownLatch opened = new CountDownLatch(1);
    Consumer<Message<?>> onMessage = received::add;
    Consumer<Object> onError = errors::add;
    channelClient.getClass().getMethod("on" + message, Consumer.class)
        .invoke(channelClient, onMessage);
    channelClient.getClass().getMethod("onOpen", Runnable.class)
        .invoke(channelClient, (Runnable) opened::countDown);
    channelClient.getClass().getMethod("onError", Consumer.class).invoke(channelClient, onError);
    try (AutoCloseable subscription =
        (AutoCloseable) channelClient.getClass().getMethod("listen").invoke(channelClient)) {
      assertTrue(opened.await(10, TimeUnit.SECONDS), "the stream did not open: " + errors);
      broadcaster.getClass().getMethod("publish", Object.class).invoke(broadcaster, payload);
      Message<?> arrived = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(arrived, "nothing arrived; errors: " + errors);
      assertTrue(errors.isEmpty(), errors.toString());
      return arrived.payload();
    }
  }

  @Test
  void explicitNullAccepted() throws Exception {
    assertEquals(thingOfNulls(null, null),
        json.decode("{\"note\":null,\"count\":null,\"kind\":null,\"id\":\"t1\"}", type("Thing")));
    assertEquals(create("ThingInner", (Object) null),
        json.decode("{\"label\":null}", type("ThingInner")));
    assertEquals(create("Item", (Object) null), json.decode("{\"size\":null}", type("Item")));
    assertEquals(create("Circle", (Object) null), json.decode("{\"radius\":null}", type("Shape")));
    assertEquals(create("Bag", null, Map.of()), json.decode("{\"label\":null}", type("Bag")));
    assertEquals(create("Tagged", null, Map.of(), Map.of()),
        json.decode("{\"label\":null}", type("Tagged")));
    assertEquals(create("Pick", null, null),
        json.decode("{\"choice\":null,\"item\":null}", type("Pick")));
  }

  @Test
  void missingPropertyRejected() throws Exception {
    String missingNote = rejection("{\"count\":null,\"kind\":null,\"id\":\"t1\"}", type("Thing"));
    assertTrue(missingNote.contains("note: required property is missing"), missingNote);
    String missingCount = rejection("{\"note\":null,\"kind\":null,\"id\":\"t1\"}", type("Thing"));
    assertTrue(missingCount.contains("count: required property is missing"), missingCount);
    String missingLabel = rejection("{}", type("ThingInner"));
    assertTrue(missingLabel.contains("label: required property is missing"), missingLabel);
    String missingSize = rejection("{}", type("Item"));
    assertTrue(missingSize.contains("size: required property is missing"), missingSize);
    String missingBagLabel = rejection("{\"colour\":\"red\"}", type("Bag"));
    assertTrue(missingBagLabel.contains("label: required property is missing"), missingBagLabel);
    String missingTaggedLabel = rejection("{\"x-a\":\"b\"}", type("Tagged"));
    assertTrue(
        missingTaggedLabel.contains("label: required property is missing"), missingTaggedLabel);
    String missingChoice = rejection("{\"item\":null}", type("Pick"));
    assertTrue(missingChoice.contains("choice: required property is missing"), missingChoice);
  }

  @Test
  void missingPropertyChoosesNoMember() throws Exception {
    String message = rejection("{}", type("Shape"));

    assertTrue(message.contains("No member of Shape accepts a JSON OBJECT"), message);
  }

  @Test
  void ownTypeExcludesNullMember(@TempDir Path dir) throws Exception {
    String document = "asyncapi: 3.0.0\n"
        + "info: {title: Own type, version: 1.0.0}\n"
        + "channels:\n"
        + "  codes:\n"
        + "    address: codes\n"
        + "    messages:\n"
        + "      code: {payload: {$ref: '#/components/schemas/Code'}}\n"
        + "components:\n"
        + "  schemas:\n"
        + "    Code:\n"
        + "      type: object\n"
        + "      required: [value, label]\n"
        + "      properties:\n"
        + "        value: {type: string, anyOf: [{maxLength: 5}, {type: 'null'}]}\n"
        + "        label: {enum: [a, b], oneOf: [{type: string}, {type: 'null'}]}\n";
    Compilation compilation =
        Sources.compile(dir, PACKAGE + ".own", "codes.yaml", document, "-Xlint:all");
    assertThat(compilation).succeeded();
    Class<?> code = new CompiledClasses(compilation).loadClass(PACKAGE + ".own.Code");
    SchemaVerdicts verdicts = new SchemaVerdicts(
        document, "/components/schemas/Code", SpecificationVersion.DRAFT_7, code);

    verdicts.accepts("{\"value\":\"abc\",\"label\":\"a\"}");
    verdicts.rejects("{\"value\":null,\"label\":\"a\"}");
    verdicts.rejects("{\"value\":\"abc\",\"label\":null}");
  }
}
