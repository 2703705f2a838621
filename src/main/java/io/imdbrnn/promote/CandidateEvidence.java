package io.imdbrnn.promote;

import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.PredictionsCheck;
import java.util.ArrayList;
import java.util.List;
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
    PredictionsCheck.problem(predictions, candidateId, "test")
        .ifPresent(
            p -> {
              throw refuse(evaluation, "predictions", List.of(p));
            });
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
