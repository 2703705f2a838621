package io.imdbrnn.registry;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.FileLock;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.fs.OutputMarker;
import io.imdbrnn.fs.RegularFileCopy;
import io.imdbrnn.fs.StagingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's files: {@code models/<model-id>/} (every bundle ever promoted, never changed once
 * in place), {@code champion.json} (the one pointer, replaced whole), the decision log, a marker
 * saying the directory is a registry, and while a writer works its lock file and its staging area.
 *
 * <p>The registry is a trust boundary. Before anything is written or swept, a writer checks that
 * the directory is a registry (or empty, or new) and takes the lock, so two promotions never
 * interleave. Every change is prepared in a marked {@link StagingArea} and made visible by one
 * rename, so a process killed at any point leaves the registry as it was before or after the
 * change; the next writer sweeps only staging areas that carry the marker. Bundles come in as
 * regular files only.
 */
public final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

  /** The marker's stage for a registry root. */
  public static final String MARKER_STAGE = "registry";

  public static final String LOCK_FILE = ".imdb-rnn-registry.lock";

  private static final List<String> BUNDLE_FILES =
      List.of(
          ModelBundle.MODEL, ModelBundle.VOCABULARY, ModelBundle.MANIFEST, PreparedManifest.FILE);

  /** What a registry written before the marker existed may hold beside hidden files. */
  private static final Set<String> REGISTRY_ENTRIES =
      Set.of(ChampionPointer.FILE, ChampionPointer.MODELS_DIR, DecisionLog.DIR, OutputMarker.FILE);

  private final Configuration conf;
  private final String root;

  public Registry(Configuration conf, String root) {
    this.conf = conf;
    this.root = ChampionPointer.stripSlash(root);
  }

  public String root() {
    return root;
  }

  public Optional<ChampionPointer> champion() {
    return ModelLocation.champion(conf, root);
  }

  public String modelPath(String modelId) {
    return ChampionPointer.modelPath(root, modelId);
  }

  /**
   * Refuses a directory that is neither a registry nor empty nor absent, so that a mistyped {@code
   * --registry} (a data root, a dataset, a home folder) is never written into or swept.
   *
   * @param option the setting that named it, for the message
   */
  public void requireRegistryOrNew(String option) {
    Path dir = new Path(root);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        java.util.Optional<Path> file = io.imdbrnn.fs.Ancestors.fileAbove(fs, dir);
        if (file.isPresent()) {
          throw notRegistry(option, "cannot be created: " + file.get() + " is a file");
        }
        return;
      }
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw notRegistry(option, "is a file, not a directory");
      }
      FileStatus[] entries = fs.listStatus(dir);
      if (entries.length == 0) {
        return;
      }
      Optional<String> marker = OutputMarker.stageOf(fs, dir);
      if (marker.isPresent()) {
        if (marker.get().equals(MARKER_STAGE)) {
          requireSoundEntries(fs, dir, option);
          return;
        }
        throw notRegistry(option, "holds the output of " + marker.get());
      }
      List<String> foreign = new ArrayList<>();
      for (FileStatus e : entries) {
        String name = e.getPath().getName();
        if (!isRegistryEntry(name)) {
          foreign.add(name);
        }
      }
      if (!foreign.isEmpty()) {
        throw notRegistry(option, "holds " + names(foreign) + ", which no registry has");
      }
      requireSoundEntries(fs, dir, option);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the model registry " + root, e);
    }
  }

  /**
   * A registry's own entries are never symbolic links: a linked {@code models/} or {@code
   * decisions/} would make every later write land outside the registry, a linked model directory
   * would serve a bundle from anywhere.
   */
  private void requireSoundEntries(FileSystem fs, Path dir, String option) throws IOException {
    for (String name : List.of(ChampionPointer.MODELS_DIR, DecisionLog.DIR)) {
      Path p = new Path(dir, name);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new BadInputException(
            String.format(
                "Model registry %s (%s) holds a file %s where its %s/ directory should be;"
                    + " nothing was written.",
                root, option, name, name));
      }
    }
    if (!"file".equals(fs.getUri().getScheme())) {
      return;
    }
    java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(dir).toUri());
    List<java.nio.file.Path> entries = new ArrayList<>();
    for (String name : REGISTRY_ENTRIES) {
      entries.add(local.resolve(name));
    }
    entries.add(local.resolve(LOCK_FILE));
    java.nio.file.Path models = local.resolve(ChampionPointer.MODELS_DIR);
    if (java.nio.file.Files.isDirectory(models, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var list = java.nio.file.Files.list(models)) {
        list.forEach(entries::add);
      }
    }
    for (java.nio.file.Path e : entries) {
      if (java.nio.file.Files.isSymbolicLink(e)) {
        throw new BadInputException(
            String.format(
                "Model registry %s (%s) holds %s, which is a symbolic link; a registry's files are"
                    + " its own. Replace it with what it points to; nothing was written.",
                root, option, e));
      }
    }
  }

  /**
   * A name a registry (of this version or an earlier one, which had no marker) may hold: its files,
   * checksum files, the lock, staging areas, and the temporary names of earlier versions.
   */
  private static boolean isRegistryEntry(String name) {
    return REGISTRY_ENTRIES.contains(name)
        || name.startsWith(LOCK_FILE)
        || name.startsWith(StagingArea.PREFIX)
        || (name.startsWith(".") && name.endsWith(".crc"))
        || name.startsWith(".tmp-")
        || name.startsWith("." + ChampionPointer.FILE + ".tmp-");
  }

  private BadInputException notRegistry(String option, String why) {
    return new BadInputException(
        String.format(
            "%s (%s) is not a model registry: it %s. Point %s at a registry, or at an empty or new"
                + " directory for a new one; nothing was written.",
            root, option, why, option));
  }

  private static String names(List<String> names) {
    List<String> shown = names.stream().sorted().limit(5).map(n -> "'" + n + "'").toList();
    return String.join(", ", shown)
        + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
  }

  /**
   * Takes the registry's writer lock (creating the registry, with its marker, if it is new). Call
   * {@link #requireRegistryOrNew} first.
   */
  public FileLock lock(Duration wait, Duration staleAfter) {
    Path dir = new Path(root);
    FileLock lock =
        FileLock.acquire(
            conf, new Path(dir, LOCK_FILE), wait, staleAfter, "Model registry " + root);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (OutputMarker.stageOf(fs, dir).isEmpty()) {
        OutputMarker.write(fs, dir, MARKER_STAGE);
      }
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException(
          "Cannot mark " + root + " as a model registry: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /** Removes the staging areas of writers that were killed; only under the lock. */
  public void sweepStaging() {
    StagingArea.sweep(conf, new Path(root));
  }

  /**
   * Copies a bundle into {@code models/<modelId>} (a no-op if a complete copy is already there, as
   * after a retried promotion). Only regular files are copied; the copy is published by one rename
   * that never replaces an existing directory.
   */
  public void install(String bundle, String modelId) {
    ModelLocation.requireSafeId(modelId, "bundle " + bundle);
    Path target = new Path(modelPath(modelId));
    try {
      FileSystem fs = target.getFileSystem(conf);
      if (fs.exists(target)) {
        List<String> missing = missingFiles(fs, target);
        if (!missing.isEmpty()) {
          throw new BadInputException(
              "Model registry "
                  + root
                  + " holds an incomplete "
                  + target
                  + " (missing "
                  + missing
                  + "); it was not written by promote.");
        }
        return;
      }
      try (StagingArea staging = StagingArea.open(conf, new Path(root))) {
        Path copy = staging.path("model");
        RegularFileCopy.copyTree(conf, new Path(bundle), copy, "Candidate bundle " + bundle);
        staging.publishNew(copy, target);
      }
      LOG.info("Copied model {} into the registry: {}", modelId, target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy " + bundle + " into the registry " + root + ": " + e.getMessage(), e);
    }
  }

  /** Makes {@code pointer} the champion in one rename. */
  public void point(ChampionPointer pointer) {
    Path file = new Path(root + "/" + ChampionPointer.FILE);
    try (StagingArea staging = StagingArea.open(conf, new Path(root))) {
      staging.swapFile(file, JsonFiles.MAPPER.writeValueAsString(pointer));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless {@code modelId} names a complete bundle in {@code models/}, e.g. before a rollback
   * makes it the champion.
   */
  public void requireInstalled(String modelId, String role) {
    Path model = new Path(modelPath(modelId));
    try {
      FileSystem fs = model.getFileSystem(conf);
      if (!fs.isDirectory(model)) {
        throw new BadInputException(
            String.format(
                "Model registry %s names %s %s in %s, but models/%s does not exist; the registry"
                    + " was changed by hand. Nothing was changed.",
                root, role, modelId, ChampionPointer.FILE, modelId));
      }
      List<String> missing = missingFiles(fs, model);
      if (!missing.isEmpty()) {
        throw new BadInputException(
            String.format(
                "Model registry %s: %s %s is incomplete (missing %s). Nothing was changed.",
                root, role, modelId, missing));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the registry " + root, e);
    }
  }

  /**
   * What is wrong with the registry, as a reader sees it (empty when valid): the pointer must parse
   * and name complete bundles, for the champion and every earlier one; every visible model
   * directory must be complete.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    try {
      FileSystem fs = new Path(root).getFileSystem(conf);
      Optional<ChampionPointer> pointer;
      try {
        pointer = champion();
      } catch (BadInputException e) {
        problems.add(e.getMessage());
        pointer = Optional.empty();
      }
      pointer.ifPresent(
          p -> {
            List<String> ids = new ArrayList<>(p.previous());
            ids.add(0, p.modelId());
            for (String id : ids) {
              try {
                requireInstalled(id, "model");
              } catch (BadInputException e) {
                problems.add(e.getMessage());
              }
            }
          });
      Path models = new Path(root + "/" + ChampionPointer.MODELS_DIR);
      if (fs.isDirectory(models)) {
        for (FileStatus s : fs.listStatus(models)) {
          String name = s.getPath().getName();
          if (!name.startsWith(".") && !missingFiles(fs, s.getPath()).isEmpty()) {
            problems.add("models/" + name + " is incomplete: " + missingFiles(fs, s.getPath()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the registry " + root, e);
    }
    return problems;
  }

  private static List<String> missingFiles(FileSystem fs, Path bundle) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String f : BUNDLE_FILES) {
      if (!fs.isFile(new Path(bundle, f))) {
        missing.add(f);
      }
    }
    return missing;
  }
}
