package io.imdbrnn.scoring;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An evaluation written by {@code evaluate} or {@code baseline}, read back for a figure or a
 * decision, of a model of any number of classes. Nothing in it is trusted: {@link #read} checks the
 * one metrics row and the classes, and {@link #scored} refuses predictions that do not hold up (see
 * {@link PredictionsCheck}) before handing them out in the form the metrics are computed on.
 *
 * @param path where the evaluation is, for messages
 * @param metrics its one {@code metrics/} row
 * @param labels its classes, in index order (neg and pos for two classes)
 * @param predictions its {@code predictions/}, as written
 */
public record CheckedEvaluation(
    String path, Row metrics, LabelIndex labels, Dataset<Row> predictions) {

  public static CheckedEvaluation read(SparkSession spark, String path) {
    Row metrics = EvaluationDatasets.readMetricsRow(spark, path);
    return new CheckedEvaluation(
        path,
        metrics,
        EvaluationDatasets.readClasses(spark, path),
        EvaluationDatasets.readPredictions(spark, path));
  }

  /** How this evaluation's figures and predictions are written and read: its classes' kind. */
  public ClassOutputs<?> outputs() {
    return ClassOutputs.of(labels);
  }

  public String modelId() {
    return metrics.getString(metrics.fieldIndex("model_id"));
  }

  public String split() {
    return metrics.getString(metrics.fieldIndex("split"));
  }

  /** The row count the metrics claim. */
  public long recordedN() {
    return metrics.getLong(metrics.fieldIndex("n"));
  }

  public double recordedAccuracy() {
    return metrics.getDouble(metrics.fieldIndex("accuracy"));
  }

  public double recordedLogLoss() {
    return metrics.getDouble(metrics.fieldIndex("log_loss"));
  }

  /** The k of a K-class evaluation's top-k accuracy; 1 for two classes. */
  public int topK() {
    return outputs().topK(metrics, path);
  }

  /** What is wrong with the predictions as {@code modelId}'s, of {@code split} (null: any). */
  public Optional<String> problem(String modelId, String split) {
    return outputs().problem(predictions, modelId, split);
  }

  /**
   * The predictions as the metrics read them: {@code id}, {@code split}, {@code label} (the class
   * index) and the model's output, {@code probability} for two classes or {@code probabilities} for
   * more; bad input when they do not hold up as this evaluation's model's.
   *
   * @param option the setting that named this evaluation, for the message
   */
  public Dataset<Row> scored(String option) {
    problem(modelId(), null)
        .ifPresent(
            p -> {
              throw new BadInputException(
                  String.format(
                      "Evaluation %s (%s) cannot be trusted: %s. Re-run evaluate.",
                      path, option, p));
            });
    return outputs().scored(predictions);
  }

  /** Refuses a model of other classes than this evaluation's: its figures would not compare. */
  public void requireSameClasses(LabelIndex other, String what) {
    if (!labels.equals(other)) {
      throw new BadInputException(
          String.format(
              "%s tells apart the classes %s; evaluation %s is of the classes %s.",
              what, other.shown(), path, labels.shown()));
    }
  }
}
