package io.imdbrnn.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small .tar.gz archives for tests, hostile entries included. */
public final class TarGzBuilder {
  private record Entry(String name, byte[] content, byte linkFlag, String linkTarget) {}

  private final List<Entry> entries = new ArrayList<>();

  public TarGzBuilder file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public TarGzBuilder file(String name, byte[] content) {
    entries.add(new Entry(name, content, TarConstants.LF_NORMAL, null));
    return this;
  }

  public TarGzBuilder symlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], TarConstants.LF_SYMLINK, target));
    return this;
  }

  public TarGzBuilder hardlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], TarConstants.LF_LINK, target));
    return this;
  }

  /** Adds every file of a synthetic dataset under {@code prefix} (e.g. "aclImdb/"). */
  public TarGzBuilder dataset(String prefix, SyntheticReviews reviews) {
    reviews.files().forEach((path, text) -> file(prefix + path, text));
    return this;
  }

  public Path write(Path file) {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.linkFlag(), true);
        if (e.linkTarget() != null) {
          entry.setLinkName(e.linkTarget());
        } else {
          entry.setSize(e.content().length);
        }
        tar.putArchiveEntry(entry);
        tar.write(e.content());
        tar.closeArchiveEntry();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return file;
  }

  /** A copy of {@code archive} cut to {@code keepBytes}, as a failed download leaves it. */
  public static Path truncate(Path archive, Path target, int keepBytes) {
    try {
      byte[] all = Files.readAllBytes(archive);
      Files.write(target, java.util.Arrays.copyOf(all, Math.min(keepBytes, all.length)));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
