package io.imdbrnn.cli;

import io.imdbrnn.config.SettingsSchema;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line options of a stage, made from its settings declarations: setting {@code
 * prepare.max-len} is option {@code --max-len} of {@code prepare}, with the declaration's help, the
 * key, and the rule. The value goes through the same settings layers and checks as a file's, so the
 * options are declared nowhere else.
 */
final class SettingOptions {
  private SettingOptions() {}

  static void addTo(CommandSpec command) {
    String section = command.name();
    if (!SettingsSchema.SECTIONS.containsKey(section)) {
      return;
    }
    for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
      command.addOption(option(e));
    }
  }

  private static OptionSpec option(SettingsSchema.Entry e) {
    Class<?> type = e.type();
    boolean flag = type == boolean.class;
    String rule = e.rule();
    return OptionSpec.builder("--" + e.key())
        .type(optionType(type))
        .arity(flag ? "0..1" : "1")
        .paramLabel(label(e))
        .description(
            e.help()
                + (rule.isEmpty() || type.isEnum() ? "" : " Range: " + rule + ".")
                + " ("
                + e.fullKey()
                + ")")
        .build();
  }

  /** Typed like the setting, so picocli refuses "many" for a number; enums stay text. */
  private static Class<?> optionType(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    return String.class;
  }

  private static String label(SettingsSchema.Entry e) {
    if (!e.setting().label().isEmpty()) {
      return e.setting().label();
    }
    Class<?> t = e.type();
    if (t == boolean.class) {
      return "BOOL";
    }
    if (t == double.class) {
      return "X";
    }
    return t == int.class || t == long.class ? "N" : "TEXT";
  }
}
