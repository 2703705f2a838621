package io.imdbrnn.prepare;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The split everything is fitted on, and the row counts per split that every manifest records. */
final class TrainSplit {
  static final String NAME = "train";

  private TrainSplit() {}

  /** Rows per split, which also runs (and so caches) {@code rows}. */
  static Map<String, Long> countBySplit(Dataset<Row> rows) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : rows.groupBy(ReviewsDataset.SPLIT).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  static void require(Map<String, Long> rows, String input) {
    if (rows.getOrDefault(NAME, 0L) == 0) {
      throw new BadInputException(
          "Reviews dataset "
              + input
              + " holds no train texts; the vocabulary is fitted on "
              + "the train split. Found: "
              + rows);
    }
  }
}
