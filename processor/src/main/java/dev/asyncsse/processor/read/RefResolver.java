package dev.asyncsse.processor.read;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows {@code $ref}s: JSON pointers inside a file, and relative paths to other files.
 *
 * <p>A chain of references that returns to a reference already on the chain is reported as a
 * cycle, once per cycle. A reference over {@code http} or {@code https} is an error, because a
 * build must not fetch from the network.
 */
public final class RefResolver {

  private static final String REF = "$ref";

  private final DocumentSet documents;
  private final Problems problems;
  private final Set<String> reported = new LinkedHashSet<>();

  public RefResolver(DocumentSet documents, Problems problems) {
    this.documents = documents;
    this.problems = problems;
  }

  /**
   * Returns whether {@code node} is an object that contains a {@code $ref}. In a map keyed by
   * names, such as {@code properties}, a {@code $ref} key is a name and the map is no reference.
   */
  public static boolean isRef(Node node) {
    return node instanceof MapNode map && map.has(REF) && !map.keyedByName();
  }

  /**
   * Returns whether {@code node} belongs to an AsyncAPI document, a file whose root object has an
   * {@code asyncapi} field, rather than to a file of schemas.
   */
  public boolean inAsyncApiDocument(Node node) {
    return documents.loadedRoot(node.file())
        .filter(root -> root instanceof MapNode map && map.has("asyncapi"))
        .isPresent();
  }

  /** Returns whether {@code node} belongs to the main document, the one the annotation names. */
  public boolean inMainDocument(Node node) {
    return node.file().uri().normalize().equals(documents.main().uri().normalize());
  }

  /**
   * Returns the node that {@code node} stands for: the node itself unless it is a {@code $ref},
   * else the end of its reference chain.
   *
   * @return the target, or empty when a reference is broken (the problem is already reported)
   */
  public Optional<Node> resolve(Node node) {
    List<MapNode> chain = new ArrayList<>();
    Node current = node;
    while (isRef(current)) {
      MapNode holder = (MapNode) current;
      int seen = indexOf(chain, holder);
      if (seen >= 0) {
        reportCycle(chain.subList(seen, chain.size()));
        return Optional.empty();
      }
      chain.add(holder);
      Optional<Node> next = follow(holder);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }

  private static int indexOf(List<MapNode> chain, MapNode holder) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).location().equals(holder.location())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reports a cycle once, whichever of its {@code $ref}s the resolution started from. The steps
   * start at the member that comes first in document order, and the error points at that
   * member's {@code $ref}.
   */
  private void reportCycle(List<MapNode> cycle) {
    MapNode first = Collections.min(cycle, documentOrder());
    int start = cycle.indexOf(first);
    List<String> steps = new ArrayList<>();
    for (int i = 0; i <= cycle.size(); i++) {
      steps.add(cycle.get((start + i) % cycle.size()).location());
    }
    report(first.get(REF).orElseThrow(), Messages.refCycle(steps));
  }

  /** Orders nodes of the main document first, then other files by name, then by position. */
  private Comparator<Node> documentOrder() {
    return Comparator.<Node, Boolean>comparing(node -> !node.file().equals(documents.main()))
        .thenComparing(node -> node.file().name())
        .thenComparingInt(node -> node.position().line())
        .thenComparingInt(node -> node.position().column());
  }

  /**
   * Resolves every {@code $ref} under {@code root} and under each target they reach, in any file.
   * One compilation then reports every broken reference, not only those that a later step
   * follows. A later {@link #resolve} of the same reference does not report it again.
   *
   * <p>Values that are data rather than schemas ({@code default}, {@code const}, {@code enum},
   * {@code example}, {@code examples} and {@code x-} extensions) are skipped, because a {@code
   * $ref} key there is not a reference. In a map keyed by names every entry is followed, since
   * its keys, {@code $ref} and {@code default} among them, name schemas or components.
   */
  public void resolveAll(Node root) {
    visitAll(List.of(root));
  }

