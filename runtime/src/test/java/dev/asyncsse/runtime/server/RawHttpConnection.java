package dev.asyncsse.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client over a plain socket, for the tests that need exact bytes: request headers that
 * java.net.http cannot send, the chunk framing of the response, or a client that stops reading.
 */
final class RawHttpConnection implements AutoCloseable {

  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final InputStream in;

  private RawHttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** Connects to the loopback port; a positive {@code receiveBuffer} sets SO_RCVBUF first. */
  static RawHttpConnection connect(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return new RawHttpConnection(socket);
  }

  static RawHttpConnection connect(int port) throws IOException {
    return connect(port, 0);
  }

  /** Sends a request; {@code headerBytes} are raw header lines, each ending in CRLF. */
  void send(String method, String path, byte[] headerBytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(headerBytes);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void get(String path) throws IOException {
    send("GET", path, new byte[0]);
  }

  /** Reads the status line and headers. */
  Head readHead() throws IOException {
    String statusLine = readLine();
    List<String> headers = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      headers.add(line);
    }
    return new Head(Integer.parseInt(statusLine.split(" ")[1]), headers);
  }

  /** Reads one chunk of a chunked body and returns its data; empty for the final chunk. */
  String readChunk() throws IOException {
    String sizeLine = readLine();
    int size = Integer.parseInt(sizeLine.trim(), 16);
    byte[] data = in.readNBytes(size);
    if (data.length != size) {
      throw new IOException("The connection ended inside a chunk");
    }
    String end = readLine();
    if (!end.isEmpty()) {
      throw new IOException("Expected CRLF after a chunk, got \"" + end + "\"");
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  /** Reads chunks until one is not a heartbeat comment, and returns it. */
  String readChunkSkippingHeartbeats() throws IOException {
    String chunk = readChunk();
    while (chunk.equals(": ping\n\n")) {
      chunk = readChunk();
    }
    return chunk;
  }

  /** Reads {@code length} bytes of a fixed-length body. */
  String readBody(int length) throws IOException {
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Returns true when the server has closed the connection (the next read returns -1). */
  boolean isClosedByServer() throws IOException {
    return in.read() == -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b == -1) {
        throw new IOException("The connection ended inside a line: \"" + line + "\"");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** A response's status and header lines. */
  record Head(int status, List<String> headerLines) {

    /** Returns the value of the first header with this name (case-insensitive), or null. */
    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : headerLines) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      return null;
    }
  }
}
