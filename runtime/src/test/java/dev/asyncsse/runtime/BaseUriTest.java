package dev.asyncsse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BaseUriTest {

  @Test
  void pathIsAppendedToBasePath() {
    assertEquals(
        URI.create("http://host:8080/api/user/signedup"),
        BaseUri.resolve(URI.create("http://host:8080/api/"), "/user/signedup"));
    assertEquals(
        URI.create("http://host/user/signedup"),
        BaseUri.resolve(URI.create("http://host"), "/user/signedup"));
  }

  @Test
  void queryOfBaseIsKeptAfterPath() {
    URI base = BaseUri.withQueryParameter(URI.create("https://host/v1"), "api key", "a&b=c é");

    assertEquals("https://host/v1?api%20key=a%26b%3Dc%20%C3%A9", base.toString());
    assertEquals(
        "https://host/v1/rooms/1?api%20key=a%26b%3Dc%20%C3%A9",
        BaseUri.resolve(base, "/rooms/1").toString());
  }

  @Test
  void relativeBaseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> BaseUri.resolve(URI.create("/api"), "/x"));
  }
}
