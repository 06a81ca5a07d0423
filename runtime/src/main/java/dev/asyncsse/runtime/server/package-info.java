/**
 * Server-Sent Events over {@code com.sun.net.httpserver}.
 *
 * <p>An {@link dev.asyncsse.runtime.server.SseServer} serves {@link
 * dev.asyncsse.runtime.server.SseEndpoint}s on an {@code HttpServer}. Each connecting client goes
 * to the endpoint's {@link dev.asyncsse.runtime.server.SseConnectionHandler}, which receives an
 * {@link dev.asyncsse.runtime.server.SseRequest} and an {@link
 * dev.asyncsse.runtime.server.SseStream}. A {@link dev.asyncsse.runtime.server.Broadcaster} fans
 * typed payloads out to many streams and replays missed events to clients that reconnect, and a
 * {@link dev.asyncsse.runtime.server.TypedStream} sends typed payloads to one.
 *
 * <p>Before a stream opens, an endpoint can authenticate the request with the checks of {@link
 * dev.asyncsse.runtime.server.Authentication}, validate its path parameters, and authorize it with
 * further {@link dev.asyncsse.runtime.server.AccessCheck}s. A {@link
 * dev.asyncsse.runtime.server.CorsPolicy} lets browsers on other origins connect.
 */
package dev.asyncsse.runtime.server;
