package io.imdbrnn.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private directory in which one writer prepares what it then publishes, each piece by one
 * rename, into the directory that holds it. It carries an {@link OutputMarker} of its own kind
 * written before anything else, so that the leftovers of a killed writer are recognised by that
 * marker and nothing else: {@link #sweep} deletes a directory only if it holds the marker, never
 * because of its name, so it cannot delete another program's files or another stage's in-flight
 * output that happens to be named alike.
 */
public final class StagingArea implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);

  /** The marker's stage: a staging area, never a published output. */
  public static final String MARKER_STAGE = "staging";

  /** Names start with a dot, which Spark's and Hadoop's readers skip. */
  public static final String PREFIX = ".imdb-rnn-staging-";

  private final Configuration conf;
  private final FileSystem fs;
  private final Path dir;

  private StagingArea(Configuration conf, FileSystem fs, Path dir) {
    this.conf = conf;
    this.fs = fs;
    this.dir = dir;
  }

  /** Creates a fresh, marked staging area inside {@code parent} (created if need be). */
  public static StagingArea open(Configuration conf, Path parent) {
    try {
      FileSystem fs = parent.getFileSystem(conf);
      Path dir = new Path(parent, PREFIX + UUID.randomUUID());
      if (!fs.mkdirs(dir)) {
        throw new IOException("Cannot create " + dir);
      }
      OutputMarker.write(fs, dir, MARKER_STAGE);
      return new StagingArea(conf, fs, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot stage a write in " + parent + ": " + e.getMessage(), e);
    }
  }

  /** A path inside the staging area, for the work to write. */
  public Path path(String name) {
    return new Path(dir, name);
  }

  /**
   * Moves a staged file or directory to {@code target} by one rename, refusing to replace anything
   * already there: a published entry is never changed afterwards.
   *
   * @throws FileAlreadyExistsException when {@code target} exists
   */
  public void publishNew(Path staged, Path target) throws IOException {
    fs.mkdirs(target.getParent());
    if (fs.exists(target)) {
      throw new FileAlreadyExistsException(target + " already exists");
    }
    // FileContext refuses an existing target, where FileSystem.rename would move a directory
    // into it.
    FileContext.getFileContext(target.toUri(), conf).rename(staged, target, Options.Rename.NONE);
  }

  /** Replaces the small file {@code target} whole with {@code content} (see {@link AtomicFile}). */
  public void replaceFile(Path target, String content) throws IOException {
    AtomicFile.replace(conf, target, content, dir);
  }

  /** Deletes the staging area and whatever is left in it. */
  @Override
  public void close() {
    try {
      fs.delete(dir, true);
    } catch (IOException e) {
      LOG.warn("Could not delete the staging area {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Deletes the staging areas that writers killed before they finished left in {@code parent}: only
   * directories that carry this class's marker. The caller must hold whatever lock keeps other
   * writers of {@code parent} out, or it would delete their work in progress.
   *
   * @return what was deleted
   */
  public static List<Path> sweep(Configuration conf, Path parent) {
    List<Path> deleted = new ArrayList<>();
    try {
      FileSystem fs = parent.getFileSystem(conf);
      if (!fs.isDirectory(parent)) {
        return deleted;
      }
      for (FileStatus s : fs.listStatus(parent)) {
        if (s.isDirectory() && isStagingArea(fs, s.getPath())) {
          LOG.info("Removing {}, left by a writer that did not finish", s.getPath());
          fs.delete(s.getPath(), true);
          deleted.add(s.getPath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + parent + ": " + e.getMessage(), e);
    }
    return deleted;
  }

  /** True when {@code dir} is a staging area this class made (it holds the marker). */
  public static boolean isStagingArea(FileSystem fs, Path dir) throws IOException {
    return OutputMarker.stageOf(fs, dir).filter(MARKER_STAGE::equals).isPresent();
  }
}
