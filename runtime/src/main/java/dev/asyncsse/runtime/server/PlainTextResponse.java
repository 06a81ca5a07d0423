package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a short {@code text/plain} response in place of an event stream. */
final class PlainTextResponse {

  private PlainTextResponse() {}

  /** Writes the response and closes the exchange. */
  static void send(HttpExchange exchange, int status, String text) throws IOException {
    try {
      write(exchange, status, text);
    } finally {
      exchange.close();
    }
  }

  /**
   * Writes the response without closing the exchange. A 204, empty text or a HEAD request sends no
   * body, because {@code com.sun.net.httpserver} rejects body bytes for HEAD.
   */
  static void write(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (status == 204 || body.length == 0 || exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    out.flush();
  }
}
