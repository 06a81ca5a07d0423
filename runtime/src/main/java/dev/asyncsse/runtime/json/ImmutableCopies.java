package dev.asyncsse.runtime.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the lists and maps of generated payload records, rejecting a null item or value with a
 * message that names its place in the payload, such as {@code tags[1]: must not be null}.
 *
 * <p>Generated payload types call these from their compact constructors. The copies are
 * unmodifiable and keep the order of the originals.
 */
public final class ImmutableCopies {

  private ImmutableCopies() {}

  /**
   * Returns an unmodifiable copy of {@code list}.
   *
   * @param property the JSON property whose value is the list, for the error message
   * @throws IllegalArgumentException when an item is null
   */
  public static <T> List<T> list(List<T> list, String property) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(property + "[" + i + "]: must not be null");
      }
    }
    return List.copyOf(list);
  }

  /**
   * Returns an unmodifiable copy of {@code map}.
   *
   * @param property the JSON property whose value is the map, for the error message
   * @throws IllegalArgumentException when a key or a value is null
   */
  public static <K, V> Map<K, V> map(Map<K, V> map, String property) {
    for (Map.Entry<K, V> entry : map.entrySet()) {
      if (entry.getKey() == null) {
        throw new IllegalArgumentException(property + ": keys must not be null");
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException(
            property + "[\"" + entry.getKey() + "\"]: must not be null");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
