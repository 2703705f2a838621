package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores a model on exactly the reviews another model was evaluated on: the ids of an evaluation's
 * predictions, read back as text from the reviews dataset and run through the model's own
 * vocabulary. This is how a champion trained on last week's vocabulary is measured on this week's
 * test data. A review the model cannot read (no words) counts as a coin toss: 0.5, or the same
 * probability for each of K classes.
 */
public final class ReviewRescoring {
  private static final String STATUS = "_status";

  private ReviewRescoring() {}

  /**
   * Fails when {@code reviews} lacks the text of any evaluated id, so a figure is never computed on
   * fewer reviews than were evaluated without a word.
   *
   * @param evaluated rows with {@code id} (an evaluation's predictions)
   */
  public static void requireCovers(Dataset<Row> evaluated, Dataset<Row> reviews, String path) {
    Dataset<Row> ids = evaluated.select(col(TokenizedDataset.ID));
    Dataset<Row> joined =
        ids.join(
                reviews.select(col(ReviewsDataset.ID).as("_rid"), col(ReviewsDataset.TEXT)),
                ids.col(TokenizedDataset.ID).equalTo(col("_rid")),
                "left_outer")
            .select(ids.col(TokenizedDataset.ID), col(ReviewsDataset.TEXT));
    requireText(joined, path);
    long extra = joined.count() - ids.count();
    if (extra > 0) {
      // A review twice would count twice in every figure.
      throw new BadInputException(
          String.format(
              "Reviews dataset %s holds evaluated ids more than once (%d extra rows); ids must be"
                  + " unique, as ingest writes them.",
              path, extra));
    }
  }

  private static void requireText(Dataset<Row> joined, String reviewsPath) {
    Dataset<Row> missing = joined.filter(col(ReviewsDataset.TEXT).isNull());
    long n = missing.count();
    if (n > 0) {
      throw new BadInputException(
          String.format(
              "Reviews dataset %s lacks %d of the evaluated reviews' ids (e.g. %s): it is not the"
                  + " data the evaluation was prepared from.",
              reviewsPath, n, missing.select(TokenizedDataset.ID).first().getString(0)));
    }
  }

  /**
   * @param evaluated rows with {@code id}, {@code split} and {@code label} (an evaluation's
   *     predictions)
   * @param reviews the reviews dataset the evaluation's data was prepared from
   * @return {@code id}, {@code split}, {@code label} and {@code probability} (two classes) or
   *     {@code probabilities} (more), one row per evaluated id
   */
  public static Dataset<Row> score(
      Dataset<Row> evaluated,
      Dataset<Row> reviews,
      String reviewsPath,
      ModelBundle bundle,
      int batchSize) {
    Dataset<Row> ids =
        evaluated.select(
            col(TokenizedDataset.ID), col(TokenizedDataset.SPLIT), col(TokenizedDataset.LABEL));
    Dataset<Row> joined =
        ids.join(
                reviews.select(col(ReviewsDataset.ID), col(ReviewsDataset.TEXT)),
                ids.col(TokenizedDataset.ID).equalTo(reviews.col(ReviewsDataset.ID)),
                "left_outer")
            .select(
                ids.col(TokenizedDataset.ID),
                ids.col(TokenizedDataset.SPLIT),
                ids.col(TokenizedDataset.LABEL),
                reviews.col(ReviewsDataset.TEXT));
    requireText(joined, reviewsPath);
    Dataset<Row> scored =
        TextFrameScoring.score(
            joined,
            ReviewsDataset.TEXT,
            STATUS,
            ModelScoring.PROBABILITY,
            bundle,
            batchSize,
            io.imdbrnn.config.IngestSettings.MAX_REVIEW_BYTES_LIMIT);
    Column ok = col(STATUS).equalTo(TextStatus.OK);
    ClassOutputs<?> classes = ClassOutputs.of(bundle.labels());
    Column output =
        when(ok, col(classes.scoreColumn()))
            .otherwise(classes.noPreference())
            .as(classes.scoreColumn());
    return scored.select(
        col(TokenizedDataset.ID), col(TokenizedDataset.SPLIT), col(TokenizedDataset.LABEL), output);
  }
}
