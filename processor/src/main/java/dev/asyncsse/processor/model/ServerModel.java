package dev.asyncsse.processor.model;

/**
 * A server of the document, with its variables replaced by their defaults.
 *
 * @param name the server's key under {@code servers}
 * @param url the full URL: {@code protocol://host/pathname} in 3.x, {@code url} in 2.x
 * @param protocol {@code protocol}, in lower case
 * @param description {@code description}, or {@code ""}
 */
public record ServerModel(String name, String url, String protocol, String description) {

  /** Returns whether clients of this project can connect to it: an http or https server. */
  public boolean isHttp() {
    return url.startsWith("http://") || url.startsWith("https://");
  }
}
