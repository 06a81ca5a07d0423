package dev.asyncsse.benchmarks;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js peer of the fan-out benchmark: {@code interop/better-sse-fanout-server.mjs}, which
 * serves {@value FanoutServer#PATH} through a {@code better-sse} channel and speaks the same
 * command protocol as {@link FanoutServer}. After the V8 heap in use, its {@code HEAP} response
 * carries the resident set size and the resident memory outside the V8 heap.
 *
 * <p>{@code bash .ci/install-interop} installs Node.js and the {@code better-sse} version pinned in
 * {@code interop/package-lock.json}.
 */
final class BetterSseFanoutServer {

  /** The server's name on the benchmark's command line and in the report. */
  static final String NAME = "better-sse";

  private static final String SCRIPT = "better-sse-fanout-server.mjs";
  private static final String INSTALL_HINT =
      "Run 'bash .ci/install-interop' from the repository root, pass --node and --interop, or"
          + " leave better-sse out of --servers.";

  private final String node;
  private final Path script;
  private final String nodeVersion;
  private final String betterSseVersion;

  private BetterSseFanoutServer(
      String node, Path script, String nodeVersion, String betterSseVersion) {
    this.node = node;
    this.script = script;
    this.nodeVersion = nodeVersion;
    this.betterSseVersion = betterSseVersion;
  }

  /**
   * Returns the server after checking that {@code node} runs and that {@code interop} contains the
   * script and an installed {@code better-sse}.
   *
   * @param node the Node.js executable, a path or a name on the {@code PATH}
   * @param interop the repository's {@code interop/} folder
   * @throws NotInstalledException when one of them is missing
   */
  static BetterSseFanoutServer locate(String node, Path interop) throws NotInstalledException {
    Path script = interop.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new NotInstalledException("The script " + script + " was not found. " + INSTALL_HINT);
    }
    Path manifest = interop.resolve("node_modules").resolve("better-sse").resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      throw new NotInstalledException(
          "The npm package better-sse is not installed: "
              + manifest
              + " is missing. "
              + INSTALL_HINT);
    }
    return new BetterSseFanoutServer(node, script, nodeVersion(node), packageVersion(manifest));
  }

  /**
   * Returns the repository's {@code interop/} folder: the first one that contains the script, in
   * the folders above this class's jar or class folder, else {@code interop} in the working folder.
   */
  static Path defaultInteropDirectory() {
    try {
      Path location =
          Path.of(
              BetterSseFanoutServer.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      for (Path folder = location.getParent(); folder != null; folder = folder.getParent()) {
        if (Files.isRegularFile(folder.resolve("interop").resolve(SCRIPT))) {
          return folder.resolve("interop");
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // Falls back to the working folder below.
    }
    return Path.of("interop").toAbsolutePath();
  }

  /**
   * Returns the command that starts the server. {@code --expose-gc} lets it collect garbage before
   * measuring, and {@code --max-old-space-size=2048} limits its heap to the 2 GiB that the Java
   * servers get with {@code -Xmx2g}.
   */
  List<String> command() {
    return List.of(node, "--expose-gc", "--max-old-space-size=2048", script.toString());
  }

  /**
   * Returns the versions for the report, for example {@code Node.js v20.20.2, better-sse 0.16.1}.
   */
  String versions() {
    return "Node.js " + nodeVersion + ", better-sse " + betterSseVersion;
  }

  private static String nodeVersion(String node) throws NotInstalledException {
    try {
      Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new NotInstalledException("'" + node + " --version' timed out after 10 s.");
      }
      if (process.exitValue() != 0) {
        throw new NotInstalledException(
            "'"
                + node
                + " --version' failed with exit code "
                + process.exitValue()
                + ": "
                + output);
      }
      return output;
    } catch (IOException e) {
      throw new NotInstalledException(
          "Node.js (" + node + ") could not be started: " + e.getMessage() + ". " + INSTALL_HINT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotInstalledException("Interrupted while running '" + node + " --version'.");
    }
  }

  private static String packageVersion(Path manifest) throws NotInstalledException {
    try {
      return JsonMapper.builder().build().readTree(manifest.toFile()).path("version").asText("?");
    } catch (IOException e) {
      throw new NotInstalledException("Reading " + manifest + " failed: " + e.getMessage());
    }
  }

  /** The failure to find Node.js, the server script or the npm package. */
  static final class NotInstalledException extends Exception {

    private static final long serialVersionUID = 1L;

    NotInstalledException(String message) {
      super(message);
    }
  }
}
