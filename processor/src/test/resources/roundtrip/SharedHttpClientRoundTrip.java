package com.example.market;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.client.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Subscribes to two channels through one generated entry client, publishes on both, closes one
 * subscription and publishes again. Returns one line per step: how many HttpClient selector
 * threads the two subscriptions started, then the events each channel received.
 */
public final class SharedHttpClientRoundTrip implements Supplier<List<String>> {

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
    Market.Server server = Market.server(http);
    http.start();
    URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    List<String> result = new ArrayList<>();
    List<String> errors = new CopyOnWriteArrayList<>();
    BlockingQueue<String> prices = new LinkedBlockingQueue<>();
    BlockingQueue<String> trades = new LinkedBlockingQueue<>();
    CountDownLatch opened = new CountDownLatch(2);
    Set<String> selectorsBefore = selectorThreads();
    Market.Client client = Market.client(baseUri).build();
    Subscription priceSubscription = client.prices()
        .onOpen(opened::countDown)
        .onError(error -> errors.add(error.getMessage()))
        .listen(message -> prices.add(message.payload()));
    Subscription tradeSubscription = client.trades()
        .onOpen(opened::countDown)
        .onError(error -> errors.add(error.getMessage()))
        .listen(message -> trades.add(message.payload()));
    try {
      if (!opened.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("streams did not open; errors: " + errors);
      }
      Set<String> started = selectorThreads();
      started.removeAll(selectorsBefore);
      result.add("selector threads started: " + started.size());

      server.prices().broadcast().publish("p1");
      server.trades().broadcast().publish("t1");
      result.add("prices: " + prices.poll(10, TimeUnit.SECONDS));
      result.add("trades: " + trades.poll(10, TimeUnit.SECONDS));

      priceSubscription.close();
      server.trades().broadcast().publish("t2");
      result.add("trades after closing prices: " + trades.poll(10, TimeUnit.SECONDS));
    } finally {
      priceSubscription.close();
      tradeSubscription.close();
      server.shutdown();
      http.stop(0);
    }
    result.addAll(errors);
    return result;
  }

  /** Returns the names of the live selector threads, one per java.net.http.HttpClient. */
  private static Set<String> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.matches("HttpClient-\\d+-SelectorManager"))
        .collect(Collectors.toSet());
  }
}
