package dev.asyncsse.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Mercure hub document addresses its channel with a whole URL, {@code
 * https://example.com/books/{id}}: the server must serve its path, and the client must request that
 * path from the base URI it is given, or from the URL's own host without one.
 */
class UrlAddressTest {

  private static final String PACKAGE = "com.example.mercure";
  private static final JsonCodec JSON = JsonCodec.jackson();
  private static final String BOOK = "{\"@id\":\"/books/42\",\"name\":\"Dune\"}";

  private static CompiledClasses classes;

  @BeforeAll
  static void compile() {
    Compilation compilation =
        javac()
            .withProcessors(new AsyncApiProcessor())
            .withOptions(Corpus.specDirOption(), "-Xlint:all")
            .compile(Sources.packageInfoFor(PACKAGE, "mercure-v3.yaml"));
    assertThat(compilation).succeededWithoutWarnings();
    classes = new CompiledClasses(compilation);
  }

  @Test
  void clientWithBaseUriReachesUrlPath() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".MercureHubExample");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      Object books = booksClient(entry.getMethod("client", URI.class).invoke(null, base));
      assertEquals(base.resolve("/books/42"), books.getClass().getMethod("uri").invoke(books));

      Object serverBooks = server.getClass().getMethod("books").invoke(server);
      Object broadcaster = serverBooks.getClass().getMethod("broadcast").invoke(serverBooks);
      MessageType<?> type = (MessageType<?>) books.getClass().getField("BOOK").get(null);
      Object book = type.decode(BOOK, JSON);
      Message<?> received = publishAndReceive(books, broadcaster, book);

      assertEquals(book, received.payload());
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void serverAnswersUrlPathOnly() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".MercureHubExample");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Object server = entry.getMethod("server", HttpServer.class).invoke(null, http);
    http.start();
    try {
      String base = "http://127.0.0.1:" + http.getAddress().getPort();

      assertEquals(200, statusOf(base + "/books/42"));
      assertEquals(404, statusOf(base + "/https://example.com/books/42"));
    } finally {
      server.getClass().getMethod("shutdown").invoke(server);
      http.stop(0);
    }
  }

  @Test
  void clientWithoutBaseUriTargetsAddressUrl() throws Exception {
    Class<?> entry = classes.loadClass(PACKAGE + ".MercureHubExample");

    Object books = booksClient(entry.getMethod("client").invoke(null));

    assertEquals(
        URI.create("https://example.com/books/42"), books.getClass().getMethod("uri").invoke(books));
  }

  private static Object booksClient(Object builder) throws Exception {
    Object client = builder.getClass().getMethod("build").invoke(builder);
    return client.getClass().getMethod("books", String.class).invoke(client, "42");
  }

  private static Message<?> publishAndReceive(Object books, Object broadcaster, Object book)
      throws Exception {
    BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
    BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
    CountDownLatch opened = new CountDownLatch(1);
    Consumer<Message<?>> onBook = received::add;
    Consumer<Object> onError = errors::add;
    books.getClass().getMethod("onBook", Consumer.class).invoke(books, onBook);
    books.getClass().getMethod("onOpen", Runnable.class).invoke(books, (Runnable) opened::countDown);
    books.getClass().getMethod("onError", Consumer.class).invoke(books, onError);
    try (AutoCloseable subscription =
        (AutoCloseable) books.getClass().getMethod("listen").invoke(books)) {
      assertTrue(opened.await(10, TimeUnit.SECONDS), "the stream did not open: " + errors);
      broadcaster.getClass().getMethod("publish", Object.class).invoke(broadcaster, book);
      Message<?> arrived = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(arrived, "nothing arrived; errors: " + errors);
      return arrived;
    }
  }

  /** Returns the status of a GET that accepts an event stream, and closes the body unread. */
  private static int statusOf(String uri) throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }
}
