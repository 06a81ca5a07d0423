package dev.asyncsse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asyncsse.runtime.json.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Encoding and decoding of request values: object components, and required values that allow null.
 */
class RequestValuesTest {

  /** A nested object parameter. */
  public record Range(int min) {}

  /** Request values with an object component. */
  public record Filter(Range range) {}

  /** Request values with a required value that allows null, as generated records mark it. */
  public record Trace(
      @JsonProperty(value = "X-Trace", required = true) @JsonInclude(JsonInclude.Include.ALWAYS)
          String trace,
      @JsonProperty(value = "X-Span", required = true) String span) {}

  private static Trace decodeTrace(Map<String, String> headers) {
    return RequestValues.decode(
        name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(),
        List.of("X-Trace", "X-Span"),
        Set.of(),
        Trace.class,
        JsonCodec.jackson(),
        "request headers");
  }

  @Test
  void absentRequiredNullableValueReadsAsNull() {
    Trace sent = new Trace(null, "s1");
    Map<String, String> headers = RequestValues.encode(sent, JsonCodec.jackson());

    assertEquals(Map.of("X-Span", "s1"), headers);
    assertEquals(sent, decodeTrace(headers));
    assertEquals(new Trace("t1", "s1"), decodeTrace(Map.of("X-Trace", "t1", "X-Span", "s1")));
  }

  @Test
  void absentRequiredValueIsStillMissing() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> decodeTrace(Map.of("X-Trace", "t1")));

    assertEquals(
        "Invalid request headers: X-Span: required property is missing", error.getMessage());
  }

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
