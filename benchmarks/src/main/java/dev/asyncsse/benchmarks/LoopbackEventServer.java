package dev.asyncsse.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on 127.0.0.1 that responds to every request with a {@code text/event-stream}
 * body of a fixed number of pre-encoded events, written as fast as the socket takes them.
 *
 * <p>The body is chunked, about 64 KiB per chunk, and the connection closes after the last chunk
 * ({@code Connection: close}). The server ignores the request's method, path and headers. Each
 * connection runs on its own thread, which adds its CPU time to {@link #cpuNanos()} when it ends,
 * so that a benchmark can subtract the server's share of the process CPU time.
 */
final class LoopbackEventServer implements AutoCloseable {

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int MAX_REQUEST_HEAD_BYTES = 64 * 1024;
  private static final int REQUEST_READ_TIMEOUT_MILLIS = 10_000;
  private static final byte[] RESPONSE_HEAD =
      ("HTTP/1.1 200 OK\r\n"
              + "Content-Type: text/event-stream; charset=utf-8\r\n"
              + "Cache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\n"
              + "Connection: close\r\n"
              + "\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket serverSocket;
  private final byte[] fullChunk;
  private final byte[] lastDataChunk;
  private final int fullChunks;
  private final AtomicLong cpuNanos = new AtomicLong();
  private final Semaphore finishedConnections = new Semaphore(0);
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread acceptor;

  private LoopbackEventServer(ServerSocket serverSocket, byte[] frame, int eventsPerConnection) {
    this.serverSocket = serverSocket;
    int framesPerChunk = Math.max(1, CHUNK_BYTES / frame.length);
    this.fullChunk = chunk(frame, framesPerChunk);
    this.fullChunks = eventsPerConnection / framesPerChunk;
    int remainder = eventsPerConnection % framesPerChunk;
    this.lastDataChunk = remainder == 0 ? new byte[0] : chunk(frame, remainder);
    this.acceptor = new Thread(this::acceptLoop, "loopback-event-server");
    this.acceptor.setDaemon(true);
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param frame one encoded event, ending with its blank line
   * @param eventsPerConnection how many copies of {@code frame} each response carries
   */
  static LoopbackEventServer start(byte[] frame, int eventsPerConnection) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    LoopbackEventServer server = new LoopbackEventServer(socket, frame, eventsPerConnection);
    server.acceptor.start();
    return server;
  }

  /** Returns the URI of {@code path} on this server. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
  }

  /** Returns the CPU time spent so far by connection threads that have ended. */
  long cpuNanos() {
    return cpuNanos.get();
  }

  /**
   * Waits until one more connection has ended since the last call, so that its CPU time is in
   * {@link #cpuNanos()}.
   *
   * @throws IllegalStateException when none ends within {@code timeoutSeconds}
   */
  void awaitConnectionEnd(long timeoutSeconds) throws InterruptedException {
    if (!finishedConnections.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "No connection to the loopback event server ended within " + timeoutSeconds + " s");
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }

  private static byte[] chunk(byte[] frame, int frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * frames + 16);
    byte[] head =
        (Integer.toHexString(frame.length * frames) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    out.write(head, 0, head.length);
    for (int i = 0; i < frames; i++) {
      out.write(frame, 0, frame.length);
    }
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread connection = new Thread(() -> serve(socket), "loopback-event-connection");
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket) {
    long startNanos = threads.getCurrentThreadCpuTime();
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(REQUEST_READ_TIMEOUT_MILLIS);
      skipRequestHead(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      out.write(RESPONSE_HEAD);
      for (int i = 0; i < fullChunks; i++) {
        out.write(fullChunk);
      }
      out.write(lastDataChunk);
      out.write(LAST_CHUNK);
      out.flush();
    } catch (SocketException e) {
      // The client closed the connection after the events it wanted.
    } catch (IOException e) {
      System.err.println("loopback event server: connection failed: " + e);
    } finally {
      cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - startNanos);
      finishedConnections.release();
    }
  }

  /** Reads up to the blank line that ends the request head; requests here have no body. */
  private static void skipRequestHead(InputStream in) throws IOException {
    int matched = 0;
    for (int read = 0; read < MAX_REQUEST_HEAD_BYTES; read++) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("The client closed the connection before the end of its request");
      }
      // Counts the bytes of CR LF CR LF seen in a row.
      if (b == (matched % 2 == 0 ? '\r' : '\n')) {
        matched++;
        if (matched == 4) {
          return;
        }
      } else {
        matched = b == '\r' ? 1 : 0;
      }
    }
    throw new IOException("The request head is longer than " + MAX_REQUEST_HEAD_BYTES + " bytes");
  }
}
