package io.imdbrnn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.fs.StagingArea;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The outcome of one command as a small JSON file, written last (aside, then moved into place). It
 * carries the exit code to where spark-submit cannot: in standalone and Kubernetes cluster deploy
 * mode, spark-submit's own exit code says nothing about the driver's. A scheduler reads it back
 * with {@code imdb-rnn outcome FILE}, which exits with the recorded code.
 */
final class OutcomeFile {
  /** Identifies the files this program wrote, so that nothing else is ever overwritten. */
  static final String FORMAT = "imdb-rnn-outcome/1";

  static final String OPTION = "--outcome-file";

  private static final long MAX_BYTES = 64 * 1024;

  private OutcomeFile() {}

  /** What one command ended with. */
  record Outcome(
      String format,
      String command,
      int exitCode,
      String status,
      String message,
      String host,
      String startedAt,
      String finishedAt) {

    /** The outcome of {@code command} ending now; the failure's message only for a failure. */
    static Outcome of(String command, int exitCode, String failure, String startedAt) {
      boolean failed = exitCode != ImdbRnn.EXIT_OK && exitCode != ImdbRnn.EXIT_KEPT;
      return new Outcome(
          FORMAT,
          command,
          exitCode,
          status(exitCode),
          failed ? failure : null,
          hostName(),
          startedAt,
          java.time.Instant.now().toString());
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "unknown";
      }
    }

    static String status(int exitCode) {
      return switch (exitCode) {
        case ImdbRnn.EXIT_OK -> "succeeded";
        case ImdbRnn.EXIT_BAD_INPUT -> "bad-input";
        case ImdbRnn.EXIT_KEPT -> "kept";
        default -> "failed";
      };
    }
  }

  /**
   * Before the command runs: the path may be new or an earlier outcome file of ours; anything else
   * (a directory, a file of other content, a path under a file) is refused and left alone.
   */
  static void requireWritable(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Optional<Path> file = io.imdbrnn.fs.Ancestors.fileAbove(fs, path);
      if (file.isPresent()) {
        throw new BadInputException(
            String.format("Outcome file %s (%s): %s is a file.", location, OPTION, file.get()));
      }
      Optional<FileStatus> existing = status(fs, path);
      if (existing.isPresent()) {
        if (!existing.get().isFile()) {
          throw new BadInputException(
              String.format("Outcome file %s (%s) is not a regular file.", location, OPTION));
        }
        read(fs, path);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "Cannot check outcome file " + location + ": " + e.getMessage(), e);
    }
  }

  static void write(Configuration conf, String location, Outcome outcome) throws IOException {
    Path path = new Path(location);
    // Qualified, so that a bare file name has the working directory as its parent.
    Path qualified = path.getFileSystem(conf).makeQualified(path);
    StagingArea.swapFile(conf, qualified, JsonFiles.MAPPER.writeValueAsString(outcome) + "\n");
  }

  /** The recorded outcome, or empty when there is no file at {@code location}. */
  static Optional<Outcome> read(Configuration conf, String location) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    if (status(fs, path).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(fs, path));
  }

  private static Outcome read(FileSystem fs, Path path) throws IOException {
    String text;
    try (InputStream in = BoundedRead.open(fs, path, MAX_BYTES)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Outcome o;
    try {
      o = JsonFiles.MAPPER.readValue(text, Outcome.class);
    } catch (JsonProcessingException e) {
      throw notOurs(path, "it is not JSON of this program's outcome format");
    }
    if (o == null || !FORMAT.equals(o.format())) {
      throw notOurs(path, "its format is not " + FORMAT);
    }
    if (o.exitCode() < ImdbRnn.EXIT_OK || o.exitCode() > ImdbRnn.EXIT_KEPT) {
      throw notOurs(path, "exit code " + o.exitCode() + " is none this program returns (0-3)");
    }
    if (o.command() == null || !o.command().matches("[a-z-]{1,40}")) {
      throw notOurs(path, "it names no command");
    }
    if (!Outcome.status(o.exitCode()).equals(o.status())) {
      throw notOurs(path, "status '" + o.status() + "' does not match exit code " + o.exitCode());
    }
    return o;
  }

  private static BadInputException notOurs(Path path, String why) {
    return new BadInputException(
        String.format(
            "%s is not an outcome file this program wrote (%s); it is left alone.", path, why));
  }

  private static Optional<FileStatus> status(FileSystem fs, Path p) throws IOException {
    try {
      return Optional.of(fs.getFileStatus(p));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
