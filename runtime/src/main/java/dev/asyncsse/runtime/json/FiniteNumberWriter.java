package dev.asyncsse.runtime.json;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDecorator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * Refuses to write NaN or infinity. JSON has no such numbers, and Jackson would write them as the
 * strings {@code "NaN"} and {@code "Infinity"}, which every strict reader, this codec included,
 * then rejects as numbers. Every number a generator writes passes here: record components, list
 * and map values, and {@code JsonNode} trees alike.
 */
final class FiniteNumberWriter extends JsonGeneratorDelegate {

  private FiniteNumberWriter(JsonGenerator generator) {
    super(generator, true);
  }

  /** Returns the decorator that wraps each generator of a factory. */
  static JsonGeneratorDecorator decorator() {
    return (factory, generator) -> new FiniteNumberWriter(generator);
  }

  @Override
  public void writeNumber(double value) throws IOException {
    requireFinite(value);
    super.writeNumber(value);
  }

  @Override
  public void writeNumber(float value) throws IOException {
    requireFinite(value);
    super.writeNumber(value);
  }

  private void requireFinite(double value) throws NonFiniteNumberException {
    if (!Double.isFinite(value)) {
      throw new NonFiniteNumberException(value, this);
    }
  }

  /** The failure to write a NaN or infinite number. */
  static final class NonFiniteNumberException extends JsonGenerationException {

    private static final long serialVersionUID = 1L;

    NonFiniteNumberException(double value, JsonGenerator generator) {
      super("must be a finite number, but was " + value + ", which JSON cannot hold", generator);
    }
  }
}
