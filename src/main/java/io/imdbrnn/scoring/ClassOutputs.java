package io.imdbrnn.scoring;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.labels.LabelIndex;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;

/**
 * A classifier's outputs and how every stage reads them: the one place that tells a two-class model
 * (one sigmoid output, the second class's probability, which IMDB's sentiment has always been) from
 * a K-class one (a softmax, one probability per class). Scoring, evaluation, validation,
 * prediction, reports, promotion, the baseline and the Spark ML model ask it and never compare
 * class counts themselves, so the two kinds cannot drift apart stage by stage.
 *
 * <p>Scored rows carry {@link #scoreColumn()}: {@link ModelScoring#PROBABILITY} (a double) for two
 * classes, {@link ModelScoring#PROBABILITIES} (an array in class index order) for more.
 *
 * @param <M> the figures an evaluation of this kind computes and writes
 */
public sealed interface ClassOutputs<M extends AccuracyFigures> extends Serializable
    permits TwoClassOutputs, ManyClassOutputs {

  /** The outputs of a classifier of {@code labels}, following {@link LabelIndex#outputs()}. */
  static ClassOutputs<?> of(LabelIndex labels) {
    return labels.outputs() == 1 ? new TwoClassOutputs(labels) : new ManyClassOutputs(labels);
  }

  LabelIndex labels();

  /** The column of scored rows that holds the network's answer. */
  String scoreColumn();

  /** The Spark type of {@link #scoreColumn()}. */
  DataType scoreType();

  /** The value of {@link #scoreColumn()} for one text, from the network's outputs for it. */
  Object score(double[] outputs);

  /**
   * The score column from a whole distribution over the classes in index order (a model of another
   * kind's, such as the baseline's logistic regression).
   */
  Column scoreOf(Column distribution);

  /** The score of a text the network could not read: no class preferred over another. */
  Column noPreference();

  /** The predicted class index (int) from a score column; null where it is null. */
  Column predictedIndex(Column score);

  /** The predicted class index for one text, from the network's outputs for it. */
  int predictedIndex(double[] outputs);

  /** The probability of the predicted class, from a score column. */
  Column confidence(Column score);

  /**
   * The probability a prediction reports for one text: the positive (second) class's for two
   * classes, as always; the predicted class's for more.
   */
  double probability(double[] outputs);

  /**
   * Whether predictions list every class's probability beside the one they report: for more than
   * two classes; for two, the reported probability says it all.
   */
  boolean distributed();

  /**
   * Every class's probability in class index order, as predictions list them; null unless {@link
   * #distributed()}.
   */
  double[] distribution(double[] outputs);

  /**
   * The predicted label in the form {@code predict} has always written it: the class index (0 or 1)
   * for two classes, the class as the training data named it for more.
   */
  Column predictedLabel(Column index);

  /** {@link #predictedLabel(Column)} for one text's predicted index. */
  Object predictedLabel(int index);

  /** Loss and accuracy only, in one pass: what validation and promotion need. */
  AccuracyFigures lossAndAccuracy(Dataset<Row> scored);

  /** Every figure of this kind of evaluation. */
  M figures(Dataset<Row> scored, int topK);

  /** Writes scored rows as an evaluation's {@code predictions/}, one row per text. */
  void writePredictions(String dir, String modelId, Dataset<Row> scored);

  /** Writes the figures into an evaluation directory ({@code metrics/} and the rest). */
  void writeFigures(SparkSession spark, String dir, String modelId, String split, M figures);

  /**
   * Writes an evaluation of scored rows into {@code dir}: first the predictions, which runs the
   * scoring once, then the figures, computed from the predictions as written. Nothing is cached, so
   * executors and driver hold no more than a partition and the figures (K×K counts at most),
   * whatever the number of texts and classes (a cached K-class distribution per text needed
   * gigabytes of executor heap at 1,000 classes).
   */
  default M evaluate(String dir, String modelId, String split, Dataset<Row> scored, int topK) {
    SparkSession spark = scored.sparkSession();
    writePredictions(dir, modelId, scored);
    Dataset<Row> written = spark.read().parquet(EvaluationDatasets.predictionsPath(dir));
    M figures = figures(scored(written), topK);
    writeFigures(spark, dir, modelId, split, figures);
    return figures;
  }

  /**
   * What is wrong with an evaluation's written {@code predictions/} as {@code modelId}'s, of {@code
   * split} (null: any), read as this kind writes them.
   */
  Optional<String> problem(Dataset<Row> predictions, String modelId, String split);

  /**
   * Written {@code predictions/} in the form the figures are computed on: {@code id}, {@code
   * split}, {@code label} (the class index) and the score column.
   */
  Dataset<Row> scored(Dataset<Row> predictions);

  /** The k of top-k accuracy that a written {@code metrics/} row records; 1 where it has none. */
  int topK(Row metrics, String path);

  /**
   * Loss and accuracy recomputed from scored predictions; where a figure only this kind records
   * (two classes: the confusion counts) disagrees with the {@code metrics/} row, says so in {@code
   * problems}.
   */
  AccuracyFigures recheck(Row metrics, Dataset<Row> scored, List<String> problems);

  /**
   * Whether the answer is one score that a threshold turns into a class, so that ROC and PR curves
   * and a calibration plot describe it.
   */
  boolean thresholded();
}
