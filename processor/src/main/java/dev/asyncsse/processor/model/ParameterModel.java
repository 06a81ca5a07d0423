package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.SourcePosition;
import java.math.BigDecimal;
import java.util.List;

/**
 * A channel parameter, the value of one {@code {name}} in the address.
 *
 * @param name the name inside the braces
 * @param description {@code description}, or {@code ""}
 * @param allowedValues {@code enum}, empty when any value is allowed
 * @param enumNames {@code x-java-enum-names}, one Java constant name per {@code enum} value, or
 *     empty
 * @param defaultValue {@code default}, or {@code null}
 * @param examples {@code examples}
 * @param declared whether the channel declares the parameter; an undeclared one is a plain
 *     string
 * @param kind the Java type of the value, from a 2.x schema's {@code type} and {@code format}
 * @param rules the 2.x schema's validation keywords
 * @param position where the parameter object is, or the address for an undeclared parameter
 */
public record ParameterModel(
    String name,
    String description,
    List<String> allowedValues,
    List<String> enumNames,
    String defaultValue,
    List<String> examples,
    boolean declared,
    Kind kind,
    Rules rules,
    SourcePosition position) {

  public ParameterModel {
    allowedValues = List.copyOf(allowedValues);
    enumNames = List.copyOf(enumNames);
    examples = List.copyOf(examples);
  }

  /** Returns a string parameter that the channel uses in its address but does not declare. */
  static ParameterModel undeclared(String name, SourcePosition addressPosition) {
    return new ParameterModel(
        name, "", List.of(), List.of(), null, List.of(), false, Kind.STRING, Rules.NONE,
        addressPosition);
  }

  /** Returns whether the value is a string with a fixed set of values, generated as an enum. */
  public boolean isEnum() {
    return kind == Kind.STRING && !allowedValues.isEmpty();
  }

  /** The Java type of a parameter value. */
  public enum Kind {
    /** {@code type: string}, or no type. */
    STRING,
    /** {@code type: integer} with {@code format: int32}. */
    INT,
    /** {@code type: integer} with any other format. */
    LONG,
    /** {@code type: number}. */
    DOUBLE
  }

  /**
   * Validation keywords of a parameter's schema; {@code null} where the schema has none.
   *
   * @param pattern a regular expression that must match somewhere in a string value
   */
  public record Rules(
      String pattern,
      Integer minLength,
      Integer maxLength,
      BigDecimal minimum,
      BigDecimal maximum,
      BigDecimal exclusiveMinimum,
      BigDecimal exclusiveMaximum) {

    /** No validation keywords. */
    public static final Rules NONE = new Rules(null, null, null, null, null, null, null);
  }
}
