package io.imdbrnn.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * Names this value had in earlier versions, still read from settings and manifests so that files
   * and schedules written then keep working; never written.
   */
  default List<String> formerNames() {
    return List.of();
  }

  /**
   * The constant spelt {@code value}: its setting name, its constant name or a former name, in any
   * case; empty when none is.
   */
  static <E extends SettingEnum> Optional<E> parse(Class<E> type, String value) {
    String v = value.strip();
    for (E c : type.getEnumConstants()) {
      if (c.settingName().equalsIgnoreCase(v)
          || c.name().equalsIgnoreCase(v)
          || c.formerNames().stream().anyMatch(v::equalsIgnoreCase)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The allowed spellings, for messages: {@code simple-rnn, simple-rnn-stock, lstm}. */
  static String allowed(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> ((SettingEnum) c).settingName())
        .collect(Collectors.joining(", "));
  }
}
