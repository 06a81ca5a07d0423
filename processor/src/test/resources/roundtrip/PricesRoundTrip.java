package com.example.prices;

import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.Message;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Serves the prices document on loopback and drives the generated client, the server's typed
 * headers and query, and the typed stream views against it. Each method returns what it saw.
 */
public final class PricesRoundTrip implements Function<String, List<String>> {

  private HttpServer http;
  private Prices.Server server;
  private URI baseUri;
  private final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

  @Override
  public List<String> apply(String scenario) {
    try {
      start();
      try {
        return switch (scenario) {
          case "handler" -> handler();
          case "rejections" -> rejections();
          case "sharedHeaders" -> sharedHeaders();
          case "recordChecks" -> recordChecks();
          case "missingHeaders" -> missingHeaders();
          case "publisher" -> publisher();
          case "stream" -> stream();
          case "event" -> event();
          case "headerValues" -> headerValues();
          case "stringArrays" -> stringArrays();
          case "controlCharacters" -> controlCharacters();
          default -> throw new IllegalArgumentException(scenario);
        };
      } finally {
        server.shutdown();
        http.stop(0);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void start() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server = Prices.server(http);
    server.prices().handle((request, parameters, headers, query, stream) -> {
      handled.add(parameters.market() + " " + headers.xApiVersion() + " " + headers.xTraceId()
          + " " + query.currency() + " " + query.depth() + " " + query.symbol() + " "
          + query.live() + " " + query.levels());
      stream.send(new Price(query.symbol(), 100 * headers.xApiVersion()));
    });
    server.fills().handle((request, headers, stream) -> handled.add("fills " + headers.xTrace()));
    server.tags().handle((request, query, stream) -> handled.add("tags " + query.names()));
    http.start();
    baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  private PricesClient prices() {
    return Prices.client(baseUri).build().prices(PricesParameters.Market.EU)
        .query(new PricesQuery(PricesQueryCurrency.EUR, 5, "A&B é", null, List.of(1, 2), null));
  }

  /** One subscription with headers and query, as the handler and the client saw it. */
  private List<String> handler() throws Exception {
    List<String> seen = new ArrayList<>();
    BlockingQueue<Message<Price>> received = new LinkedBlockingQueue<>();
    Subscription subscription = prices().listen(new PriceHeaders(2, "trace 7"), received::add);
    try {
      seen.add(handled.poll(10, TimeUnit.SECONDS));
      Message<Price> price = received.poll(10, TimeUnit.SECONDS);
      seen.add(price == null ? "nothing" : price.payload().symbol() + " " + price.payload().cents());
    } finally {
      subscription.close();
    }
    return seen;
  }

  /** Raw requests that break the document's rules, each with its status and reason. */
  private List<String> rejections() throws Exception {
    List<String> seen = new ArrayList<>();
    String path = baseUri + "/prices/eu";
    seen.add(get(path + "?currency=EUR", "X-Api-Version", "9"));
    seen.add(get(path + "?currency=EUR", "X-Api-Version", "two"));
    seen.add(get(path + "?currency=EUR", "X-Trace-Id", "t"));
    seen.add(get(path + "?currency=GBP", "X-Api-Version", "1"));
    seen.add(get(path + "?depth=3", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&depth=11", "x-api-version", "1"));
    seen.add(get(path + "?currency=EUR&depth=x", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&depth=99999999999", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&currency=USD", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&live=yes", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&levels=1&levels=z", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&levels=1&levels=-1", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&since=yesterday", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&depth=2", "x-api-version", "1"));
    seen.add(get(path + "?currency=EUR&live=true&levels=1&levels=2", "X-Api-Version", "1"));
    seen.add(get(path + "?currency=EUR&levels=%5B3,4%5D", "X-Api-Version", "1"));
    return seen;
  }

  /**
   * Listens with header values that java.net.http cannot send unchanged, each of which must fail
   * before a request is made, then with a valid value that has a space and a tab inside.
   */
  private List<String> headerValues() throws Exception {
    List<String> seen = new ArrayList<>();
    for (String value : List.of("t\u00e9", "t\u00e9\u20ac", "a\r\nb", " lead", "trail\t")) {
      try {
        prices().listen(new PriceHeaders(2, value), price -> { }).close();
        seen.add("listened with " + value);
      } catch (IllegalArgumentException e) {
        seen.add(e.getMessage());
      }
    }
    Subscription subscription = prices().listen(new PriceHeaders(2, "a b\tc"), price -> { });
    try {
      seen.add(handled.poll(10, TimeUnit.SECONDS));
    } finally {
      subscription.close();
    }
    return seen;
  }

  /**
   * Sends string arrays with the generated client, whose items look like JSON, then raw query
   * parameters in the repeated and the JSON array forms.
   */
  private List<String> stringArrays() throws Exception {
    List<String> seen = new ArrayList<>();
    Subscription subscription = Prices.client(baseUri).build().tags()
        .query(new TagsQuery(List.of("a", "[b]", "1", "null", "x,y", "\"q\"")))
        .listen(tag -> { });
    try {
      seen.add(handled.poll(10, TimeUnit.SECONDS));
    } finally {
      subscription.close();
    }
    String path = baseUri + "/tags";
    seen.add(get(path + "?names=a&names=b", "X-Unused", "1"));
    seen.add(get(path + "?names=a,b", "X-Unused", "1"));
    seen.add(get(path + "?names=%5B%22a%22,%22b%22%5D", "X-Unused", "1"));
    seen.add(get(path + "?names=%5B1%5D", "X-Unused", "1"));
    seen.add(get(path + "?names=%5Bnull%5D", "X-Unused", "1"));
    seen.add(get(path + "?names=%5B%22a%22,%5B%5D%5D", "X-Unused", "1"));
    seen.add(get(path + "?names=%5Ba%5D", "X-Unused", "1"));
    seen.add(get(path + "?names=%7B%7D", "X-Unused", "1"));
    return seen;
  }

  /** Raw requests whose rejected values contain control characters. */
  private List<String> controlCharacters() throws Exception {
    String path = baseUri + "/prices/eu";
    return List.of(
        get(path + "?currency=EUR&depth=1%00", "X-Api-Version", "1"),
        get(path + "?currency=%1B%5B31m", "X-Api-Version", "1"),
        get(path + "?currency=EUR&currency=%0D%0AUSD%7F", "X-Api-Version", "1"));
  }

  /** Requests the channel whose two messages declare the same inline headers schema. */
  private List<String> sharedHeaders() throws Exception {
    return List.of(
        get(baseUri + "/fills", "X-Other", "1"),
        get(baseUri + "/fills", "X-Trace", "t1"));
  }

  /** Builds records with bad values and returns the messages of their own checks. */
  private List<String> recordChecks() {
    List<String> seen = new ArrayList<>();
    try {
      new PriceHeaders(9, null);
      seen.add("built PriceHeaders");
    } catch (IllegalArgumentException e) {
      seen.add(e.getMessage());
    }
    try {
      new PricesQuery(PricesQueryCurrency.EUR, 11, null, null, null, null);
      seen.add("built PricesQuery");
    } catch (IllegalArgumentException e) {
      seen.add(e.getMessage());
    }
    try {
      new PricesQuery(null, null, null, null, null, null);
      seen.add("built PricesQuery");
    } catch (NullPointerException e) {
      seen.add(e.getMessage());
    }
    return seen;
  }

  private String get(String uri, String header, String value) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).header(header, value).build();
    CompletableFuture<HttpResponse<Stream<String>>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = pending.get(10, TimeUnit.SECONDS);
    if (response.statusCode() == 200) {
      response.body().close();
      return "200 " + handled.poll(10, TimeUnit.SECONDS);
    }
    try (Stream<String> body = response.body()) {
      return response.statusCode() + " " + String.join("\n", body.toList());
    }
  }

  /** listen() before the required headers are set. */
  private List<String> missingHeaders() {
    try {
      prices().listen(price -> { });
      return List.of("listened");
    } catch (IllegalStateException e) {
      return List.of(e.getMessage());
    }
  }

  /**
   * Reads the tape channel through the typed Flow.Publisher, one message requested at a time. An
   * event with undecodable data in between is skipped and reported.
   */
  private List<String> publisher() throws Exception {
    serveTape();
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    Flow.Publisher<TapeClient.Event> tape = Prices.client(baseUri).build().tape()
        .onError(error -> seen.add("error " + error.kind()))
        .publisher();
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    tape.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription given) {
        subscription[0] = given;
        given.request(1);
      }

      @Override
      public void onNext(TapeClient.Event event) {
        seen.add(event.name() + " " + event.id());
        done.countDown();
        subscription[0].request(1);
      }

      @Override
      public void onError(Throwable error) {
        seen.add("onError " + error);
      }

      @Override
      public void onComplete() {
        seen.add("onComplete");
      }
    });
    done.await(10, TimeUnit.SECONDS);
    subscription[0].cancel();
    return seen;
  }

  private void serveTape() {
    server.tape().handle((request, stream) -> {
      stream.sendTrade(new Trade(3));
      stream.raw().send("trade", "", "{\"qty\": \"three\"}");
      stream.sendQuote(new Quote(1.5));
    });
  }

  /** Reads the prices channel through the blocking stream. */
  private List<String> stream() {
    List<String> seen = new ArrayList<>();
    try (Stream<Message<Price>> prices = prices().headers(new PriceHeaders(3, null)).stream()) {
      Iterator<Message<Price>> iterator = prices.iterator();
      Message<Price> price = iterator.next();
      seen.add(price.name() + " " + price.payload().symbol() + " " + price.payload().cents());
    }
    seen.add(String.valueOf(handled.poll()));
    return seen;
  }

  /** Calls the sealed Event's accessors and match on both members. */
  private List<String> event() throws Exception {
    serveTape();
    List<String> seen = new ArrayList<>();
    List<SseError> errors = new CopyOnWriteArrayList<>();
    try (Stream<TapeClient.Event> tape =
        Prices.client(baseUri).build().tape().onError(errors::add).stream()) {
      tape.limit(2).forEach(event -> seen.add(event.name() + " " + event.payload().getClass()
          .getSimpleName() + " " + event.<String>match(
              trade -> "qty " + trade.payload().qty(),
              quote -> "bid " + quote.payload().bid())));
    }
    seen.add(errors.size() + " " + (errors.isEmpty() ? "" : errors.get(0).kind()));
    return seen;
  }
}
