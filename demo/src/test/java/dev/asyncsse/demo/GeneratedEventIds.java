package dev.asyncsse.demo;

import java.util.regex.Pattern;

/** Reads the ids that a broadcaster generates, such as {@code mibq3t1c-42}. */
public final class GeneratedEventIds {

  private static final Pattern GENERATED_ID = Pattern.compile("[0-9a-z]+-[1-9][0-9]*");

  private GeneratedEventIds() {}

  /** Returns the counter of {@code id}, 42 for {@code mibq3t1c-42}, or fails the test. */
  public static long number(String id) {
    if (id == null || !GENERATED_ID.matcher(id).matches()) {
      throw new AssertionError("Not a generated event id: " + id);
    }
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }
}
