package com.example.gitter;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.client.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves the gitter document as the README shows, connects the generated client with a loopback
 * base URI that keeps the server URL's {@code /v1} path, publishes one chat message and returns
 * what the client saw.
 */
public final class GitterBasePathCheck implements Supplier<List<String>> {

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
    GitterStreamingApi.Server server = GitterStreamingApi.server(http);
    http.start();
    URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1");
    List<String> seen = new CopyOnWriteArrayList<>();
    BlockingQueue<Message<ChatMessage>> received = new LinkedBlockingQueue<>();
    try {
      CountDownLatch opened = new CountDownLatch(1);
      RoomsClient rooms = GitterStreamingApi.client(baseUri).build()
          .rooms("r1", RoomsParameters.Resource.EVENTS);
      seen.add("uri " + rooms.uri().getRawPath());
      try (Subscription subscription = rooms
          .onOpen(opened::countDown)
          .onError(error -> seen.add("error " + error.getMessage()))
          .onChatMessage(received::add)
          .listen()) {
        if (!opened.await(10, TimeUnit.SECONDS)) {
          seen.add("not opened");
          return seen;
        }
        server.rooms().publishChatMessage(
            new RoomsParameters("r1", RoomsParameters.Resource.EVENTS),
            ChatMessage.builder().text("hello").build());
        Message<ChatMessage> message = received.poll(10, TimeUnit.SECONDS);
        seen.add(message == null ? "no message" : "message " + message.payload().text());
      }
    } finally {
      server.shutdown();
      http.stop(0);
    }
    return seen;
  }
}
