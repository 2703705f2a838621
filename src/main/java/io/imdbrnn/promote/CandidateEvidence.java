package io.imdbrnn.promote;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ModelScoring;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The candidate's figures, checked rather than trusted: the evaluation's {@code metrics/} row must
 * be of this model on test data, finite and in range, and agree with the {@code predictions/} it
 * summarises (row count, confusion counts, accuracy recomputed from the rows, every probability a
 * number in [0, 1] that gives its predicted label). An evaluation edited by hand, or one whose
 * model produced NaN, is refused as bad input; the figures returned are the recomputed ones.
 */
final class CandidateEvidence {
  private static final double SLACK = 1e-9;

  private CandidateEvidence() {}

  static BinaryMetrics verified(SparkSession spark, String evaluation, String candidateId) {
    Row m = EvaluationDatasets.readMetricsRow(spark, evaluation);
    String evaluatedId = m.getString(m.fieldIndex("model_id"));
    if (!candidateId.equals(evaluatedId)) {
      throw new BadInputException(
          String.format(
              "Evaluation %s (%s) is of model %s, not of the candidate %s.",
              evaluation, PromoteSettings.EVALUATION, evaluatedId, candidateId));
    }
    String split = m.getString(m.fieldIndex("split"));
    if (!"test".equals(split)) {
      throw new BadInputException(
          "Evaluation "
              + evaluation
              + " scored the "
              + split
              + " split; promotion compares models on test data.");
    }
    BinaryMetrics recorded = BinaryMetrics.fromRow(m);
    List<String> problems = new ArrayList<>();
    if (recorded.n() <= 0) {
      problems.add("n is " + recorded.n());
    }
    requireUnit(problems, "accuracy", recorded.accuracy());
    if (!(recorded.logLoss() >= 0) || Double.isInfinite(recorded.logLoss())) {
      problems.add("log_loss is " + recorded.logLoss());
    }
    if (!problems.isEmpty()) {
      throw refuse(evaluation, "metrics", problems);
    }
    Dataset<Row> predictions = EvaluationDatasets.readPredictions(spark, evaluation);
    requireSound(predictions, evaluation, candidateId);
    BinaryMetrics recomputed = BinaryMetrics.lossAndAccuracy(predictions);
    compare(problems, "rows (n)", recorded.n(), recomputed.n());
    compare(problems, "tp", recorded.truePositives(), recomputed.truePositives());
    compare(problems, "fp", recorded.falsePositives(), recomputed.falsePositives());
    compare(problems, "tn", recorded.trueNegatives(), recomputed.trueNegatives());
    compare(problems, "fn", recorded.falseNegatives(), recomputed.falseNegatives());
    if (Math.abs(recorded.accuracy() - recomputed.accuracy()) > SLACK) {
      problems.add(
          String.format(
              "accuracy says %.6f, the predictions give %.6f",
              recorded.accuracy(), recomputed.accuracy()));
    }
    if (!problems.isEmpty()) {
      throw refuse(evaluation, "metrics and predictions", problems);
    }
    return recomputed;
  }

  /** Every prediction row is of this model, on test data, with a usable probability. */
  private static void requireSound(Dataset<Row> predictions, String evaluation, String modelId) {
    Column p = col(ModelScoring.PROBABILITY);
    Column label = col("label");
    Column bad =
        p.isNull()
            .or(p.isNaN())
            .or(p.lt(0))
            .or(p.gt(1))
            .or(label.isNull())
            .or(org.apache.spark.sql.functions.not(label.isin(0, 1)))
            .or(col("predicted_label").isNull())
            .or(col("predicted_label").notEqual(ModelScoring.predictedLabel(p)))
            .or(col("model_id").isNull())
            .or(col("model_id").notEqual(lit(modelId)))
            .or(col("split").notEqual(lit("test")));
    Row r = predictions.agg(count(lit(1)), sum(when(bad, 1).otherwise(0))).first();
    long rows = r.getLong(0);
    long badRows = r.isNullAt(1) ? 0 : r.getLong(1);
    if (rows == 0) {
      throw refuse(evaluation, "predictions", List.of("there are none"));
    }
    if (badRows > 0) {
      Row example = predictions.filter(bad).select("id").first();
      throw refuse(
          evaluation,
          "predictions",
          List.of(
              badRows
                  + " of "
                  + rows
                  + " rows (e.g. id "
                  + example.getString(0)
                  + ") are not a test prediction of "
                  + modelId
                  + " with a probability in [0, 1] that gives its predicted_label"));
    }
  }

  private static void requireUnit(List<String> problems, String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      problems.add(name + " is " + v);
    }
  }

  private static void compare(List<String> problems, String name, long recorded, long actual) {
    if (recorded != actual) {
      problems.add(name + " says " + recorded + ", the predictions give " + actual);
    }
  }

  private static BadInputException refuse(String evaluation, String what, List<String> problems) {
    return new BadInputException(
        String.format(
            "Evaluation %s (%s) cannot be trusted: its %s do not hold up (%s). Re-run evaluate;"
                + " nothing was promoted.",
            evaluation, PromoteSettings.EVALUATION, what, String.join("; ", problems)));
  }
}
