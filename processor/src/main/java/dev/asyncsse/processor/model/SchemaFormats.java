package dev.asyncsse.processor.model;

import java.util.Locale;

/** Recognizes the {@code schemaFormat} values whose schemas are JSON Schema. */
final class SchemaFormats {

  private SchemaFormats() {}

  /**
   * Returns whether {@code format} names the AsyncAPI schema format or JSON Schema, in JSON or
   * YAML, with or without a version parameter.
   */
  static boolean isJsonSchema(String format) {
    String essence = format.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    return essence.equals("application/vnd.aai.asyncapi")
        || essence.equals("application/vnd.aai.asyncapi+json")
        || essence.equals("application/vnd.aai.asyncapi+yaml")
        || essence.equals("application/schema+json")
        || essence.equals("application/schema+yaml");
  }
}
