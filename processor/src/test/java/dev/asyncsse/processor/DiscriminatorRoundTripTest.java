package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.json.JsonCodecException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes members of a union with a discriminator from a generated server and reads them with a
 * generated client over loopback: the member's tag must be on the wire, and must select the same
 * member on the other side.
 */
class DiscriminatorRoundTripTest {

  private static final JsonCodec JSON = JsonCodec.jackson();
  private static final ObjectMapper TREES = new ObjectMapper();

  /** Three members with the same properties, so only the discriminator distinguishes them. */
  private static final String PETS =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Pets\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  pets:\n"
          + "    address: /pets\n"
          + "    messages:\n"
          + "      pet:\n"
          + "        payload:\n"
          + "          $ref: '#/components/schemas/Pet'\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Pet:\n"
          + "      oneOf:\n"
          + "        - $ref: '#/components/schemas/Cat'\n"
          + "        - $ref: '#/components/schemas/Dog'\n"
          + "        - $ref: '#/components/schemas/Bird'\n"
          + "      discriminator:\n"
          + "        propertyName: petType\n"
          + "        mapping:\n"
          + "          cat: '#/components/schemas/Cat'\n"
          + "    Cat:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        name: {type: string}\n"
          + "    Dog:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        name: {type: string}\n"
          + "    Bird:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        name: {type: string}\n"
          + "        petType: {type: string}\n";

  /**
   * Members that declare the discriminator themselves: optional on Cat, which has a mapping key,
   * and required on Dog, which has none. Bird does not declare it.
   */
  private static final String DECLARED_TAGS =
      "asyncapi: 3.0.0\n"
          + "info:\n"
          + "  title: Pets\n"
          + "  version: 1.0.0\n"
          + "channels:\n"
          + "  pets:\n"
          + "    address: /pets\n"
          + "    messages:\n"
          + "      pet:\n"
          + "        payload:\n"
          + "          $ref: '#/components/schemas/Pet'\n"
          + "components:\n"
          + "  schemas:\n"
          + "    Pet:\n"
          + "      oneOf:\n"
          + "        - $ref: '#/components/schemas/Bird'\n"
          + "        - $ref: '#/components/schemas/Cat'\n"
          + "        - $ref: '#/components/schemas/Dog'\n"
          + "      discriminator:\n"
          + "        propertyName: petType\n"
          + "        mapping:\n"
          + "          kitty: '#/components/schemas/Cat'\n"
          + "    Bird:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        name: {type: string}\n"
          + "    Cat:\n"
          + "      type: object\n"
          + "      properties:\n"
          + "        petType: {type: string}\n"
          + "        name: {type: string}\n"
          + "        lives: {type: integer}\n"
          + "    Dog:\n"
          + "      type: object\n"
          + "      required: [petType, name]\n"
          + "      properties:\n"
          + "        petType: {type: string}\n"
          + "        name: {type: string}\n";

  private static final String SPRINGWOLF_PACKAGE = "com.example.springwolf";
  private static final String VEHICLES = "io.github.springwolf.examples.kafka.dtos.discriminator.";

  @TempDir Path dir;

  @Test
  void undeclaredDiscriminatorIsWrittenWithMappedTag() throws Exception {
    CompiledClasses classes = compilePets();
    Object cat = construct(classes.loadClass("com.example.pets.Cat"), Map.of("name", "Tom"));

    try (Loopback loopback = new Loopback(classes.loadClass("com.example.pets.Pets"))) {
      Message<?> received = loopback.roundTrip("pets", "Pet", cat);

      assertEquals("cat", loopback.wireJson("pets", "Pet", cat).path("petType").asText());
      assertEquals(cat, received.payload());
    }
  }

  @Test
  void undeclaredDiscriminatorDefaultsToComponentKey() throws Exception {
    CompiledClasses classes = compilePets();
    Object dog = construct(classes.loadClass("com.example.pets.Dog"), Map.of("name", "Rex"));

    try (Loopback loopback = new Loopback(classes.loadClass("com.example.pets.Pets"))) {
      Message<?> received = loopback.roundTrip("pets", "Pet", dog);

      assertEquals("Dog", loopback.wireJson("pets", "Pet", dog).path("petType").asText());
      assertEquals(dog, received.payload());
    }
  }

  @Test
  void declaredDiscriminatorKeepsItsValue() throws Exception {
    CompiledClasses classes = compilePets();
    Object bird =
        construct(
            classes.loadClass("com.example.pets.Bird"), Map.of("name", "Tweety", "petType", "Bird"));

    try (Loopback loopback = new Loopback(classes.loadClass("com.example.pets.Pets"))) {
      Message<?> received = loopback.roundTrip("pets", "Pet", bird);

      JsonNode wire = loopback.wireJson("pets", "Pet", bird);
      assertEquals("Bird", wire.path("petType").asText());
      assertEquals(2, wire.size(), wire.toString());
      assertEquals(bird, received.payload());
    }
  }

