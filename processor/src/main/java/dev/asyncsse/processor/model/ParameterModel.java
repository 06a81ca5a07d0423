package dev.asyncsse.processor.model;

import java.util.List;

/**
 * A channel parameter, the value of one {@code {name}} in the address.
 *
 * @param name the name inside the braces
 * @param description {@code description}, or {@code ""}
 * @param allowedValues {@code enum}, empty when any value is allowed
 * @param defaultValue {@code default}, or {@code null}
 * @param examples {@code examples}
 * @param declared whether the channel declares the parameter; an undeclared one is a plain
 *     string
 */
public record ParameterModel(
    String name,
    String description,
    List<String> allowedValues,
    String defaultValue,
    List<String> examples,
    boolean declared) {

  public ParameterModel {
    allowedValues = List.copyOf(allowedValues);
    examples = List.copyOf(examples);
  }
}
