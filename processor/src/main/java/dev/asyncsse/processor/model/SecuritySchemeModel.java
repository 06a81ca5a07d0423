package dev.asyncsse.processor.model;

/**
 * A security scheme that an SSE connection over HTTP can carry.
 *
 * @param key the scheme's key under {@code components/securitySchemes}
 * @param kind how the credential travels
 * @param name the header, query parameter or cookie name of an API key; {@code null} otherwise
 * @param description {@code description}, or {@code ""}
 */
public record SecuritySchemeModel(String key, Kind kind, String name, String description) {

  /** The place of a credential on the request. */
  public enum Kind {
    /** {@code Authorization: Bearer}: http bearer, and the access token of oauth2 and OpenID. */
    BEARER,
    /** {@code Authorization: Basic}. */
    BASIC,
    /** An API key in a request header. */
    API_KEY_HEADER,
    /** An API key in a query parameter. */
    API_KEY_QUERY,
    /** An API key in a cookie. */
    API_KEY_COOKIE
  }
}
