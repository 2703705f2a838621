package io.imdbrnn.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.ModelScoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import scala.Tuple2;

/**
 * The figures of one model's scored texts, computed on the executors and collected small: the
 * curves are down-sampled by MLlib's {@link BinaryClassificationMetrics} (at most {@value #BINS}
 * thresholds), calibration has 10 bins, length 6 buckets, the K-class figures K×K counts at most,
 * and a bounded number of wrong texts are collected as text.
 */
public final class EvaluationFigures {
  static final int BINS = 200;
  static final int CALIBRATION_BINS = 10;
  static final int WRONG_SHOWN = 10;

  /**
   * K classes: the worst mistakes of this many classes (those of the lowest F1), this many each.
   */
  static final int WORST_CLASSES = 20;

  static final int WRONG_PER_CLASS = 3;
  static final int EXCERPT_CHARS = 400;

  /** Bucket edges in words; 500 is the default max-len, beyond which the network reads no more. */
  static final int[] LENGTH_EDGES = {0, 100, 200, 300, 500, 1000};

  private static final String PREDICTED = "_predicted";
  private static final String CONFIDENCE = "_confidence";

  private EvaluationFigures() {}

  /**
   * @param scored {@code id}, {@code label} (the class index) and {@code probability} (two classes)
   *     or {@code probabilities} (more), one row per text
   * @param labels the classes, in index order
   * @param topK the k of the K-class top-k accuracy
   * @param reviews the texts dataset, or null (no length or text figures)
   */
  public static ModelFigures of(
      String role,
      String modelId,
      Dataset<Row> scored,
      LabelIndex labels,
      int topK,
      Dataset<Row> reviews,
      List<ModelFigures.Epoch> history,
      Map<String, String> provenance) {
    ClassOutputs<?> outputs = ClassOutputs.of(labels);
    // One score and a threshold have curves; a distribution has its per-class figures.
    ModelFigures.Scores scores =
        outputs.thresholded()
            ? twoClasses(scored)
            : new ModelFigures.Classes(ClassMetrics.full(scored, labels, topK));
    Column score = col(outputs.scoreColumn());
    // One form for the figures every kind has: the predicted class and its probability.
    Dataset<Row> decided =
        scored.select(
            col(TokenizedDataset.ID),
            col(TokenizedDataset.LABEL),
            outputs.predictedIndex(score).as(PREDICTED),
            outputs.confidence(score).as(CONFIDENCE));
    Dataset<Row> withText = reviews == null ? null : withText(decided, reviews);
    return new ModelFigures(
        role,
        modelId,
        scores,
        withText == null ? List.of() : byLength(withText),
        history,
        withText == null ? List.of() : wrong(withText, labels, scores),
        provenance);
  }

