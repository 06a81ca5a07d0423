package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Words Jackson's exceptions in the runtime's terms: the property path (such as {@code
 * items[2].price}), what was expected, what was found, and the line and column within the JSON
 * text. Nothing of Jackson's own message is used, since it names Jackson's settings and classes;
 * the exception stays the cause of the codec's exception. Excerpts of the data are capped at
 * {@value #MAX_EXCERPT} characters, and a message passed through from a record's constructor at
 * {@value #MAX_PASSED_MESSAGE}.
 *
 * <p>The codec builds these messages only after a decode or encode failed.
 */
final class JacksonErrorMessages {

  static final int MAX_EXCERPT = 40;
  static final int MAX_PASSED_MESSAGE = 300;
  private static final int MAX_LISTED_NAMES = 20;

  private final ObjectMapper mapper;
  private final String text;
  private final ToIntFunction<JsonLocation> charOffset;
  private final JsonNode tree;

  private JacksonErrorMessages(
      ObjectMapper mapper, String text, ToIntFunction<JsonLocation> charOffset, JsonNode tree) {
    this.mapper = mapper;
    this.text = text;
    this.charOffset = charOffset;
    this.tree = tree;
  }

  /** Describes why JSON text could not be decoded as {@code type}. */
  static String decodingText(ObjectMapper mapper, JacksonException e, String json, Class<?> type) {
    return new JacksonErrorMessages(mapper, json, JacksonErrorMessages::charOffsetOf, null)
        .describeDecoding(e, type);
  }

  /**
   * Describes why UTF-8 JSON bytes could not be decoded as {@code type}. Bytes that are not UTF-8
   * are reported first, wherever they are. Jackson counts byte offsets here, which this converts
   * to char offsets of the decoded text.
   */
  static String decodingBytes(
      ObjectMapper mapper, JacksonException e, byte[] json, int offset, int length, Class<?> type) {
    String invalidUtf8 = invalidUtf8(json, offset, length);
    if (invalidUtf8 != null) {
      return invalidUtf8;
    }
    ToIntFunction<JsonLocation> charOffset = location -> {
      long bytes = location.getByteOffset();
      return bytes < 0 ? -1 : charsInUtf8(json, offset, (int) bytes);
    };
    String text = new String(json, offset, length, StandardCharsets.UTF_8);
    return new JacksonErrorMessages(mapper, text, charOffset, null).describeDecoding(e, type);
  }

  /** Describes the first bytes that are not UTF-8, or returns {@code null} when all are. */
  private static String invalidUtf8(byte[] json, int offset, int length) {
    ByteBuffer in = ByteBuffer.wrap(json, offset, length);
    CharBuffer out = CharBuffer.allocate(in.remaining());
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (!result.isError()) {
      return null;
    }
    String before = out.flip().toString();
    return "invalid UTF-8 at " + lineAndColumn(before, before.length()) + ": the byte "
        + String.format("0x%02X", json[in.position()] & 0xFF) + " starts no valid character";
  }

  /** Describes why a JSON tree could not be converted into {@code type}. */
  static String decodingTree(
      ObjectMapper mapper, JacksonException e, JsonNode tree, Class<?> type) {
    return new JacksonErrorMessages(mapper, null, location -> -1, tree).describeDecoding(e, type);
  }

  /** Describes why a value could not be encoded as JSON. */
  static String encoding(JsonProcessingException e) {
    String path = path(e);
    String place = path.isEmpty() ? "" : path + ": ";
    Throwable failure = applicationFailure(e);
    if (failure != null) {
      return place + cap(failure.getMessage(), MAX_PASSED_MESSAGE);
    }
    if (innermost(e) instanceof FiniteNumberWriter.NonFiniteNumberException nonFinite) {
      return place + nonFinite.getOriginalMessage();
    }
    if (e instanceof InvalidDefinitionException definition && definition.getType() != null) {
      return place + "Jackson has no way to write values of type "
          + definition.getType().getRawClass().getTypeName() + " (see the cause)";
    }
    if (innermost(e) instanceof StreamConstraintsException) {
      return place + "the value is nested deeper than the JSON writer's limit";
    }
    return place + "the value could not be written as JSON (see the cause)";
  }

  /** Describes the syntax error of {@code text}, or returns {@code null} when there is none. */
  static String syntaxError(String text) {
    JsonSyntaxCheck.SyntaxError error = JsonSyntaxCheck.firstError(text);
    return error == null ? null : describeSyntax(text, error);
  }

  private String describeDecoding(JacksonException e, Class<?> type) {
    if (text != null && skipWhitespace(0) == text.length()) {
      return "the data is empty; expected " + expected(type);
    }

    String path = path(e);
    String place = path.isEmpty() ? "" : path + ": ";
    Throwable failure = applicationFailure(e);
    if (failure != null) {
      // A check of the record's constructor: its message names the property and the rule. Jackson
      // reports only where the object ends, so the path names the object.
      return place + cap(failure.getMessage(), MAX_PASSED_MESSAGE);
    }

    // Jackson reads tokens in order, so a syntax error before the failed token came first.
    int offset = tokenOffset(e);
    Throwable innermost = innermost(e);
    boolean readError = innermost instanceof StreamReadException
        && !(innermost instanceof InputCoercionException);
    if (text != null) {
      JsonSyntaxCheck.SyntaxError syntax = JsonSyntaxCheck.firstError(text);
      if (syntax != null && (readError || offset < 0 || syntax.offset() <= offset)) {
        return describeSyntax(text, syntax);
      }
    }
    if (innermost instanceof StreamConstraintsException) {
      return "a number, string or property name is longer, or the nesting is deeper, than the JSON"
          + " parser allows" + at(offset);
    }
    if (readError) {
      return "the JSON parser rejected the data" + at(offset) + " (see the cause)";
    }

    return place + describeMismatch(e, innermost, offset, type);
  }

  /** Describes a value that is valid JSON but does not fit the type at its path. */
  private String describeMismatch(
      JacksonException e, Throwable innermost, int offset, Class<?> type) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = new ArrayList<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      known.sort(null);
      return "unknown property; expected one of " + names(known)
          + at(propertyNameOffset(unknown.getPropertyName(), offset));
    }
    if (innermost instanceof InputCoercionException coercion) {
      return "expected " + expected(coercion.getTargetType()) + ", found "
          + found(e, offset, null) + at(offset);
    }
    if (e instanceof MismatchedInputException mismatch && isMissingProperty(e, offset)) {
      // A property the creator requires, such as a primitive one, is absent from the object.
      return "required property is missing; expected " + expected(mismatch.getTargetType())
          + at(offset);
    }
    if (e instanceof InvalidFormatException format && isBeyondFloatingRange(format)) {
      boolean single = boxed(format.getTargetType()) == Float.class;
      return "expected a number of magnitude up to about "
          + (single ? "3.4e38, which a float holds" : "1.8e308, which a double holds")
          + ", found " + found(e, offset, format.getValue()) + at(offset);
    }
    if (e instanceof MismatchedInputException mismatch) {
      Object value = mismatch instanceof InvalidFormatException format ? format.getValue() : null;
      Class<?> target = mismatch.getTargetType() == null ? type : mismatch.getTargetType();
      return "expected " + expected(target) + ", found " + found(e, offset, value) + at(offset);
    }
    if (isRepeatedCreatorProperty(e)) {
      // Jackson reports no location for this failure, and the path names the property.
      return "the object repeats this property, which the record reads only once";
    }
    if (e instanceof InvalidDefinitionException definition && definition.getType() != null) {
      return "Jackson has no way to read values of type "
          + definition.getType().getRawClass().getTypeName() + " (see the cause)";
    }
    return "the value does not fit " + type.getSimpleName() + at(offset) + " (see the cause)";
  }

  /**
   * Returns whether {@code e} reports a record property that the object repeats after Jackson
   * created the record. Jackson creates a record as soon as it has read every property of its
   * constructor, and a record has no setter for a later copy, so Jackson reports a missing setter.
   * A copy that comes earlier replaces the first value without an error.
   */
  private static boolean isRepeatedCreatorProperty(JacksonException e) {
    return e instanceof InvalidDefinitionException definition
        && definition.getOriginalMessage() != null
        && definition.getOriginalMessage().startsWith(
            "No fallback setter/field defined for creator property");
  }

  // Where the problem is.

  /** Returns the property path, such as {@code order.items[2].price}, or "" at the top level. */
  static String path(Throwable e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      String name = reference.getFieldName();
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (name == null) {
        path.append("[?]");
      } else if (!(reference.getFrom() instanceof Map) && isIdentifier(name)) {
        path.append(path.length() == 0 ? "" : ".").append(cap(name, MAX_EXCERPT));
      } else {
        path.append("[\"").append(cap(name, MAX_EXCERPT)).append("\"]");
      }
    }
    return path.toString();
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(Character::isJavaIdentifierPart);
  }

  /** Returns the char offset where the token that failed starts, or -1 when unknown. */
  private int tokenOffset(JacksonException e) {
    JsonLocation location = e.getProcessor() instanceof JsonParser parser
        ? parser.currentTokenLocation()
        : e.getLocation();
    if (location == null || text == null) {
      return -1;
    }
    int offset = charOffset.applyAsInt(location);
    return offset > text.length() ? -1 : offset;
  }

  /**
   * Returns the offset of the last quoted {@code name} before {@code offset}, or -1. Jackson
   * reports an unknown property after reading its value, not at its name.
   */
  private int propertyNameOffset(String name, int offset) {
    if (offset < 0 || name == null) {
      return -1;
    }
    return text.lastIndexOf("\"" + name + "\"", offset);
  }

  private static int charOffsetOf(JsonLocation location) {
    long offset = location.getCharOffset();
    return offset > Integer.MAX_VALUE ? -1 : (int) offset;
  }

  /** Returns the number of chars that the first {@code length} bytes of UTF-8 decode to. */
  private static int charsInUtf8(byte[] utf8, int offset, int length) {
    int chars = 0;
    int end = Math.min(utf8.length, offset + length);
    for (int i = offset; i < end; i++) {
      int b = utf8[i] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        chars += b >= 0xF0 ? 2 : 1; // a four-byte sequence decodes to a surrogate pair
      }
    }
    return chars;
  }

  private String at(int offset) {
    return offset < 0 ? "" : " (" + lineAndColumn(text, offset) + ")";
  }

  /**
   * Returns "line L, column C" for a char offset. Lines end at LF, CR or CRLF, so line 2 is the
   * second {@code data:} line of an event. Columns count code points from 1.
   */
  static String lineAndColumn(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r' && !Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }

  private static String describeSyntax(String text, JsonSyntaxCheck.SyntaxError error) {
    return "invalid JSON at " + lineAndColumn(text, error.offset()) + ": expected "
        + error.expected() + ", found " + error.found();
  }

  /** Returns whether Jackson stopped at the end of an object that lacks the path's property. */
  private boolean isMissingProperty(JacksonException e, int offset) {
    if (path(e).isEmpty()) {
      return false;
    }
    if (text != null) {
      if (offset < 0) {
        return false;
      }
      int start = skipWhitespace(offset);
      return start < text.length() && text.charAt(start) == '}';
    }
    return tree != null && nodeAt(e) == null;
  }

  // What was expected.

  private String expected(Class<?> type) {
    if (type == null || type == Object.class) {
      return "a JSON value";
    }
    if (type == Void.class) {
      return "null";
    }
    Class<?> boxed = boxed(type);
    String number = expectedNumber(boxed);
    if (number != null) {
      return number;
    }
    if (boxed == Boolean.class) {
      return "true or false";
    }
    if (boxed == String.class || boxed == Character.class || type == CharSequence.class) {
      return "a string";
    }
    if (type == byte[].class) {
      return "a base64 string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return enumValues(type);
    }
    String time = timeExample(type);
    if (time != null) {
      return time;
    }
    if (type == UUID.class) {
      return "a UUID string";
    }
    if (type == URI.class) {
      return "a URI string";
    }
    return "an object";
  }

  /**
   * Returns whether {@code e} reports a JSON number too large for a {@code double} or {@code
   * float}, which {@link FiniteNumberDeserializer} rejects with the number's text as the value.
   */
  private static boolean isBeyondFloatingRange(InvalidFormatException e) {
    Class<?> target = e.getTargetType() == null ? null : boxed(e.getTargetType());
    return (target == Double.class || target == Float.class)
        && e.getValue() instanceof String text
        && !text.isEmpty()
        && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-');
  }

  private static String expectedNumber(Class<?> boxed) {
    if (boxed == Integer.class) {
      return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (boxed == Long.class) {
      return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (boxed == Short.class) {
      return "an integer from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
    }
    if (boxed == Byte.class) {
      return "an integer from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
    }
    if (boxed == BigInteger.class) {
      return "an integer";
    }
    boolean decimal = boxed == Double.class || boxed == Float.class || boxed == BigDecimal.class;
    return decimal || boxed == Number.class ? "a number" : null;
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      case "char" -> Character.class;
      default -> type;
    };
  }

  private static String timeExample(Class<?> type) {
    if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
      return "an RFC 3339 date-time string such as \"2024-05-01T12:00:00Z\"";
    }
    if (type == LocalDateTime.class) {
      return "a date-time string such as \"2024-05-01T12:00:00\"";
    }
    if (type == LocalDate.class) {
      return "a date string such as \"2024-05-01\"";
    }
    if (type == OffsetTime.class) {
      return "a time string such as \"12:00:00Z\"";
    }
    if (type == LocalTime.class) {
      return "a time string such as \"12:00:00\"";
    }
    return null;
  }

  /**
   * Lists the JSON values that Jackson writes for an enum's constants, as {@code the string "a"} or
   * {@code one of the strings "a", "b"} when all are strings, else as {@code one of 1, 2}.
   */
  private String enumValues(Class<?> type) {
    List<Object> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      try {
        values.add(mapper.writeValueAsString(constant));
      } catch (JsonProcessingException | RuntimeException e) {
        // A constant that cannot be written, such as an UNKNOWN one, is not a value to send.
      }
    }
    boolean strings = !values.isEmpty()
        && values.stream().allMatch(value -> String.valueOf(value).startsWith("\""));
    if (strings && values.size() == 1) {
      return "the string " + names(values);
    }
    return (strings ? "one of the strings " : "one of ") + names(values);
  }

  private static String names(Collection<?> names) {
    List<String> listed = new ArrayList<>();
    for (Object name : names) {
      if (listed.size() == MAX_LISTED_NAMES) {
        listed.add("and " + (names.size() - MAX_LISTED_NAMES) + " more");
        break;
      }
      listed.add(cap(String.valueOf(name), MAX_EXCERPT));
    }
    return String.join(", ", listed);
  }

  // What was found.

  private String found(JacksonException e, int offset, Object value) {
    if (text != null && offset >= 0) {
      return valueAt(offset);
    }
    if (tree != null) {
      JsonNode node = nodeAt(e);
      if (node != null) {
        return describeNode(node);
      }
    }
    if (value instanceof String string) {
      return "the string " + quoted(escape(string), string.length());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return cap(String.valueOf(value), MAX_EXCERPT);
    }
    return "another kind of value";
  }

  /** Describes the JSON value that starts at {@code offset} of the text. */
  private String valueAt(int offset) {
    int start = skipWhitespace(offset);
    if (start == text.length()) {
      return "the end of the data";
    }
    char c = text.charAt(start);
    switch (c) {
      case '{':
        return "an object";
      case '[':
        return "an array";
      case '"':
        return "the string " + quotedExcerpt(start + 1, stringEnd(start) - 1);
      case 't':
        return "true";
      case 'f':
        return "false";
      case 'n':
        return "null";
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          int end = start + 1;
          while (end < text.length() && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
          }
          return "the number " + excerpt(start, end);
        }
        return JsonSyntaxCheck.describeCharacter(text, start);
    }
  }

  private int skipWhitespace(int offset) {
    int i = offset;
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /** Returns the offset just after the closing quote of the string that starts at {@code quote}. */
  private int stringEnd(int quote) {
    int i = quote + 1;
    while (i < text.length() && text.charAt(i) != '"') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, text.length() + 1);
  }

  /** Returns the raw text of a string value in quotes, cut and with its length when long. */
  private String quotedExcerpt(int start, int end) {
    int length = Math.max(0, end - start);
    return quoted(text.substring(start, start + Math.min(length, MAX_EXCERPT + 1)), length);
  }

  /** Quotes the start of a string of {@code length} chars, adding the length when it is cut. */
  private static String quoted(String start, int length) {
    String shown = "\"" + cap(start, MAX_EXCERPT) + "\"";
    return length <= MAX_EXCERPT ? shown : shown + " (" + length + " characters)";
  }

  private String excerpt(int start, int end) {
    if (end - start <= MAX_EXCERPT) {
      return text.substring(start, end);
    }
    return cap(text.substring(start, start + MAX_EXCERPT + 1), MAX_EXCERPT)
        + " (" + (end - start) + " characters)";
  }

  private JsonNode nodeAt(JacksonException e) {
    JsonNode node = tree;
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference reference : mapping.getPath()) {
        if (node == null) {
          return null;
        }
        node = reference.getIndex() >= 0
            ? node.get(reference.getIndex())
            : node.get(reference.getFieldName());
      }
    }
    return node;
  }

  private static String describeNode(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "the string " + quoted(escape(node.textValue()), node.textValue().length());
    }
    if (node.isNumber()) {
      return "the number " + cap(node.asText(), MAX_EXCERPT);
    }
    return cap(node.toString(), MAX_EXCERPT);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  // Causes.

  /**
   * Returns the exception that a constructor or factory of the application threw, which Jackson
   * wraps: a failed check of a generated record, or an unknown value of a generated enum.
   */
  static Throwable applicationFailure(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      boolean check = (cause instanceof IllegalArgumentException
              && !(cause instanceof NumberFormatException))
          || cause instanceof NullPointerException
          || cause instanceof IllegalStateException;
      if (check && !(cause instanceof JacksonException) && cause.getMessage() != null) {
        return cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static Throwable innermost(Throwable e) {
    Throwable innermost = e;
    while (innermost.getCause() instanceof JacksonException cause && cause != innermost) {
      innermost = cause;
    }
    return innermost;
  }

  /**
   * Returns {@code text} cut to {@code max} chars, ending with an ellipsis when cut. A surrogate
   * pair is not split.
   */
  static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "\u2026";
  }
}
