package dev.asyncsse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs {@link Main} in a separate JVM, as {@code java -jar asyncsse-demo.jar} does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainCommandTest {

  private static final Pattern SERVING =
      Pattern.compile("Serving the live signup page at (http://127\\.0\\.0\\.1:\\d+/) .*");

  @Test
  void noArgumentsRunsRoundTrip() throws Exception {
    Process process = startMain();
    try {
      // Reading to the end first keeps the process from blocking on a full pipe.
      String stdout = read(process.getInputStream());
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the round trip did not exit");

      assertEquals(0, process.exitValue(), stdout + read(process.getErrorStream()));
      assertTrue(stdout.contains("All 4 signups arrived in order."), stdout);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void serveListensOnLoopback() throws Exception {
    Process process = startMain("--serve", "0");
    try (BufferedReader stdout =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = stdout.readLine();
      Matcher serving = SERVING.matcher(String.valueOf(line));
      assertTrue(serving.matches(), "first line: " + line);

      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(serving.group(1))).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("EventSource"), page.body());
      assertTrue(process.isAlive(), "--serve exited while serving");
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void invalidArgumentsExitWithTwo() throws Exception {
    for (List<String> arguments :
        List.of(List.of("--serve", "http"), List.of("--serve", "70000"), List.of("--verbose"))) {
      Process process = startMain(arguments.toArray(String[]::new));
      try {
        String stderr = read(process.getErrorStream());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), arguments + " did not exit");

        assertEquals(2, process.exitValue(), arguments + ": " + stderr);
        assertTrue(stderr.startsWith("Invalid "), arguments + ": " + stderr);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** Starts {@code Main} with this JVM's java executable and class path. */
  private static Process startMain(String... arguments) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).start();
  }

  private static String read(InputStream stream) throws IOException {
    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
  }
}
