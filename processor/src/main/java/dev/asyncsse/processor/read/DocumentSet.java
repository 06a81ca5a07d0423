package dev.asyncsse.processor.read;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The main document and every file its {@code $ref}s reach, each read once.
 *
 * <p>Referenced files are read from the main document's location, so they resolve the same way
 * whether the document came from the source path, the class output or a plain folder.
 */
public final class DocumentSet {

  private final DocumentReader reader = new DocumentReader();
  private final Problems problems;
  private final Map<URI, Optional<Node>> roots = new HashMap<>();
  private final DocumentFile main;

  /** Creates a set whose main document, already loaded, has the bytes {@code content}. */
  public DocumentSet(DocumentFile main, byte[] content, Problems problems) {
    this.main = main;
    this.problems = problems;
    roots.put(main.uri().normalize(), reader.read(main, content, problems));
  }

  /** Returns the main document's file. */
  public DocumentFile main() {
    return main;
  }

  /** Returns the main document's root node, or empty when it could not be read. */
  public Optional<Node> mainRoot() {
    return roots.get(main.uri().normalize());
  }

  /** Returns the root of {@code file} when it has been read, else empty. */
  Optional<Node> loadedRoot(DocumentFile file) {
    Optional<Node> root = roots.get(file.uri().normalize());
    return root == null ? Optional.empty() : root;
  }

  /**
   * Returns the root of the file at {@code uri}, reading it on first use.
   *
   * @param referencedFrom the {@code $ref} node, for the error when the file cannot be read
   */
  Optional<Node> root(URI uri, Node referencedFrom) {
    URI key = uri.normalize();
    Optional<Node> known = roots.get(key);
    if (known != null) {
      return known;
    }
    DocumentFile file = new DocumentFile(displayName(key), key);
    Optional<Node> root;
    try (InputStream in = key.toURL().openStream()) {
      root = reader.read(file, in.readAllBytes(), problems);
    } catch (IOException | IllegalArgumentException e) {
      problems.error(
          referencedFrom.position(), Messages.referencedFileUnreadable(file.name(), e));
      root = Optional.empty();
    }
    roots.put(key, root);
    return root;
  }

  /** Names a referenced file relative to the main document's name, as the user would write it. */
  private String displayName(URI uri) {
    if (!"file".equals(uri.getScheme()) || !"file".equals(main.uri().getScheme())) {
      return uri.toString();
    }
    Path mainFolder = Path.of(main.uri()).getParent();
    Path relative = mainFolder.relativize(Path.of(uri));
    Path shownFolder = Path.of(main.name()).getParent();
    Path shown = shownFolder == null ? relative : shownFolder.resolve(relative);
    return shown.normalize().toString().replace('\\', '/');
  }
}
