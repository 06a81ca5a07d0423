package dev.asyncsse.demo.interop;

import dev.asyncsse.demo.accounts.UserSignedUp;
import dev.asyncsse.demo.accounts.UserSignupsServer;
import dev.asyncsse.runtime.json.JsonCodec;
import dev.asyncsse.runtime.server.SseRequest;
import dev.asyncsse.runtime.server.TypedStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code userSignups} handler that sends a fixed list of signups with the ids 1, 2, 3, ..., ends
 * the first connection early, and resumes after the client's {@code Last-Event-ID}.
 *
 * <p>The first connection gets the signups up to {@code dropAfterId} and is then closed cleanly, so
 * that the client reconnects. Every connection gets the signups whose id is greater than the
 * request's {@code Last-Event-ID} (all of them without one). Signups whose id is in {@code
 * unnamedIds} go out without an {@code event:} field through the raw stream, the others as typed
 * {@code userSignedup} events. Later connections stay open after the last signup.
 */
final class ResumingSignupHandler implements UserSignupsServer.Handler {

  /** The {@code Last-Event-ID} of one request: the raw header, and the value the server decoded. */
  record Connection(Optional<String> lastEventIdHeader, String lastEventId) {}

  private final List<UserSignedUp> signups;
  private final int dropAfterId;
  private final Set<Integer> unnamedIds;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger connectionCount = new AtomicInteger();

  ResumingSignupHandler(List<UserSignedUp> signups, int dropAfterId, Set<Integer> unnamedIds) {
    this.signups = List.copyOf(signups);
    this.dropAfterId = dropAfterId;
    this.unnamedIds = Set.copyOf(unnamedIds);
  }

  @Override
  public void onConnect(SseRequest request, TypedStream<UserSignedUp> stream) throws Exception {
    connections.add(new Connection(request.header("Last-Event-ID"), request.lastEventId()));
    boolean first = connectionCount.incrementAndGet() == 1;
    int after = request.lastEventId().isEmpty() ? 0 : Integer.parseInt(request.lastEventId());
    int last = first ? dropAfterId : signups.size();
    for (int id = after + 1; id <= last; id++) {
      UserSignedUp signup = signups.get(id - 1);
      if (unnamedIds.contains(id)) {
        stream.raw().send(null, Integer.toString(id), JsonCodec.jackson().encode(signup));
      } else {
        stream.send(signup, Integer.toString(id));
      }
    }
    if (first) {
      stream.raw().close();
    }
  }

  /** Returns the requests seen so far, in arrival order. */
  List<Connection> connections() {
    return List.copyOf(connections);
  }
}
