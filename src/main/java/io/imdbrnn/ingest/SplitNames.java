package io.imdbrnn.ingest;

import java.util.Locale;

/**
 * The split names inputs use, read as train or test: what a split column or a split folder may say.
 * A dev or validation part joins train (training holds out its own validation rows).
 */
final class SplitNames {
  static final String TRAIN = "train";
  static final String TEST = "test";

  private SplitNames() {}

  /** {@code train}, {@code test}, or null when {@code name} is neither. */
  static String normalize(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "train", "training", "dev", "valid", "validation" -> TRAIN;
      case "test", "testing" -> TEST;
      default -> null;
    };
  }
}
