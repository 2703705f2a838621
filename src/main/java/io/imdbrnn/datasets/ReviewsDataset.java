package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The labeled texts written by ingest: one row per text (a review file, a table row). Called the
 * reviews dataset for the reference workload; any labeled text has the same shape.
 */
public final class ReviewsDataset {
  /**
   * Unique: the layout path without extension for files ({@code train/pos/0_9}), the id column's
   * value, or the source file and a digest of the row for tables without one.
   */
  public static final String ID = "id";

  /** {@code train} or {@code test}. */
  public static final String SPLIT = "split";

  /**
   * The user's label as a string ({@code pos}, {@code HUM}, {@code 4}); prepare numbers the classes
   * ({@link io.imdbrnn.labels.LabelIndex}).
   */
  public static final String LABEL = "label";

  /** The star rating from an aclImdb file name (7-10 for pos, 1-4 for neg); null elsewhere. */
  public static final String RATING = "rating";

  /** The review as written, HTML line breaks included. */
  public static final String TEXT = "text";

  public static final StructType SCHEMA =
      new StructType()
          .add(ID, StringType, false)
          .add(SPLIT, StringType, false)
          .add(LABEL, StringType, false)
          .add(RATING, IntegerType, true)
          .add(TEXT, StringType, false);

  /** Rejected files, written to {@code <output>/_rejected} by ingest in dropmalformed mode. */
  public static final String REJECTED_DIR = "_rejected";

  public static final String REJECTED_PATH = "path";
  public static final String REJECTED_REASON = "reason";
  public static final StructType REJECTED_SCHEMA =
      new StructType()
          .add(REJECTED_PATH, StringType, false)
          .add(REJECTED_REASON, StringType, false);

  private ReviewsDataset() {}

  public static Dataset<Row> read(SparkSession spark, String path) {
    return ParquetInput.read(spark, path, "Reviews dataset", SCHEMA, ReviewsDataset::upgrade);
  }

  /**
   * Datasets ingested before labels were strings hold IMDB's 1 (pos) and 0 (neg) as integers; they
   * read as {@code pos} and {@code neg}, and any other integer as null (refused by {@link
   * #requireLabels}).
   */
  private static Dataset<Row> upgrade(Dataset<Row> df) {
    if (!(df.schema().apply(LABEL).dataType() instanceof org.apache.spark.sql.types.IntegerType)) {
      return df;
    }
    org.apache.spark.sql.Column old = functions.col(LABEL);
    return df.withColumn(
        LABEL, functions.when(old.equalTo(1), "pos").when(old.equalTo(0), "neg").cast("string"));
  }

  /**
   * Fails as bad input, naming the dataset, the setting, a row's id and the count, when a row has
   * no id, split, label or text, a split other than train/test, or an empty label. One pass on the
   * executors; a dataset edited or written by another tool is caught before a model is fitted on
   * it.
   */
  public static void requireLabels(Dataset<Row> reviews, String path, String option) {
    org.apache.spark.sql.Column label = functions.col(LABEL);
    org.apache.spark.sql.Column split = functions.col(SPLIT);
    org.apache.spark.sql.Column[] problems = {
      functions.col(ID).isNull(),
      split.isNull().or(functions.not(split.isin("train", "test"))),
      label.isNull(),
      functions.trim(label).equalTo(""),
      functions.col(TEXT).isNull()
    };
    String[] names = {
      "no id", "no split or not train/test", "no label", "an empty label", "no text"
    };
    org.apache.spark.sql.Column[] sums = new org.apache.spark.sql.Column[problems.length];
    org.apache.spark.sql.Column any = functions.lit(false);
    for (int i = 0; i < problems.length; i++) {
      sums[i] = functions.sum(functions.when(problems[i], 1).otherwise(0));
      any = any.or(functions.coalesce(problems[i], functions.lit(false)));
    }
    Row counts = reviews.agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length)).first();
    java.util.List<String> found = new java.util.ArrayList<>();
    for (int i = 0; i < problems.length; i++) {
      long n = counts.isNullAt(i) ? 0 : counts.getLong(i);
      if (n > 0) {
        found.add(n + " with " + names[i]);
      }
    }
    if (!found.isEmpty()) {
      Row example = reviews.filter(any).select(ID).first();
      throw new io.imdbrnn.errors.BadInputException(
          String.format(
              "Reviews dataset %s (%s) has malformed rows: %s (e.g. the row with id %s). Labels"
                  + " must not be empty and no field may be null; re-run ingest.",
              path,
              option,
              String.join(", ", found),
              example.isNullAt(0) ? "null" : "'" + example.getString(0) + "'"));
    }
  }
}
