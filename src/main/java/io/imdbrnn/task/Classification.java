package io.imdbrnn.task;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.evaluate.ClassEvaluation;
import io.imdbrnn.evaluate.Evaluation;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.prepare.Preparation;
import io.imdbrnn.prepare.WordPreparation;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.text.TextUnits;
import io.imdbrnn.train.ClassifierTraining;
import io.imdbrnn.train.TrainingTask;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A class per text: word ids in, two classes through a sigmoid head (IMDB's sentiment, the
 * reference workload) or K through a softmax head, chosen by the classes the train split has.
 */
final class Classification implements TaskKind {
  static final Classification INSTANCE = new Classification();

  private Classification() {}

  @Override
  public Task task() {
    return Task.CLASSIFY;
  }

  @Override
  public Preparation preparation(PrepareSettings settings) {
    return new WordPreparation(settings, task());
  }

  @Override
  public Dataset<Row> preparedRows(SparkSession spark, String prepared) {
    return TokenizedDataset.read(spark, prepared);
  }

  @Override
  public NetworkSpec network(TrainSettings settings, PreparedManifest prepared) {
    LabelIndex labels = prepared.labelIndex();
    return NetworkSpecs.of(
        settings,
        prepared,
        settings.maskPadding(),
        labels.outputs() == 1 ? Head.BINARY : Head.CLASSES,
        labels.size());
  }

  @Override
  public TrainingTask training(
      TrainSettings settings, PreparedManifest prepared, NetworkSpec spec) {
    return new ClassifierTraining(
        settings, prepared.maxLen(), ClassOutputs.of(prepared.labelIndex()));
  }

  @Override
  public Map<String, Object> fingerprint(PreparedManifest prepared) {
    Map<String, Object> f = new TreeMap<>(NetworkSpecs.shape(prepared));
    // Checkpoints of classifiers were fingerprinted under the task's former name; kept so they
    // resume.
    f.put(PrepareSettings.TASK, "sentiment");
    // Only where there are other classes than IMDB's: checkpoints older than labels stay usable.
    if (!prepared.labelIndex().equals(LabelIndex.SENTIMENT)) {
      f.put("prepare.labels", String.join("\n", prepared.labelIndex().names()));
    }
    return f;
  }

  @Override
  public Evaluation evaluation(SparkSession spark, EvaluateSettings settings) {
    return new ClassEvaluation(spark, settings);
  }

  @Override
  public boolean reported() {
    return true;
  }

  @Override
  public Optional<TextUnits> sampledUnits() {
    return Optional.empty();
  }
}
