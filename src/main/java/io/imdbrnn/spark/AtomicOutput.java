package io.imdbrnn.spark;

import io.imdbrnn.config.StagePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing output directories. The work writes into a hidden sibling of the target ({@code
 * .<name>.tmp-<uuid>}); only when it returns is the result renamed into place. An existing output
 * is replaced only with {@code overwrite}, and only after the new one is complete: it is renamed
 * aside, the new one renamed in, then the old one deleted (and restored if the swap fails).
 *
 * <p>Rename is atomic on HDFS and local disks. On S3A a rename is a copy, so a crash mid-rename can
 * leave a partial target there; use a committer-backed path or HDFS for strict guarantees.
 */
public final class AtomicOutput {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

  private final Configuration hadoopConf;
  private final Path target;
  private final boolean overwrite;
  private final String optionName;

  /**
   * @param optionName the setting that names this output, for error messages
   */
  public AtomicOutput(
      Configuration hadoopConf, String target, boolean overwrite, String optionName) {
    this.hadoopConf = hadoopConf;
    this.target = new Path(target);
    this.overwrite = overwrite;
    this.optionName = optionName;
  }

  /**
   * The output of a stage, checked before any work: writable under the overwrite setting, and not
   * overlapping the stage's input.
   */
  public static AtomicOutput forStage(Configuration hadoopConf, StagePaths paths) {
    AtomicOutput out =
        new AtomicOutput(hadoopConf, paths.output(), paths.overwrite(), paths.outputKey());
    out.checkWritable();
    out.checkDistinctFrom(paths.input(), paths.inputKey());
    return out;
  }

  /** Fails early, before any work, if the target cannot be written with the given settings. */
  public void checkWritable() {
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      if (fs.exists(target)) {
        FileStatus status = fs.getFileStatus(target);
        if (!status.isDirectory()) {
          throw new IllegalArgumentException(
              String.format(
                  "Output %s (%s) is a file, not a dataset directory; refusing to replace it.",
                  target, optionName));
        }
        if (!overwrite) {
          throw new IllegalArgumentException(
              String.format(
                  "Output %s (%s) already exists. Pass --overwrite to replace it; the old "
                      + "output is kept until the new one is complete.",
                  target, optionName));
        }
      }
      Path parent = target.getParent();
      if (parent != null && fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
        throw new IllegalArgumentException(
            String.format(
                "Output %s (%s) cannot be created: its parent %s is a file.",
                target, optionName, parent));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check output " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a target that is, contains or lies inside {@code input}, which an overwrite would
   * destroy.
   */
  public void checkDistinctFrom(String input, String inputOptionName) {
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      Path in = fs.makeQualified(new Path(input));
      Path out = fs.makeQualified(target);
      String a = in.toUri().getPath() + "/";
      String b = out.toUri().getPath() + "/";
      boolean sameFs =
          in.toUri().getScheme() == null
              || String.valueOf(in.toUri().getScheme())
                  .equals(String.valueOf(out.toUri().getScheme()));
      if (sameFs && (a.startsWith(b) || b.startsWith(a))) {
        throw new IllegalArgumentException(
            String.format(
                "Output %s (%s) overlaps input %s (%s); choose a separate output path.",
                target, optionName, input, inputOptionName));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code work} with a fresh temporary directory path and moves the result into place. */
  public void write(Consumer<String> work) {
    checkWritable();
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      Path parent = target.getParent();
      if (parent != null) {
        fs.mkdirs(parent);
      }
      Path temp = sibling("tmp");
      try {
        work.accept(temp.toString());
        if (!fs.exists(temp)) {
          throw new IllegalStateException("The stage wrote nothing to " + temp);
        }
        commit(fs, temp);
      } catch (RuntimeException | Error e) {
        deleteQuietly(fs, temp);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private void commit(FileSystem fs, Path temp) throws IOException {
    checkWritable();
    Path old = null;
    if (fs.exists(target)) {
      old = sibling("old");
      rename(fs, target, old);
    }
    try {
      rename(fs, temp, target);
    } catch (IOException | RuntimeException e) {
      if (old != null && !fs.exists(target)) {
        rename(fs, old, target);
      }
      throw e;
    }
    if (old != null) {
      deleteQuietly(fs, old);
      LOG.info("Replaced {}", target);
    }
  }

  private Path sibling(String kind) {
    return new Path(
        target.getParent(), "." + target.getName() + "." + kind + "-" + UUID.randomUUID());
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("Cannot rename " + from + " to " + to);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", path, e.getMessage());
    }
  }
}
