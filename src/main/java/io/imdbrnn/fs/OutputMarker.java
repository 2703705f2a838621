package io.imdbrnn.fs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdbrnn.config.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The small file by which this program recognises a directory it wrote: {@code --overwrite} only
 * ever replaces a directory that carries it (and names the same stage), so it can never delete a
 * source tree or a home folder that happens to sit where an output was asked for. Its name starts
 * with an underscore, which Spark's readers skip.
 */
public final class OutputMarker {
  public static final String FILE = "_imdb-rnn-output.json";

  /** A marker larger than this was not written by us; it is not read. */
  private static final long MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = JsonFiles.MAPPER;

  /** What the marker records. */
  public record Content(String stage, String tool, String version, String writtenAt) {}

  private OutputMarker() {}

  public static void write(FileSystem fs, Path dir, String stage) throws IOException {
    try (OutputStream out = fs.create(new Path(dir, FILE), true)) {
      JSON.writeValue(
          out, new Content(stage, "imdb-rnn-spark", BuildInfo.version(), Instant.now().toString()));
    }
  }

  /**
   * The ownership check of every directory this program replaces or deletes: one whose marker names
   * {@code stage}. Anything else (a file, an unmarked directory, another stage's) is not ours.
   */
  public static StagingArea.Ownership ownedBy(String stage) {
    return (fs, dir) ->
        fs.getFileStatus(dir).isDirectory() && stageOf(fs, dir).filter(stage::equals).isPresent();
  }

  /** The stage named by the marker in {@code dir}, or empty when there is none we wrote. */
  public static Optional<String> stageOf(FileSystem fs, Path dir) throws IOException {
    Path file = new Path(dir, FILE);
    if (!fs.exists(file)) {
      return Optional.empty();
    }
    FileStatus status = fs.getFileStatus(file);
    if (!status.isFile() || status.getLen() > MAX_BYTES) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(file)) {
      Content c = JSON.readValue(in, Content.class);
      return "imdb-rnn-spark".equals(c.tool()) ? Optional.ofNullable(c.stage()) : Optional.empty();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return Optional.empty();
    }
  }
}
