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
   * Checks {@code min <= value <= max}; also refuses NaN. {@code Double.MIN_VALUE} reads as "above
   * 0".
   */
  public static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      String rule =
          min == Double.MIN_VALUE ? "above 0 and at most " + max : "from " + min + " to " + max;
      throw new BadInputException(
          String.format("Cannot set %s to %s: the value must be %s.", key, value, rule));
    }
    return value;
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
