package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.datasets.LabelColumns;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** K > 2 classes: a softmax, one probability per class; the most probable class is predicted. */
public record ManyClassOutputs(LabelIndex labels) implements ClassOutputs<ClassMetrics> {
  @Override
  public String scoreColumn() {
    return ModelScoring.PROBABILITIES;
  }

  @Override
  public DataType scoreType() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }

  @Override
  public Object score(double[] outputs) {
    return outputs;
  }

  @Override
  public Column scoreOf(Column distribution) {
    return distribution;
  }

  @Override
  public Column noPreference() {
    return array_repeat(lit(1.0 / labels.size()), labels.size());
  }

  @Override
  public Column predictedIndex(Column score) {
    return ModelScoring.predictedClass(score);
  }

  /** The first of the most probable, as {@link #predictedIndex(Column)} picks it. */
  @Override
  public int predictedIndex(double[] outputs) {
    int best = 0;
    for (int i = 1; i < outputs.length; i++) {
      if (outputs[i] > outputs[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public Column confidence(Column score) {
    return array_max(score);
  }

  @Override
  public double probability(double[] outputs) {
    return outputs[predictedIndex(outputs)];
  }

  @Override
  public boolean distributed() {
    return true;
  }

  @Override
  public double[] distribution(double[] outputs) {
    return outputs;
  }

  @Override
  public Column predictedLabel(Column index) {
    return LabelColumns.name(labels, index);
  }

  @Override
  public Object predictedLabel(int index) {
    return labels.name(index);
  }

  @Override
  public ClassMetrics.Summary lossAndAccuracy(Dataset<Row> scored) {
    return ClassMetrics.lossAndAccuracy(scored);
  }

  @Override
  public ClassMetrics figures(Dataset<Row> scored, int topK) {
    return ClassMetrics.full(scored, labels, topK);
  }

  @Override
  public void writePredictions(String dir, String modelId, Dataset<Row> scored) {
    EvaluationWriter.classPredictions(dir, modelId, scored, labels);
  }

  @Override
  public void writeFigures(
      SparkSession spark, String dir, String modelId, String split, ClassMetrics figures) {
    EvaluationWriter.classFigures(spark, dir, modelId, split, figures, labels);
  }

  @Override
  public Optional<String> problem(Dataset<Row> predictions, String modelId, String split) {
    return PredictionsCheck.problem(predictions, modelId, split, labels);
  }

  @Override
  public Dataset<Row> scored(Dataset<Row> predictions) {
    return predictions.select(
        col(TokenizedDataset.ID),
        col(TokenizedDataset.SPLIT),
        LabelColumns.index(labels, col(TokenizedDataset.LABEL)).as(TokenizedDataset.LABEL),
        col(ModelScoring.PROBABILITIES));
  }

  @Override
  public int topK(Row metrics, String path) {
    int k = metrics.getInt(metrics.fieldIndex("top_k"));
    if (k < 1) {
      throw new BadInputException(
          "Evaluation " + path + " has a metrics row with top_k " + k + "; it is at least 1.");
    }
    return k;
  }

  @Override
  public ClassMetrics.Summary recheck(Row metrics, Dataset<Row> scored, List<String> problems) {
    return ClassMetrics.lossAndAccuracy(scored);
  }

  @Override
  public boolean thresholded() {
    return false;
  }
}
