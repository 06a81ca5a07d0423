package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads {@link Void}, the type of a property whose schema allows only {@code null}, from JSON
 * {@code null} alone. Jackson's own deserializer for {@code Void} skips any value and returns
 * {@code null}, so a property that must be null would accept {@code 5} or {@code {}}.
 */
final class NullOnlyDeserializer extends StdDeserializer<Void> {

  private static final long serialVersionUID = 1L;

  NullOnlyDeserializer() {
    super(Void.class);
  }

  /** Rejects the value: Jackson calls this only for a token other than {@code null}. */
  @Override
  public Void deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    return (Void) context.handleUnexpectedToken(Void.class, parser);
  }
}
