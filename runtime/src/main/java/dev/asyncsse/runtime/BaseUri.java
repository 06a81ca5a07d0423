package dev.asyncsse.runtime;

import java.net.URI;

/** Joins a server's base URI and a channel path. */
public final class BaseUri {

  private BaseUri() {}

  /**
   * Appends {@code path} to the path of {@code base}, so that {@code http://host/api} and {@code
   * /user/signedup} give {@code http://host/api/user/signedup}.
   *
   * @param base an absolute {@code http} or {@code https} URI; its query is kept after the path,
   *     and its fragment is dropped
   * @param path an already percent-encoded path that starts with {@code /}
   * @throws IllegalArgumentException when {@code base} is not absolute or {@code path} does not
   *     start with {@code /}
   */
  public static URI resolve(URI base, String path) {
    if (!base.isAbsolute() || base.getRawAuthority() == null) {
      throw new IllegalArgumentException(
          "Base URI must be absolute with a host, such as http://localhost:8080, but was " + base);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Channel path must start with '/', but was " + path);
    }
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path + query);
  }

  /**
   * Returns {@code base} with one more query parameter, name and value percent-encoded as UTF-8.
   */
  public static URI withQueryParameter(URI base, String name, String value) {
    String parameter = encode(name) + "=" + encode(value);
    String query = base.getRawQuery() == null ? parameter : base.getRawQuery() + "&" + parameter;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "?" + query);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
