package io.imdbrnn.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * The one way this program writes anything: a private directory in which one writer prepares what
 * it then publishes, each piece by one rename, into the directory that holds it, under an explicit
 * {@link Publish} policy (never replace, replace only what is ours, or swap a small file). It
 * carries an {@link OutputMarker} of its own kind written before anything else, so that the
 * leftovers of a killed writer are recognised by that marker and nothing else: {@link #sweep}
 * deletes a directory only if it holds the marker, never because of its name, so it cannot delete
 * another program's files or another stage's in-flight output that happens to be named alike.
 *
 * <p>Rename is atomic on HDFS and local disks. On S3A a rename is a copy, so a crash mid-rename can
 * leave a partial target there; use a committer-backed path or HDFS for strict guarantees.
 */
public final class StagingArea implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);

  /** The marker's stage: a staging area, never a published output. */
  public static final String MARKER_STAGE = "staging";

  /** Names start with a dot, which Spark's and Hadoop's readers skip. */
  public static final String PREFIX = ".imdb-rnn-staging-";

  /** Whether an existing entry at the target is ours to replace. */
  @FunctionalInterface
  public interface Ownership {
    boolean owns(FileSystem fs, Path existing) throws IOException;
  }

  /** What publishing does when the target already exists. */
  public sealed interface Publish {
    /** Refuse ({@link FileAlreadyExistsException}): a published entry never changes afterwards. */
    record NeverReplace() implements Publish {}

    /**
     * Replace a directory only if {@code owner} says it is ours: the old one is moved into the
     * staging area, the new one renamed in, and the old one restored if that fails, so the target
     * is never missing and never mixed.
     */
    record ReplaceOurs(Ownership owner) implements Publish {}

    static Publish neverReplace() {
      return new NeverReplace();
    }

    /**
     * Replaces only a directory that is empty (nothing to lose) or carries {@code stage}'s marker.
     */
    static Publish replaceOutputOf(String stage) {
      Ownership marked = OutputMarker.ownedBy(stage);
      return new ReplaceOurs(
          (fs, dir) ->
              marked.owns(fs, dir)
                  || (fs.getFileStatus(dir).isDirectory() && fs.listStatus(dir).length == 0));
    }

    static Publish replaceIf(Ownership owner) {
      return new ReplaceOurs(owner);
    }
  }

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
   * Moves a staged file or directory to {@code target} (in the staging area's parent, or below it)
   * by one rename, under {@code policy}.
   *
   * @throws FileAlreadyExistsException when {@code target} exists and the policy keeps it
   */
  public void publish(Path staged, Path target, Publish policy) throws IOException {
    fs.mkdirs(target.getParent());
    if (!fs.exists(target)) {
      renameNew(staged, target);
      return;
    }
    if (!(policy instanceof Publish.ReplaceOurs replace) || !replace.owner().owns(fs, target)) {
      throw new FileAlreadyExistsException(target + " already exists");
    }
    Path old = path(".replaced-" + UUID.randomUUID());
    rename(target, old);
    try {
      renameNew(staged, target);
    } catch (IOException | RuntimeException e) {
      if (!fs.exists(target)) {
        rename(old, target);
      }
      throw e;
    }
    // The old entry goes with the staging area when it is closed.
  }

  /** As {@link #publish} with {@link Publish#neverReplace()}. */
  public void publishNew(Path staged, Path target) throws IOException {
    publish(staged, target, Publish.neverReplace());
  }

  /**
   * Swaps the small file {@code target} for one holding {@code content}: a reader (or a process
   * killed half way) sees the old content or the new, never a mix or nothing. Hadoop's {@code
   * FileSystem.rename} refuses an existing target and a delete-then-rename would leave a moment
   * with no file, so local disks use POSIX rename ({@code ATOMIC_MOVE}) and other file systems
   * {@code FileContext} rename with {@code OVERWRITE}, which is atomic on HDFS. Whether the file
   * there is the caller's to replace is the caller's check: it knows what its files hold.
   */
  public void swapFile(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path temp = path(target.getName());
    if ("file".equals(fs.getUri().getScheme())) {
      // java.nio, not Hadoop's local file system: that one would leave a .crc checksum file
      // that no longer matches the renamed file.
      java.nio.file.Path to = java.nio.file.Path.of(fs.makeQualified(target).toUri());
      java.nio.file.Path from = java.nio.file.Path.of(fs.makeQualified(temp).toUri());
      try (java.nio.channels.FileChannel out =
          java.nio.channels.FileChannel.open(
              from, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap(bytes));
        // On disk before the rename, so a crash cannot leave a renamed but empty file.
        out.force(true);
      }
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (java.io.OutputStream out = fs.create(temp, false)) {
      out.write(bytes);
    }
    FileContext.getFileContext(target.toUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
  }

  /** Swaps one small file in a staging area of its own, beside it. */
  public static void swapFile(Configuration conf, Path target, String content) throws IOException {
    try (StagingArea staging = open(conf, target.getParent())) {
      staging.swapFile(target, content);
    }
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

  private void renameNew(Path staged, Path target) throws IOException {
    // FileContext refuses an existing target, where FileSystem.rename would move a directory
    // into it.
    FileContext.getFileContext(target.toUri(), conf).rename(staged, target, Options.Rename.NONE);
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("Cannot rename " + from + " to " + to);
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
    return OutputMarker.ownedBy(MARKER_STAGE).owns(fs, dir);
  }
}
