/**
 * A Server-Sent Events client over {@code java.net.http}: {@link
 * dev.asyncsse.runtime.client.SseClient} runs a reconnect loop per {@link
 * dev.asyncsse.runtime.client.Subscription} and reports to an {@link
 * dev.asyncsse.runtime.client.SseListener}; {@link dev.asyncsse.runtime.client.ChannelListener}
 * decodes events into typed messages for generated channel clients. {@link
 * dev.asyncsse.runtime.client.SseClient#publisher()} and {@link
 * dev.asyncsse.runtime.client.BlockingEventStream} offer the same events with demand and as a
 * blocking iterator.
 */
package dev.asyncsse.runtime.client;
