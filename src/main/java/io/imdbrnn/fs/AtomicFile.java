package io.imdbrnn.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Replaces one small file whole: the new content is written to a hidden sibling and renamed over
 * the old file, so a reader (or a process killed half way) sees either the old content or the new,
 * never a mix or nothing. Hadoop's {@code FileSystem.rename} refuses an existing target and a
 * delete-then-rename would leave a moment with no file, so local disks use POSIX rename ({@code
 * ATOMIC_MOVE}) and other file systems {@code FileContext} rename with {@code OVERWRITE}, which is
 * atomic on HDFS.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void replace(Configuration conf, Path target, String content) throws IOException {
    replace(conf, target, content, target.getParent());
  }

  /**
   * As {@link #replace(Configuration, Path, String)}, with the temporary file written in {@code
   * tempDir} (on the same filesystem), e.g. a {@link StagingArea} so that a writer killed before
   * the rename leaves nothing beside the target.
   */
  public static void replace(Configuration conf, Path target, String content, Path tempDir)
      throws IOException {
    FileSystem fs = target.getFileSystem(conf);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String tempName = "." + target.getName() + ".tmp-" + UUID.randomUUID();
    if ("file".equals(fs.getUri().getScheme())) {
      // java.nio, not Hadoop's local file system: that one would leave a .crc checksum file
      // that no longer matches the renamed file.
      java.nio.file.Path to = java.nio.file.Path.of(fs.makeQualified(target).toUri());
      java.nio.file.Path temp =
          java.nio.file.Path.of(fs.makeQualified(new Path(tempDir, tempName)).toUri());
      try {
        try (java.nio.channels.FileChannel out =
            java.nio.channels.FileChannel.open(
                temp,
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
          out.write(java.nio.ByteBuffer.wrap(bytes));
          // On disk before the rename, so a crash cannot leave a renamed but empty pointer.
          out.force(true);
        }
        Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return;
    }
    Path temp = new Path(tempDir, tempName);
    try {
      try (OutputStream out = fs.create(temp, false)) {
        out.write(bytes);
      }
      FileContext.getFileContext(target.toUri(), conf)
          .rename(temp, target, Options.Rename.OVERWRITE);
    } catch (IOException | RuntimeException e) {
      fs.delete(temp, false);
      throw e;
    }
  }
}
