package dev.asyncsse.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestExecutorTest {

  private static final int NO_BACKLOG = 0;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  @Test
  void incompleteRequestDoesNotBlockOtherClients() throws Exception {
    HttpServer http = newHttpServer();
    SseServer sse = SseServer.on(http);
    resources.add(sse::shutdown);
    sse.register(
        SseEndpoint.builder("/ticks")
            .handler((request, stream) -> stream.send("tick", "1", "first"))
            .build());
    http.start();

    Socket stalled = new Socket(InetAddress.getLoopbackAddress(), http.getAddress().getPort());
    resources.add(stalled);
    OutputStream out = stalled.getOutputStream();
    // The request headers never end, so the server waits for more of them.
    out.write("GET /ticks HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();

    HttpResponse<InputStream> response = connect(http, "/ticks");
    assertEquals(200, response.statusCode());
    try (EventStreamReader reader = new EventStreamReader(response.body())) {
      assertEquals(List.of("event: tick", "id: 1", "data: first"), reader.nextFrame().lines());
    }
  }

  @Test
  void unstartedServerGetsExecutor() throws Exception {
    HttpServer http = newHttpServer();

    SseServer sse = SseServer.on(http);
    resources.add(sse::shutdown);

    assertNotNull(http.getExecutor());
  }

  @Test
  void executorOfUserIsKept() throws Exception {
    HttpServer http = newHttpServer();
    ExecutorService own = Executors.newCachedThreadPool();
    resources.add(own::shutdown);
    http.setExecutor(own);

    SseServer sse = SseServer.on(http);
    resources.add(sse::shutdown);

    assertEquals(own, http.getExecutor());
  }

  @Test
  void startedServerWithoutExecutorLogsWarning() throws Exception {
    HttpServer http = newHttpServer();
    http.start();
    List<LogRecord> records = new ArrayList<>();
    Logger logger = Logger.getLogger("dev.asyncsse.runtime.server");
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level previousLevel = logger.getLevel();
    logger.setLevel(Level.WARNING);
    logger.addHandler(handler);
    try {
      Executor streams = Runnable::run;
      SseServer sse = SseServer.on(http, streams);
      resources.add(sse::shutdown);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previousLevel);
    }

    assertEquals(
        "sun.net.httpserver.ServerImpl$DefaultExecutor", http.getExecutor().getClass().getName());
    List<LogRecord> warnings =
        records.stream().filter(record -> record.getLevel() == Level.WARNING).toList();
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).getMessage().contains("http.setExecutor(...) before http.start()"),
        warnings.get(0).getMessage());
  }

  private HttpServer newHttpServer() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), NO_BACKLOG);
    resources.add(0, () -> http.stop(0));
    return http;
  }

  private static HttpResponse<InputStream> connect(HttpServer http, String path)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path))
            .timeout(EventStreamReader.TIMEOUT)
            .header("Accept", "text/event-stream")
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }
}
