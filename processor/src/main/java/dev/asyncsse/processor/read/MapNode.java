package dev.asyncsse.processor.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping or JSON object, with its keys in document order. */
public final class MapNode implements Node {

  private final DocumentFile file;
  private final String pointer;
  private final SourcePosition position;
  private final MapRole role;
  private final Map<String, Node> entries = new LinkedHashMap<>();
  private final Map<String, SourcePosition> keyPositions = new LinkedHashMap<>();

  MapNode(DocumentFile file, String pointer, SourcePosition position, MapRole role) {
    this.file = file;
    this.pointer = pointer;
    this.position = position;
    this.role = role;
  }

  /**
   * Returns whether the keys are names, as in {@code properties} or {@code components/schemas},
   * so that a {@code $ref} key names an entry instead of making the map a reference.
   */
  public boolean keyedByName() {
    return role == MapRole.NAMES;
  }

  void put(String key, SourcePosition keyPosition, Node value) {
    entries.put(key, value);
    keyPositions.put(key, keyPosition);
  }

  /** Returns the entries in document order. */
  public Map<String, Node> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** Returns the value of {@code key}, if present. */
  public Optional<Node> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Returns whether {@code key} is present. */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Returns the value of {@code key} when it is a scalar, as text. */
  public Optional<String> text(String key) {
    return get(key)
        .filter(ScalarNode.class::isInstance)
        .map(ScalarNode.class::cast)
        .filter(scalar -> scalar.value() != null)
        .map(ScalarNode::text);
  }

  /** Returns where {@code key} itself was written, or the map's position when it is absent. */
  public SourcePosition keyPosition(String key) {
    return keyPositions.getOrDefault(key, position);
  }

  @Override
  public SourcePosition position() {
    return position;
  }

  @Override
  public DocumentFile file() {
    return file;
  }

  @Override
  public String pointer() {
    return pointer;
  }

  @Override
  public String kind() {
    return "object";
  }
}
