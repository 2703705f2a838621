package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.labels.LabelIndex;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Two classes: one sigmoid output, the probability of the second class (IMDB's positive review),
 * decided at {@link ModelScoring#THRESHOLD}.
 */
public record TwoClassOutputs(LabelIndex labels) implements ClassOutputs<BinaryMetrics> {
  @Override
  public String scoreColumn() {
    return ModelScoring.PROBABILITY;
  }

  @Override
  public DataType scoreType() {
    return DataTypes.DoubleType;
  }

  @Override
  public Object score(double[] outputs) {
    return outputs[0];
  }

  @Override
  public Column scoreOf(Column distribution) {
    return distribution.getItem(1);
  }

  @Override
  public Column noPreference() {
    return lit(ModelScoring.THRESHOLD);
  }

  @Override
  public Column predictedIndex(Column score) {
    return ModelScoring.predictedLabel(score);
  }

  @Override
  public int predictedIndex(double[] outputs) {
    return outputs[0] >= ModelScoring.THRESHOLD ? 1 : 0;
  }

  @Override
  public Column confidence(Column score) {
    return greatest(score, lit(1.0).minus(score));
  }

  @Override
  public double probability(double[] outputs) {
    return outputs[0];
  }

  @Override
  public boolean distributed() {
    return false;
  }

  @Override
  public double[] distribution(double[] outputs) {
    return null;
  }

  @Override
  public Column predictedLabel(Column index) {
    return index;
  }

  @Override
  public Object predictedLabel(int index) {
    return index;
  }

  @Override
  public BinaryMetrics lossAndAccuracy(Dataset<Row> scored) {
    return BinaryMetrics.lossAndAccuracy(scored);
  }

  @Override
  public BinaryMetrics figures(Dataset<Row> scored, int topK) {
    return BinaryMetrics.full(scored);
  }

  @Override
  public void writePredictions(String dir, String modelId, Dataset<Row> scored) {
    EvaluationWriter.twoClassPredictions(dir, modelId, scored, labels);
  }

  @Override
  public void writeFigures(
      SparkSession spark, String dir, String modelId, String split, BinaryMetrics figures) {
    EvaluationWriter.twoClassFigures(spark, dir, modelId, split, figures, labels);
  }

  @Override
  public Optional<String> problem(Dataset<Row> predictions, String modelId, String split) {
    return PredictionsCheck.problem(predictions, modelId, split);
  }

  @Override
  public Dataset<Row> scored(Dataset<Row> predictions) {
    return predictions.select(
        col(TokenizedDataset.ID),
        col(TokenizedDataset.SPLIT),
        col(TokenizedDataset.LABEL),
        col(ModelScoring.PROBABILITY));
  }

  @Override
  public int topK(Row metrics, String path) {
    return 1;
  }

  @Override
  public BinaryMetrics recheck(Row metrics, Dataset<Row> scored, List<String> problems) {
    BinaryMetrics recorded = BinaryMetrics.fromRow(metrics);
    BinaryMetrics recomputed = BinaryMetrics.lossAndAccuracy(scored);
    compare(problems, "tp", recorded.truePositives(), recomputed.truePositives());
    compare(problems, "fp", recorded.falsePositives(), recomputed.falsePositives());
    compare(problems, "tn", recorded.trueNegatives(), recomputed.trueNegatives());
    compare(problems, "fn", recorded.falseNegatives(), recomputed.falseNegatives());
    return recomputed;
  }

  private static void compare(List<String> problems, String name, long recorded, long actual) {
    if (recorded != actual) {
      problems.add(name + " says " + recorded + ", the predictions give " + actual);
    }
  }

  @Override
  public boolean thresholded() {
    return true;
  }
}
