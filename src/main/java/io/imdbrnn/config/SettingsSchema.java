package io.imdbrnn.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting, read off the {@link Setting} annotations of the settings records: the sections in
 * file order, each key's default, range and documentation, and the rendering of {@code
 * conf/imdb-rnn.conf} (which is therefore never edited by hand: a test fails when it is stale).
 */
public final class SettingsSchema {
  /** One setting: {@code section.key}, its record component and its declaration. */
  public record Entry(String section, String key, RecordComponent component, Setting setting) {
    public String fullKey() {
      return section + "." + key;
    }

    /** The name of this setting's Spark ML Param, where the Estimator offers one. */
    public String paramName() {
      return setting.paramName().isEmpty() ? key : setting.paramName();
    }

    public Class<?> type() {
      return component.getType();
    }

    /**
     * Checks one value as the declaration states: required text present, a number in its range (an
     * exclusive lower bound for any bound). Used by the records' constructors and by the Spark ML
     * Params made from the declarations, so code, files and Params are refused alike.
     *
     * @throws BadInputException naming the setting, the value and the rule
     */
    public void check(Object value) {
      if (setting.required() && (value == null || value.toString().isBlank())) {
        Validate.required(fullKey(), null);
      }
      if (Double.isNaN(setting.min()) && Double.isNaN(setting.max())) {
        return;
      }
      double min = Double.isNaN(setting.min()) ? Double.NEGATIVE_INFINITY : setting.min();
      double max = Double.isNaN(setting.max()) ? Double.POSITIVE_INFINITY : setting.max();
      if (value instanceof Double d) {
        Validate.range(fullKey(), d, min, setting.minExclusive(), max);
      } else if (value instanceof Number n) {
        Validate.range(fullKey(), n.longValue(), (long) min, (long) max);
      }
    }

    /** This setting's value in a record of its section. */
    public Object valueIn(Record settings) {
      try {
        return component.getAccessor().invoke(settings);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }

    /** Whether {@code value} (as {@link #valueIn} gives it) is the declared default. */
    public boolean isDefault(Object value) {
      Object declared =
          com.typesafe.config.ConfigFactory.parseString("v = " + setting.value())
              .getValue("v")
              .unwrapped();
      if (value instanceof SettingEnum en) {
        return en.settingName().equals(declared);
      }
      if (value instanceof Number n && declared instanceof Number d) {
        return n.doubleValue() == d.doubleValue();
      }
      return String.valueOf(value).equals(String.valueOf(declared));
    }

    /** The one-line help: {@link Setting#help}, or the first sentence of the doc. */
    public String help() {
      if (!setting.help().isEmpty()) {
        return setting.help();
      }
      String doc = setting.doc();
      int end = doc.indexOf(". ");
      return end < 0 ? doc : doc.substring(0, end + 1);
    }

    /** The rule a value must follow, for docs and messages; empty when there is none. */
    public String rule() {
      if (type().isEnum()) {
        return "one of " + SettingEnum.allowed(type());
      }
      if (Double.isNaN(setting.min()) && Double.isNaN(setting.max())) {
        return "";
      }
      boolean whole = type() == int.class || type() == long.class;
      String min = whole ? Long.toString((long) setting.min()) : Double.toString(setting.min());
      String max = whole ? Long.toString((long) setting.max()) : Double.toString(setting.max());
      return setting.minExclusive() ? "above " + min + " and at most " + max : min + " to " + max;
    }
  }

  /** The settings records in the order of {@code conf/imdb-rnn.conf}. */
  public static final Map<String, Class<? extends Record>> SECTIONS = sections();

  private static final int WIDTH = 100;

  private SettingsSchema() {}

  private static Map<String, Class<? extends Record>> sections() {
    Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
    m.put("ingest", IngestSettings.class);
    m.put("prepare", PrepareSettings.class);
    m.put("train", TrainSettings.class);
    m.put("evaluate", EvaluateSettings.class);
    m.put("predict", PredictSettings.class);
    m.put("generate", GenerateSettings.class);
    m.put("run", RunSettings.class);
    m.put("baseline", BaselineSettings.class);
    m.put("report", ReportSettings.class);
    m.put("promote", PromoteSettings.class);
    m.put("cluster", ClusterSettings.class);
    m.put("word-vectors", WordVectorsSettings.class);
    return m;
  }

  public static List<Entry> entries(String section) {
    Class<? extends Record> type = SECTIONS.get(section);
    if (type == null) {
      throw new IllegalStateException("No settings section " + section);
    }
    List<Entry> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Setting s = c.getAnnotation(Setting.class);
      if (s == null) {
        throw new IllegalStateException(
            type.getSimpleName() + "." + c.getName() + " has no @Setting");
      }
      out.add(new Entry(section, kebab(c.getName()), c, s));
    }
    return out;
  }

  public static String sectionOf(Class<? extends Record> type) {
    for (Map.Entry<String, Class<? extends Record>> e : SECTIONS.entrySet()) {
      if (e.getValue() == type) {
        return e.getKey();
      }
    }
    throw new IllegalStateException(type + " is not a settings section");
  }

  /**
   * Checks the values of a settings record, given in component order, against their declarations;
   * called first thing by every record's constructor, so a record built in code is checked like one
   * bound from a file.
   */
  public static void check(Class<? extends Record> type, Object... values) {
    List<Entry> entries = entries(sectionOf(type));
    if (entries.size() != values.length) {
      throw new IllegalStateException(
          type.getSimpleName() + " checks " + values.length + " of " + entries.size() + " values");
    }
    for (int i = 0; i < values.length; i++) {
      entries.get(i).check(values[i]);
    }
  }

