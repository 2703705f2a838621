package io.imdbrnn.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ModelScoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The figures of one model's scored reviews, computed on the executors and collected small: the
 * curves are down-sampled by MLlib's {@link BinaryClassificationMetrics} (at most {@value #BINS}
 * thresholds), calibration has 10 bins, length 6 buckets, and 10 reviews are collected as text.
 */
public final class EvaluationFigures {
  static final int BINS = 200;
  static final int CALIBRATION_BINS = 10;
  static final int WRONG_SHOWN = 10;
  static final int EXCERPT_CHARS = 400;

  /** Bucket edges in words; 500 is the default max-len, beyond which the network reads no more. */
  static final int[] LENGTH_EDGES = {0, 100, 200, 300, 500, 1000};

  private EvaluationFigures() {}

  /**
   * @param scored {@code id}, {@code label}, {@code probability}, one row per review
   * @param reviews the reviews dataset, or null (no length or text figures)
   */
  public static ModelFigures of(
      String role,
      String modelId,
      Dataset<Row> scored,
      Dataset<Row> reviews,
      List<ModelFigures.Epoch> history,
      Map<String, String> provenance) {
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
    Dataset<Row> withText = reviews == null ? null : withText(rows, reviews);
    return new ModelFigures(
        role,
        modelId,
        metrics,
        roc,
        pr,
        calibration(rows),
        withText == null ? List.of() : byLength(withText),
        history,
        withText == null ? List.of() : mostConfidentlyWrong(withText),
        provenance);
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
    Column right =
        when(
                ModelScoring.predictedLabel(col(ModelScoring.PROBABILITY))
                    .equalTo(col(TokenizedDataset.LABEL)),
                1.0)
            .otherwise(0.0);
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

  static List<ModelFigures.WrongReview> mostConfidentlyWrong(Dataset<Row> withText) {
    Column p = col(ModelScoring.PROBABILITY);
    List<ModelFigures.WrongReview> out = new ArrayList<>();
    for (Row r :
        withText
            .filter(ModelScoring.predictedLabel(p).notEqual(col(TokenizedDataset.LABEL)))
            .orderBy(abs(p.minus(0.5)).desc(), col(TokenizedDataset.ID))
            .limit(WRONG_SHOWN)
            .collectAsList()) {
      out.add(
          new ModelFigures.WrongReview(
              r.getString(r.fieldIndex(TokenizedDataset.ID)),
              r.getInt(r.fieldIndex(TokenizedDataset.LABEL)),
              r.getDouble(r.fieldIndex(ModelScoring.PROBABILITY)),
              excerpt(r.getString(r.fieldIndex(ReviewsDataset.TEXT)))));
    }
    return out;
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
