package com.example.gitter;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.server.AccessDecision;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves the gitter document with its bearer-token scheme enforced, then connects once without a
 * token and once with the right one, and returns what each client saw.
 */
public final class GitterSecurityCheck implements Supplier<List<String>> {

  @Override
  public List<String> get() {
    try {
      return run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> run() throws Exception {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    GitterStreamingApi.Server server = GitterStreamingApi.server(
        http,
        GitterStreamingApi.Security.httpBearerToken(
            token -> AccessDecision.acceptIf("s3cret".equals(token))));
    http.start();
    URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1");
    List<String> seen = new CopyOnWriteArrayList<>();
    try {
      CountDownLatch closed = new CountDownLatch(1);
      try (Subscription anonymous = GitterStreamingApi.client(baseUri).build()
          .rooms("room-1", RoomsParameters.Resource.CHAT_MESSAGES)
          .onError(error -> seen.add("anonymous error " + error.status().orElse(-1)))
          .onClosed(closed::countDown)
          .listen(message -> seen.add("anonymous message"))) {
        closed.await(10, TimeUnit.SECONDS);
      }
      CountDownLatch opened = new CountDownLatch(1);
      try (Subscription member = GitterStreamingApi.client(baseUri)
          .httpBearerToken("s3cret")
          .build()
          .rooms("room-1", RoomsParameters.Resource.CHAT_MESSAGES)
          .onOpen(() -> {
            seen.add("member opened");
            opened.countDown();
          })
          .onError(error -> seen.add("member error " + error.getMessage()))
          .listen(message -> seen.add("member message"))) {
        opened.await(10, TimeUnit.SECONDS);
      }
    } finally {
      server.shutdown();
      http.stop(0);
    }
    return seen;
  }
}
