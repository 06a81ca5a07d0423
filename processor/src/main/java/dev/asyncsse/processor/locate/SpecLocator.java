package dev.asyncsse.processor.locate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Finds the AsyncAPI document named by {@code @AsyncApiSpec} and reads its text.
 *
 * <p>Tries, in order: the annotated package and then the root on the source path, on the class
 * output (where Maven copies resources before compiling), and on the class path; then the folder
 * given with {@code -Aasyncsse.specDir}. A {@link FileObject} can exist for a missing file, so each
 * try opens the file.
 */
public final class SpecLocator {

  /**
   * The document's content and location.
   *
   * @param uri where it was read from, which relative {@code $ref}s resolve against
   * @param content the file's bytes, which the reader decodes as UTF-8
   */
  public record Found(URI uri, byte[] content) {}

  /**
   * The outcome of a search.
   *
   * @param found the document, when one of the places held it
   * @param tried every place tried, in order, for the error message
   */
  public record Result(Optional<Found> found, List<String> tried) {}

  private final Filer filer;
  private final String specDir;

  /**
   * @param specDir the value of {@code -Aasyncsse.specDir}, or {@code null}
   */
  public SpecLocator(Filer filer, String specDir) {
    this.filer = filer;
    this.specDir = specDir == null || specDir.isBlank() ? null : specDir;
  }

  /** Looks for {@code path} relative to {@code packageName} and the roots. */
  public Result locate(String packageName, String path) {
    List<String> tried = new ArrayList<>();
    Optional<Path> absolute = absolutePath(path);
    if (absolute.isPresent()) {
      return new Result(readFile(absolute.get(), "absolute path", tried), tried);
    }

    String packagePath = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
    List<StandardLocation> locations = List.of(
        StandardLocation.SOURCE_PATH, StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH);
    for (StandardLocation location : locations) {
      Optional<Found> found = fromFiler(location, packageName, path, packagePath + path, tried);
      if (found.isEmpty()) {
        found = fromFiler(location, "", path, path, tried);
      }
      if (found.isPresent()) {
        return new Result(found, tried);
      }
    }
    if (specDir == null) {
      tried.add("-A" + "asyncsse.specDir: not set");
      return new Result(Optional.empty(), tried);
    }
    try {
      Path dir = Path.of(specDir);
      Optional<Found> found = readFile(dir.resolve(path), "-Aasyncsse.specDir", tried);
      if (found.isEmpty() && !packagePath.isEmpty()) {
        found = readFile(dir.resolve(packagePath + path), "-Aasyncsse.specDir", tried);
      }
      return new Result(found, tried);
    } catch (InvalidPathException e) {
      tried.add("-Aasyncsse.specDir: invalid path \"" + specDir + "\"");
      return new Result(Optional.empty(), tried);
    }
  }

  private Optional<Found> fromFiler(
      JavaFileManager.Location location,
      String packageName,
      String relativeName,
      String shown,
      List<String> tried) {
    String label = label(location);
    FileObject file;
    try {
      file = filer.getResource(location, packageName, relativeName);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      tried.add(label + ": " + shown + " (this compilation has no " + label + ")");
      return Optional.empty();
    }
    try (InputStream in = file.openInputStream()) {
      return Optional.of(new Found(file.toUri(), in.readAllBytes()));
    } catch (IOException | IllegalStateException | UnsupportedOperationException e) {
      tried.add(label + ": " + describe(file, shown));
      return Optional.empty();
    }
  }

  private static String describe(FileObject file, String shown) {
    URI uri = file.toUri();
    return uri == null || !"file".equals(uri.getScheme()) ? shown : Path.of(uri).toString();
  }

  private static Optional<Found> readFile(Path file, String label, List<String> tried) {
    if (Files.isRegularFile(file)) {
      try {
        return Optional.of(
            new Found(file.toAbsolutePath().normalize().toUri(), Files.readAllBytes(file)));
      } catch (IOException e) {
        tried.add(label + ": " + file + " (unreadable: " + e.getMessage() + ")");
        return Optional.empty();
      }
    }
    tried.add(label + ": " + file.toAbsolutePath().normalize());
    return Optional.empty();
  }

  private static Optional<Path> absolutePath(String path) {
    try {
      Path candidate = Path.of(path);
      return candidate.isAbsolute() ? Optional.of(candidate) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static String label(JavaFileManager.Location location) {
    if (location == StandardLocation.SOURCE_PATH) {
      return "source path";
    }
    if (location == StandardLocation.CLASS_OUTPUT) {
      return "class output";
    }
    return "class path";
  }
}
