package io.imdbrnn.ingest;

import io.imdbrnn.errors.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams the review files out of an aclImdb {@code .tar.gz}, one entry at a time, without writing
 * anything to disk.
 *
 * <p>The archive is untrusted: entries with absolute paths, {@code ..} segments, links or device
 * files come out as rejected {@link RawFile}s (never followed or extracted), entries larger than
 * the review limit are skipped unread, and a truncated or corrupt archive is an error naming the
 * archive and the last good entry. Entries outside the layout are counted and ignored.
 */
public final class TarGzReviewReader implements Iterator<RawFile>, Closeable {
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

  private final TarArchiveInputStream tar;
  private final String archive;
  private final long maxBytes;
  private String root;
  private String lastEntry = "(none)";
  private long ignored;
  private long entries;
  private RawFile next;
  private boolean done;

  public TarGzReviewReader(InputStream in, String archive, long maxBytes) {
    this.archive = archive;
    this.maxBytes = maxBytes;
    try {
      this.tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true));
    } catch (IOException e) {
      throw corrupt(e);
    }
  }

  /** Entries outside the layout (unsup, vocabulary, feature files) seen so far. */
  public long ignoredEntries() {
    return ignored;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      next = advance();
      if (next == null) {
        done = true;
        closeQuietly();
      }
    }
    return next != null;
  }

  @Override
  public RawFile next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawFile r = next;
    next = null;
    return r;
  }

  private RawFile advance() {
    try {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries++;
        String name = entry.getName();
        lastEntry = name;
        String source = archive + "!" + name;
        String unsafe = unsafeReason(entry);
        if (unsafe != null) {
          return RawFile.rejected(source, null, "unsafe archive entry: " + unsafe);
        }
        if (entry.isDirectory()) {
          continue;
        }
        String path = name.startsWith("./") ? name.substring(2) : name;
        var located = DatasetLayout.locate(path);
        if (located.isEmpty()) {
          ignored++;
          continue;
        }
        checkSingleRoot(located.get()[0], name);
        String layoutPath = located.get()[1];
        if (entry.getSize() > maxBytes) {
          return RawFile.rejected(
              source, layoutPath, ReviewParser.tooLarge(entry.getSize(), maxBytes));
        }
        return new RawFile(source, layoutPath, tar.readAllBytes(), null);
      }
      if (entries == 0) {
        throw new BadInputException("Archive " + archive + " holds no entries; is it a .tar.gz?");
      }
      return null;
    } catch (IOException e) {
      closeQuietly();
      throw corrupt(e);
    }
  }

  private void checkSingleRoot(String prefix, String name) {
    if (root == null) {
      root = prefix;
    } else if (!root.equals(prefix)) {
      throw new BadInputException(
          String.format(
              "Archive %s holds more than one dataset root: '%s' and '%s' (entry %s)",
              archive, root, prefix, name));
    }
  }

  private static String unsafeReason(TarArchiveEntry entry) {
    String name = entry.getName();
    if (name.startsWith("/") || name.startsWith("\\") || WINDOWS_ABSOLUTE.matcher(name).matches()) {
      return "absolute path";
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return "path leaves the archive root ('..')";
      }
    }
    if (entry.isSymbolicLink()) {
      return "symbolic link to " + entry.getLinkName();
    }
    if (entry.isLink()) {
      return "hard link to " + entry.getLinkName();
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      return "device or pipe";
    }
    return null;
  }

  private BadInputException corrupt(IOException e) {
    String detail =
        e.getMessage() != null
            ? e.getMessage()
            : "unexpected end of data (" + e.getClass().getSimpleName() + ")";
    return new BadInputException(
        String.format(
            "Archive %s is truncated or corrupt (last good entry: %s): %s",
            archive, lastEntry, detail),
        e);
  }

  @Override
  public void close() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + archive, e);
    }
  }

  private void closeQuietly() {
    try {
      tar.close();
    } catch (IOException ignoredOnPurpose) {
      // The archive already failed or ended; the original outcome is what matters.
    }
  }
}
