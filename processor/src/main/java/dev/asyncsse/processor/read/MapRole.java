package dev.asyncsse.processor.read;

import java.util.Set;

/**
 * What a map or list is in an AsyncAPI document, which decides whether a {@code $ref} key
 * in a map is a reference or a name.
 *
 * <p>Maps such as {@code properties}, {@code components/schemas} or a channel's {@code parameters}
 * are keyed by names, so their {@code $ref} key names a property, schema or parameter. Only a
 * {@code $ref} key in a schema or AsyncAPI object is a reference. The role is read from the keys on
 * the way from the file's root, because the same map can be reached both directly and through a
 * {@code $ref}.
 *
 * <p>NOTE: the root of every file gets {@link #ROOT}, so in a referenced file whose root maps names
 * to schemas, a schema named {@code properties} (or another key of {@link #NAME_KEYS}) is taken as
 * a map of names.
 */
enum MapRole {
  /** The root of a file: a document, a schema, or a map of named components. */
  ROOT,
  /** The {@code components} object, whose every section maps names to components. */
  COMPONENTS,
  /** A map whose keys are names, such as {@code properties} or {@code channels}. */
  NAMES,
  /** A schema or AsyncAPI object, whose keys are keywords or fields. */
  OBJECT,
  /** A value that is data, not a schema: {@code enum}, {@code default}, an extension. */
  DATA;

  /** Keys of the root whose values map names to channels, operations or servers. */
  private static final Set<String> ROOT_NAME_KEYS = Set.of("channels", "operations", "servers");

  /**
   * Keys of a schema or AsyncAPI object whose values map names to schemas, messages, channel
   * parameters or server variables. {@code dependencies} and {@code dependentRequired} map property
   * names to schemas or lists of names.
   */
  private static final Set<String> NAME_KEYS = Set.of(
      "properties", "patternProperties", "definitions", "$defs", "dependentSchemas",
      "dependencies", "dependentRequired", "parameters", "messages", "variables");

  /** Keys of a schema or AsyncAPI object whose values are data rather than schemas. */
  static final Set<String> DATA_KEYS = Set.of("default", "const", "enum", "example", "examples");

  /** Returns the role of the value under {@code key} in a map of this role. */
  MapRole child(String key) {
    switch (this) {
      case DATA:
        return DATA;
      case NAMES:
        return OBJECT;
      case COMPONENTS:
        return key.startsWith("x-") ? DATA : NAMES;
      case ROOT:
        if (key.equals("components")) {
          return COMPONENTS;
        }
        if (ROOT_NAME_KEYS.contains(key)) {
          return NAMES;
        }
        return OBJECT.child(key);
      default:
        if (key.startsWith("x-") || DATA_KEYS.contains(key)) {
          return DATA;
        }
        return NAME_KEYS.contains(key) ? NAMES : OBJECT;
    }
  }

  /** Returns the role of the items of a list of this role. */
  MapRole item() {
    return this == DATA ? DATA : OBJECT;
  }
}
