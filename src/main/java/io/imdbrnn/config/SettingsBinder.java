package io.imdbrnn.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.imdbrnn.errors.BadInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a section of resolved settings to its record with Jackson (kebab-case names, no coercion of
 * fractions to whole numbers, unknown or missing keys refused); the record's constructor applies
 * the ranges and required flags declared by {@link Setting}. Every failure is a {@link
 * BadInputException} naming the key, the value and the rule.
 */
public final class SettingsBinder {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private SettingsBinder() {}

  /** The settings of {@code type}'s section in {@code config}, checked. */
  public static <T extends Record> T bind(Class<T> type, Config config) {
    String section = SettingsSchema.sectionOf(type);
    Map<String, Object> raw = new LinkedHashMap<>();
    for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
      if (!config.hasPathOrNull(e.fullKey())) {
        throw new BadInputException("Setting " + e.fullKey() + " is missing.");
      }
      Object value =
          config.getIsNull(e.fullKey()) ? null : config.getValue(e.fullKey()).unwrapped();
      raw.put(e.key(), normalize(e, value));
    }
    try {
      // The record's constructor checks the declared ranges.
      return MAPPER.convertValue(raw, type);
    } catch (IllegalArgumentException e) {
      throw explain(e, section, config);
    }
  }

  /**
   * {@code settings} with one key (as in the config section, e.g. {@code seed}) changed, through
   * the same binding and checks as a file.
   */
  public static <T extends Record> T with(T settings, String key, Object value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) settings.getClass();
    String section = SettingsSchema.sectionOf(type);
    Map<String, Object> values = new LinkedHashMap<>();
    for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
      Object v = e.valueIn(settings);
      values.put(e.fullKey(), v instanceof SettingEnum constant ? constant.settingName() : v);
    }
    if (!values.containsKey(section + "." + key)) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no setting " + key);
    }
    values.put(section + "." + key, value);
    return bind(type, ConfigFactory.parseMap(values));
  }

  /** Settings for code and tests: the defaults of {@code type}'s section with some keys changed. */
  public static <T extends Record> Builder<T> builder(Class<T> type) {
    return new Builder<>(type);
  }

  /** A settings record built from the defaults, through the same binding and checks as a file. */
  public static final class Builder<T extends Record> {
    private final Class<T> type;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(Class<T> type) {
      this.type = type;
    }

    /** {@code key} as in the config section, e.g. {@code max-len}. */
    public Builder<T> set(String key, Object value) {
      values.put(SettingsSchema.sectionOf(type) + "." + key, value);
      return this;
    }

    public T build() {
      return bind(type, ConfigFactory.parseMap(values).withFallback(SettingsLoader.defaults()));
    }
  }

  /** Strings trimmed; enum spellings ({@code simple-rnn}, any case) turned into constant names. */
  private static Object normalize(SettingsSchema.Entry e, Object value) {
    if (value instanceof String s) {
      s = s.strip();
      if (e.type().isEnum()) {
        @SuppressWarnings("unchecked")
        Class<? extends SettingEnum> type = (Class<? extends SettingEnum>) e.type();
        java.util.Optional<? extends SettingEnum> constant = SettingEnum.parse(type, s);
        if (constant.isPresent()) {
          return constant.get().name();
        }
        throw new BadInputException(
            String.format(
                "Cannot set %s to '%s': the value must be one of %s.",
                e.fullKey(), s, SettingEnum.allowed(e.type())));
      }
      return s;
    }
    return value;
  }

  private static BadInputException explain(IllegalArgumentException e, String section, Config c) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadInputException bad) {
        return bad;
      }
    }
    if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String key = section + "." + m.getPath().get(m.getPath().size() - 1).getFieldName();
      for (SettingsSchema.Entry entry : SettingsSchema.entries(section)) {
        if (entry.fullKey().equals(key)) {
          String raw = c.hasPath(key) ? c.getValue(key).render() : "null";
          return new BadInputException(
              String.format(
                  "Cannot set %s to %s: the value must be %s.", key, raw, expected(entry)),
              e);
        }
      }
      return new BadInputException("Unknown setting " + key + ".", e);
    }
    return new BadInputException("Cannot read the " + section + " settings: " + e.getMessage(), e);
  }

  private static String expected(SettingsSchema.Entry e) {
    Class<?> t = e.type();
    if (t == int.class || t == long.class) {
      return "a whole number";
    }
    if (t == double.class) {
      return "a number";
    }
    if (t == boolean.class) {
      return "true or false";
    }
    return t.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
