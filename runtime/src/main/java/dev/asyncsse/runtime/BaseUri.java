package dev.asyncsse.runtime;

import java.net.URI;

/** Joins a server's base URI and a channel path. */
public final class BaseUri {

  private BaseUri() {}

  /**
   * Appends {@code path} to the path of {@code base}, so that {@code http://host/api} and {@code
   * /user/signedup} give {@code http://host/api/user/signedup}.
   *
   * @param base an absolute {@code http} or {@code https} URI; its query and fragment are dropped
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
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path);
  }
}
