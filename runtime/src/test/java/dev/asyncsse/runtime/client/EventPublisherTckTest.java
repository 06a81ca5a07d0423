package dev.asyncsse.runtime.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * Runs the Reactive Streams technology compatibility kit against {@link SseClient#publisher()}.
 *
 * <p>Each publisher reads from a real {@link HttpServer} on loopback. The server writes the
 * requested number of events and ends the stream, and the client does not reconnect, so the
 * publisher completes after exactly that many elements. A count of {@code -1} means the server
 * writes until the client goes away. The failed publisher reads from a path that responds with status 500.
 *
 * <p>The kit itself skips the rules it marks untested, and the optional rule on the wording of the
 * error for {@code request(n)} with {@code n <= 0}.
 */
public class EventPublisherTckTest extends FlowPublisherVerification<SseEvent> {

  private static final long TIMEOUT_MILLIS = 2_000;
  private static final long NO_SIGNAL_MILLIS = 200;

  private HttpServer server;
  private ExecutorService executor;

  public EventPublisherTckTest() {
    super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNAL_MILLIS), TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startServer() throws IOException {
    executor = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/events", this::writeEvents);
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterClass
  public void stopServer() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public Flow.Publisher<SseEvent> createFlowPublisher(long elements) {
    long count = elements == Long.MAX_VALUE ? -1 : elements;
    return clientFor("/events?count=" + count).publisher();
  }

  @Override
  public Flow.Publisher<SseEvent> createFailedFlowPublisher() {
    return clientFor("/broken").publisher();
  }

  private SseClient clientFor(String pathAndQuery) {
    URI uri =
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    return SseClient.builder(uri).reconnect(false).build();
  }

  private void writeEvents(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    long count = Long.parseLong(query.substring(query.indexOf('=') + 1));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      for (long i = 0; count < 0 || i < count; i++) {
        body.write(("id: " + i + "\ndata: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
      }
    } catch (IOException clientWentAway) {
      // An endless stream ends when the subscriber cancels and the client closes the connection.
    } finally {
      exchange.close();
    }
  }
}
