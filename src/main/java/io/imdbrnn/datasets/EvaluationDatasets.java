package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The two datasets evaluate writes under its output: {@code metrics/} and {@code predictions/}. */
public final class EvaluationDatasets {
  public static final String METRICS_DIR = "metrics";
  public static final String PREDICTIONS_DIR = "predictions";

  /** One row per evaluation; threshold 0.5. */
  public static final StructType METRICS_SCHEMA =
      new StructType()
          .add("model_id", StringType, false)
          .add("split", StringType, false)
          .add("n", LongType, false)
          .add("accuracy", DoubleType, false)
          .add("log_loss", DoubleType, false)
          .add("precision", DoubleType, false)
          .add("recall", DoubleType, false)
          .add("f1", DoubleType, false)
          .add("roc_auc", DoubleType, false)
          .add("pr_auc", DoubleType, false)
          .add("tp", LongType, false)
          .add("fp", LongType, false)
          .add("tn", LongType, false)
          .add("fn", LongType, false)
          .add("evaluated_at", TimestampType, false);

  public static final StructType PREDICTIONS_SCHEMA =
      new StructType()
          .add("id", StringType, false)
          .add("split", StringType, false)
          .add("label", IntegerType, false)
          .add("probability", DoubleType, false)
          .add("predicted_label", IntegerType, false)
          .add("model_id", StringType, false);

  /** One row per evaluation of a next-char model. */
  public static final StructType CHAR_METRICS_SCHEMA =
      new StructType()
          .add("model_id", StringType, false)
          .add("split", StringType, false)
          .add("reviews", LongType, false)
          .add("chars", LongType, false)
          .add("bits_per_char", DoubleType, false)
          .add("cross_entropy", DoubleType, false)
          .add("accuracy", DoubleType, false)
          .add("evaluated_at", TimestampType, false);

  /** One row per review of a next-char evaluation: its characters scored as one text. */
  public static final StructType CHAR_PREDICTIONS_SCHEMA =
      new StructType()
          .add("id", StringType, false)
          .add("split", StringType, false)
          .add("chars", LongType, false)
          .add("bits_per_char", DoubleType, false)
          .add("accuracy", DoubleType, false)
          .add("model_id", StringType, false);

  private EvaluationDatasets() {}

  public static String metricsPath(String output) {
    return output + "/" + METRICS_DIR;
  }

  public static String predictionsPath(String output) {
    return output + "/" + PREDICTIONS_DIR;
  }

  public static Dataset<Row> readMetrics(SparkSession spark, String evaluation) {
    return ParquetInput.read(spark, metricsPath(evaluation), "Evaluation metrics", METRICS_SCHEMA);
  }

  /** The one row of an evaluation's {@code metrics/}; bad input if there is not exactly one. */
  public static Row readMetricsRow(SparkSession spark, String evaluation) {
    java.util.List<Row> rows = readMetrics(spark, evaluation).collectAsList();
    if (rows.size() != 1) {
      throw new io.imdbrnn.errors.BadInputException(
          "Evaluation " + evaluation + " has " + rows.size() + " metrics rows, not one.");
    }
    return rows.get(0);
  }

  public static Dataset<Row> readPredictions(SparkSession spark, String evaluation) {
    return ParquetInput.read(
        spark, predictionsPath(evaluation), "Evaluation predictions", PREDICTIONS_SCHEMA);
  }
}
