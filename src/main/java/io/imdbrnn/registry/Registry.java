package io.imdbrnn.registry;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.AtomicFile;
import io.imdbrnn.fs.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's files: {@code models/<model-id>/} (every bundle ever promoted, never changed once
 * in place), {@code champion.json} (the one pointer, replaced whole) and the decision log beside
 * them. Each change is staged under a hidden name and made visible by one rename, so a process
 * killed at any point leaves the registry as it was before or after the change; hidden leftovers
 * are swept by the next writer. One writer at a time (the scheduled job runs one promotion at a
 * time).
 */
public final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
  private static final List<String> BUNDLE_FILES =
      List.of(
          ModelBundle.MODEL, ModelBundle.VOCABULARY, ModelBundle.MANIFEST, PreparedManifest.FILE);

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
   * Copies a bundle into {@code models/<modelId>} (a no-op if a complete copy is already there, as
   * after a retried promotion).
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
      Path source = new Path(bundle);
      Path temp = new Path(target.getParent(), ".tmp-" + UUID.randomUUID());
      fs.mkdirs(target.getParent());
      try {
        if (!FileUtil.copy(source.getFileSystem(conf), source, fs, temp, false, conf)) {
          throw new IOException("Cannot copy " + source + " to " + temp);
        }
        if (!fs.rename(temp, target)) {
          throw new IOException("Cannot rename " + temp + " to " + target);
        }
      } finally {
        fs.delete(temp, true);
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
    try {
      AtomicFile.replace(conf, file, JsonFiles.MAPPER.writeValueAsString(pointer));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes staging left by a writer that was killed (hidden names only). */
  public void sweepStaging() {
    Path models = new Path(root + "/" + ChampionPointer.MODELS_DIR);
    Path decisions = new Path(root + "/" + DecisionLog.DIR);
    try {
      FileSystem fs = models.getFileSystem(conf);
      for (Path dir : List.of(new Path(root), models, decisions)) {
        FileStatus[] staged = fs.globStatus(new Path(dir, ".*tmp-*"));
        for (FileStatus s : staged == null ? new FileStatus[0] : staged) {
          LOG.info("Removing {} left by an interrupted promotion", s.getPath());
          fs.delete(s.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean the registry " + root, e);
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
              Path model = new Path(modelPath(id));
              try {
                if (!fs.isDirectory(model)) {
                  problems.add("champion.json names model " + id + ", which is not in models/");
                } else if (!missingFiles(fs, model).isEmpty()) {
                  problems.add("model " + id + " is incomplete: " + missingFiles(fs, model));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
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
      if (!fs.exists(new Path(bundle, f))) {
        missing.add(f);
      }
    }
    return missing;
  }
}
