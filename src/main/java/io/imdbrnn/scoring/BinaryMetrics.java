package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.datasets.TokenizedDataset;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Binary classification metrics of scored rows ({@code label} 0/1, {@code probability}), computed
 * on the executors. The decision threshold is {@link ModelScoring#THRESHOLD}; log loss clips
 * probabilities to [1e-7, 1 - 1e-7] as Keras does.
 */
public record BinaryMetrics(
    long n,
    double accuracy,
    double logLoss,
    double precision,
    double recall,
    double f1,
    double rocAuc,
    double prAuc,
    long truePositives,
    long falsePositives,
    long trueNegatives,
    long falseNegatives)
    implements AccuracyFigures {
  private static final double EPSILON = 1e-7;

  /** The row of {@code metrics/} ({@code EvaluationDatasets.METRICS_SCHEMA}) for these figures. */
  public Row toRow(String modelId, String split, java.sql.Timestamp evaluatedAt) {
    return org.apache.spark.sql.RowFactory.create(
        modelId,
        split,
        n,
        accuracy,
        logLoss,
        precision,
        recall,
        f1,
        rocAuc,
        prAuc,
        truePositives,
        falsePositives,
        trueNegatives,
        falseNegatives,
        evaluatedAt);
  }

  /** The figures of a {@code metrics/} row, as {@link #toRow} wrote them. */
  public static BinaryMetrics fromRow(Row m) {
    return new BinaryMetrics(
        m.getLong(m.fieldIndex("n")),
        m.getDouble(m.fieldIndex("accuracy")),
        m.getDouble(m.fieldIndex("log_loss")),
        m.getDouble(m.fieldIndex("precision")),
        m.getDouble(m.fieldIndex("recall")),
        m.getDouble(m.fieldIndex("f1")),
        m.getDouble(m.fieldIndex("roc_auc")),
        m.getDouble(m.fieldIndex("pr_auc")),
        m.getLong(m.fieldIndex("tp")),
        m.getLong(m.fieldIndex("fp")),
        m.getLong(m.fieldIndex("tn")),
        m.getLong(m.fieldIndex("fn")));
  }

  @Override
  public String summary() {
    return String.format(
        "accuracy %.4f, log loss %.4f, precision %.4f, recall %.4f, F1 %.4f, ROC AUC %.4f, PR AUC"
            + " %.4f (TP %d, FP %d, TN %d, FN %d)",
        accuracy,
        logLoss,
        precision,
        recall,
        f1,
        rocAuc,
        prAuc,
        truePositives,
        falsePositives,
        trueNegatives,
        falseNegatives);
  }

  /** Loss and accuracy only: one pass, for per-epoch validation. */
  public static BinaryMetrics lossAndAccuracy(Dataset<Row> scored) {
    return counts(scored, Double.NaN, Double.NaN);
  }

  /** Everything, ROC and PR AUC included (two more passes). */
  public static BinaryMetrics full(Dataset<Row> scored) {
    Dataset<Row> input =
        scored.select(
            col(TokenizedDataset.LABEL).cast("double").as("label"), col(ModelScoring.PROBABILITY));
    BinaryClassificationEvaluator evaluator =
        new BinaryClassificationEvaluator()
            .setLabelCol("label")
            .setRawPredictionCol(ModelScoring.PROBABILITY);
    double roc = evaluator.setMetricName("areaUnderROC").evaluate(input);
    double pr = evaluator.setMetricName("areaUnderPR").evaluate(input);
    return counts(scored, roc, pr);
  }

  private static BinaryMetrics counts(Dataset<Row> scored, double roc, double pr) {
    Column label = col(TokenizedDataset.LABEL);
    Column p = least(greatest(col(ModelScoring.PROBABILITY), lit(EPSILON)), lit(1 - EPSILON));
    Column predicted = ModelScoring.predictedLabel(col(ModelScoring.PROBABILITY));
    Column loss =
        when(label.equalTo(1), log(p).multiply(-1)).otherwise(log(lit(1).minus(p)).multiply(-1));
    Row r =
        scored
            .agg(
                count(lit(1)),
                avg(loss),
                sum(when(predicted.equalTo(1).and(label.equalTo(1)), 1).otherwise(0)),
                sum(when(predicted.equalTo(1).and(label.equalTo(0)), 1).otherwise(0)),
                sum(when(predicted.equalTo(0).and(label.equalTo(0)), 1).otherwise(0)),
                sum(when(predicted.equalTo(0).and(label.equalTo(1)), 1).otherwise(0)))
            .first();
    long n = r.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("No rows to evaluate.");
    }
    long tp = r.getLong(2);
    long fp = r.getLong(3);
    long tn = r.getLong(4);
    long fn = r.getLong(5);
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new BinaryMetrics(
        n, (double) (tp + tn) / n, r.getDouble(1), precision, recall, f1, roc, pr, tp, fp, tn, fn);
  }
}
