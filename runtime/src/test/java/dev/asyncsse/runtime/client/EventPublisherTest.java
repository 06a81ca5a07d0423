package dev.asyncsse.runtime.client;

import static dev.asyncsse.runtime.client.ScriptedServer.stream;
import static dev.asyncsse.runtime.client.ScriptedServer.streamThenHold;
import static dev.asyncsse.runtime.client.StreamScripts.assertWithinWait;
import static dev.asyncsse.runtime.client.StreamScripts.awaitSteady;
import static dev.asyncsse.runtime.client.StreamScripts.flood;
import static dev.asyncsse.runtime.client.StreamScripts.heartbeatsUntilDisconnect;
import static dev.asyncsse.runtime.client.StreamScripts.numberedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncsse.runtime.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SseClient#publisher()} against a real loopback server. */
class EventPublisherTest {

  private static final int BURST = 10_000;
  private static final Duration SHORT_DELAY = Duration.ofMillis(20);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(300);
  private static final String COMPLETE = "onComplete";

  private ScriptedServer server;
  private final List<Flow.Subscription> subscriptions = new ArrayList<>();
  private final CountDownLatch releaseHeldResponses = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopEverything() {
    subscriptions.forEach(Flow.Subscription::cancel);
    releaseHeldResponses.countDown();
    server.close();
  }

  private SseClient.Builder client() {
    return SseClient.builder(server.uri("/events")).reconnectDelay(SHORT_DELAY);
  }

