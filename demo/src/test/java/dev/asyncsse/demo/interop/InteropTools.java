package dev.asyncsse.demo.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party programs that the interop tests run: Chromium, Node.js, and the npm
 * packages installed in the repository's {@code interop/} folder.
 *
 * <p>When one is missing, the test fails with a message that names {@code .ci/install-interop}.
 * Outside CI, {@code -Dasyncsse.interop.skip=true} turns that failure into a skipped test, which
 * Surefire reports. With the environment variable {@code CI=true} a missing program always fails
 * the test, whatever the value of that property.
 */
final class InteropTools {

  private static final String INSTALL_HINT =
      "Run 'bash .ci/install-interop' as root from the repository root: it installs Debian's"
          + " chromium and runs 'npm ci' in interop/.";

  private InteropTools() {}

  /** Returns the Chromium executable: {@code -Dasyncsse.chromium}, else /usr/bin/chromium. */
  static Path chromium() {
    Path chromium = Path.of(System.getProperty("asyncsse.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      missing("Chromium was not found at " + chromium);
    }
    return chromium;
  }

  /** Returns the Node.js executable: {@code -Dasyncsse.node}, else {@code node} on the PATH. */
  static Path node() {
    String configured = System.getProperty("asyncsse.node", "node");
    if (configured.contains(File.separator)) {
      Path node = Path.of(configured);
      if (!Files.isExecutable(node)) {
        missing("Node.js was not found at " + node);
      }
      return node;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, configured);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    missing("Node.js (" + configured + ") was not found on the PATH " + path);
    throw new AssertionError("unreachable");
  }

  /**
   * Returns the {@code interop/} folder after checking that {@code packages} are installed in its
   * {@code node_modules}.
   */
  static Path interopDirectory(List<String> packages) {
    String configured = System.getProperty("asyncsse.interop.dir");
    if (configured == null) {
      fail(
          "The system property asyncsse.interop.dir is not set; the demo module's pom.xml sets it"
              + " to the repository's interop/ folder for Surefire.");
    }
    Path directory = Path.of(configured).toAbsolutePath().normalize();
    for (String name : packages) {
      Path manifest = directory.resolve("node_modules").resolve(name).resolve("package.json");
      if (!Files.isRegularFile(manifest)) {
        missing("The npm package " + name + " is not installed: " + manifest + " is missing");
      }
    }
    return directory;
  }

  /** Returns whether the environment variable {@code CI} is {@code true}. */
  static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void missing(String problem) {
    if (isCi()) {
      fail(problem + ". CI=true, so the interop tests must run. " + INSTALL_HINT);
    }
    if (Boolean.getBoolean("asyncsse.interop.skip")) {
      Assumptions.abort(problem + "; skipped because -Dasyncsse.interop.skip=true.");
    }
    fail(
        problem
            + ". "
            + INSTALL_HINT
            + " To skip the interop tests instead, pass -Dasyncsse.interop.skip=true"
            + " (ignored when CI=true).");
  }
}
