package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.asyncsse.runtime.sse.SseEncoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An {@link SseStream} over one {@link HttpExchange}.
 *
 * <p>All output goes through {@link #writeLock}, so frames never interleave. The response starts
 * with the first write, or when the handler returns. The server calls {@link #tick} every heartbeat
 * interval from one task per endpoint: once the response has started, a tick writes a {@code :
 * ping} comment on the stream executor, so a blocked write never holds up the scheduler.
 *
 * <p>A write that starts while no watchdog is pending schedules one for the end of its write
 * timeout. The watchdog interrupts the write in progress once it has been blocked for the write
 * timeout, or else schedules itself again for the end of that write's timeout. So a write to a
 * client that stopped reading ends within the write timeout plus the scheduler's delay, and
 * releases its thread. Interrupting a thread blocked on the exchange's socket channel closes the
 * channel, which is the only way {@code com.sun.net.httpserver} offers to drop such a client.
 */
final class ExchangeStream implements SseStream {

  private static final System.Logger LOGGER = System.getLogger("dev.asyncsse.runtime.server");
  private static final String HEARTBEAT = SseEncoder.comment("ping") + "\n";

  // Headers.set allocates a LinkedList per header, and the exchange keeps it for the life of the
  // stream. These immutable lists are shared by every stream instead.
  private static final List<String> CONTENT_TYPE = List.of("text/event-stream; charset=utf-8");
  private static final List<String> NO_CACHE = List.of("no-cache");
  private static final List<String> NO = List.of("no");

  private static final Runnable[] NO_CALLBACKS = {};
  /** The value of {@link #closeCallbacks} once the callbacks have run. */
  private static final Runnable[] CALLBACKS_RAN = {};

  private static final VarHandle CLOSE_CALLBACKS;

  static {
    try {
      CLOSE_CALLBACKS =
          MethodHandles.lookup()
              .findVarHandle(ExchangeStream.class, "closeCallbacks", Runnable[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private enum State {
    /** Nothing written yet; the request may still be rejected. */
    PENDING,
    /** The 200 response has started. */
    OPEN,
    /** The request got a response with another status. */
    REJECTED,
    /** The response has ended. */
    CLOSED
  }

  /** An output step that is watched by the write timeout. */
  private interface Output {
    void run() throws IOException;
  }

  private final HttpExchange exchange;
  private final SseEndpoint endpoint;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Consumer<ExchangeStream> onEnd;

  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile State state = State.PENDING;
  private volatile boolean ended;
  private volatile boolean aborting;
  private OutputStream body;

  private final Object writerMonitor = new Object();
  private Thread writer;
  private long writeStartNanos;
  private boolean writerInterrupted;
  private boolean lastWriteInterrupted;
  private ScheduledFuture<?> writeWatchdog;

  /**
   * The {@link #onClose} callbacks in the order they were added, replaced by a longer copy on each
   * add, or {@link #CALLBACKS_RAN}. Most streams have one or two, so an array is the smallest
   * container. It is updated with compare-and-set, so no lock object is needed.
   */
  private volatile Runnable[] closeCallbacks = NO_CALLBACKS;

  /**
   * Creates a stream that has not started yet.
   *
   * @param scheduler runs the write-timeout watchdog
   * @param onEnd runs once with this stream when the response has ended, after the exchange is
   *     closed
   */
  ExchangeStream(
      HttpExchange exchange,
      SseEndpoint endpoint,
      Executor executor,
      ScheduledExecutorService scheduler,
      Consumer<ExchangeStream> onEnd) {
    this.exchange = exchange;
    this.endpoint = endpoint;
    this.executor = executor;
    this.scheduler = scheduler;
    this.onEnd = onEnd;
  }

  @Override
  public void send(String eventName, String id, String data) throws IOException {
    writeFrame(SseEncoder.event(eventName, id, data).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void comment(String text) throws IOException {
    writeFrame(SseEncoder.comment(text).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean isOpen() {
    State current = state;
    return (current == State.PENDING || current == State.OPEN) && !aborting && !ended;
  }

  @Override
  public void onClose(Runnable callback) {
    Runnable[] current;
    do {
      current = closeCallbacks;
      if (current == CALLBACKS_RAN) {
        runCallback(callback);
        return;
      }
    } while (!CLOSE_CALLBACKS.compareAndSet(this, current, append(current, callback)));
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (ended) {
        return;
      }
      if (state == State.PENDING && !aborting) {
        try {
          startLocked();
        } catch (IOException e) {
          LOGGER.log(Level.DEBUG, () -> "Cannot start the SSE stream of " + description(), e);
        }
      }
      endLocked();
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /** Writes one encoded frame and flushes it; used by {@link #send} and by broadcasters. */
  void writeFrame(byte[] frame) throws IOException {
    lockForWrite();
    try {
      checkWritableLocked();
      try {
        if (state == State.PENDING) {
          startLocked();
        }
        writeLocked(frame);
      } catch (IOException e) {
        boolean dropped = lastWriteInterrupted();
        endLocked();
        throw new IOException(
            (dropped ? "Dropped the SSE stream of " : "The client has gone from the SSE stream of ")
                + description(),
            e);
      }
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /** Responds with {@code status} instead of a stream; see {@link SseRequest#reject}. */
  void reject(int status, String reason) {
    writeLock.lock();
    try {
      if (state == State.REJECTED) {
        throw new IllegalStateException("The request has already been rejected");
      }
      if (state != State.PENDING) {
        throw new IllegalStateException(
            "The SSE stream has already started, so the request can no longer be rejected; "
                + "call reject before the first send");
      }
      respondLocked(status, reason);
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /** Starts the response if the handler returned without writing or rejecting. */
  void handlerReturned() {
    writeLock.lock();
    try {
      if (state == State.PENDING && !ended && !aborting) {
        startLocked();
      }
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, () -> "Cannot start the SSE stream of " + description(), e);
      endLocked();
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /** Responds with 500 if the stream has not started, else ends it; the caller logs the failure. */
  void handlerFailed() {
    writeLock.lock();
    try {
      if (state == State.PENDING && !ended) {
        respondLocked(500, "The server failed to open the event stream.");
      } else {
        endLocked();
      }
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /** Responds with 503 because the server is shutting down, unless the stream has started. */
  void rejectDuringShutdown() {
    writeLock.lock();
    try {
      if (state == State.PENDING && !ended) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        respondLocked(503, "The server is shutting down.");
      }
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  /**
   * Drops the client without waiting: a write in progress is interrupted, which closes the
   * connection, and the stream is closed on the stream executor. Used for a subscriber that falls
   * behind, whose writes are likely blocked.
   */
  void abort(String reason) {
    if (ended || aborting) {
      return;
    }
    aborting = true;
    LOGGER.log(Level.INFO, () -> "Dropping the SSE stream of " + description() + ": " + reason);
    synchronized (writerMonitor) {
      interruptWriterLocked();
    }
    try {
      executor.execute(this::close);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down, and shutdown closes every stream.
    }
  }

  /**
   * Runs every heartbeat interval, on the scheduler thread, from the time the stream is accepted
   * until it ends.
   */
  void tick() {
    if (ended) {
      return;
    }
    synchronized (writerMonitor) {
      if (writer != null) {
        if (aborting) {
          // abort() has logged why; a write that started after it, such as the final chunk,
          // must not block either.
          interruptWriterLocked();
        }
        return;
      }
    }
    if (state != State.OPEN) {
      return;
    }
    try {
      executor.execute(this::heartbeat);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down, and shutdown closes every stream.
    }
  }

  /** Interrupts the write in progress if its write timeout has passed; see the class comment. */
  private void checkWriteTimeout() {
    synchronized (writerMonitor) {
      writeWatchdog = null;
      if (writer == null || writerInterrupted) {
        return;
      }
      long timeoutNanos = endpoint.writeTimeout().toNanos();
      long blockedNanos = System.nanoTime() - writeStartNanos;
      if (blockedNanos < timeoutNanos) {
        scheduleWriteWatchdogLocked(timeoutNanos - blockedNanos);
        return;
      }
      LOGGER.log(
          Level.INFO,
          () ->
              "Dropping the SSE stream of "
                  + description()
                  + ": a write has been blocked for "
                  + blockedNanos / 1_000_000
                  + " ms, the write timeout is "
                  + endpoint.writeTimeout().toMillis()
                  + " ms");
      interruptWriterLocked();
    }
  }

  private void scheduleWriteWatchdogLocked(long delayNanos) {
    try {
      writeWatchdog = scheduler.schedule(this::checkWriteTimeout, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The server is shutting down, and shutdown closes every stream.
    }
  }

  /** Writes a heartbeat comment unless another write is in progress, which shows liveness too. */
  private void heartbeat() {
    if (!writeLock.tryLock()) {
      return;
    }
    try {
      if (state == State.OPEN && !ended && !aborting) {
        writeLocked(HEARTBEAT.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOGGER.log(
          Level.DEBUG, () -> "The client has gone from the SSE stream of " + description(), e);
      endLocked();
    } finally {
      writeLock.unlock();
      runCloseCallbacks();
    }
  }

  private void lockForWrite() throws InterruptedIOException {
    try {
      writeLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "Interrupted while waiting to write to the SSE stream of " + description());
    }
  }

  private void checkWritableLocked() throws IOException {
    if (state == State.REJECTED) {
      throw new IllegalStateException("The request was rejected, so no event can be sent");
    }
    if (ended || aborting) {
      throw new IOException("The SSE stream of " + description() + " is closed");
    }
  }

  /** Sends the 200 response headers and the retry hint. */
  private void startLocked() throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("Cache-Control", NO_CACHE);
    headers.put("X-Accel-Buffering", NO);
    state = State.OPEN;
    // Length 0 selects chunked transfer encoding; -1 would mean no body at all.
    watched(() -> exchange.sendResponseHeaders(200, 0));
    body = exchange.getResponseBody();
    // JDK 17 sends the headers at once, JDK 25 only with the first flush. Flushing an empty chunk
    // buffer writes no chunk, so this cannot end the body.
    watched(body::flush);
    if (endpoint.retryHint().isPresent()) {
      long millis = endpoint.retryHint().get().toMillis();
      writeLocked(SseEncoder.retry(millis).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes and flushes, because the exchange holds up to 4 KiB until a flush. */
  private void writeLocked(byte[] bytes) throws IOException {
    watched(
        () -> {
          body.write(bytes);
          body.flush();
        });
  }

  /** Responds with a plain-text status in place of the stream, and ends the exchange. */
  private void respondLocked(int status, String reason) {
    state = State.REJECTED;
    try {
      watched(() -> PlainTextResponse.write(exchange, status, reason));
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, () -> "Cannot respond with " + status + " to " + description(), e);
    }
    endLocked();
  }

  /**
   * Ends the response: closing the exchange writes the final chunk, or closes the connection when
   * that fails. Then removes the stream from the server, which stops its heartbeat. Runs once.
   */
  private void endLocked() {
    if (ended) {
      return;
    }
    ended = true;
    if (state != State.REJECTED) {
      state = State.CLOSED;
    }
    try {
      watched(exchange::close);
    } catch (IOException e) {
      // HttpExchange.close() reports no IOException; it closes the connection when a write fails.
    }
    onEnd.accept(this);
  }

  /** Runs {@code output} while recording this thread, so that the tick can interrupt it. */
  private void watched(Output output) throws IOException {
    synchronized (writerMonitor) {
      writer = Thread.currentThread();
      writeStartNanos = System.nanoTime();
      writerInterrupted = false;
      if (writeWatchdog == null) {
        scheduleWriteWatchdogLocked(endpoint.writeTimeout().toNanos());
      }
    }
    try {
      output.run();
    } finally {
      boolean clearInterrupt;
      synchronized (writerMonitor) {
        writer = null;
        clearInterrupt = writerInterrupted;
        lastWriteInterrupted = writerInterrupted;
        writerInterrupted = false;
      }
      if (clearInterrupt) {
        // The interrupt was ours, to close the channel; do not leak it into the caller's code.
        Thread.interrupted();
      }
    }
  }

  private void interruptWriterLocked() {
    if (writer != null && !writerInterrupted) {
      writerInterrupted = true;
      writer.interrupt();
    }
  }

  private boolean lastWriteInterrupted() {
    synchronized (writerMonitor) {
      return lastWriteInterrupted;
    }
  }

  private void runCloseCallbacks() {
    if (!ended) {
      return;
    }
    Runnable[] callbacks = (Runnable[]) CLOSE_CALLBACKS.getAndSet(this, CALLBACKS_RAN);
    for (Runnable callback : callbacks) {
      runCallback(callback);
    }
  }

  private static Runnable[] append(Runnable[] callbacks, Runnable callback) {
    Runnable[] longer = Arrays.copyOf(callbacks, callbacks.length + 1);
    longer[callbacks.length] = callback;
    return longer;
  }

  /**
   * Returns the client's address and the request path, for log and exception messages. It is
   * built only when needed, because asking the exchange for the remote address creates a socket
   * adaptor that the connection would then keep.
   */
  private String description() {
    return "client " + exchange.getRemoteAddress() + " on " + exchange.getRequestURI().getRawPath();
  }

  private void runCallback(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          () -> "An onClose callback of the SSE stream of " + description() + " failed",
          e);
    }
  }
}
