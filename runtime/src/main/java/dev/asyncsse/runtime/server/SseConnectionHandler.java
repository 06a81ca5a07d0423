package dev.asyncsse.runtime.server;

/**
 * Decides what happens to one client that connects to an {@link SseEndpoint}.
 *
 * <p>The handler runs on a stream thread, never on the {@code HttpServer} dispatcher thread. It may
 * reject the request with {@link SseRequest#reject} before anything of the stream is written, send
 * events right away, or keep the stream (for example in a {@link Broadcaster}) and return. The
 * response headers are sent when the handler first writes or returns, whichever comes first. After
 * the handler returns the stream stays open, with heartbeats, until the client leaves or {@link
 * SseStream#close()} is called.
 *
 * <p>An exception thrown before the stream started gets a 500 response with a plain-text reason.
 * One thrown after that closes the stream. Both are logged.
 */
@FunctionalInterface
public interface SseConnectionHandler {

  /**
   * Handles one connection.
   *
   * @param request the request, with its path parameters
   * @param stream the stream to the client, not yet started
   * @throws Exception to reject the connection with 500, or to end a started stream
   */
  void onConnect(SseRequest request, SseStream stream) throws Exception;
}
