package io.imdbrnn.model;

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

  private SafeModelZip() {}

  /**
   * @param what names the file in errors, e.g. "Model bundle /x: model.zip"
   * @throws IllegalArgumentException for an entry that is never loaded
   * @throws IOException for a file that cannot be read as a model zip
   */
  public static MultiLayerNetwork read(InputStream in, boolean loadUpdater, String what)
      throws IOException {
    byte[] bytes = in.readAllBytes();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      int entries = 0;
      while ((entry = zip.getNextEntry()) != null) {
        entries++;
        if (!ALLOWED.contains(entry.getName())) {
          throw new IllegalArgumentException(
              String.format(
                  "%s contains '%s', which is never loaded: only %s are read from a model (no"
                      + " Java-serialized objects).",
                  what, entry.getName(), String.join(", ", ALLOWED.stream().sorted().toList())));
        }
      }
      if (entries == 0) {
        throw new java.util.zip.ZipException(what + " is not a zip file or is empty.");
      }
    }
    return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), loadUpdater);
  }
}
