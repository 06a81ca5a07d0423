package dev.asyncsse.runtime.tools;

import dev.asyncsse.runtime.SseEvent;
import dev.asyncsse.runtime.client.SseClient;
import dev.asyncsse.runtime.client.SseError;
import dev.asyncsse.runtime.client.SseListener;
import dev.asyncsse.runtime.client.Subscription;
import dev.asyncsse.runtime.tools.TailArguments.InvalidArgumentsException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client for debugging Server-Sent Events streams: it follows a stream with {@link
 * SseClient}, the client that generated code uses, and prints each event as one JSON object per
 * line.
 *
 * <pre>
 * java -cp 'asyncsse-runtime.jar:lib/*' dev.asyncsse.runtime.tools.SseTail \
 *     http://localhost:8080/events --max-events 10 --header 'Authorization: Bearer abc'
 * </pre>
 *
 * <p>{@code --help} lists the options ({@code --max-events}, {@code --idle-timeout}, {@code
 * --last-event-id}, {@code --header} and {@code --no-reconnect}) and the exit statuses: 0 after the
 * requested number of events or when stdout is closed, 1 when the stream stops for good, and 2 for
 * invalid arguments.
 */
public final class SseTail {

  /** The hint that ends the one line printed for invalid arguments. */
  static final String HELP_HINT = "run with --help for usage";

  /** The help text that {@code --help} prints. */
  static final String USAGE =
      """
      Usage: SseTail URL [options]

      Connects to the Server-Sent Events stream at URL, reconnecting when the connection ends,
      and prints each event as one JSON object per line in UTF-8:
        {"type":"message","data":"...","id":"..."}
      type is the event type, data the event data, and id the last event ID ("" for none).

      Options:
        --max-events N           exit after N events
        --idle-timeout DURATION  close the connection and reconnect when no bytes arrive for
                                 DURATION: a whole number followed by ms, s, m or h, such as
                                 500ms, 3s or 2m (default 5m; 0s turns it off)
        --last-event-id ID       send ID in the Last-Event-ID header of the first request
        --header 'Name: value'   add a request header; repeat it to add more
        --no-reconnect           stop when the first connection ends instead of reconnecting
        --help                   print this help and exit

      Errors after which the client reconnects are printed on stderr.

      Exit status:
        0  after --max-events events, or when stdout is closed
        1  the stream stopped for good: an HTTP status other than 200 (including 204), a
           content type other than text/event-stream, or, with --no-reconnect, the end of
           the first connection for whatever reason
        2  invalid arguments
      Ctrl-C closes the connection after the line being printed; the JVM then exits with
      status 130.
      """;

  private static final String CLIENT_LOGGER = "dev.asyncsse.runtime.client";
  private static final long SHUTDOWN_WAIT_MILLIS = 2_000;

  private SseTail() {}

  /**
   * Runs the tool with stdout in UTF-8 and exits with its status. On Ctrl-C, a shutdown hook
   * interrupts this thread, so the connection is closed and the output flushed before the JVM
   * halts. The client's {@link System.Logger} records are turned off, because the tool prints the
   * same errors itself, unless a {@code java.util.logging.config.file} or {@code
   * java.util.logging.config.class} system property configures logging.
   */
  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    java.util.logging.Logger clientLogger = turnOffClientLogging();
    Thread mainThread = Thread.currentThread();
    Thread shutdownHook = new Thread(() -> stopMainThread(mainThread), "SseTail shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    int status;
    try {
      status = run(args, out, System.err);
    } finally {
      // java.util.logging keeps only weak references to loggers, and a new one has no level.
      Reference.reachabilityFence(clientLogger);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      return; // the JVM is already shutting down, after Ctrl-C, and sets its own status
    }
    System.exit(status);
  }