  private RecordingSubscriber subscribe(SseClient client, long initialDemand) throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(initialDemand);
    client.publisher().subscribe(subscriber);
    subscriptions.add(subscriber.subscription());
    return subscriber;
  }

  // Demand.

  @Test
  void oneAtATimeDeliversBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    List<SseEvent> received = new ArrayList<>();
    CountDownLatch completed = new CountDownLatch(1);
    client()
        .reconnect(false)
        .build()
        .publisher()
        .subscribe(
            new Flow.Subscriber<SseEvent>() {
              private Flow.Subscription subscription;

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscriptions.add(subscription);
                subscription.request(1);
              }

              @Override
              public void onNext(SseEvent event) {
                received.add(event);
                subscription.request(1);
              }

              @Override
              public void onError(Throwable error) {
                received.add(new SseEvent("error", error.toString(), ""));
                completed.countDown();
              }

              @Override
              public void onComplete() {
                completed.countDown();
              }
            });

    assertWithinWait(completed, "onComplete");
    assertEquals(BURST, received.size());
    for (int i = 0; i < BURST; i++) {
      String number = Integer.toString(i);
      assertEquals(new SseEvent("message", number, number), received.get(i));
    }
  }

  @Test
  void unboundedDemandDeliversBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    RecordingSubscriber subscriber = subscribe(client().reconnect(false).build(), Long.MAX_VALUE);

    for (int i = 0; i < BURST; i++) {
      assertEquals(Integer.toString(i), subscriber.nextEvent().data());
    }
    subscriber.expectComplete();
  }

  @Test
  void demandFromConsumerThreadDeliversBurst() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    RecordingSubscriber subscriber = subscribe(client().reconnect(false).build(), 0);

    for (int i = 0; i < BURST; i++) {
      subscriber.subscription().request(1);
      assertEquals(Integer.toString(i), subscriber.nextEvent().data());
    }
    subscriber.expectComplete();
  }

  @Test
  void deliversNoMoreThanRequested() throws Exception {
    server.enqueue(streamThenHold(numberedEvents(100), releaseHeldResponses));
    RecordingSubscriber subscriber = subscribe(client().build(), 3);

    for (int i = 0; i < 3; i++) {
      assertEquals(Integer.toString(i), subscriber.nextEvent().data());
    }
    subscriber.expectNothingWithin(QUIET_PERIOD);
    subscriber.subscription().request(2);
    assertEquals("3", subscriber.nextEvent().data());
    assertEquals("4", subscriber.nextEvent().data());
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void demandAboveMaxValueIsUnbounded() throws Exception {
    server.enqueue(stream(numberedEvents(5)));
    RecordingSubscriber subscriber = subscribe(client().reconnect(false).build(), 0);

    subscriber.subscription().request(Long.MAX_VALUE - 1);
    subscriber.subscription().request(Long.MAX_VALUE - 1);
    for (int i = 0; i < 5; i++) {
      assertEquals(Integer.toString(i), subscriber.nextEvent().data());
    }
    subscriber.expectComplete();
  }

  @Test
  void onNextCallsNeverOverlap() throws Exception {
    server.enqueue(stream(numberedEvents(BURST)));
    AtomicBoolean inOnNext = new AtomicBoolean();
    AtomicBoolean overlapped = new AtomicBoolean();
    AtomicInteger received = new AtomicInteger();
    CountDownLatch completed = new CountDownLatch(1);
    List<Flow.Subscription> subscription = new ArrayList<>();
    client()
        .reconnect(false)
        .build()
        .publisher()
        .subscribe(
            new Flow.Subscriber<SseEvent>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription.add(s);
                subscriptions.add(s);
              }

              @Override
              public void onNext(SseEvent event) {
                if (!inOnNext.compareAndSet(false, true)) {
                  overlapped.set(true);
                }
                received.incrementAndGet();
                Thread.yield();
                inOnNext.set(false);
              }

              @Override
              public void onError(Throwable error) {}

              @Override
              public void onComplete() {
                completed.countDown();
              }
            });

    // Two threads add demand while events are being delivered.
    Runnable requestHalf =
        () -> {
          for (int i = 0; i < BURST / 2; i++) {
            subscription.get(0).request(1);
          }
        };
    Thread first = new Thread(requestHalf);
    Thread second = new Thread(requestHalf);
    first.start();
    second.start();
    first.join();
    second.join();

    assertWithinWait(completed, "onComplete");
    assertEquals(BURST, received.get());
    assertFalse(overlapped.get(), "two onNext calls overlapped");
  }

  // Reactive Streams rule 3.9: request(n) with n <= 0 signals onError(IllegalArgumentException).

  @Test
  void zeroRequestSignalsIllegalArgument() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingSubscriber subscriber = subscribe(client().build(), 0);

    subscriber.subscription().request(0);
    assertInstanceOf(IllegalArgumentException.class, subscriber.nextSignal());
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void zeroRequestInOnSubscribeNeverConnects() throws Exception {
    RecordingSubscriber subscriber =
        new RecordingSubscriber(0, subscription -> subscription.request(0));
    client().build().publisher().subscribe(subscriber);

    assertInstanceOf(IllegalArgumentException.class, subscriber.nextSignal());
    server.assertNoRequestWithin(QUIET_PERIOD);
  }

  @Test
  void negativeRequestClosesConnection() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("data: a\n\ndata: b\n\n", disconnected));
    RecordingSubscriber subscriber = subscribe(client().build(), 1);

    assertEquals("a", subscriber.nextEvent().data());
    subscriber.subscription().request(-1);
    IllegalArgumentException error =
        assertInstanceOf(IllegalArgumentException.class, subscriber.nextSignal());
    assertTrue(error.getMessage().contains("-1"), error.getMessage());
    assertWithinWait(disconnected, "closing the connection");
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  // Cancelling.

  @Test
  void cancelClosesConnection() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("data: a\n\n", disconnected));
    RecordingSubscriber subscriber = subscribe(client().build(), Long.MAX_VALUE);

    assertEquals("a", subscriber.nextEvent().data());
    subscriber.subscription().cancel();
    assertWithinWait(disconnected, "closing the connection");
    subscriber.expectNothingWithin(QUIET_PERIOD);
    server.takeRequest();
    server.assertNoRequestWithin(Duration.ZERO);
  }

  @Test
  void cancelWhileWaitingForDemandClosesConnection() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("data: a\n\n", disconnected));
    RecordingSubscriber subscriber = subscribe(client().build(), 0);
    server.takeRequest();

    subscriber.subscription().cancel();
    assertWithinWait(disconnected, "closing the connection");
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void requestAfterCancelDoesNothing() throws Exception {
    server.enqueue(streamThenHold("data: a\n\n", releaseHeldResponses));
    RecordingSubscriber subscriber = subscribe(client().build(), 0);

    subscriber.subscription().cancel();
    subscriber.subscription().request(0);
    subscriber.subscription().request(5);
    subscriber.subscription().cancel();
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void throwingOnNextCancels() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("data: a\n\ndata: b\n\n", disconnected));
    RecordingSubscriber subscriber =
        new RecordingSubscriber(Long.MAX_VALUE) {
          @Override
          public void onNext(SseEvent event) {
            super.onNext(event);
            throw new IllegalStateException("the subscriber fails");
          }
        };
    client().build().publisher().subscribe(subscriber);
    subscriptions.add(subscriber.subscription());

    assertEquals("a", subscriber.nextEvent().data());
    assertWithinWait(disconnected, "closing the connection");
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  // How the stream ends.

  @Test
  void endOfStreamWithoutReconnectCompletes() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingSubscriber subscriber = subscribe(client().reconnect(false).build(), Long.MAX_VALUE);

    assertEquals(new SseEvent("message", "a", ""), subscriber.nextEvent());
    subscriber.expectComplete();
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void status204SignalsOnError() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    RecordingSubscriber subscriber = subscribe(client().build(), Long.MAX_VALUE);

    assertEquals("a", subscriber.nextEvent().data());
    SseError error = assertInstanceOf(SseError.class, subscriber.nextSignal());
    assertEquals(SseError.Kind.HTTP_STATUS, error.kind());
    assertEquals(OptionalInt.of(204), error.status());
    assertFalse(error.willReconnect());
    subscriber.expectNothingWithin(QUIET_PERIOD);
  }

  @Test
  void wrongContentTypeSignalsOnError() throws Exception {
    server.enqueue(
        ScriptedServer.streamWithContentType("application/json", ScriptedServer.bytes("{}")));
    RecordingSubscriber subscriber = subscribe(client().build(), Long.MAX_VALUE);

    SseError error = assertInstanceOf(SseError.class, subscriber.nextSignal());
    assertEquals(SseError.Kind.CONTENT_TYPE, error.kind());
  }

  @Test
  void reconnectsWithoutSignallingTransientEnd() throws Exception {
    server.enqueue(stream("id: 1\ndata: a\n\n"), stream("data: b\n\n"));
    RecordingSubscriber subscriber = subscribe(client().build(), Long.MAX_VALUE);

    assertEquals(new SseEvent("message", "a", "1"), subscriber.nextEvent());
    assertEquals(new SseEvent("message", "b", "1"), subscriber.nextEvent());
    server.takeRequest();
    assertEquals("1", server.takeRequest().header("Last-Event-ID"));
    assertEquals(
        SseError.Kind.HTTP_STATUS,
        assertInstanceOf(SseError.class, subscriber.nextSignal()).kind());
  }

  // Subscribers and threads.

  @Test
  void eachSubscriberHasOwnConnection() throws Exception {
    server.enqueue(stream("data: a\n\n"), stream("data: a\n\n"));
    SseClient client = client().reconnect(false).build();
    Flow.Publisher<SseEvent> publisher = client.publisher();
    RecordingSubscriber first = new RecordingSubscriber(Long.MAX_VALUE);
    RecordingSubscriber second = new RecordingSubscriber(Long.MAX_VALUE);
    publisher.subscribe(first);
    publisher.subscribe(second);

    for (RecordingSubscriber subscriber : List.of(first, second)) {
      assertEquals("a", subscriber.nextEvent().data());
      subscriber.expectComplete();
    }
    server.takeRequest();
    server.takeRequest();
  }

  @Test
  void onSubscribeRunsOnCallingThread() throws Exception {
    server.enqueue(stream("data: a\n\n"));
    Thread caller = Thread.currentThread();
    AtomicBoolean onCaller = new AtomicBoolean();
    RecordingSubscriber subscriber =
        new RecordingSubscriber(1, subscription -> onCaller.set(Thread.currentThread() == caller));
    client().reconnect(false).build().publisher().subscribe(subscriber);

    assertTrue(onCaller.get());
    assertEquals("a", subscriber.nextEvent().data());
  }

  @Test
  void throwingOnSubscribeNeverConnects() throws Exception {
    RecordingSubscriber subscriber =
        new RecordingSubscriber(
            1,
            subscription -> {
              throw new IllegalStateException("the subscriber fails");
            });
    client().build().publisher().subscribe(subscriber);

    server.assertNoRequestWithin(QUIET_PERIOD);
    subscriber.expectNothingWithin(Duration.ZERO);
  }

  @Test
  void nullSubscriberRejected() {
    Flow.Publisher<SseEvent> publisher = client().build().publisher();
    assertThrows(NullPointerException.class, () -> publisher.subscribe(null));
  }

  // Back-pressure.

  @Test
  void missingDemandStopsServerWrites() throws Exception {
    AtomicLong written = new AtomicLong();
    long total = 64L << 20;
    server.enqueue(flood(written, total));
    RecordingSubscriber subscriber = subscribe(client().build(), 1);

    assertNotNull(subscriber.nextEvent());
    long steady = awaitSteady(written);
    assertTrue(steady < total / 2, "the server wrote " + steady + " of " + total + " bytes");
    subscriber.expectNothingWithin(Duration.ZERO);
  }

  @Test
  void waitingForDemandIsNotIdleTime() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    server.enqueue(heartbeatsUntilDisconnect("data: 1\n\ndata: 2\n\n", disconnected));
    Duration idleTimeout = Duration.ofMillis(300);
    RecordingSubscriber subscriber = subscribe(client().idleTimeout(idleTimeout).build(), 1);

    assertEquals("1", subscriber.nextEvent().data());
    Thread.sleep(idleTimeout.multipliedBy(4).toMillis());
    subscriber.subscription().request(1);
    assertEquals("2", subscriber.nextEvent().data());
    subscriber.subscription().request(1);
    subscriber.expectNothingWithin(QUIET_PERIOD);
    server.takeRequest();
    server.assertNoRequestWithin(Duration.ZERO);
    assertEquals(1, disconnected.getCount(), "the connection was closed");
  }

  /** Records every signal in order; requests {@code initialDemand} in {@code onSubscribe}. */
  static class RecordingSubscriber implements Flow.Subscriber<SseEvent> {

    private final long initialDemand;
    private final Consumer<Flow.Subscription> onSubscribeAction;
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Flow.Subscription subscription;

    RecordingSubscriber(long initialDemand) {
      this(initialDemand, subscription -> {});
    }

    RecordingSubscriber(long initialDemand, Consumer<Flow.Subscription> onSubscribeAction) {
      this.initialDemand = initialDemand;
      this.onSubscribeAction = onSubscribeAction;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      assertNull(this.subscription, "onSubscribe called twice");
      this.subscription = subscription;
      onSubscribeAction.accept(subscription);
      if (initialDemand > 0) {
        subscription.request(initialDemand);
      }
      subscribed.countDown();
    }

    @Override
    public void onNext(SseEvent event) {
      signals.add(event);
    }

    @Override
    public void onError(Throwable error) {
      signals.add(error);
    }

    @Override
    public void onComplete() {
      signals.add(COMPLETE);
    }

    Flow.Subscription subscription() throws InterruptedException {
      assertWithinWait(subscribed, "onSubscribe");
      return subscription;
    }

    Object nextSignal() throws InterruptedException {
      Object signal = signals.poll(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(signal, "no signal within " + ScriptedServer.WAIT);
      return signal;
    }

    SseEvent nextEvent() throws InterruptedException {
      return assertInstanceOf(SseEvent.class, nextSignal());
    }

    void expectComplete() throws InterruptedException {
      assertSame(COMPLETE, nextSignal());
    }

    void expectNothingWithin(Duration duration) throws InterruptedException {
      assertNull(signals.poll(duration.toMillis(), TimeUnit.MILLISECONDS), "unexpected signal");
    }
  }
}
