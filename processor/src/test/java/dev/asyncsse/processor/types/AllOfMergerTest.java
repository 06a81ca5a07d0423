package dev.asyncsse.processor.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Two {@code multipleOf}s in one {@code allOf} combine into their least common multiple. */
class AllOfMergerTest {

  @Test
  void integersCombine() {
    assertEquals(0, new BigDecimal("6").compareTo(lcm("2", "3")));
    assertEquals(0, new BigDecimal("12").compareTo(lcm("4", "6")));
    assertEquals(0, new BigDecimal("5").compareTo(lcm("5", "5.0")));
  }

  @Test
  void decimalsCombine() {
    assertEquals(0, new BigDecimal("1.5").compareTo(lcm("0.5", "0.75")));
    assertEquals(0, new BigDecimal("0.5").compareTo(lcm("0.1", "0.25")));
    assertEquals(0, new BigDecimal("2").compareTo(lcm("0.5", "2")));
  }

  private static BigDecimal lcm(String first, String second) {
    return AllOfMerger.leastCommonMultiple(new BigDecimal(first), new BigDecimal(second));
  }
}