  @Test
  void declaredDiscriminatorOfOtherMemberIsRejected() throws Exception {
    CompiledClasses classes = compilePets();
    Class<?> bird = classes.loadClass("com.example.pets.Bird");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> construct(bird, Map.of("name", "Tom", "petType", "cat")));

    assertTrue(error.getMessage().contains("petType"), error.getMessage());
    assertTrue(error.getMessage().contains("\"Bird\""), error.getMessage());
  }

  @Test
  void tagThatIsNotStringIsRejected() throws Exception {
    CompiledClasses classes = compilePets();
    Class<?> pet = classes.loadClass("com.example.pets.Pet");
    JsonCodec json = JsonCodec.jackson();

    for (String tag : new String[] {"null", "5"}) {
      RuntimeException error = assertThrows(
          RuntimeException.class,
          () -> json.decode("{\"petType\":" + tag + ",\"name\":\"Tom\"}", pet));
      assertTrue(
          error.getMessage().contains(
              "petType: must be a string naming the member, but was " + tag
                  + "; expected one of cat, Cat, Dog, Bird"),
          error.getMessage());
    }
  }

  @Test
  void memberWithWrongTypeNamesMemberAndProperty() throws Exception {
    CompiledClasses classes = compilePets();
    Class<?> pet = classes.loadClass("com.example.pets.Pet");

    JsonCodecException error =
        assertThrows(
            JsonCodecException.class, () -> JSON.decode("{\"petType\":\"cat\",\"name\":7}", pet));

    assertEquals("not a valid Cat: name: expected a string, found the number 7", error.reason());
  }

  @Test
  void optionalDeclaredTagIsFilledWithMappedTag() throws Exception {
    CompiledClasses classes = compile(DECLARED_TAGS);
    Class<?> catType = classes.loadClass("com.example.pets.Cat");
    Object cat = construct(catType, Map.of("name", "Tom", "lives", 9));

    try (Loopback loopback = new Loopback(classes.loadClass("com.example.pets.Pets"))) {
      Message<?> received = loopback.roundTrip("pets", "Pet", cat);

      assertEquals("kitty", loopback.wireJson("pets", "Pet", cat).path("petType").asText());
      assertInstanceOf(catType, received.payload());
      assertEquals(cat, received.payload());
    }
  }

  @Test
  void requiredDeclaredTagIsFilledWithComponentKey() throws Exception {
    CompiledClasses classes = compile(DECLARED_TAGS);
    Class<?> dogType = classes.loadClass("com.example.pets.Dog");
    Object dog = construct(dogType, Map.of("name", "Rex"));

    try (Loopback loopback = new Loopback(classes.loadClass("com.example.pets.Pets"))) {
      Message<?> received = loopback.roundTrip("pets", "Pet", dog);

      assertEquals("Dog", loopback.wireJson("pets", "Pet", dog).path("petType").asText());
      assertInstanceOf(dogType, received.payload());
      assertEquals(dog, received.payload());
    }
  }

  @Test
  void optionalDeclaredTagOfOtherMemberIsRejected() throws Exception {
    CompiledClasses classes = compile(DECLARED_TAGS);
    Class<?> cat = classes.loadClass("com.example.pets.Cat");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> construct(cat, Map.of("name", "Tom", "petType", "Dog")));

    assertTrue(error.getMessage().contains("petType"), error.getMessage());
    assertTrue(error.getMessage().contains("\"kitty\""), error.getMessage());
  }

  @Test
  void corpusVehicleWithoutTagRoundTrips() throws Exception {
    CompiledClasses classes = compileCorpus("springwolf-kafka-v3.yaml", SPRINGWOLF_PACKAGE);
    Class<?> electricType =
        classes.loadClass(SPRINGWOLF_PACKAGE + ".VehicleElectricPayloadDto");
    Object electric = construct(electricType, Map.of("chargeTime", 45));

    try (Loopback loopback = new Loopback(entryClass(classes, SPRINGWOLF_PACKAGE))) {
      String channel = "vehicleTopic";
      String message = "IoGithubSpringwolfExamplesKafkaDtosDiscriminatorVehicleBase";
      Message<?> received = loopback.roundTrip(channel, message, electric);

      assertEquals(
          VEHICLES + "VehicleElectricPayloadDto",
          loopback.wireJson(channel, message, electric).path("vehicleType").asText());
      assertInstanceOf(electricType, received.payload());
      assertEquals(electric, received.payload());
    }
  }

  @Test
  void corpusVehicleRoundTripsByComponentKey() throws Exception {
    CompiledClasses classes = compileCorpus("springwolf-kafka-v3.yaml", SPRINGWOLF_PACKAGE);
    Class<?> electricType =
        classes.loadClass(SPRINGWOLF_PACKAGE + ".VehicleElectricPayloadDto");
    Object electric =
        construct(
            electricType,
            Map.of("vehicleType", VEHICLES + "VehicleElectricPayloadDto", "chargeTime", 45));

    try (Loopback loopback = new Loopback(entryClass(classes, SPRINGWOLF_PACKAGE))) {
      String channel = "vehicleTopic";
      String message = "IoGithubSpringwolfExamplesKafkaDtosDiscriminatorVehicleBase";
      Message<?> received = loopback.roundTrip(channel, message, electric);

      assertInstanceOf(electricType, received.payload());
      assertEquals(electric, received.payload());
    }
  }

  @Test
  void corpusVehicleWithOtherMembersTagIsRejected() throws Exception {
    CompiledClasses classes = compileCorpus("springwolf-kafka-v3.yaml", SPRINGWOLF_PACKAGE);
    Class<?> electricType =
        classes.loadClass(SPRINGWOLF_PACKAGE + ".VehicleElectricPayloadDto");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                construct(
                    electricType, Map.of("vehicleType", VEHICLES + "VehicleGasolinePayloadDto")));

    assertTrue(error.getMessage().contains("vehicleType"), error.getMessage());
  }

  private CompiledClasses compilePets() throws Exception {
    return compile(PETS);
  }

  private CompiledClasses compile(String document) throws Exception {
    Files.writeString(dir.resolve("pets.yaml"), document);
    Compilation compilation =
        javac()
            .withProcessors(new AsyncApiProcessor())
            .withOptions("-Aasyncsse.specDir=" + dir, "-Xlint:all")
            .compile(Sources.packageInfoFor("com.example.pets", "pets.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    return new CompiledClasses(compilation);
  }

  private static CompiledClasses compileCorpus(String document, String packageName) {
    Compilation compilation =
        javac()
            .withProcessors(new AsyncApiProcessor())
            .withOptions(Corpus.specDirOption(), "-Xlint:all")
            .compile(Sources.packageInfoFor(packageName, document));
    assertThat(compilation).succeeded();
    // The corpus document's channels with several messages declare different headers schemas.
    for (var warning : compilation.warnings()) {
      assertTrue(warning.getMessage(null).contains("Different headers schemas on one channel"),
          warning.toString());
    }
    return new CompiledClasses(compilation);
  }

  private static Class<?> entryClass(CompiledClasses classes, String packageName)
      throws ClassNotFoundException {
    return classes.loadClass(packageName + ".SpringwolfExampleProjectKafka");
  }

  /** Calls the canonical constructor with the named values and null for the other components. */
  private static Object construct(Class<?> record, Map<String, Object> values) throws Exception {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      arguments[i] = values.get(components[i].getName());
    }
    Constructor<?> constructor = record.getDeclaredConstructor(types);
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** A generated server and client of one document on a loopback port. */
  private static final class Loopback implements AutoCloseable {

    private final HttpServer http;
    private final Object server;
    private final Object client;

    Loopback(Class<?> entry) throws Exception {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server = entry.getMethod("server", HttpServer.class).invoke(null, http);
      http.start();
      URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      Object builder = entry.getMethod("client", URI.class).invoke(null, baseUri);
      client = builder.getClass().getMethod("build").invoke(builder);
    }

    /** Returns the JSON that the channel's message type writes for {@code payload}. */
    JsonNode wireJson(String channel, String message, Object payload) throws Exception {
      return TREES.readTree(messageType(channel, message).encode(payload, JSON));
    }

    /** Publishes {@code payload} on the server and returns the message the client receives. */
    Message<?> roundTrip(String channel, String message, Object payload) throws Exception {
      Object channelServer = server.getClass().getMethod(channel).invoke(server);
      Object broadcaster =
          channelServer.getClass().getMethod("broadcast" + message).invoke(channelServer);
      Object channelClient = client.getClass().getMethod(channel).invoke(client);
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
        return arrived;
      }
    }

    private MessageType<Object> messageType(String channel, String message) throws Exception {
      Object channelClient = client.getClass().getMethod(channel).invoke(client);
      for (java.lang.reflect.Field field : channelClient.getClass().getFields()) {
        if (field.getType() == MessageType.class) {
          @SuppressWarnings("unchecked")
          MessageType<Object> type = (MessageType<Object>) field.get(null);
          return type;
        }
      }
      throw new AssertionError("no message type on the client of " + channel + ", " + message);
    }

    @Override
    public void close() throws Exception {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }
}
