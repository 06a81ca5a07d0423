package dev.asyncsse.runtime.server;

import com.sun.net.httpserver.HttpPrincipal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of an {@link AccessCheck}: accept the request, or reject it with a status and a
 * plain-text reason before any byte of the stream is written.
 *
 * <p>A rejection with status 401 may carry {@code WWW-Authenticate} challenges. The checks made by
 * {@link Authentication} add their scheme's challenge to a 401 that has none, and a default reason
 * to a rejection whose reason is empty, so a credential check can simply return {@link
 * #acceptIf(boolean)}.
 *
 * <p>Instances are immutable.
 */
public final class AccessDecision {

  /** The statuses a check may reject with, the same as for {@link SseRequest#reject}. */
  static final Set<Integer> REJECT_STATUSES = Set.of(204, 400, 401, 403, 404, 429, 503);

  private static final AccessDecision ACCEPT = new AccessDecision(true, 200, "", List.of(), null);
  private static final AccessDecision INVALID_CREDENTIALS = unauthorized("");

  private final boolean accepted;
  private final int status;
  private final String reason;
  private final List<String> challenges;
  private final HttpPrincipal principal;

  private AccessDecision(
      boolean accepted,
      int status,
      String reason,
      List<String> challenges,
      HttpPrincipal principal) {
    this.accepted = accepted;
    this.status = status;
    this.reason = reason;
    this.challenges = List.copyOf(challenges);
    this.principal = principal;
  }

  /** Returns a decision that accepts the request. */
  public static AccessDecision accept() {
    return ACCEPT;
  }

  /**
   * Returns a decision that accepts the request as {@code principal}, which the connection handler
   * then finds in {@link SseRequest#principal()}.
   */
  public static AccessDecision accept(HttpPrincipal principal) {
    return new AccessDecision(
        true, 200, "", List.of(), Objects.requireNonNull(principal, "principal"));
  }

  /**
   * Returns {@link #accept()} when {@code valid} is true, else a 401 rejection without challenge or
   * reason, which the checks made by {@link Authentication} complete for their scheme.
   */
  public static AccessDecision acceptIf(boolean valid) {
    return valid ? ACCEPT : INVALID_CREDENTIALS;
  }

  /**
   * Returns a 401 rejection: the request has no valid credentials.
   *
   * @param reason the plain-text response body; {@code ""} for a default one or none
   * @param challenges the {@code WWW-Authenticate} values, one header line each, such as {@code
   *     Bearer realm="events"}
   */
  public static AccessDecision unauthorized(String reason, String... challenges) {
    return new AccessDecision(
        false, 401, Objects.requireNonNull(reason, "reason"), List.of(challenges), null);
  }

  /**
   * Returns a 403 rejection: the credentials are valid, but they do not allow this stream.
   *
   * @param reason the plain-text response body; {@code ""} for a default one or none
   */
  public static AccessDecision forbidden(String reason) {
    return reject(403, reason);
  }

  /**
   * Returns a rejection with {@code status} and a plain-text {@code reason}. A client stops for
   * good on any of these statuses, and 204 makes it stop without an error.
   *
   * @param status one of 204, 400, 401, 403, 404, 429 and 503
   * @param reason the plain-text response body; {@code ""} sends none
   * @throws IllegalArgumentException for any other status
   */
  public static AccessDecision reject(int status, String reason) {
    if (!REJECT_STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "Cannot reject an SSE request with status "
              + status
              + "; use one of 204, 400, 401, 403, 404, 429 and 503");
    }
    return new AccessDecision(
        false, status, Objects.requireNonNull(reason, "reason"), List.of(), null);
  }

  /**
   * Returns a rejection with any status from 400 to 599, for the results of a {@code
   * com.sun.net.httpserver.Authenticator}.
   */
  static AccessDecision rejectWithAnyStatus(int status, String reason, List<String> challenges) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "Cannot reject an SSE request with status " + status + "; use a status from 400 to 599");
    }
    return new AccessDecision(false, status, reason, challenges, null);
  }

  /** Returns whether the request may go on. */
  public boolean isAccepted() {
    return accepted;
  }

  /** Returns the response status of a rejection, or 200 for an accepted request. */
  public int status() {
    return status;
  }

  /** Returns the plain-text reason of a rejection, {@code ""} when there is none. */
  public String reason() {
    return reason;
  }

  /** Returns the {@code WWW-Authenticate} values of a rejection, in order. */
  public List<String> challenges() {
    return challenges;
  }

  /** Returns the principal an accepting check identified, if any. */
  public Optional<HttpPrincipal> principal() {
    return Optional.ofNullable(principal);
  }

  /**
   * Returns this rejection with {@code challenge} added when it has none, and with {@code
   * defaultReason} when its reason is empty.
   *
   * @param challenge a {@code WWW-Authenticate} value, or {@code null} to add none
   */
  AccessDecision completedWith(String challenge, String defaultReason) {
    if (accepted) {
      return this;
    }
    List<String> completedChallenges =
        challenges.isEmpty() && challenge != null ? List.of(challenge) : challenges;
    String completedReason = reason.isEmpty() ? defaultReason : reason;
    return new AccessDecision(false, status, completedReason, completedChallenges, null);
  }

  @Override
  public String toString() {
    if (accepted) {
      return principal == null
          ? "AccessDecision[accept]"
          : "AccessDecision[accept " + principal + "]";
    }
    return "AccessDecision[" + status + " " + reason + "]";
  }
}
