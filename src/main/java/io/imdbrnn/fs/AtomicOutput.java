package io.imdbrnn.fs;

import io.imdbrnn.config.StagePaths;
import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing output directories. The work writes into a {@link StagingArea} beside the target;
 * only when it returns is the result, with an {@link OutputMarker} naming the stage, published. An
 * existing output is replaced only with {@code overwrite}, only if it is empty or carries this
 * stage's marker (so a directory this program did not write is never deleted), and only after the
 * new one is complete (see {@link StagingArea.Publish.ReplaceOurs}).
 *
 * <p>Whatever the spelling of the path, an output is refused before any work when it is a
 * filesystem root, is or contains the working directory, or overlaps an input.
 */
public final class AtomicOutput {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

  private final Configuration hadoopConf;
  private final String display;
  private final Path target;
  private final boolean overwrite;
  private final String optionName;
  private final String stage;

  /**
   * @param optionName the setting that names this output, for error messages
   * @param stage what writes it, recorded in its marker and required of an output it replaces
   */
  public AtomicOutput(
      Configuration hadoopConf, String target, boolean overwrite, String optionName, String stage) {
    this.hadoopConf = hadoopConf;
    this.display = target;
    this.overwrite = overwrite;
    this.optionName = optionName;
    this.stage = stage;
    this.target = qualify(hadoopConf, target, optionName);
  }

  /**
   * The output of a stage, checked before any work: writable under the overwrite setting, and not
   * overlapping the stage's input.
   */
  public static AtomicOutput forStage(Configuration hadoopConf, StagePaths paths) {
    AtomicOutput out =
        new AtomicOutput(
            hadoopConf, paths.output(), paths.overwrite(), paths.outputKey(), paths.section());
    // Most telling refusal first: a root or the working directory, then overlap with the input,
    // then existence.
    out.checkPlacement();
    out.checkDistinctFrom(paths.input(), paths.inputKey());
    paths.otherInputs().forEach((key, path) -> out.checkDistinctFrom(path, key));
    out.checkWritable();
    return out;
  }

  /** Fails early, before any work, if the target cannot be written with the given settings. */
  public void checkWritable() {
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      checkNotSpecial(fs);
      if (fs.exists(target)) {
        FileStatus status = fs.getFileStatus(target);
        if (!status.isDirectory()) {
          throw refuse("is a file, not a dataset directory; refusing to replace it.");
        }
        if (!overwrite) {
          throw refuse(
              "already exists. Pass --overwrite to replace it; the old output is kept until the"
                  + " new one is complete.");
        }
        checkReplaceable(fs);
      }
      Path parent = target.getParent();
      if (parent != null && fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
        throw refuse("cannot be created: its parent " + parent + " is a file.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check output " + display + ": " + e.getMessage(), e);
    }
  }

  /** Fails when the target is a filesystem root or is or contains the working directory. */
  public void checkPlacement() {
    try {
      checkNotSpecial(target.getFileSystem(hadoopConf));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check output " + display + ": " + e.getMessage(), e);
    }
  }

  /** A root or the working directory (or one of its parents) is never an output. */
  private void checkNotSpecial(FileSystem fs) throws IOException {
    ResolvedPath out = ResolvedPath.of(fs, target);
    if (out.isRoot() || target.getParent() == null) {
      throw refuse("is the root of a filesystem; choose a directory for the output.");
    }
    if (ResolvedPath.workingDirectory().isSameOrInside(out)) {
      throw refuse(
          "is or contains the working directory ("
              + ResolvedPath.workingDirectory().path()
              + "); choose a separate output directory.");
    }
  }

  /** With overwrite: only an empty directory or one this stage wrote may be replaced. */
  private void checkReplaceable(FileSystem fs) throws IOException {
    if (fs.listStatus(target).length == 0) {
      return;
    }
    Optional<String> writtenBy = OutputMarker.stageOf(fs, target);
    if (writtenBy.isEmpty()) {
      throw refuse(
          "exists and was not written by imdb-rnn (it has no "
              + OutputMarker.FILE
              + "); --overwrite only replaces this program's own outputs. Choose another path, or"
              + " remove it yourself if it really is disposable.");
    }
    if (!writtenBy.get().equals(stage)) {
      throw refuse(
          "holds the output of "
              + writtenBy.get()
              + ", not of "
              + stage
              + "; refusing to replace it. Choose another path.");
    }
  }

  private BadInputException refuse(String why) {
    return new BadInputException(String.format("Output %s (%s) %s", display, optionName, why));
  }

  /**
   * Refuses a target that is, contains or lies inside {@code input}, which an overwrite would
   * destroy, whatever either path's spelling.
   */
  public void checkDistinctFrom(String input, String inputOptionName) {
    try {
      Path in = qualify(hadoopConf, input, inputOptionName);
      ResolvedPath a = ResolvedPath.of(in.getFileSystem(hadoopConf), in);
      ResolvedPath b = ResolvedPath.of(target.getFileSystem(hadoopConf), target);
      if (a.overlaps(b)) {
        throw new BadInputException(
            String.format(
                "Output %s (%s) overlaps input %s (%s); choose a separate output path.",
                display, optionName, input, inputOptionName));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code work} with a fresh path in a {@link StagingArea} beside the target, moves the
   * result into place (replacing only this stage's own output, and only with overwrite) and returns
   * what {@code work} returned. A failed work leaves nothing behind.
   */
  public <T> T write(Function<String, T> work) {
    checkWritable();
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      try (StagingArea staging = StagingArea.open(hadoopConf, target.getParent())) {
        Path temp = staging.path(target.getName());
        T result = work.apply(spelling(temp));
        if (!fs.exists(temp)) {
          throw new IllegalStateException("The stage wrote nothing to " + temp);
        }
        OutputMarker.write(fs, temp, stage);
        // Checked again: another writer may have taken the place while the work ran.
        checkWritable();
        boolean replacing = fs.exists(target);
        staging.publish(temp, target, StagingArea.Publish.replaceOutputOf(stage));
        if (replacing) {
          LOG.info("Replaced {}", display);
        }
        return result;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + display + ": " + e.getMessage(), e);
    }
  }

  /** A local path as a plain absolute path (java.nio and Hadoop both read it); others as URIs. */
  private static String spelling(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  /** Absolute, so that {@code .}, {@code ..} and relative paths have a parent and a name. */
  private static Path qualify(Configuration conf, String path, String optionName) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).makeQualified(p);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "Path '" + path + "' (" + optionName + ") is not a valid path: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }
}
