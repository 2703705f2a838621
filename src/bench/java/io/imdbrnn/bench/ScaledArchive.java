package io.imdbrnn.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes an archive with every review of the input {@code scale} times, each copy under a new id
 * ({@code <id + k * 1,000,000>_<rating>.txt}), for the data-size bench: the same text distribution,
 * {@code scale} times the rows. A scale {@code 1/N} keeps every N-th review instead (the bench's
 * small size, which measures what a stage costs whatever the data). Not shipped; run by
 * src/bench/datasize.sh.
 *
 * <p>Arguments: input.tar.gz output.tar.gz scale (a whole number, or 1/N)
 */
public final class ScaledArchive {
  private static final Pattern REVIEW =
      Pattern.compile("(.*/(?:train|test)/(?:pos|neg)/)(\\d+)_(\\d+)\\.txt");

  private ScaledArchive() {}

  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    boolean fraction = args[2].startsWith("1/");
    int scale = fraction ? 1 : Integer.parseInt(args[2]);
    int keepEvery = fraction ? Integer.parseInt(args[2].substring(2)) : 1;
    long seen = 0;
    GzipParameters fast = new GzipParameters();
    fast.setCompressionLevel(Deflater.BEST_SPEED);
    long written = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(in));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw));
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
        TarArchiveOutputStream outTar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(file, fast))) {
      outTar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Matcher m = REVIEW.matcher(e.getName());
        if (!e.isFile() || !m.matches() || seen++ % keepEvery != 0) {
          continue;
        }
        byte[] text = tar.readAllBytes();
        for (int k = 0; k < scale; k++) {
          long id = Long.parseLong(m.group(2)) + k * 1_000_000L;
          TarArchiveEntry copy = new TarArchiveEntry(m.group(1) + id + "_" + m.group(3) + ".txt");
          copy.setSize(text.length);
          outTar.putArchiveEntry(copy);
          outTar.write(text);
          outTar.closeArchiveEntry();
          written++;
        }
      }
    }
    System.out.println(written);
  }
}