  /**
   * Runs the tool and returns its exit status: 0, 1 or 2 as {@link #USAGE} describes.
   *
   * <p>Events go to {@code out}, one line each, flushed after each line; errors go to {@code err}.
   * Interrupting the calling thread closes the connection and returns 0.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    SseClient client;
    long maxEvents;
    try {
      TailArguments arguments = TailArguments.parse(args);
      if (arguments.help()) {
        out.print(USAGE);
        out.flush();
        return 0;
      }
      client = buildClient(arguments);
      maxEvents = arguments.maxEvents();
    } catch (InvalidArgumentsException e) {
      err.println("SseTail: " + e.getMessage() + "; " + HELP_HINT + ".");
      err.flush();
      return 2;
    }
    return new EventPrinter(client.uri(), maxEvents, out, err).follow(client);
  }

  private static SseClient buildClient(TailArguments arguments) throws InvalidArgumentsException {
    SseClient.Builder builder;
    try {
      builder = SseClient.builder(arguments.uri());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentsException(
          "invalid URL \"" + arguments.uri() + "\": expected an absolute http or https URL");
    }
    for (TailArguments.Header header : arguments.headers()) {
      try {
        builder.header(header.name(), header.value());
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentsException(
            "invalid --header \""
                + header.name()
                + ": "
                + header.value()
                + "\": "
                + e.getMessage());
      }
    }
    builder.lastEventId(arguments.lastEventId()).reconnect(arguments.reconnect());
    if (arguments.idleTimeout() != null) {
      builder.idleTimeout(arguments.idleTimeout());
    }
    return builder.build();
  }

  private static java.util.logging.Logger turnOffClientLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return null;
    }
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(CLIENT_LOGGER);
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  /** Interrupts the main thread, which then closes the connection, and waits for it to end. */
  private static void stopMainThread(Thread mainThread) {
    mainThread.interrupt();
    try {
      mainThread.join(SHUTDOWN_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Prints events on the subscription's thread and decides the exit status, which the thread that
   * called {@link #follow} returns.
   */
  private static final class EventPrinter implements SseListener {

    private final URI uri;
    private final long maxEvents;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch decided = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    // Subscription thread only.
    private long printedEvents;
    private boolean printing = true;
    private SseError failure;

    // Guarded by this; set once.
    private int exitStatus;
    private String exitMessage;
    private boolean exitDecided;

    EventPrinter(URI uri, long maxEvents, PrintStream out, PrintStream err) {
      this.uri = uri;
      this.maxEvents = maxEvents;
      this.out = out;
      this.err = err;
    }

    /** Subscribes, waits until the exit status is decided, closes, and returns the status. */
    int follow(SseClient client) {
      Subscription subscription = client.subscribe(this);
      boolean interrupted = false;
      try {
        decided.await();
      } catch (InterruptedException e) {
        interrupted = true;
        decide(0, null);
      }
      subscription.close();
      try {
        // Let a line in progress finish, so that the output ends with a whole line.
        closed.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      out.flush();
      synchronized (this) {
        if (exitMessage != null) {
          err.println("SseTail: " + exitMessage);
          err.flush();
        }
        return exitStatus;
      }
    }

    @Override
    public void onEvent(SseEvent event) {
      // Events can arrive between the last one wanted and close() taking effect.
      if (!printing) {
        return;
      }
      out.println(EventJson.write(event));
      if (out.checkError()) { // flushes, and reports a closed stdout
        printing = false;
        decide(0, null);
        return;
      }
      printedEvents++;
      if (printedEvents >= maxEvents) {
        printing = false;
        decide(0, null);
      }
    }

    @Override
    public void onError(SseError error) {
      if (!error.willReconnect()) {
        failure = error; // reported once the subscription has closed
      } else if (error.kind() == SseError.Kind.LAST_EVENT_ID) {
        err.println("SseTail: " + error.getMessage());
      } else {
        err.println("SseTail: " + error.getMessage() + " Reconnecting.");
      }
    }

    @Override
    public void onClosed() {
      if (failure != null) {
        decide(1, failure.getMessage());
      } else {
        decide(1, "The server at " + uri + " ended the stream, and reconnecting is turned off.");
      }
      closed.countDown();
    }

    private synchronized void decide(int status, String message) {
      if (exitDecided) {
        return;
      }
      exitDecided = true;
      exitStatus = status;
      exitMessage = message;
      decided.countDown();
    }
  }
}
