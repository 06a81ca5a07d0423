package dev.asyncsse.runtime.robustness;

import static dev.asyncsse.runtime.robustness.Loopback.eventually;
import static dev.asyncsse.runtime.robustness.Loopback.generatedIdNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.Broadcaster;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that stops reading must not hold up the others, and the server drops it. */
class SlowClientTest {

  record Frame(int n, String padding) {}

  private static final MessageType<Frame> FRAME = MessageType.json("frame", Frame.class);

  @Test
  void clientThatStopsReadingIsDroppedOthersUnaffected() throws Exception {
    int queueCapacity = 16;
    Broadcaster<Frame> broadcaster =
        Broadcaster.builder(FRAME, JsonCodec.jackson()).queueCapacity(queueCapacity).build();
    CountDownLatch stalledClosed = new CountDownLatch(1);
    HttpServer http = Loopback.newServer();
    SseServer server = SseServer.on(http);
    server.register(
        SseEndpoint.builder("/frames")
            .heartbeat(Duration.ofMillis(200))
            .handler(
                (request, stream) -> {
                  if (request.queryParameter("stalled").isPresent()) {
                    stream.onClose(stalledClosed::countDown);
                  }
                  broadcaster.subscribe(request, stream);
                })
            .build());
    http.start();

    EventRecorder reader = new EventRecorder();
    String padding = "x".repeat(32 * 1024);
    try (Socket stalled = new Socket();
        Subscription subscription =
            SseClient.builder(Loopback.uri(http, "/frames")).build().subscribe(reader)) {
      // A small receive buffer fills after a few events, and then the server's writes block.
      stalled.setReceiveBufferSize(4096);
      stalled.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), http.getAddress().getPort()));
      stalled.setSoTimeout(20_000);
      stalled
          .getOutputStream()
          .write(
              "GET /frames?stalled HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 2), "two subscribers");

      int published = 0;
      while (stalledClosed.getCount() > 0 && published < 4_000) {
        for (int i = 0; i < queueCapacity / 2; i++) {
          broadcaster.publish(new Frame(++published, padding));
        }
        // The reading client keeps up, batch by batch.
        for (int n = published - queueCapacity / 2 + 1; n <= published; n++) {
          SseEvent event = reader.nextEventSkippingOthers();
          assertEquals(n, generatedIdNumber(event.id()));
        }
      }

      assertTrue(stalledClosed.await(20, TimeUnit.SECONDS), "the stalled client was dropped");
      assertTrue(eventually(() -> broadcaster.subscriberCount() == 1), "one subscriber left");
      assertTrue(eventually(() -> server.openStreamCount() == 1), "one stream left");
      assertEquals(1, reader.openCount());
      assertEquals(0, reader.errorCount());
      broadcaster.publish(new Frame(published + 1, ""));
      assertEquals(published + 1, generatedIdNumber(reader.nextEventSkippingOthers().id()));
      assertConnectionEnds(stalled.getInputStream());
    } finally {
      server.shutdown();
      http.stop(0);
    }
  }

  /** Reads what the server had sent and fails unless the connection then ends. */
  private static void assertConnectionEnds(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try {
      while (in.read(buffer) >= 0) {
        // Discard the events that were in flight.
      }
    } catch (SocketTimeoutException e) {
      fail("The server did not close the stalled connection");
    } catch (SocketException e) {
      // A connection reset also ends it.
    }
  }
}
