package io.imdbrnn.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A closed set of setting values, spelt in settings as the constant's name in lower kebab case
 * ({@code SIMPLE_RNN_STOCK} is {@code simple-rnn-stock}).
 */
public interface SettingEnum {
  String name();

  default String settingName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The allowed spellings, for messages: {@code simple-rnn, simple-rnn-stock, lstm}. */
  static String allowed(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> ((SettingEnum) c).settingName())
        .collect(Collectors.joining(", "));
  }
}
