package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.LabelColumns;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.labels.LabelIndex;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Writes an evaluation in the one layout every model is reported in ({@code metrics/}, one row, and
 * {@code predictions/}, one row per review): the RNN's {@code evaluate} and the baseline alike, so
 * their figures can be compared row for row.
 */
public final class EvaluationWriter {
  private EvaluationWriter() {}

  /**
   * A two-class model's {@code predictions/}: each row names its label and prediction.
   *
   * @param scored rows with {@code id}, {@code split}, {@code label} and {@code probability}
   */
  static void twoClassPredictions(
      String dir, String modelId, Dataset<Row> scored, LabelIndex labels) {
    scored
        .select(
            col(TokenizedDataset.ID),
            col(TokenizedDataset.SPLIT),
            col(TokenizedDataset.LABEL),
            col(ModelScoring.PROBABILITY),
            ModelScoring.predictedLabel(col(ModelScoring.PROBABILITY)).as("predicted_label"),
            lit(modelId).as("model_id"))
        .withColumn(
            EvaluationDatasets.LABEL_CLASS, LabelColumns.name(labels, col(TokenizedDataset.LABEL)))
        .withColumn(
            EvaluationDatasets.PREDICTED_CLASS, LabelColumns.name(labels, col("predicted_label")))
        .write()
        .parquet(EvaluationDatasets.predictionsPath(dir));
  }

  /** A two-class model's {@code metrics/}, one row, with the names of its two classes. */
  static void twoClassFigures(
      SparkSession spark,
      String dir,
      String modelId,
      String split,
      BinaryMetrics metrics,
      LabelIndex labels) {
    spark
        .createDataFrame(
            List.of(metrics.toRow(modelId, split, Timestamp.from(Instant.now()))),
            EvaluationDatasets.METRICS_SCHEMA)
        .withColumn(
            EvaluationDatasets.CLASS_NAMES,
            org.apache.spark.sql.functions.array(
                lit(labels.names().get(0)), lit(labels.names().get(1))))
        .coalesce(1)
        .write()
        .parquet(EvaluationDatasets.metricsPath(dir));
  }

  /**
   * A K-class model's {@code predictions/}, every label in the user's words.
   *
   * @param scored rows with {@code id}, {@code split}, {@code label} (the index) and {@code
   *     probabilities}
   */
  static void classPredictions(String dir, String modelId, Dataset<Row> scored, LabelIndex labels) {
    Column predicted = ClassMetrics.predicted();
    scored
        .select(
            col(TokenizedDataset.ID),
            col(TokenizedDataset.SPLIT),
            LabelColumns.name(labels, col(TokenizedDataset.LABEL)).as("label"),
            LabelColumns.name(labels, predicted).as("predicted_label"),
            org.apache
                .spark
                .sql
                .functions
                .array_max(col(ModelScoring.PROBABILITIES))
                .as("probability"),
            col(ModelScoring.PROBABILITIES),
            lit(modelId).as("model_id"))
        .write()
        .parquet(EvaluationDatasets.predictionsPath(dir));
  }

  /**
   * A K-class model's figures: {@code metrics/} (one row), {@code per_class/} and {@code
   * confusion/} (the non-zero cells), every label in the user's words.
   */
  static void classFigures(
      SparkSession spark,
      String dir,
      String modelId,
      String split,
      ClassMetrics m,
      LabelIndex labels) {
    Timestamp now = Timestamp.from(Instant.now());
    spark
        .createDataFrame(
            List.of(
                RowFactory.create(
                    modelId,
                    split,
                    m.n(),
                    labels.size(),
                    m.accuracy(),
                    m.logLoss(),
                    m.macroF1(),
                    m.weightedF1(),
                    m.topK(),
                    m.topKAccuracy(),
                    now)),
            EvaluationDatasets.CLASS_METRICS_SCHEMA)
        .coalesce(1)
        .write()
        .parquet(EvaluationDatasets.metricsPath(dir));
    List<Row> perClass = new ArrayList<>();
    List<Row> cells = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      ClassMetrics.PerClass p = m.perClass().get(c);
      perClass.add(
          RowFactory.create(
              c, p.label(), p.precision(), p.recall(), p.f1(), p.support(), p.predicted()));
      for (int o = 0; o < labels.size(); o++) {
        if (m.confusion()[c][o] > 0) {
          cells.add(RowFactory.create(labels.name(c), labels.name(o), m.confusion()[c][o]));
        }
      }
    }
    spark
        .createDataFrame(perClass, EvaluationDatasets.PER_CLASS_SCHEMA)
        .coalesce(1)
        .write()
        .parquet(dir + "/" + EvaluationDatasets.PER_CLASS_DIR);
    spark
        .createDataFrame(cells, EvaluationDatasets.CONFUSION_SCHEMA)
        .coalesce(1)
        .write()
        .parquet(dir + "/" + EvaluationDatasets.CONFUSION_DIR);
  }
}
