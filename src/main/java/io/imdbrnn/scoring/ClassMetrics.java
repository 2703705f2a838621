package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.labels.LabelIndex;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Metrics of a K-class classifier over scored rows ({@code label}, the class index, and {@code
 * probabilities}), computed on the executors: only the K×K confusion counts (the pairs that occur)
 * reach the driver, never rows. The prediction is the most probable class (the first on ties); log
 * loss clips the true class's probability at 1e-7, as the binary metrics do. Macro-F1 averages over
 * the classes that occur in the split or are predicted (as scikit-learn does), weighted-F1 weighs
 * each by its support.
 *
 * @param topK the k of {@code topKAccuracy}: the true class among the k most probable
 * @param perClass precision, recall, F1 and support of each class, in class index order
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record ClassMetrics(
    long n,
    double accuracy,
    double logLoss,
    double macroF1,
    double weightedF1,
    int topK,
    double topKAccuracy,
    List<PerClass> perClass,
    long[][] confusion)
    implements AccuracyFigures {
  private static final double EPSILON = 1e-7;

  /** One class's figures; precision is 0 for a class never predicted. */
  public record PerClass(
      String label, double precision, double recall, double f1, long support, long predicted) {}

  /** The predicted class index: the first of the most probable. */
  public static Column predicted() {
    return ModelScoring.predictedClass(col(ModelScoring.PROBABILITIES));
  }

  private static Column trueProbability() {
    return expr(
        "element_at(" + ModelScoring.PROBABILITIES + ", " + TokenizedDataset.LABEL + " + 1)");
  }

  private static Column loss() {
    return negativeLog(trueProbability());
  }

  private static Column negativeLog(Column p) {
    return org.apache
        .spark
        .sql
        .functions
        .log(org.apache.spark.sql.functions.greatest(p, lit(EPSILON)))
        .multiply(-1);
  }

  /** Whether the true class is among the {@code k} most probable (ties count in its favour). */
  private static Column inTopK(int k) {
    return expr(
        "size(filter("
            + ModelScoring.PROBABILITIES
            + ", p -> p > element_at("
            + ModelScoring.PROBABILITIES
            + ", "
            + TokenizedDataset.LABEL
            + " + 1))) < "
            + k);
  }

  /** The figures of one pass: rows, mean log loss and accuracy. */
  public record Summary(long n, double logLoss, double accuracy) implements AccuracyFigures {}

  /** Loss and accuracy only, in one pass: per-epoch validation, promotion. */
  public static Summary lossAndAccuracy(Dataset<Row> scored) {
    Row r =
        scored
            .agg(
                count(lit(1)),
                avg(loss()),
                sum(when(predicted().equalTo(col(TokenizedDataset.LABEL)), 1).otherwise(0)))
            .first();
    long n = r.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("No rows to evaluate.");
    }
    return new Summary(n, r.getDouble(1), (double) r.getLong(2) / n);
  }

  /** Everything: one pass for the sums, one for the confusion counts. */
  public static ClassMetrics full(Dataset<Row> scored, LabelIndex labels, int topK) {
    int k = Math.min(topK, labels.size());
    Row r = scored.agg(count(lit(1)), avg(loss()), sum(when(inTopK(k), 1).otherwise(0))).first();
    long n = r.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("No rows to evaluate.");
    }
    int classes = labels.size();
    long[][] confusion = new long[classes][classes];
    for (Row c :
        scored
            .groupBy(col(TokenizedDataset.LABEL), predicted().as("predicted"))
            .count()
            .collectAsList()) {
      confusion[c.getInt(0)][c.getInt(1)] = c.getLong(2);
    }
    return of(n, r.getDouble(1), k, (double) r.getLong(2) / n, labels, confusion);
  }

  /** The figures that follow from the confusion counts. */
  public static ClassMetrics of(
      long n, double logLoss, int k, double topKAccuracy, LabelIndex labels, long[][] confusion) {
    int classes = labels.size();
    long correct = 0;
    double macro = 0;
    double weighted = 0;
    int seen = 0;
    List<PerClass> per = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      long support = 0;
      long predicted = 0;
      for (int o = 0; o < classes; o++) {
        support += confusion[c][o];
        predicted += confusion[o][c];
      }
      long tp = confusion[c][c];
      correct += tp;
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      per.add(new PerClass(labels.name(c), precision, recall, f1, support, predicted));
      if (support + predicted > 0) {
        macro += f1;
        seen++;
      }
      weighted += f1 * support / n;
    }
    return new ClassMetrics(
        n, (double) correct / n, logLoss, macro / seen, weighted, k, topKAccuracy, per, confusion);
  }

  @Override
  public String summary() {
    return String.format(
        "accuracy %.4f, log loss %.4f, macro-F1 %.4f, weighted-F1 %.4f, top-%d accuracy %.4f"
            + " (%d classes)",
        accuracy, logLoss, macroF1, weightedF1, topK, topKAccuracy, perClass.size());
  }
}
