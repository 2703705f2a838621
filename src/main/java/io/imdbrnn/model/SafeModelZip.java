package io.imdbrnn.model;

import io.imdbrnn.errors.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Loads a DL4J model zip only if it holds nothing but the network's JSON configuration and its ND4J
 * binary arrays. DL4J's {@code ModelSerializer} would also read a {@code preprocessor.bin} or
 * {@code normalizer.bin} entry with Java deserialization, which runs code chosen by whoever wrote
 * the file; a bundle from an untrusted place must not be able to do that, so such entries are
 * refused before DL4J sees the zip.
 */
public final class SafeModelZip {
  /** The entries ModelSerializer writes for a network: JSON and ND4J's own array format. */
  static final Set<String> ALLOWED =
      Set.of("configuration.json", "coefficients.bin", "updaterState.bin", "noParams.marker");

  /** The largest model.zip read at all (the reference network's is about 4 MB). */
  public static final long MAX_ZIP_BYTES = 1L << 30;

  /** The network's JSON configuration is a few kilobytes; more is not a configuration. */
  static final long MAX_CONFIGURATION_BYTES = 16L << 20;

  /** What all entries may inflate to together: parameters and Adam state of a large network. */
  static final long MAX_INFLATED_BYTES = 4L << 30;

  /**
   * Trained float arrays barely compress (about 1.1 : 1). Past {@link #RATIO_FREE_BYTES} inflated,
   * a zip that inflates to more than this many times its size is a zip bomb, not a model.
   */
  static final long MAX_RATIO = 200;

  static final long RATIO_FREE_BYTES = 16L << 20;

  private SafeModelZip() {}

  /**
   * @param what names the file in errors, e.g. "Model bundle /x: model.zip"
   * @throws BadInputException for an entry that is never loaded, or one that inflates past the
   *     limits, checked while streaming before DL4J reads anything
   * @throws BadInputException for content that is not a model zip
   * @throws IOException when reading the stream fails
   */
  public static MultiLayerNetwork read(InputStream in, boolean loadUpdater, String what)
      throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_ZIP_BYTES + 1));
    if (bytes.length > MAX_ZIP_BYTES) {
      throw new BadInputException(
          String.format("%s is larger than %d bytes; refusing to load it.", what, MAX_ZIP_BYTES));
    }
    checkEntries(bytes, what);
    try {
      return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), loadUpdater);
    } catch (StackOverflowError e) {
      throw new BadInputException(what + " holds a network configuration nested too deeply.");
    }
  }

  private static void checkEntries(byte[] bytes, String what) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int entries = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        entries++;
        if (!seen.add(entry.getName())) {
          throw new BadInputException(
              String.format("%s holds two entries named %s.", what, entry.getName()));
        }
        if (!ALLOWED.contains(entry.getName())) {
          throw new BadInputException(
              String.format(
                  "%s contains '%s', which is never loaded: only %s are read from a model (no"
                      + " Java-serialized objects).",
                  what, entry.getName(), String.join(", ", ALLOWED.stream().sorted().toList())));
        }
        long limit =
            entry.getName().endsWith(".json") ? MAX_CONFIGURATION_BYTES : MAX_INFLATED_BYTES;
        long size = 0;
        byte[] head = new byte[ArrayHeader.MAX_BYTES];
        int headLength = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          int copy = Math.min(n, head.length - headLength);
          System.arraycopy(buffer, 0, head, headLength, copy);
          headLength += copy;
          size += n;
          total += n;
          if (size > limit || total > MAX_INFLATED_BYTES) {
            throw tooLarge(what, entry.getName(), size > limit ? limit : MAX_INFLATED_BYTES);
          }
          if (total > RATIO_FREE_BYTES && total > MAX_RATIO * bytes.length) {
            throw new BadInputException(
                String.format(
                    "%s inflates more than %d times its size (entry %s); refusing to load a zip"
                        + " bomb.",
                    what, MAX_RATIO, entry.getName()));
          }
        }
        if (entry.getName().endsWith(".bin")) {
          ArrayHeader.check(head, headLength, size, what + ": " + entry.getName());
        }
      }
    }
    if (entries == 0) {
      throw new BadInputException(what + " is not a zip file or is empty.");
    }
  }

  private static BadInputException tooLarge(String what, String entry, long limit) {
    return new BadInputException(
        String.format(
            "%s: entry %s inflates to more than %d bytes; refusing to load it.",
            what, entry, limit));
  }
}
