package dev.asyncsse.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asyncsse.runtime.MessageType;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.Broadcaster;
import dev.asyncsse.runtime.server.SseEndpoint;
import dev.asyncsse.runtime.server.SseServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server process of the fan-out benchmark: serves one event stream at {@value #PATH} on
 * 127.0.0.1 and broadcasts to every subscriber on command.
 *
 * <p>It prints {@code PORT <port>} when it is ready, then reads one command per line from standard
 * input and writes the response to each on standard output:
 *
 * <ul>
 *   <li>{@code count}: {@code COUNT <subscribers>};
 *   <li>{@code heap}: {@code HEAP <bytes>}, the heap in use after full garbage collections;
 *   <li>{@code publish <seq>}: broadcasts an event {@code tick} with data {@code {"seq":<seq>}} and
 *       answers {@code PUBLISHED <seq> <nanos>}, where {@code nanos} is {@link System#nanoTime()}
 *       just before the broadcast started;
 *   <li>{@code quit}, or the end of input: stops the process.
 * </ul>
 *
 * <p>Usage: {@code FanoutServer asyncsse|httpserver}. {@code asyncsse} broadcasts with the
 * runtime's {@link Broadcaster} on an {@link SseServer}. {@code httpserver} is the minimal loop a
 * developer writes by hand on {@code com.sun.net.httpserver}: the handler keeps each response body,
 * and the publishing thread writes and flushes the frame to every body in turn.
 */
public final class FanoutServer {

  /** The path of the event stream. */
  public static final String PATH = "/ticks";

  /** The payload of each broadcast. */
  public record Tick(long seq) {}

  private static final int BACKLOG = 1024;
  private static final int GC_ROUNDS = 3;

  private FanoutServer() {}

  /** Runs the server until {@code quit} or the end of standard input. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("Usage: FanoutServer asyncsse|httpserver");
    }
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    Fanout fanout =
        switch (args[0]) {
          case "asyncsse" -> new AsyncsseFanout(http);
          case "httpserver" -> new HandWrittenFanout(http);
          default ->
              throw new IllegalArgumentException(
                  "Unknown server \"" + args[0] + "\"; expected asyncsse or httpserver");
        };
    http.start();
    System.out.println("PORT " + http.getAddress().getPort());
    System.out.flush();

    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null && !line.equals("quit")) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "count" -> System.out.println("COUNT " + fanout.subscribers());
        case "heap" -> System.out.println("HEAP " + heapAfterGc());
        case "publish" -> {
          long seq = Long.parseLong(words[1]);
          long nanos = System.nanoTime();
          fanout.publish(seq);
          System.out.println("PUBLISHED " + seq + " " + nanos);
        }
        default -> System.out.println("ERROR unknown command: " + line);
      }
      System.out.flush();
    }
    fanout.stop();
    http.stop(0);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** One way of broadcasting to the subscribers of {@value #PATH}. */
  private interface Fanout {
    int subscribers();

    void publish(long seq) throws IOException;

    void stop();
  }

  /** The runtime's broadcaster, as generated servers use it. */
  private static final class AsyncsseFanout implements Fanout {

    private final SseServer server;
    private final Broadcaster<Tick> ticks =
        new Broadcaster<>(MessageType.json("tick", Tick.class), JsonCodec.jackson());

    AsyncsseFanout(HttpServer http) {
      server = SseServer.on(http);
      server.register(SseEndpoint.builder(PATH).handler(ticks.subscriber()).build());
    }

    @Override
    public int subscribers() {
      return ticks.subscriberCount();
    }

    @Override
    public void publish(long seq) {
      ticks.publish(new Tick(seq));
    }

    @Override
    public void stop() {
      server.shutdown();
    }
  }

  /**
   * A bare {@code com.sun.net.httpserver} loop: no queues, no heartbeats, no replay; one thread
   * writes each event to every stream, and a stream whose write fails is dropped.
   */
  private static final class HandWrittenFanout implements Fanout {

    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();

    HandWrittenFanout(HttpServer http) {
      http.createContext(PATH, this::subscribe);
    }

    private void subscribe(HttpExchange exchange) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      body.flush();
      streams.add(body);
    }

    @Override
    public int subscribers() {
      return streams.size();
    }

    @Override
    public void publish(long seq) {
      byte[] frame =
          ("event: tick\nid: " + seq + "\ndata: {\"seq\":" + seq + "}\n\n")
              .getBytes(StandardCharsets.UTF_8);
      for (OutputStream stream : streams) {
        try {
          stream.write(frame);
          stream.flush();
        } catch (IOException e) {
          streams.remove(stream);
        }
      }
    }

    @Override
    public void stop() {}
  }
}
