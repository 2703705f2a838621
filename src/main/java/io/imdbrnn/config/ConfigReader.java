package io.imdbrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads typed values from a resolved {@link Config}, turning type errors into messages that name
 * the key.
 */
public final class ConfigReader {
  private final Config config;

  public ConfigReader(Config config) {
    this.config = config;
  }

  public String string(String key) {
    return read(key, "text", () -> config.getString(key));
  }

  public int integer(String key) {
    return read(key, "a whole number", () -> config.getInt(key));
  }

  public long longValue(String key) {
    return read(key, "a whole number", () -> config.getLong(key));
  }

  public double doubleValue(String key) {
    return read(key, "a number", () -> config.getDouble(key));
  }

  public boolean bool(String key) {
    return read(key, "true or false", () -> config.getBoolean(key));
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String raw = string(key);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw.strip())) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        String.format("Cannot set %s to '%s': the value must be one of %s.", key, raw, allowed));
  }

  private interface Getter<T> {
    T get();
  }

  private <T> T read(String key, String expected, Getter<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException.Missing e) {
      throw new IllegalArgumentException("Setting " + key + " is missing.", e);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      String raw = config.hasPath(key) ? config.getValue(key).render() : "null";
      throw new IllegalArgumentException(
          String.format("Cannot set %s to %s: the value must be %s.", key, raw, expected), e);
    }
  }
}
