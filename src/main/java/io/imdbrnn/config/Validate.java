package io.imdbrnn.config;

import io.imdbrnn.errors.BadInputException;

/** Range checks whose messages name the setting, the bad value and the rule. */
public final class Validate {
  private Validate() {}

  public static int range(String key, int value, int min, int max) {
    range(key, (long) value, min, max);
    return value;
  }

  public static long range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new BadInputException(
          String.format(
              "Cannot set %s to %d: the value must be from %d to %d.", key, value, min, max));
    }
    return value;
  }

  /**
   * Checks {@code min <= value <= max}, or {@code min < value} with {@code minExclusive}; also
   * refuses NaN.
   */
  public static double range(
      String key, double value, double min, boolean minExclusive, double max) {
    boolean aboveMin = minExclusive ? value > min : value >= min;
    if (!(aboveMin && value <= max)) {
      String rule =
          minExclusive
              ? "above " + plain(min) + " and at most " + max
              : "from " + min + " to " + max;
      throw new BadInputException(
          String.format("Cannot set %s to %s: the value must be %s.", key, value, rule));
    }
    return value;
  }

  /** A whole bound without a trailing {@code .0} ("above 0"), others as Java prints them. */
  private static String plain(double bound) {
    return bound == Math.rint(bound) && Math.abs(bound) < 1e15
        ? Long.toString((long) bound)
        : Double.toString(bound);
  }

  public static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new BadInputException(
          String.format(
              "Setting %s is required: give it in the config file or on the command line.", key));
    }
    return value.strip();
  }
}