  private static ModelFigures.TwoClasses twoClasses(Dataset<Row> scored) {
    Dataset<Row> rows =
        scored.select(
            col(TokenizedDataset.ID), col(TokenizedDataset.LABEL), col(ModelScoring.PROBABILITY));
    BinaryMetrics metrics = BinaryMetrics.full(rows);
    BinaryClassificationMetrics curves =
        new BinaryClassificationMetrics(
            rows.select(col(ModelScoring.PROBABILITY), col(TokenizedDataset.LABEL).cast("double"))
                .toJavaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)))
                .rdd(),
            BINS);
    List<ModelFigures.Point> roc = points(curves.roc().toJavaRDD().collect());
    List<ModelFigures.Point> pr = points(curves.pr().toJavaRDD().collect());
    curves.unpersist();
    return new ModelFigures.TwoClasses(metrics, roc, pr, calibration(rows));
  }

  private static List<ModelFigures.Point> points(List<Tuple2<Object, Object>> curve) {
    List<ModelFigures.Point> out = new ArrayList<>(curve.size());
    for (Tuple2<Object, Object> t : curve) {
      out.add(new ModelFigures.Point((Double) t._1(), (Double) t._2()));
    }
    return out;
  }

  static List<ModelFigures.CalibrationBin> calibration(Dataset<Row> rows) {
    Column p = col(ModelScoring.PROBABILITY);
    Column bin = least(floor(p.multiply(CALIBRATION_BINS)), lit(CALIBRATION_BINS - 1)).cast("int");
    List<ModelFigures.CalibrationBin> out = new ArrayList<>();
    for (Row r :
        rows.groupBy(bin.as("bin"))
            .agg(avg(p), avg(col(TokenizedDataset.LABEL)), count(lit(1)))
            .orderBy("bin")
            .collectAsList()) {
      out.add(
          new ModelFigures.CalibrationBin(
              r.getInt(0) / (double) CALIBRATION_BINS,
              r.getDouble(1),
              r.getDouble(2),
              r.getLong(3)));
    }
    return out;
  }

  private static Dataset<Row> withText(Dataset<Row> rows, Dataset<Row> reviews) {
    Dataset<Row> texts =
        reviews.select(col(ReviewsDataset.ID).as("_rid"), col(ReviewsDataset.TEXT));
    return rows.join(texts, rows.col(TokenizedDataset.ID).equalTo(texts.col("_rid")), "inner")
        .drop("_rid");
  }

  static List<ModelFigures.LengthBucket> byLength(Dataset<Row> withText) {
    Column words = size(split(trim(col(ReviewsDataset.TEXT)), "\\s+"));
    Column bucket = lit(LENGTH_EDGES.length - 1);
    for (int i = LENGTH_EDGES.length - 1; i >= 1; i--) {
      bucket = when(words.lt(LENGTH_EDGES[i]), lit(i - 1)).otherwise(bucket);
    }
    Column right = when(col(PREDICTED).equalTo(col(TokenizedDataset.LABEL)), 1.0).otherwise(0.0);
    List<ModelFigures.LengthBucket> out = new ArrayList<>();
    for (Row r :
        withText
            .groupBy(bucket.as("bucket"))
            .agg(count(lit(1)), avg(right))
            .orderBy("bucket")
            .collectAsList()) {
      int b = r.getInt(0);
      String label =
          b == LENGTH_EDGES.length - 1
              ? LENGTH_EDGES[b] + "+"
              : LENGTH_EDGES[b] + "-" + (LENGTH_EDGES[b + 1] - 1);
      out.add(new ModelFigures.LengthBucket(label, r.getLong(1), r.getDouble(2)));
    }
    return out;
  }

  /**
   * Two classes: the {@value #WRONG_SHOWN} most confidently wrong texts. More: the {@value
   * #WRONG_PER_CLASS} most confidently wrong of each of the {@value #WORST_CLASSES} classes of the
   * lowest F1 (those with texts), grouped by class.
   */
  static List<ModelFigures.WrongText> wrong(
      Dataset<Row> withText, LabelIndex labels, ModelFigures.Scores scores) {
    Dataset<Row> wrong = withText.filter(col(PREDICTED).notEqual(col(TokenizedDataset.LABEL)));
    Column order = col(CONFIDENCE).desc();
    Dataset<Row> shown;
    if (scores instanceof ModelFigures.Classes k) {
      List<Integer> worst = worstClasses(k.metrics());
      WindowSpec perClass =
          Window.partitionBy(col(TokenizedDataset.LABEL)).orderBy(order, col(TokenizedDataset.ID));
      shown =
          wrong
              .filter(col(TokenizedDataset.LABEL).isin(worst.toArray()))
              .withColumn("_rank", row_number().over(perClass))
              .filter(col("_rank").leq(WRONG_PER_CLASS))
              .orderBy(col(TokenizedDataset.LABEL), order, col(TokenizedDataset.ID));
    } else {
      shown = wrong.orderBy(order, col(TokenizedDataset.ID)).limit(WRONG_SHOWN);
    }
    List<ModelFigures.WrongText> out = new ArrayList<>();
    for (Row r : shown.collectAsList()) {
      out.add(
          new ModelFigures.WrongText(
              r.getString(r.fieldIndex(TokenizedDataset.ID)),
              labels.name(r.getInt(r.fieldIndex(TokenizedDataset.LABEL))),
              labels.name(r.getInt(r.fieldIndex(PREDICTED))),
              r.getDouble(r.fieldIndex(CONFIDENCE)),
              excerpt(r.getString(r.fieldIndex(ReviewsDataset.TEXT)))));
    }
    return out;
  }

  /** The classes of the lowest F1 among those with texts, at most {@value #WORST_CLASSES}. */
  static List<Integer> worstClasses(ClassMetrics m) {
    List<Integer> classes = new ArrayList<>();
    for (int c = 0; c < m.perClass().size(); c++) {
      if (m.perClass().get(c).support() > 0) {
        classes.add(c);
      }
    }
    classes.sort(
        java.util.Comparator.<Integer>comparingDouble(c -> m.perClass().get(c).f1())
            .thenComparing(c -> c));
    return classes.subList(0, Math.min(WORST_CLASSES, classes.size()));
  }

  /** The start of a review as plain text: HTML line breaks as spaces, cut at a word. */
  static String excerpt(String text) {
    String plain = text.replaceAll("(?i)<br\\s*/?>", " ").replaceAll("\\s+", " ").strip();
    if (plain.length() <= EXCERPT_CHARS) {
      return plain;
    }
    int cut = plain.lastIndexOf(' ', EXCERPT_CHARS);
    return plain.substring(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS) + " …";
  }
}
