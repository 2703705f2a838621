package io.imdbrnn.ingest;

import java.util.Optional;

/**
 * The aclImdb directory layout: {@code <root>/{train,test}/{pos,neg}/<id>_<rating>.txt}. Everything
 * else the official archive holds (train/unsup, imdb.vocab, *.feat, urls_*.txt, README) is not part
 * of the labeled dataset and is ignored.
 */
public final class DatasetLayout {
  public static final String[] SPLITS = {"train", "test"};
  public static final String[] LABEL_DIRS = {"pos", "neg"};

  private DatasetLayout() {}

  public static boolean isSplit(String s) {
    return "train".equals(s) || "test".equals(s);
  }

  public static boolean isLabelDir(String s) {
    return "pos".equals(s) || "neg".equals(s);
  }

  /** Maas et al. kept only polar reviews: pos are rated 7-10, neg 1-4. */
  public static boolean ratingFits(String labelDir, int rating) {
    return "pos".equals(labelDir) ? rating >= 7 && rating <= 10 : rating >= 1 && rating <= 4;
  }

  public static String ratingRule(String labelDir) {
    return "pos".equals(labelDir) ? "pos reviews are rated 7-10" : "neg reviews are rated 1-4";
  }

  /**
   * Splits a path inside a dataset tree into the root prefix and the layout path {@code
   * split/label/name}, when its last three segments have that shape.
   *
   * @return {@code [prefix, layoutPath]}, the prefix empty or ending in '/'
   */
  public static Optional<String[]> locate(String path) {
    String[] parts = path.split("/");
    int n = parts.length;
    if (n < 3 || !isSplit(parts[n - 3]) || !isLabelDir(parts[n - 2]) || parts[n - 1].isEmpty()) {
      return Optional.empty();
    }
    String layout = parts[n - 3] + "/" + parts[n - 2] + "/" + parts[n - 1];
    return Optional.of(new String[] {path.substring(0, path.length() - layout.length()), layout});
  }
}
