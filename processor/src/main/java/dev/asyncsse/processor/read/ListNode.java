package dev.asyncsse.processor.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A YAML sequence or JSON array. */
public final class ListNode implements Node {

  private final DocumentFile file;
  private final String pointer;
  private final SourcePosition position;
  private final List<Node> items = new ArrayList<>();

  ListNode(DocumentFile file, String pointer, SourcePosition position) {
    this.file = file;
    this.pointer = pointer;
    this.position = position;
  }

  void add(Node item) {
    items.add(item);
  }

  /** Returns the items in document order. */
  public List<Node> items() {
    return Collections.unmodifiableList(items);
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
    return "array";
  }
}
