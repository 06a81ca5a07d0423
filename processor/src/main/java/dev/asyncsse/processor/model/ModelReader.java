package dev.asyncsse.processor.model;

import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.read.ScalarNode;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the node tree of an AsyncAPI 2.0–2.6 or 3.0–3.1 document into one {@link ApiModel}, in
 * AsyncAPI 3 terms.
 *
 * <p>Every problem is reported at its node and reading goes on, so one run lists them all.
 */
public final class ModelReader {

  private static final Pattern VERSION_3 = Pattern.compile("3\\.[01]\\.\\d+(-.+)?");
  private static final Pattern VERSION_2 = Pattern.compile("2\\.[0-6]\\.\\d+(-.+)?");

  private final NodeAccess nodes;

  public ModelReader(RefResolver refs, Problems problems) {
    this(refs, problems, new Progress());
  }

  /** @param progress receives the position of each channel, operation, message and parameter */
  public ModelReader(RefResolver refs, Problems problems, Progress progress) {
    this.nodes = new NodeAccess(refs, problems, progress);
  }

  /** Reads the document, or returns empty when it is too broken to describe any channel. */
  public Optional<ApiModel> read(Node root) {
    Problems problems = nodes.problems();
    if (!(root instanceof MapNode document)) {
      problems.error(root.position(), Messages.rootNotObject(root.kind()));
      return Optional.empty();
    }
    Optional<Integer> major = majorVersion(document);
    if (major.isEmpty()) {
      return Optional.empty();
    }

    Optional<MapNode> info = nodes.object(document, "info");
    String title = info.flatMap(node -> nodes.string(node, "title")).orElse("");
    String version = info.flatMap(node -> nodes.string(node, "version")).orElse("");
    String description = info.flatMap(node -> nodes.string(node, "description")).orElse("");
    // An info or title of the wrong kind is already reported by nodes.object or nodes.string.
    if (info.isEmpty() && isAbsent(document, "info")) {
      problems.error(document.position(), Messages.missingField("the document", "info"));
    } else if (info.isPresent() && !info.get().has("title")) {
      problems.error(info.get().position(), Messages.missingField("info", "title"));
    } else if (info.isPresent() && title.isBlank()
        && info.get().get("title").orElseThrow() instanceof ScalarNode titleNode) {
      problems.error(titleNode.position(), Messages.emptyField("info", "title"));
    }
    nodes.checkTags(document);
    info.ifPresent(nodes::checkTags);
    checkComponents(document);

    List<ChannelModel> channels = major.get() == 3
        ? new V3ChannelReader(nodes).read(document)
        : new V2ChannelReader(nodes).read(document);
    SourcePosition position = info.map(Node::position).orElse(document.position());
    List<ServerModel> servers = new ServerReader(nodes).read(document);
    List<SecuritySchemeModel> schemes = new SecuritySchemeReader(nodes).read(document);
    Map<String, Node> componentSchemas = new ComponentSchemaReader(nodes.refs(), problems)
        .read(document, nodes.otherFormatSchemas());
    return Optional.of(new ApiModel(
        title, version, description, channels, servers, schemes, componentSchemas, position));
  }

  private static boolean isAbsent(MapNode owner, String field) {
    Optional<Node> node = owner.get(field);
    return node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.value() == null;
  }

  /**
   * Reports a {@code components} section that is not an object, such as {@code schemas: [...]},
   * which the readers would otherwise skip because they reach components only through {@code
   * $ref}s.
   */
  private void checkComponents(MapNode document) {
    Optional<MapNode> components = nodes.object(document, "components");
    if (components.isEmpty()) {
      return;
    }
    for (String section : components.get().entries().keySet()) {
      if (!section.startsWith("x-")) {
        nodes.object(components.get(), section);
      }
    }
  }

  private Optional<Integer> majorVersion(MapNode document) {
    Optional<Node> versionNode = document.get("asyncapi");
    if (versionNode.isEmpty()) {
      nodes.problems().error(document.position(), Messages.missingVersion());
      return Optional.empty();
    }
    if (!(versionNode.get() instanceof ScalarNode scalar)) {
      nodes.problems().error(versionNode.get().position(),
          Messages.expectedKind("asyncapi", "a version string", versionNode.get().kind()));
      return Optional.empty();
    }
    String version = scalar.text();
    if (VERSION_3.matcher(version).matches()) {
      return Optional.of(3);
    }
    if (VERSION_2.matcher(version).matches()) {
      return Optional.of(2);
    }
    nodes.problems().error(versionNode.get().position(), Messages.unsupportedVersion(version));
    return Optional.empty();
  }
}
