package com.example.streetlights;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.client.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes lighting measurements for two streetlights through the generated server and returns
 * what the generated client subscribed to one of them received, one line per event.
 */
public final class StreetlightsRoundTrip implements Supplier<List<String>> {

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
    // No broadcast() call before the client connects: the first publish must still reach it.
    StreetlightsMqttApi.Server server = StreetlightsMqttApi.server(http);
    http.start();
    URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());

    List<String> received = new CopyOnWriteArrayList<>();
    List<String> errors = new CopyOnWriteArrayList<>();
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(3);
    LightingMeasuredParameters lamp = new LightingMeasuredParameters("lamp 1/east");
    OffsetDateTime sentAt = OffsetDateTime.of(2026, 12, 4, 18, 30, 0, 0, ZoneOffset.UTC);
    try (Subscription subscription =
        StreetlightsMqttApi.client(baseUri)
            .build()
            .lightingMeasured(lamp)
            .onOpen(opened::countDown)
            .onError(error -> errors.add(error.getMessage()))
            .listen(
                message -> {
                  received.add(
                      message.name()
                          + " "
                          + message.payload().lumens()
                          + " "
                          + message.payload().sentAt());
                  done.countDown();
                })) {
      if (!opened.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("stream did not open; errors: " + errors);
      }
      LightingMeasuredParameters otherLamp = new LightingMeasuredParameters("lamp-2");
      for (int lumens : new int[] {0, 150, 3000}) {
        server.lightingMeasured()
            .publishLightMeasured(otherLamp, new LightMeasuredPayload(7, sentAt));
        server.lightingMeasured()
            .publishLightMeasured(lamp, new LightMeasuredPayload(lumens, sentAt));
      }
      if (!done.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("only received " + received + "; errors: " + errors);
      }
      Thread.sleep(200);
    } finally {
      server.shutdown();
      http.stop(0);
    }
    List<String> result = new ArrayList<>(received);
    result.addAll(errors);
    return result;
  }
}
