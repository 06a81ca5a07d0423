package dev.asyncsse.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Markdown report of values and ratios from repeated runs, each row showing the minimum, median
 * and maximum over the runs, then every run's value in run order.
 *
 * <p>Each run is a map from metric name to value; a ratio row divides two metrics of the same run.
 */
final class ResultTable {

  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  /** Adds a row for the metric {@code key} of every run. */
  void value(String section, String name, List<Map<String, Double>> runs, String key) {
    add(section, name, runs.stream().map(run -> run.get(key)).toList());
  }

  /** Adds a row for the ratio of two metrics, computed within each run. */
  void ratio(
      String section,
      String name,
      List<Map<String, Double>> runs,
      String numeratorKey,
      String denominatorKey) {
    add(
        section,
        name,
        runs.stream().map(run -> run.get(numeratorKey) / run.get(denominatorKey)).toList());
  }

  /** Returns the report: a heading, a note, then one table per section. */
  String render(String title, String note) {
    StringBuilder text = new StringBuilder();
    text.append("### ").append(title).append("\n\n");
    text.append(note).append("\n\n");
    for (Map.Entry<String, List<String>> section : sections.entrySet()) {
      text.append("#### ").append(section.getKey()).append("\n\n");
      text.append("| metric | min | median | max | each run |\n");
      text.append("|---|---:|---:|---:|---|\n");
      section.getValue().forEach(row -> text.append(row).append('\n'));
      text.append('\n');
    }
    return text.toString();
  }

  /** Returns the median of {@code values}; the mean of the middle two for an even count. */
  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Formats a value with about three significant digits, and thousands separators above 1000. */
  static String format(double value) {
    if (Math.abs(value) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private void add(String section, String name, List<Double> values) {
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    String runValues = values.stream().map(ResultTable::format).collect(Collectors.joining(", "));
    String row =
        "| "
            + name
            + " | "
            + format(min)
            + " | "
            + format(median(values))
            + " | "
            + format(max)
            + " | "
            + runValues
            + " |";
    sections.computeIfAbsent(section, key -> new ArrayList<>()).add(row);
  }
}
