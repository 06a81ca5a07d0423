package dev.asyncsse.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.asyncsse.runtime.json.JsonCodec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the text values of one header or query parameter as the JSON value of its record
 * component, and rejects text that does not fit the component's Java type with a message of the
 * form {@code name: rule, but was value}, the form of the generated records' constructor checks.
 */
final class RequestValueReader {

  /** A JSON number: no leading {@code +}, no hex, no {@code NaN} or infinity, no type suffix. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  /** The text types that the codec reads from a JSON string, each with its parser and name. */
  private static final Map<Class<?>, TextType> TEXT_TYPES = Map.of(
      OffsetDateTime.class, new TextType("a date-time such as 2024-01-31T10:15:30Z",
          OffsetDateTime::parse),
      LocalDate.class, new TextType("a date such as 2024-01-31", LocalDate::parse),
      OffsetTime.class, new TextType("a time such as 10:15:30Z", OffsetTime::parse),
      UUID.class, new TextType("a UUID", UUID::fromString),
      URI.class, new TextType("a URI", RequestValueReader::parseUri));

  private RequestValueReader() {}

  /**
   * Returns the JSON value of {@code values}, the one or more texts received for {@code name}.
   * Only a list or set component accepts more than one, and each text is then one item. A list or
   * set given once as text that starts with {@code [} must be one JSON array, which is how {@link
   * RequestValues#encode} writes it, and each item must then have its JSON type: a string item is
   * a JSON string and an integer item is a JSON number. Any other single text is one item.
   *
   * @throws IllegalArgumentException when the texts do not fit {@code type}
   */
  static JsonNode read(String name, List<String> values, Type type, JsonCodec codec) {
    Class<?> raw = rawClass(type);
    if (raw != null && Collection.class.isAssignableFrom(raw)) {
      return readItems(name, values, rawClass(elementType(type)), codec);
    }
    if (values.size() > 1) {
      throw new IllegalArgumentException(name + ": must be given once, but was given "
          + values.size() + " times: " + String.join(", ", values));
    }
    return readOne(name, values.get(0), raw, codec);
  }

  private static JsonNode readItems(
      String name, List<String> values, Class<?> elementType, JsonCodec codec) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    if (values.size() == 1 && values.get(0).startsWith("[")) {
      String text = values.get(0);
      if (!(RequestValues.jsonOrText(text) instanceof ArrayNode items)) {
        throw invalid(name, "a JSON array such as [\"a\",\"b\"], or one parameter per item",
            text);
      }
      items.forEach(item -> array.add(readJsonItem(name, item, elementType, codec)));
      return array;
    }
    for (String item : values) {
      array.add(readOne(name, item, elementType, codec));
    }
    return array;
  }

  /**
   * Returns one item of a JSON array text, rejecting an item whose JSON type differs from the one
   * the codec writes for {@code type}, such as {@code 1} or {@code null} where a string belongs.
   */
  private static JsonNode readJsonItem(
      String name, JsonNode item, Class<?> type, JsonCodec codec) {
    if (type == null) {
      return item;
    }
    if (type.isEnum()) {
      return readEnum(name, item.toString(), item::equals, type, codec);
    }
    if (type == String.class || TEXT_TYPES.containsKey(type)) {
      if (!item.isTextual()) {
        throw invalid(name, "a string", item.toString());
      }
      return readOne(name, item.textValue(), type, codec);
    }
    // The JSON text of a string item keeps its quotes, so a number or boolean rule rejects it.
    return readOne(name, item.toString(), type, codec);
  }

  private static JsonNode readOne(String name, String text, Class<?> type, JsonCodec codec) {
    if (type == null || type == String.class) {
      return RequestValues.text(text);
    }
    if (type == Integer.class || type == int.class) {
      long value = parseLong(name, text, "a 32-bit integer");
      if (value != (int) value) {
        throw invalid(name, "a 32-bit integer", text);
      }
      return IntNode.valueOf((int) value);
    }
    if (type == Long.class || type == long.class) {
      return LongNode.valueOf(parseLong(name, text, "a 64-bit integer"));
    }
    if (type == Double.class || type == double.class) {
      double value = parseNumber(name, text).doubleValue();
      if (Double.isInfinite(value)) {
        throw invalid(name, "a number within the range of a 64-bit floating-point number", text);
      }
      return DoubleNode.valueOf(value);
    }
    if (type == BigDecimal.class) {
      return DecimalNode.valueOf(parseNumber(name, text));
    }
    if (type == Boolean.class || type == boolean.class) {
      if (!text.equals("true") && !text.equals("false")) {
        throw invalid(name, "true or false", text);
      }
      return BooleanNode.valueOf(text.equals("true"));
    }
    if (type.isEnum()) {
      return readEnum(name, text, value -> text.equals(textOf(value)), type, codec);
    }
    TextType textType = TEXT_TYPES.get(type);
    if (textType != null) {
      try {
        textType.parser().accept(text);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw invalid(name, textType.description(), text);
      }
      return RequestValues.text(text);
    }
    return RequestValues.jsonOrText(text);
  }

  /**
   * Returns the wire value of the enum constant that {@code matches} accepts, where {@code shown}
   * is the received value for the message. A generated enum may have an {@code UNKNOWN} constant
   * for values outside the document's list, which a payload may carry but a request may not. It
   * is the one constant that the codec cannot write, so it is skipped.
   */
  private static JsonNode readEnum(
      String name, String shown, Predicate<JsonNode> matches, Class<?> type, JsonCodec codec) {
    StringJoiner allowed = new StringJoiner(", ");
    for (Object constant : type.getEnumConstants()) {
      String wire;
      try {
        wire = codec.encode(constant);
      } catch (RuntimeException e) {
        continue;
      }
      JsonNode value = RequestValues.jsonOrText(wire);
      if (matches.test(value)) {
        return value;
      }
      allowed.add(wire);
    }
    throw invalid(name, "one of " + allowed, shown);
  }

  private static String textOf(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /** Parses a decimal integer, naming {@code rangeRule} when it is too large for a long. */
  private static long parseLong(String name, String text, String rangeRule) {
    if (!INTEGER.matcher(text).matches()) {
      throw invalid(name, "an integer", text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(name, rangeRule, text);
    }
  }

  private static BigDecimal parseNumber(String name, String text) {
    if (!JSON_NUMBER.matcher(text).matches()) {
      throw invalid(name, "a number", text);
    }
    return new BigDecimal(text);
  }

  private static IllegalArgumentException invalid(String name, String rule, String text) {
    return new IllegalArgumentException(name + ": must be " + rule + ", but was " + text);
  }

  private static void parseUri(String text) {
    try {
      new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> plain) {
      return plain;
    }
    return null;
  }

  private static Type elementType(Type collectionType) {
    if (collectionType instanceof ParameterizedType parameterized) {
      return parameterized.getActualTypeArguments()[0];
    }
    return String.class;
  }

  private record TextType(String description, Consumer<String> parser) {}
}
