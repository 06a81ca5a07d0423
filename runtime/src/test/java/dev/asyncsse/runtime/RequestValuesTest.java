package dev.asyncsse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncsse.runtime.json.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoding of request values whose component is an object, which the codec reads as JSON. */
class RequestValuesTest {

  /** A nested object parameter. */
  public record Range(int min) {}

  /** Request values with an object component. */
  public record Filter(Range range) {}

  @Test
  void nestedValueOfWrongTypeNamesPath() {
    Map<String, List<String>> query = Map.of("range", List.of("{\"min\":\"x\"}"));

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RequestValues.decode(
                    name -> query.getOrDefault(name, List.of()),
                    List.of("range"),
                    Set.of("range"),
                    Filter.class,
                    JsonCodec.jackson(),
                    "query parameters"));

    assertEquals(
        "Invalid query parameters: range.min: expected an integer from -2147483648 to"
            + " 2147483647, found the string \"x\" (line 1, column 17)",
        error.getMessage());
  }
}
