package dev.asyncsse.processor.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import java.io.IOException;
import java.math.BigDecimal;
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

  private final JsonFactory jsonFactory = new JsonFactory();
  // YAML 1.2, which AsyncAPI documents follow, reads only true and false as booleans; YAML 1.1's
  // on, off, yes and no stay strings, as in enum: [on, off]. An empty plain value, as in
  // "payload:" with nothing after it, is null in YAML 1.2, while a quoted '' stays a string.
  private final YAMLFactory yamlFactory = YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .build();

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
      if (parser.nextToken() == null) {
        problems.error(new SourcePosition(file.name(), 1, 1), Messages.emptyDocument());
        return Optional.empty();
      }
      TreeBuilder builder = new TreeBuilder(file, parser, problems);
      Node root = builder.value("", MapRole.ROOT);
      if (builder.failed) {
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      reportSyntaxError(file, json, e, problems);
      return Optional.empty();
    } catch (IOException e) {
      problems.error(new SourcePosition(file.name(), 1, 1), Messages.readFailed(file.name(), e));
      return Optional.empty();
    }
  }

  private static void reportSyntaxError(
      DocumentFile file, boolean json, JsonProcessingException e, Problems problems) {
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
    problems.error(position(file, e.getLocation()), Messages.syntaxError(json, detail));
  }

  static SourcePosition position(DocumentFile file, JsonLocation location) {
    if (location == null) {
      return new SourcePosition(file.name(), 1, 1);
    }
    return new SourcePosition(
        file.name(), Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /** Walks the parser's tokens and builds nodes; one instance per document. */
  private static final class TreeBuilder {

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
     * Builds the value at the current token, leaving the parser on its last token.
     *
     * @param role what the value is in the document, if it is a map or list
     */
    Node value(String pointer, MapRole role) throws IOException {
      SourcePosition position = position(file, parser.currentTokenLocation());
      rejectAlias(position);
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return object(pointer, position, role);
        case START_ARRAY:
          return array(pointer, position, role);
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

    private MapNode object(String pointer, SourcePosition position, MapRole role)
        throws IOException {
      MapNode map = new MapNode(file, pointer, position, role);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        SourcePosition keyPosition = position(file, parser.currentTokenLocation());
        parser.nextToken();
        Node value = value(pointer + "/" + JsonPointers.escape(key), role.child(key));
        if (map.has(key)) {
          problems.error(keyPosition, Messages.duplicateKey(key, map.keyPosition(key)));
          failed = true;
        } else {
          map.put(key, keyPosition, value);
        }
      }
      return map;
    }

    private ListNode array(String pointer, SourcePosition position, MapRole role)
        throws IOException {
      ListNode list = new ListNode(file, pointer, position);
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        list.add(value(pointer + "/" + index, role.item()));
        index++;
      }
      return list;
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
