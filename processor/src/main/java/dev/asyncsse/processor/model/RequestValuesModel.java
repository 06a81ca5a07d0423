package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.Node;
import java.util.List;

/**
 * An object schema whose properties travel as HTTP request headers or query parameters, one text
 * value per property.
 *
 * @param schema the schema node, which the planner maps to a record
 * @param names the property names, which are the header or query parameter names
 * @param jsonValued the properties whose schema type is not {@code string}, so their values are
 *     JSON text such as {@code 42} or {@code true}
 * @param requiredNames the required properties
 */
public record RequestValuesModel(
    Node schema, List<String> names, List<String> jsonValued, List<String> requiredNames) {

  public RequestValuesModel {
    names = List.copyOf(names);
    jsonValued = List.copyOf(jsonValued);
    requiredNames = List.copyOf(requiredNames);
  }
}
