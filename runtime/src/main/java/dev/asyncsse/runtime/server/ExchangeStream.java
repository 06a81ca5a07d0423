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
 * <p>Every write stores its start time and an in-progress flag in {@link #writeState}; nothing is
 * scheduled per write. The server calls {@link #checkWrite} for every open stream once per check
 * interval, which is half the write timeout. A check interrupts a write that has been in progress
 * for the write timeout, and for a younger one schedules a single check at the end of its timeout.
 * So a write to a client that stopped reading ends within the write timeout plus the scheduler's
 * delay, and releases its thread. Interrupting a thread blocked on the exchange's socket channel
 * closes the channel, which is the only way {@code com.sun.net.httpserver} offers to drop such a
 * client.
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

  /** The {@link #writeState} bit that marks a write in progress. */
  private static final long WRITING = 1;

  /** The {@link #writeState} bit that marks the write in progress as interrupted. */
  private static final long INTERRUPTED = 2;

  private static final long FLAGS = WRITING | INTERRUPTED;

  /**
   * Held while a thread interrupts a writer, and taken by that writer before it clears its
   * interrupt, so that it never clears the flag before the interrupt has arrived. Only these short
   * steps take it, so one lock serves every stream.
   */
  private static final Object INTERRUPT_LOCK = new Object();

  private static final VarHandle CLOSE_CALLBACKS;
  private static final VarHandle WRITE_STATE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLOSE_CALLBACKS =
          lookup.findVarHandle(ExchangeStream.class, "closeCallbacks", Runnable[].class);
      WRITE_STATE = lookup.findVarHandle(ExchangeStream.class, "writeState", long.class);
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

  private final WriteLock writeLock = new WriteLock();
  private volatile State state = State.PENDING;
  private volatile boolean ended;
  private volatile boolean aborting;
  private OutputStream body;

  /**
   * The {@link System#nanoTime()} at which the latest write started, with its two lowest bits
   * replaced by {@link #WRITING} and {@link #INTERRUPTED}. Consecutive writes never store the same
   * time, so a check that read this value and then compares and sets it acts on that write only.
   * Only the holder of {@link #writeLock} starts and ends writes; other threads only add {@link
   * #INTERRUPTED}.
   */
  private volatile long writeState = System.nanoTime() & ~FLAGS;

  private boolean lastWriteInterrupted; // guarded by writeLock

  /**
   * The {@link #onClose} callbacks in the order they were added, replaced by a longer copy on each
   * add, or {@link #CALLBACKS_RAN}. Most streams have one or two, so an array is the smallest
   * container. It is updated with compare-and-set, so no lock object is needed.
   */
  private volatile Runnable[] closeCallbacks = NO_CALLBACKS;

  /**
   * Creates a stream that has not started yet.
   *
   * @param scheduler runs the check at the end of a write's timeout; see {@link #checkWrite}
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
        boolean dropped = lastWriteInterrupted;
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
    long write = writeState;
    if ((write & FLAGS) == WRITING) {
      interruptWrite(write);
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
    if (ended || (writeState & WRITING) != 0 || state != State.OPEN) {
      // A write in progress shows liveness too, and checkWrite ends it if it blocks.
      return;
    }
    try {
      executor.execute(this::heartbeat);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down, and shutdown closes every stream.
    }
  }

  /**
   * Runs once per check interval (half the write timeout), on the scheduler thread, for every
   * stream from the time it is accepted until it ends. Interrupts the write in progress when it has
   * reached the write timeout or the stream is being aborted. Otherwise it schedules a check for the
   * end of that write's timeout. Every write that blocks for the timeout is in progress at some
   * check before its end, because checks are half a timeout apart.
   *
   * @param now the {@link System#nanoTime()} at the start of this round of checks
   */
  void checkWrite(long now) {
    long write = writeState;
    if ((write & FLAGS) != WRITING) {
      return;
    }
    if (aborting) {
      // abort() has logged why; a write that started after it, such as the final chunk, must not
      // block either.
      interruptWrite(write);
      return;
    }
    long remainingNanos = endpoint.writeTimeout().toNanos() - (now - (write & ~FLAGS));
    if (remainingNanos <= 0) {
      interruptTimedOutWrite(write);
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            if (writeState == write) {
              interruptTimedOutWrite(write);
            }
          },
          remainingNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The server is shutting down, and shutdown closes every stream.
    }
  }

  private void interruptTimedOutWrite(long write) {
    long blockedMillis = (System.nanoTime() - (write & ~FLAGS)) / 1_000_000;
    LOGGER.log(
        Level.INFO,
        () ->
            "Dropping the SSE stream of "
                + description()
                + ": a write has been blocked for "
                + blockedMillis
                + " ms, the write timeout is "
                + endpoint.writeTimeout().toMillis()
                + " ms");
    interruptWrite(write);
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
    // The same steps as watched(), without a lambda to allocate for every event.
    long write = beginWrite();
    try {
      body.write(bytes);
      body.flush();
    } finally {
      endWrite(write);
    }
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

  /** Runs {@code output} as one write, which {@link #checkWrite} watches. */
  private void watched(Output output) throws IOException {
    long write = beginWrite();
    try {
      output.run();
    } finally {
      endWrite(write);
    }
  }

  /** Records the start of a write in {@link #writeState}, and returns the value it stored. */
  private long beginWrite() {
    long previousStart = writeState & ~FLAGS;
    long start = System.nanoTime() & ~FLAGS;
    if (start - previousStart <= 0) {
      start = previousStart + FLAGS + 1;
    }
    long write = start | WRITING;
    WRITE_STATE.setRelease(this, write);
    return write;
  }

  /** Records the end of {@code write}, and clears the interrupt if a check interrupted it. */
  private void endWrite(long write) {
    if (WRITE_STATE.compareAndSet(this, write, write & ~WRITING)) {
      lastWriteInterrupted = false;
      return;
    }
    // interruptWrite() has marked this write; its interrupt has arrived once the lock is free.
    synchronized (INTERRUPT_LOCK) {
      writeState = write & ~FLAGS;
    }
    lastWriteInterrupted = true;
    // The interrupt was ours, to close the channel; do not leak it into the caller's code.
    Thread.interrupted();
  }

  /** Interrupts the thread that runs {@code write}, unless that write has ended. */
  private void interruptWrite(long write) {
    synchronized (INTERRUPT_LOCK) {
      if (WRITE_STATE.compareAndSet(this, write, write | INTERRUPTED)) {
        // The write has not ended, so the thread that started it still holds the lock.
        Thread writer = writeLock.holder();
        if (writer != null) {
          writer.interrupt();
        }
      }
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

  /** A lock that exposes its owner, which is the writer while a write is in progress. */
  private static final class WriteLock extends ReentrantLock {

    private static final long serialVersionUID = 1L;

    Thread holder() {
      return getOwner();
    }
  }
}
