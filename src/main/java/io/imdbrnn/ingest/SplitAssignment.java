package io.imdbrnn.ingest;

import io.imdbrnn.datasets.HashSplit;
import io.imdbrnn.datasets.ReviewsDataset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Assigns train or test to the texts whose input does not say: a seeded hash of the id column, or
 * of the text when there is none, so copies of one text never fall on both sides.
 */
final class SplitAssignment {
  private SplitAssignment() {}

  static Dataset<Row> fill(Dataset<Row> parsed, boolean byId, double testFraction, long seed) {
    Column split = functions.col(ReviewsDataset.SPLIT);
    Column key = functions.col(byId ? ReviewsDataset.ID : ReviewsDataset.TEXT);
    Column assigned =
        functions
            .when(HashSplit.isHeldOut(key, testFraction, seed, SplitNames.TEST), SplitNames.TEST)
            .otherwise(SplitNames.TRAIN);
    return parsed.withColumn(
        ReviewsDataset.SPLIT,
        functions
            .when(split.isNull().and(functions.not(ReviewValidation.isRejected())), assigned)
            .otherwise(split));
  }
}
