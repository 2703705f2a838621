package io.imdbrnn.promote;

import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.CheckedEvaluation;
import io.imdbrnn.scoring.ClassOutputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The candidate's figures, checked rather than trusted: the evaluation's {@code metrics/} row must
 * be of this model on test data, of the model's classes, finite and in range, and agree with the
 * {@code predictions/} it summarises (row count, accuracy recomputed from the rows, and for two
 * classes the confusion counts; every row's probabilities numbers that give its predicted label).
 * An evaluation edited by hand, or one whose model produced NaN, is refused as bad input; the
 * figures returned are the recomputed ones.
 */
final class CandidateEvidence {
  private static final double SLACK = 1e-9;

  /**
   * @param scored the evaluation's predictions as the metrics read them ({@link
   *     CheckedEvaluation#scored})
   */
  record Verified(long n, double accuracy, LabelIndex labels, Dataset<Row> scored) {}

  private CandidateEvidence() {}

  static Verified verified(
      SparkSession spark, String evaluation, String candidateId, LabelIndex candidateLabels) {
    CheckedEvaluation e = CheckedEvaluation.read(spark, evaluation);
    if (!candidateId.equals(e.modelId())) {
      throw new BadInputException(
          String.format(
              "Evaluation %s (%s) is of model %s, not of the candidate %s.",
              evaluation, PromoteSettings.EVALUATION, e.modelId(), candidateId));
    }
    if (!"test".equals(e.split())) {
      throw new BadInputException(
          "Evaluation "
              + evaluation
              + " scored the "
              + e.split()
              + " split; promotion compares models on test data.");
    }
    e.requireSameClasses(candidateLabels, "The candidate " + candidateId);
    List<String> problems = new ArrayList<>();
    if (e.recordedN() <= 0) {
      problems.add("n is " + e.recordedN());
    }
    if (!(e.recordedAccuracy() >= 0 && e.recordedAccuracy() <= 1)) {
      problems.add("accuracy is " + e.recordedAccuracy());
    }
    if (!(e.recordedLogLoss() >= 0) || Double.isInfinite(e.recordedLogLoss())) {
      problems.add("log_loss is " + e.recordedLogLoss());
    }
    if (!problems.isEmpty()) {
      throw refuse(evaluation, "metrics", problems);
    }
    e.problem(candidateId, "test")
        .ifPresent(
            p -> {
              throw refuse(evaluation, "predictions", List.of(p));
            });
    Dataset<Row> scored = e.scored(PromoteSettings.EVALUATION);
    AccuracyFigures recomputed = e.outputs().recheck(e.metrics(), scored, problems);
    long n = recomputed.n();
    double accuracy = recomputed.accuracy();
    if (e.recordedN() != n) {
      problems.add("rows (n) says " + e.recordedN() + ", the predictions give " + n);
    }
    if (Math.abs(e.recordedAccuracy() - accuracy) > SLACK) {
      problems.add(
          String.format(
              "accuracy says %.6f, the predictions give %.6f", e.recordedAccuracy(), accuracy));
    }
    if (!problems.isEmpty()) {
      throw refuse(evaluation, "metrics and predictions", problems);
    }
    return new Verified(n, accuracy, e.labels(), scored);
  }

  /** Accuracy of a model's scored rows, of either kind ({@link CheckedEvaluation#scored}). */
  static double accuracy(Dataset<Row> scored, LabelIndex labels) {
    return ClassOutputs.of(labels).lossAndAccuracy(scored).accuracy();
  }

  private static BadInputException refuse(String evaluation, String what, List<String> problems) {
    return new BadInputException(
        String.format(
            "Evaluation %s (%s) cannot be trusted: its %s do not hold up (%s). Re-run evaluate;"
                + " nothing was promoted.",
            evaluation, PromoteSettings.EVALUATION, what, String.join("; ", problems)));
  }
}