  /** {@code maxReviewBytes} to {@code max-review-bytes}. */
  public static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The settings a model records in its manifest: those not {@link Setting#runOnly}, as {@code
   * section.key -> value} (enums by their setting name) in declaration order.
   */
  public static Map<String, Object> manifestValues(Record settings) {
    return values(settings, e -> !e.setting().runOnly());
  }

  /**
   * The settings a checkpoint must share with the run that resumes it: those not {@link
   * Setting#mayChangeOnResume}, less those {@link Setting#addedLater} that have their default.
   */
  public static Map<String, Object> fingerprintValues(Record settings) {
    return values(
        settings,
        e ->
            !e.setting().mayChangeOnResume()
                && !(e.setting().addedLater() && e.isDefault(e.valueIn(settings))));
  }

  private static Map<String, Object> values(
      Record settings, java.util.function.Predicate<Entry> kept) {
    @SuppressWarnings("unchecked")
    String section = sectionOf((Class<? extends Record>) settings.getClass());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Entry e : entries(section)) {
      if (!kept.test(e)) {
        continue;
      }
      Object v = e.valueIn(settings);
      if (v instanceof String path && "PATH".equals(e.setting().label())) {
        // A path recorded in a manifest or a checkpoint may carry credentials in its URI.
        v = Redact.text(path);
      }
      out.put(e.fullKey(), v instanceof SettingEnum en ? en.settingName() : v);
    }
    return out;
  }

  /** {@code conf/imdb-rnn.conf}: every section, key, default and doc, as HOCON. */
  public static String renderHocon() {
    StringBuilder out = new StringBuilder();
    for (String line :
        List.of(
            "imdb-rnn-spark settings (HOCON), the defaults of every setting. Generated from the"
                + " @Setting declarations of the settings records in io.imdbrnn.config (the single"
                + " declaration of each key, its type, default, range and doc); do not edit by hand:"
                + " SettingsSchemaTest fails when this file is stale and rewrites it with"
                + " -Dimdbrnn.write-conf=true.",
            "A file given with --config only needs the keys it changes. Precedence: command-line"
                + " options > --set key=value > --config file > these defaults. Unknown keys are an"
                + " error, so a typo never silently falls back to a default. An empty string means"
                + " \"no default: must be given\" where the setting is required.")) {
      wrap(out, "# ", line);
    }
    for (String section : SECTIONS.keySet()) {
      out.append('\n').append(section).append(" {\n");
      for (Entry e : entries(section)) {
        String rule = e.rule();
        wrap(out, "  # ", e.setting().doc() + (rule.isEmpty() ? "" : " (" + rule + ")"));
        out.append("  ").append(e.key()).append(" = ").append(e.setting().value()).append('\n');
      }
      out.append("}\n");
    }
    return out.toString();
  }

  /**
   * {@code src/site/markdown/configuration.md}: every setting as a table per section, with its
   * command-line option, default, rule and doc (kept current by a test, like the conf file).
   */
  public static String renderMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration\n\n")
        .append(
            "Every setting, generated from its one declaration (the `@Setting` annotations in"
                + " `io.imdbrnn.config`); `conf/imdb-rnn.conf` holds the same defaults as HOCON."
                + " Do not edit this page by hand: `SettingsSchemaTest` fails when it is stale and"
                + " rewrites it with `-Dimdbrnn.write-conf=true`.\n\n")
        .append(
            "Set a key in a HOCON file passed with `--config FILE` (only the keys you change), with"
                + " `--set section.key=value`, or with the stage's own option (`train --epochs 3`)."
                + " Precedence: options > `--set` > `--config` > defaults. Unknown keys and values"
                + " out of range are refused before any work (exit 2), naming the key, the value and"
                + " the rule. The same checks run when a settings record is built in code and when a"
                + " Spark ML Param is set.\n");
    for (String section : SECTIONS.keySet()) {
      out.append("\n## `").append(section).append("`\n\n");
      out.append("| Key | Option | Default | Allowed | What it does |\n");
      out.append("|---|---|---|---|---|\n");
      for (Entry e : entries(section)) {
        Setting st = e.setting();
        String dflt = shownDefault(st);
        out.append("| `")
            .append(e.fullKey())
            .append("` | `--")
            .append(e.key())
            .append("` | `")
            .append(dflt)
            .append("` | ")
            .append(cell(e.rule()))
            .append(" | ")
            .append(cell(st.doc()))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  /**
   * A default as a user types it on the command line: a HOCON string unquoted and unescaped (the
   * quote character's default {@code "\\""} is {@code "}), anything else as written.
   */
  static String shownDefault(Setting setting) {
    if (setting.value().equals("\"\"")) {
      return setting.required() ? "required" : "empty";
    }
    ConfigValue value = ConfigFactory.parseString("v = " + setting.value()).getValue("v");
    return value.valueType() == ConfigValueType.STRING
        ? (String) value.unwrapped()
        : setting.value();
  }

  /** Table-cell text on one line: pipes and angle brackets escaped, so none becomes markup. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "\\<").replace('\n', ' ').strip();
  }

  private static void wrap(StringBuilder out, String prefix, String text) {
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(prefix);
      }
      if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
