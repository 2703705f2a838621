package io.imdbrnn.ingest;

import java.io.Serializable;

/**
 * One candidate review file before validation.
 *
 * @param source where it came from, for messages: a file URI or {@code archive!entry}
 * @param layoutPath {@code split/label/name} inside the dataset root, null if unknown, or {@link
 *     #WHOLE_INPUT} when the problem spoils the whole input (a truncated archive)
 * @param content the bytes, or null when a source already rejected the file
 * @param problem why the source rejected it (too large, unsafe archive entry), or null
 */
public record RawFile(String source, String layoutPath, byte[] content, String problem)
    implements Serializable {
  /** The layout path of a problem that stops ingest in every mode. */
  public static final String WHOLE_INPUT = "*";

  /** A problem with the input as a whole: ingest stops, whatever its malformed-file mode. */
  public static RawFile fatal(String source, String problem) {
    return new RawFile(source, WHOLE_INPUT, null, problem);
  }

  public boolean isWholeInput() {
    return WHOLE_INPUT.equals(layoutPath);
  }

  public static RawFile rejected(String source, String layoutPath, String problem) {
    return new RawFile(source, layoutPath, null, problem);
  }
}