  /**
   * Returns the {@code file#pointer} location of every node under {@code roots} and under each
   * target their {@code $ref}s reach, skipping data values as {@link #resolveAll} does.
   */
  public Set<String> reachable(Collection<? extends Node> roots) {
    Set<String> locations = new HashSet<>();
    visitAll(roots).forEach(node -> locations.add(node.location()));
    return locations;
  }

  /** Visits the nodes under {@code roots} and the targets of their references, once each. */
  private Set<Node> visitAll(Collection<? extends Node> roots) {
    // Each file is read once, so a node object stands for one place in one file.
    Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // An explicit stack rather than recursion, because a chain of $refs across components can be
    // far longer than the document is deep. Children are pushed in reverse, so nodes are visited
    // in document order, each $ref's target before the $ref's siblings.
    Deque<Node> pending = new ArrayDeque<>();
    List<Node> starts = new ArrayList<>(roots);
    for (int i = starts.size() - 1; i >= 0; i--) {
      pending.push(starts.get(i));
    }
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (visited.add(node)) {
        pushChildren(node, pending);
      }
    }
    return visited;
  }

  private void pushChildren(Node node, Deque<Node> pending) {
    List<Node> children = new ArrayList<>();
    if (node instanceof ListNode list) {
      children.addAll(list.items());
    } else if (node instanceof MapNode map) {
      if (isRef(map)) {
        resolve(map).ifPresent(children::add);
      }
      for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
        if (map.keyedByName() || !entry.getKey().equals(REF) && !isData(entry.getKey())) {
          children.add(entry.getValue());
        }
      }
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      pending.push(children.get(i));
    }
  }

  private static boolean isData(String key) {
    return MapRole.DATA_KEYS.contains(key) || key.startsWith("x-");
  }

  private Optional<Node> follow(MapNode holder) {
    Node refNode = holder.get(REF).orElseThrow();
    if (!(refNode instanceof ScalarNode scalar) || !(scalar.value() instanceof String ref)) {
      report(holder, Messages.refNotString(refNode.kind()));
      return Optional.empty();
    }
    String lower = ref.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      report(refNode, Messages.remoteRef(ref));
      return Optional.empty();
    }

    int hash = ref.indexOf('#');
    String filePart = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : decode(ref.substring(hash + 1));
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      report(refNode, Messages.refNotPointer(ref));
      return Optional.empty();
    }

    Optional<Node> root = rootOf(holder, refNode, filePart);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Optional<Node> target = walk(root.get(), pointer);
    if (target.isEmpty()) {
      report(refNode, Messages.refTargetMissing(ref, root.get().file().name()));
    }
    return target;
  }

  private Optional<Node> rootOf(MapNode holder, Node refNode, String filePart) {
    if (filePart.isEmpty()) {
      return holder.file().equals(documents.main())
          ? documents.mainRoot()
          : documents.root(holder.file().uri(), refNode);
    }
    URI target;
    try {
      target = holder.file().uri().resolve(new URI(null, null, filePart, null));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      report(refNode, Messages.refNotPointer(filePart));
      return Optional.empty();
    }
    return documents.root(target, refNode);
  }

  private static Optional<Node> walk(Node root, String pointer) {
    Node current = root;
    List<String> tokens = JsonPointers.split(pointer);
    for (String token : tokens) {
      if (current instanceof MapNode map) {
        Optional<Node> next = map.get(token);
        if (next.isEmpty()) {
          return Optional.empty();
        }
        current = next.get();
      } else if (current instanceof ListNode list && token.matches("0|[1-9][0-9]{0,8}")) {
        int index = Integer.parseInt(token);
        if (index >= list.items().size()) {
          return Optional.empty();
        }
        current = list.items().get(index);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  private static String decode(String fragment) {
    if (fragment.indexOf('%') < 0) {
      return fragment;
    }
    try {
      return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fragment;
    }
  }

  private void report(Node at, String message) {
    if (reported.add(at.location() + message)) {
      problems.error(at.position(), message);
    }
  }
}
