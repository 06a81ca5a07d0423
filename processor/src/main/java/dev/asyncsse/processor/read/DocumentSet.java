package dev.asyncsse.processor.read;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

  /** Creates a set whose main document has already been read as {@code text}. */
  public DocumentSet(DocumentFile main, String text, Problems problems) {
    this.main = main;
    this.problems = problems;
    roots.put(main.uri().normalize(), reader.read(main, text, problems));
  }

  /** Returns the main document's file. */
  public DocumentFile main() {
    return main;
  }

  /** Returns the main document's root node, or empty when it could not be read. */
  public Optional<Node> mainRoot() {
    return roots.get(main.uri().normalize());
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
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      root = reader.read(file, text, problems);
    } catch (IOException | IllegalArgumentException e) {
      problems.error(
          referencedFrom.position(), Messages.referencedFileUnreadable(file.name(), e));
      root = Optional.empty();
    }
    roots.put(key, root);
    return root;
  }

  private String displayName(URI uri) {
    URI base = main.uri().resolve(".");
    URI relative = base.relativize(uri);
    if (relative.isAbsolute()) {
      return uri.toString();
    }
    String mainFolder = main.name().contains("/")
        ? main.name().substring(0, main.name().lastIndexOf('/') + 1)
        : "";
    return URI.create(mainFolder).resolve(relative).normalize().toString();
  }
}
