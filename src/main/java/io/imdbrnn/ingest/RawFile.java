package io.imdbrnn.ingest;

import java.io.Serializable;

/**
 * One candidate review file before validation.
 *
 * @param source where it came from, for messages: a file URI or {@code archive!entry}
 * @param layoutPath {@code split/label/name} inside the dataset root, or null if unknown
 * @param content the bytes, or null when a source already rejected the file
 * @param problem why the source rejected it (too large, unsafe archive entry), or null
 */
public record RawFile(String source, String layoutPath, byte[] content, String problem)
    implements Serializable {
  public static RawFile rejected(String source, String layoutPath, String problem) {
    return new RawFile(source, layoutPath, null, problem);
  }
}
