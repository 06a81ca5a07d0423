package dev.asyncsse.runtime.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks a request passes before the connection handler runs, in this order: authentication,
 * the path parameter check, then authorization. The first rejection becomes the response.
 *
 * <p>Authentication checks are alternatives, as the security requirements of an AsyncAPI document
 * are: the first that accepts lets the request on. When none accepts, the response is the first
 * rejection with a status other than 401 (a credential that was present but malformed or not
 * allowed), or else 401 with every check's challenges and reasons. Authorization checks must all
 * accept.
 */
final class Admission {

  private final List<AccessCheck> authentications;
  private final Consumer<Map<String, String>> pathParameterCheck;
  private final List<AccessCheck> authorizations;

  Admission(
      List<AccessCheck> authentications,
      Consumer<Map<String, String>> pathParameterCheck,
      List<AccessCheck> authorizations) {
    this.authentications = List.copyOf(authentications);
    this.pathParameterCheck = pathParameterCheck;
    this.authorizations = List.copyOf(authorizations);
  }

  /** Returns the names of the request headers the checks read. */
  Set<String> requestHeaders() {
    Set<String> headers = new LinkedHashSet<>();
    authentications.forEach(check -> headers.addAll(check.requestHeaders()));
    authorizations.forEach(check -> headers.addAll(check.requestHeaders()));
    return headers;
  }

  /**
   * Runs the checks on one request, and records the principal that authentication found in it.
   *
   * @throws Exception what a check throws, other than the {@link IllegalArgumentException} of the
   *     path parameter check
   */
  AccessDecision decide(ExchangeRequest request) throws Exception {
    AccessDecision decision = authenticate(request);
    if (!decision.isAccepted()) {
      return decision;
    }
    // Authorization checks and the handler see who authenticated.
    request.principal(decision.principal().orElse(null));
    if (pathParameterCheck != null) {
      try {
        pathParameterCheck.accept(request.pathParameters());
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        return AccessDecision.reject(
            400,
            message == null || message.isBlank()
                ? "Invalid path parameters " + request.pathParameters() + "."
                : message);
      }
    }
    for (AccessCheck check : authorizations) {
      AccessDecision authorization = run(check, request);
      if (!authorization.isAccepted()) {
        return authorization;
      }
    }
    return decision;
  }

  private AccessDecision authenticate(SseRequest request) throws Exception {
    if (authentications.isEmpty()) {
      return AccessDecision.accept();
    }
    List<AccessDecision> rejections = new ArrayList<>();
    for (AccessCheck check : authentications) {
      AccessDecision decision = run(check, request);
      if (decision.isAccepted()) {
        return decision;
      }
      rejections.add(decision);
    }
    for (AccessDecision rejection : rejections) {
      if (rejection.status() != 401) {
        return rejection;
      }
    }
    if (rejections.size() == 1) {
      return rejections.get(0);
    }
    List<String> challenges = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (AccessDecision rejection : rejections) {
      challenges.addAll(rejection.challenges());
      if (!rejection.reason().isEmpty()) {
        reasons.add(rejection.reason());
      }
    }
    return AccessDecision.unauthorized(
        String.join(" ", reasons), challenges.toArray(String[]::new));
  }

  private static AccessDecision run(AccessCheck check, SseRequest request) throws Exception {
    return Objects.requireNonNull(
        check.check(request), () -> "The access check " + check + " returned null");
  }
}
