package io.imdbrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.imdbrnn.errors.BadInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a user's HOCON settings file as a batch job should: from local regular files only, and
 * strictly.
 *
 * <ul>
 *   <li>{@code include url(...)} (and an include of anything that looks like a URL) is refused: a
 *       settings file must not make a scheduled job fetch from the network.
 *   <li>Every {@code include} must find its file; HOCON would skip a missing one in silence, so a
 *       typo in an include would quietly drop settings. {@code include required(...)} is therefore
 *       the same as a plain include here.
 *   <li>Only regular files are read (a named pipe would block), at most {@link #MAX_BYTES} each.
 *   <li>A setting that refers to itself ({@code epochs = ${train.epochs}}), or a cycle of
 *       substitutions, is refused: layered over the defaults, either would silently mean a packaged
 *       default.
 * </ul>
 *
 * Every failure is an {@link BadInputException} naming the file.
 */
final class SettingsFile {
  /** Settings files are short; anything larger is not one. */
  static final long MAX_BYTES = 1 << 20;

  private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private SettingsFile() {}

  static Config parse(Path file) {
    requireReadable(file, "Config file " + file);
    Config config;
    try {
      config =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults()
                  .setSyntax(ConfigSyntax.CONF)
                  .setAllowMissing(false)
                  .setIncluder(new StrictIncluder()));
    } catch (ConfigException e) {
      throw new BadInputException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
    rejectSelfReferences(config.root(), new ArrayList<>(), file);
    try {
      // Alone, so a cycle cannot quietly fall back to the packaged defaults once layered on them;
      // references to keys the file does not set are left for the layered resolve.
      config.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    } catch (ConfigException e) {
      throw new BadInputException(
          "Cannot resolve settings from config file " + file + ": " + e.getMessage(), e);
    }
    return config;
  }

  private static void requireReadable(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(what + " does not exist or is not a regular file.");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new BadInputException(
            String.format(
                "%s is %d bytes; a settings file may hold at most %d.", what, size, MAX_BYTES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static void rejectSelfReferences(ConfigObject object, List<String> path, Path file) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> keyPath = new ArrayList<>(path);
      keyPath.add(e.getKey());
      ConfigValue value = e.getValue();
      if (value instanceof ConfigObject child) {
        try {
          rejectSelfReferences(child, keyPath, file);
          continue;
        } catch (ConfigException.NotResolved mergedWithSubstitution) {
          // Rendered and checked as a whole below.
        }
      }
      String key = ConfigUtil.joinPath(keyPath);
      String rendered = value.render();
      if (rendered.contains("${" + key + "}") || rendered.contains("${?" + key + "}")) {
        throw new BadInputException(
            String.format(
                "Config file %s: setting %s refers to itself (%s). Here that would silently mean"
                    + " the packaged default; write the value instead.",
                file, key, rendered.strip()));
      }
    }
  }

  /** Includes from existing local regular files only; never from URLs. */
  private static final class StrictIncluder
      implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      if (URL_LIKE.matcher(what).matches()) {
        throw refusedUrl(what);
      }
      ConfigParseable parseable = context.relativeTo(what);
      if (parseable == null) {
        throw new ConfigException.BadPath(what, "cannot be included relative to this file");
      }
      String filename = parseable.origin().filename();
      if (filename != null) {
        requireIncludable(new File(filename));
      }
      return parseable.parse(context.parseOptions().setAllowMissing(false));
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
      requireIncludable(file);
      return ConfigFactory.parseFile(file, context.parseOptions().setAllowMissing(false)).root();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
      throw refusedUrl(url.toString());
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      return ConfigFactory.parseResources(what, context.parseOptions().setAllowMissing(false))
          .root();
    }

    private static void requireIncludable(File file) {
      if (!file.isFile()) {
        throw new ConfigException.IO(
            ConfigOriginFactory.newFile(file.getPath()),
            "include of " + file + ": the file does not exist or is not a regular file");
      }
      if (file.length() > MAX_BYTES) {
        throw new ConfigException.IO(
            ConfigOriginFactory.newFile(file.getPath()),
            "include of " + file + ": larger than " + MAX_BYTES + " bytes");
      }
    }

    private static ConfigException refusedUrl(String what) {
      return new ConfigException.BadValue(
          "include",
          "include of "
              + what
              + " refused: settings are read from local files only (URL includes are disabled)");
    }
  }
}
