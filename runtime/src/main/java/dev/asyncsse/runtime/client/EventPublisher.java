package dev.asyncsse.runtime.client;

import dev.asyncsse.runtime.SseEvent;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Flow.Publisher} returned by {@link SseClient#publisher()}; see that method for the
 * contract.
 *
 * <p>Each {@link Flow.Subscriber} gets its own reconnect loop, and the loop's thread makes every
 * call after {@code onSubscribe}. The loop thread waits in {@link SseListener#onEvent} until there
 * is demand, so an event is handed over directly and nothing is buffered here.
 */
final class EventPublisher implements Flow.Publisher<SseEvent> {

  private static final System.Logger LOG = System.getLogger("dev.asyncsse.runtime.client");

  private final ClientSettings settings;
  private final boolean keepsDataAsBytes;

  /**
   * Creates a publisher whose events keep their data as UTF-8 bytes when {@code keepsDataAsBytes}
   * is true, for events that go to a JSON codec.
   */
  EventPublisher(ClientSettings settings, boolean keepsDataAsBytes) {
    this.settings = settings;
    this.keepsDataAsBytes = keepsDataAsBytes;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super SseEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    new EventSubscription(subscriber).start();
  }

  /** One subscriber's demand and the reconnect loop that serves it. */
  private final class EventSubscription implements Flow.Subscription, SseListener {

    // Set to null under lock at cancel or at the terminal signal, so the publisher keeps no
    // reference to a subscriber it no longer serves.
    private Flow.Subscriber<? super SseEvent> subscriber;
    private final ReconnectLoop loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demandChanged = lock.newCondition();
    private long demand; // guarded by lock; Long.MAX_VALUE means unbounded
    private boolean cancelled; // guarded by lock; also set once a terminal signal is due
    private IllegalArgumentException invalidRequest; // guarded by lock
    private SseError failure; // loop thread only

    EventSubscription(Flow.Subscriber<? super SseEvent> subscriber) {
      this.subscriber = subscriber;
      this.loop = new ReconnectLoop(settings, this, keepsDataAsBytes);
    }

    /** Calls {@code onSubscribe} on the caller's thread, then starts the loop. */
    void start() {
      Flow.Subscriber<? super SseEvent> target = subscriber;
      try {
        target.onSubscribe(this);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "The subscriber's onSubscribe threw an exception, so its subscription to "
                + settings.credentials().redact(settings.uri())
                + " is cancelled",
            e);
        cancel();
        return;
      }
      lock.lock();
      try {
        if (cancelled && invalidRequest == null) {
          return; // cancelled inside onSubscribe: no connection and no further signal
        }
      } finally {
        lock.unlock();
      }
      // A loop closed by an invalid request runs only onClosed, which signals onError.
      loop.start();
    }

    @Override
    public void request(long n) {
      lock.lock();
      try {
        if (cancelled) {
          return;
        }
        if (n <= 0) {
          // The error goes out from the loop thread, so that signals never overlap.
          invalidRequest =
              new IllegalArgumentException(
                  "Flow.Subscription.request(n) requires n > 0, but was " + n);
          cancelled = true;
        } else {
          demand = demand > Long.MAX_VALUE - n ? Long.MAX_VALUE : demand + n;
        }
        demandChanged.signalAll();
      } finally {
        lock.unlock();
      }
      if (n <= 0) {
        loop.close();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        if (cancelled) {
          return;
        }
        cancelled = true;
        subscriber = null;
        demandChanged.signalAll();
      } finally {
        lock.unlock();
      }
      loop.close();
    }

    // SseListener, called on the loop thread.

    @Override
    public void onEvent(SseEvent event) {
      Flow.Subscriber<? super SseEvent> target = awaitDemand();
      if (target == null) {
        return;
      }
      try {
        target.onNext(event);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "The subscriber's onNext threw an exception, so its subscription to "
                + settings.credentials().redact(settings.uri())
                + " is cancelled",
            e);
        cancel();
      }
    }

    /**
     * Waits for demand, takes one unit of it and returns the subscriber. Returns null when the
     * subscription is cancelled instead.
     */
    private Flow.Subscriber<? super SseEvent> awaitDemand() {
      lock.lock();
      try {
        while (demand == 0 && !cancelled) {
          demandChanged.await();
        }
        if (cancelled) {
          return null;
        }
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        return subscriber;
      } catch (InterruptedException e) {
        // Keep the status set, because the client closes the subscription at its next wait.
        Thread.currentThread().interrupt();
        return null;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onError(SseError error) {
      if (!error.willReconnect()) {
        failure = error;
      }
    }

    @Override
    public void onClosed() {
      Throwable error;
      Flow.Subscriber<? super SseEvent> target;
      lock.lock();
      try {
        if (cancelled && invalidRequest == null) {
          return;
        }
        cancelled = true; // after a terminal signal, request and cancel do nothing
        error = invalidRequest != null ? invalidRequest : failure;
        target = subscriber;
        subscriber = null;
      } finally {
        lock.unlock();
      }
      if (target == null) {
        return;
      }
      try {
        if (error != null) {
          target.onError(error);
        } else {
          target.onComplete();
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "The subscriber's "
                + (error != null ? "onError" : "onComplete")
                + " threw an exception",
            e);
      }
    }
  }
}
