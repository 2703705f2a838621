package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What the classes of an ingested dataset must satisfy: at least two in the train split, and none
 * in the test split that training never sees (it could only ever be predicted wrong). Works on the
 * per-split, per-class counts, so it costs no pass over the data.
 */
final class ClassCheck {
  /** Split names never hold it; labels may, so a key is cut at its first. */
  private static final String SEPARATOR = "/";

  private ClassCheck() {}

  static String key(String split, String label) {
    return split + SEPARATOR + label;
  }

  /** Texts per class of one split, by class. */
  static Map<String, Long> classes(Map<String, Long> counts, String split) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (k, n) -> {
          int cut = k.indexOf(SEPARATOR);
          if (k.substring(0, cut).equals(split)) {
            out.put(k.substring(cut + 1), n);
          }
        });
    return out;
  }

  static TreeSet<String> trainClasses(Map<String, Long> counts) {
    return new TreeSet<>(classes(counts, SplitNames.TRAIN).keySet());
  }

  /** Classes of the test split absent from a non-empty train split. */
  static List<String> testOnlyClasses(Map<String, Long> counts) {
    TreeSet<String> train = trainClasses(counts);
    if (train.isEmpty()) {
      return List.of();
    }
    return classes(counts, SplitNames.TEST).keySet().stream()
        .filter(c -> !train.contains(c))
        .toList();
  }

  /** Marks the test rows of {@code classes} malformed, for dropmalformed mode. */
  static Dataset<Row> rejectTestOnly(Dataset<Row> parsed, List<String> classes) {
    Column label = functions.col(ReviewsDataset.LABEL);
    Column hit =
        functions
            .not(ReviewValidation.isRejected())
            .and(functions.col(ReviewsDataset.SPLIT).equalTo(SplitNames.TEST))
            .and(label.isin(classes.toArray()));
    return parsed.withColumn(
        ReviewValidation.ERROR,
        functions
            .when(
                hit,
                functions.concat(
                    functions.lit("class '"),
                    label,
                    functions.lit("' does not occur in the train split")))
            .otherwise(functions.col(ReviewValidation.ERROR)));
  }

  static void require(
      Map<String, Long> counts,
      List<String> testOnly,
      IngestSettings settings,
      Dataset<Row> parsed,
      boolean bothSplits) {
    Map<String, Long> train = classes(counts, SplitNames.TRAIN);
    Map<String, Long> test = classes(counts, SplitNames.TEST);
    if (train.size() == 1) {
      throw new BadInputException(
          String.format(
              "Input %s: the train split has one class only (%s); a classifier needs at least"
                  + " two. Is %s the label column? Nothing was written.",
              settings.input(), train, IngestSettings.LABEL_COLUMN));
    }
    if (!testOnly.isEmpty()) {
      Row example =
          parsed
              .filter(
                  functions
                      .col(ReviewsDataset.SPLIT)
                      .equalTo(SplitNames.TEST)
                      .and(functions.col(ReviewsDataset.LABEL).isin(testOnly.toArray())))
              .select(ReviewValidation.SOURCE)
              .orderBy(ReviewValidation.SOURCE)
              .first();
      throw new BadInputException(
          String.format(
              "Input %s: class%s %s of the test split never occur%s in the train split (e.g. %s,"
                  + " column '%s'). Nothing was written; set %s=dropmalformed to skip those rows.",
              settings.input(),
              testOnly.size() == 1 ? "" : "es",
              quoted(testOnly),
              testOnly.size() == 1 ? "s" : "",
              example.getString(0),
              settings.labelColumn(),
              IngestSettings.MODE));
    }
    if (bothSplits && (train.isEmpty() || test.isEmpty())) {
      throw new BadInputException(
          String.format(
              "Input %s has %d train and %d test texts; a run trains on the train split and"
                  + " evaluates on the test split, and needs both. Nothing was written.",
              settings.input(),
              train.values().stream().mapToLong(Long::longValue).sum(),
              test.values().stream().mapToLong(Long::longValue).sum()));
    }
  }

  private static String quoted(List<String> classes) {
    List<String> shown = classes.subList(0, Math.min(10, classes.size()));
    String list = String.join(", ", shown.stream().map(c -> "'" + c + "'").toList());
    return classes.size() > shown.size() ? list + " and " + (classes.size() - 10) + " more" : list;
  }
}
