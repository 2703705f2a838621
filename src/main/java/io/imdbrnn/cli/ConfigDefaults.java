package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.SettingsLoader;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shows the packaged defaults ({@code conf/imdb-rnn.conf}) in {@code --help}, so the numbers a user
 * reads there are the ones the job uses: option {@code --max-len} of command {@code prepare} is
 * setting {@code prepare.max-len}.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.command() == null) {
      return null;
    }
    String key = settingKey(option.command().name(), option);
    if (key == null) {
      return null;
    }
    Config defaults = SettingsLoader.defaults();
    String value = String.valueOf(defaults.getValue(key).unwrapped());
    return value.isEmpty() ? null : value;
  }

  /**
   * The setting an option overrides, or null for options that are not settings (--config, --help).
   */
  static String settingKey(String command, OptionSpec option) {
    String name = option.longestName();
    if (!name.startsWith("--")) {
      return null;
    }
    String key = command + "." + name.substring(2);
    return SettingsLoader.defaults().hasPath(key) ? key : null;
  }
}
