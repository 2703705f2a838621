package io.imdbrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.imdbrnn.errors.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Layers the settings: command-line overrides over an optional user file over the defaults
 * (declared on the settings records, see {@link SettingsSchema}; {@code conf/imdb-rnn.conf} shows
 * them). Keys the defaults do not know are rejected, with the closest known key suggested, because
 * a misspelt key would otherwise be ignored in silence.
 */
public final class SettingsLoader {
  private static final Config DEFAULTS = loadDefaults();

  private SettingsLoader() {}

  public static Config defaults() {
    return DEFAULTS;
  }

  /**
   * @param file a HOCON file given with {@code --config}, if any
   * @param overrides key to value, from command-line options; each key must be a known setting
   */
  public static Config load(Optional<Path> file, Map<String, ?> overrides) {
    try {
      return layer(file, overrides);
    } catch (StackOverflowError e) {
      // HOCON parses and resolves recursively; a hostile file can nest deeper than any stack.
      throw new BadInputException(
          "Cannot read "
              + file.map(f -> "config file " + f).orElse("the settings")
              + ": it nests objects, arrays, includes or substitutions too deeply.");
    }
  }

  private static Config layer(Optional<Path> file, Map<String, ?> overrides) {
    Config fromFile = file.map(SettingsFile::parse).orElse(ConfigFactory.empty());
    file.ifPresent(f -> rejectUnknownKeys(fromFile, "config file " + f));
    Config fromCli;
    try {
      fromCli = ConfigFactory.parseMap(overrides, "command line");
    } catch (ConfigException e) {
      throw new BadInputException("Bad command-line setting: " + e.getMessage(), e);
    }
    rejectUnknownKeys(fromCli, "command line");
    try {
      return fromCli.withFallback(fromFile).withFallback(DEFAULTS).resolve();
    } catch (ConfigException e) {
      throw new BadInputException(
          "Cannot resolve settings"
              + file.map(f -> " from config file " + f).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void rejectUnknownKeys(Config config, String origin) {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
      if (!DEFAULTS.hasPathOrNull(entry.getKey())) {
        unknown.add(entry.getKey());
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.get(0);
      throw new BadInputException(
          String.format(
              "Unknown setting%s %s in %s%s. Known settings: %s",
              unknown.size() > 1 ? "s" : "",
              String.join(", ", unknown),
              origin,
              closest(first).map(k -> " (did you mean " + k + "?)").orElse(""),
              String.join(", ", knownKeys())));
    }
  }

  public static TreeSet<String> knownKeys() {
    TreeSet<String> keys = new TreeSet<>();
    DEFAULTS.entrySet().forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  private static Optional<String> closest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : knownKeys()) {
      int d = editDistance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The defaults, rendered from the settings records' declarations and parsed like any file. */
  private static Config loadDefaults() {
    return ConfigFactory.parseString(
            SettingsSchema.renderHocon(),
            ConfigParseOptions.defaults().setOriginDescription("defaults"))
        .resolve();
  }
}
