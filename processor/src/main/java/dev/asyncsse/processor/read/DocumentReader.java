package dev.asyncsse.processor.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text into a {@link Node} tree that keeps the line and column of every node.
 *
 * <p>A file whose name ends in {@code .json} is read as JSON, anything else as YAML.
 */
public final class DocumentReader {

  /**
   * The maximum number of objects and arrays nested inside one another, which is Jackson's
   * default. Later steps walk some values recursively, such as a {@code const} or {@code default}
   * value that is an object, so the limit also bounds their stack depth.
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();

  private final JsonFactory jsonFactory =
      JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
  // YAML 1.2, which AsyncAPI documents follow, reads only true and false as booleans; YAML 1.1's
  // on, off, yes and no stay strings, as in enum: [on, off]. An empty plain value, as in
  // "payload:" with nothing after it, is null in YAML 1.2, while a quoted '' stays a string.
  private final YAMLFactory yamlFactory = YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .streamReadConstraints(CONSTRAINTS)
      .build();

  /**
   * Decodes {@code content} as UTF-8 and parses it. Bytes that are not UTF-8 are reported at the
   * line and column of the first one.
   *
   * @return the root node, or empty when the content is not UTF-8 or not well-formed
   */
  public Optional<Node> read(DocumentFile file, byte[] content, Problems problems) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      // The decoder stops at the first bad byte, with the text before it in out.
      int badByte = content[in.position()] & 0xFF;
      out.flip();
      problems.error(positionAfter(file, out), Messages.notUtf8(file.name(), badByte));
      return Optional.empty();
    }
    out.flip();
    return read(file, out.toString(), problems);
  }

  /** Returns the position just after {@code text}, counting CRLF, LF and a lone CR as a line end. */
  private static SourcePosition positionAfter(DocumentFile file, CharSequence text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r' && !Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return new SourcePosition(file.name(), line, column);
  }

  /**
   * Parses {@code text}, reporting a syntax error at its position.
   *
   * @return the root node, or empty when the text is not well-formed
   */
  public Optional<Node> read(DocumentFile file, String text, Problems problems) {
    boolean json = file.name().toLowerCase(Locale.ROOT).endsWith(".json");
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (JsonParser parser =
        json ? jsonFactory.createParser(text) : yamlFactory.createParser(text)) {
      try {
        return buildTree(file, parser, problems);
      } catch (JsonProcessingException e) {
        reportSyntaxError(file, json, e, parser, problems);
        return Optional.empty();
      }
    } catch (IOException e) {
      problems.error(new SourcePosition(file.name(), 1, 1), Messages.readFailed(file.name(), e));
      return Optional.empty();
    }
  }

  private static Optional<Node> buildTree(DocumentFile file, JsonParser parser, Problems problems)
      throws IOException {
    if (parser.nextToken() == null) {
      problems.error(new SourcePosition(file.name(), 1, 1), Messages.emptyDocument());
      return Optional.empty();
    }
    TreeBuilder builder = new TreeBuilder(file, parser, problems);
    Node root = builder.value(MapRole.ROOT);
    if (builder.failed) {
      return Optional.empty();
    }
    return Optional.of(root);
  }

  private static void reportSyntaxError(
      DocumentFile file,
      boolean json,
      JsonProcessingException e,
      JsonParser parser,
      Problems problems) {
    // Jackson's constraint errors carry no location, but the parser's current token is the one
    // that broke the constraint, such as the object or array that passes the nesting limit.
    JsonLocation location =
        e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
    if (e instanceof StreamConstraintsException
        && parser.getParsingContext().getNestingDepth() > MAX_NESTING_DEPTH) {
      problems.error(position(file, location), Messages.nestingTooDeep(MAX_NESTING_DEPTH));
      return;
    }
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String problem = yaml.getProblem() == null ? "syntax error" : yaml.getProblem();
      if (yaml.getContext() != null && yaml.getContextMark() != null) {
        problem += " (" + yaml.getContext() + " that starts at line "
            + (yaml.getContextMark().getLine() + 1) + ", column "
            + (yaml.getContextMark().getColumn() + 1) + ")";
      }
      SourcePosition position =
          new SourcePosition(file.name(), mark.getLine() + 1, mark.getColumn() + 1);
      problems.error(position, Messages.syntaxError(false, problem));
      return;
    }
    String detail = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
    problems.error(position(file, location), Messages.syntaxError(json, detail));
  }

  static SourcePosition position(DocumentFile file, JsonLocation location) {
    if (location == null) {
      return new SourcePosition(file.name(), 1, 1);
    }
    return new SourcePosition(
        file.name(), Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /**
   * Walks the parser's tokens and builds nodes; one instance per document.
   *
   * <p>It keeps the open objects and arrays on a stack of its own rather than recursing, so a
   * document nested up to {@link #MAX_NESTING_DEPTH} levels fits in any thread's stack.
   */
  private static final class TreeBuilder {

    /**
     * An object or array whose members are still being read.
     *
     * @param role what the object or array is in the document, which decides its members' roles
     * @param key the key it has in its parent object, or {@code null} in an array or at the root
     * @param keyPosition where that key was written
     */
    private record Open(Node node, MapRole role, String key, SourcePosition keyPosition) {}

    private final DocumentFile file;
    private final JsonParser parser;
    private final Problems problems;
    private boolean failed;

    TreeBuilder(DocumentFile file, JsonParser parser, Problems problems) {
      this.file = file;
      this.parser = parser;
      this.problems = problems;
    }

    /**
     * Builds the value at the current token and everything inside it, leaving the parser on its
     * last token. A member joins its parent once it is complete, so members keep document order.
     *
     * @param rootRole what the value is in the document, if it is a map or list
     */
    Node value(MapRole rootRole) throws IOException {
      Deque<Open> open = new ArrayDeque<>();
      String pointer = "";
      MapRole role = rootRole;
      String key = null;
      SourcePosition keyPosition = null;
      while (true) {
        Node node = start(pointer, role);
        if (node instanceof MapNode || node instanceof ListNode) {
          open.push(new Open(node, role, key, keyPosition));
        } else if (open.isEmpty()) {
          return node;
        } else {
          attach(open.peek().node(), node, key, keyPosition);
        }

        // Move to the next member to start, closing every object and array that ends first.
        while (true) {
          Open innermost = open.peek();
          JsonToken next = parser.nextToken();
          if (innermost.node() instanceof MapNode map && next == JsonToken.FIELD_NAME) {
            key = parser.currentName();
            keyPosition = position(file, parser.currentTokenLocation());
            parser.nextToken();
            pointer = map.pointer() + "/" + JsonPointers.escape(key);
            role = innermost.role().child(key);
            break;
          }
          if (innermost.node() instanceof ListNode list
              && next != JsonToken.END_ARRAY && next != null) {
            key = null;
            keyPosition = null;
            pointer = list.pointer() + "/" + list.items().size();
            role = innermost.role().item();
            break;
          }
          open.pop();
          if (open.isEmpty()) {
            return innermost.node();
          }
          attach(open.peek().node(), innermost.node(), innermost.key(), innermost.keyPosition());
        }
      }
    }

    /**
     * Returns a new node for the current token; an object or array is still empty.
     *
     * @param role what the value is in the document, if it is a map
     */
    private Node start(String pointer, MapRole role) throws IOException {
      SourcePosition position = position(file, parser.currentTokenLocation());
      rejectAlias(position);
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return new MapNode(file, pointer, position, role);
        case START_ARRAY:
          return new ListNode(file, pointer, position);
        case VALUE_STRING:
          return new ScalarNode(file, pointer, position, parser.getText());
        case VALUE_NUMBER_INT:
          return new ScalarNode(
              file, pointer, position, new BigDecimal(parser.getBigIntegerValue()));
        case VALUE_NUMBER_FLOAT:
          return new ScalarNode(file, pointer, position, decimal(parser.getText()));
        case VALUE_TRUE:
          return new ScalarNode(file, pointer, position, Boolean.TRUE);
        case VALUE_FALSE:
          return new ScalarNode(file, pointer, position, Boolean.FALSE);
        case VALUE_NULL:
          return new ScalarNode(file, pointer, position, null);
        default:
          return new ScalarNode(file, pointer, position, parser.getText());
      }
    }

    private void attach(Node parent, Node member, String key, SourcePosition keyPosition) {
      if (parent instanceof ListNode list) {
        list.add(member);
        return;
      }
      MapNode map = (MapNode) parent;
      if (map.has(key)) {
        problems.error(keyPosition, Messages.duplicateKey(key, map.keyPosition(key)));
        failed = true;
      } else {
        map.put(key, keyPosition, member);
      }
    }

    private void rejectAlias(SourcePosition position) {
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        problems.error(position, Messages.yamlAlias());
        failed = true;
      }
    }

    private static Object decimal(String text) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        // YAML's .inf and .nan have no BigDecimal form; keep them as written.
        return text;
      }
    }
  }
}
