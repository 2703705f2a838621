package io.imdbrnn.task;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.ClassWeights;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.Task;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.evaluate.CharEvaluation;
import io.imdbrnn.evaluate.Evaluation;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.prepare.CharPreparation;
import io.imdbrnn.prepare.Preparation;
import io.imdbrnn.train.NextCharTraining;
import io.imdbrnn.train.TrainingTask;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The character language model: windows of character ids in, a distribution over the next character
 * at every step out (what {@code generate} samples from).
 */
final class NextCharModel implements TaskKind {
  static final NextCharModel INSTANCE = new NextCharModel();

  private NextCharModel() {}

  @Override
  public Task task() {
    return Task.NEXT_CHAR;
  }

  @Override
  public Preparation preparation(PrepareSettings settings) {
    return new CharPreparation(settings, task());
  }

  @Override
  public Dataset<Row> preparedRows(SparkSession spark, String prepared) {
    return WindowsDataset.read(spark, prepared);
  }

  /**
   * Always masked (a text's last window is padded at its end), left to right on a fused cell:
   * settings that say otherwise are refused by name.
   */
  @Override
  public NetworkSpec network(TrainSettings settings, PreparedManifest prepared) {
    requireLeftToRight(settings);
    return NetworkSpecs.of(settings, prepared, true, Head.NEXT_TOKEN, 0);
  }

  private static void requireLeftToRight(TrainSettings settings) {
    String refused = null;
    if (settings.bidirectional()) {
      refused =
          TrainSettings.BIDIRECTIONAL
              + " = true: the backward direction would read the"
              + " characters it is asked to predict";
    } else if (settings.pooling() != Pooling.LAST) {
      refused =
          TrainSettings.POOLING
              + " = "
              + settings.pooling().settingName()
              + ": a next-char model predicts at every step, there is nothing to pool";
    } else if (settings.classWeights() != ClassWeights.NONE) {
      refused =
          TrainSettings.CLASS_WEIGHTS
              + " = "
              + settings.classWeights().settingName()
              + ": a next-char model has no classes to weigh";
    } else if (!settings.wordVectors().isEmpty()) {
      refused =
          TrainSettings.WORD_VECTORS
              + " = "
              + Redact.text(settings.wordVectors())
              + ": word vectors start a word embedding, and a next-char model embeds characters";
    } else if (settings.wordDropout() > 0) {
      refused =
          TrainSettings.WORD_DROPOUT
              + " = "
              + settings.wordDropout()
              + ": a next-char model reads characters, and predicts the ones it would drop";
    } else if (!settings.cell().fused()) {
      refused =
          TrainSettings.CELL
              + " = "
              + settings.cell().settingName()
              + ": next-char training runs on the fused cells simple-rnn, lstm and gru";
    }
    if (refused != null) {
      throw new BadInputException(
          String.format(
              "Prepared dataset %s was prepared for %s = next-char, which cannot train with %s.",
              settings.input(), PrepareSettings.TASK, refused));
    }
  }

  @Override
  public TrainingTask training(
      TrainSettings settings, PreparedManifest prepared, NetworkSpec spec) {
    return new NextCharTraining(settings, prepared.vocabSize());
  }

  @Override
  public Map<String, Object> fingerprint(PreparedManifest prepared) {
    Map<String, Object> f = new TreeMap<>(NetworkSpecs.shape(prepared));
    f.put(PrepareSettings.TASK, Task.NEXT_CHAR.settingName());
    return f;
  }

  @Override
  public Evaluation evaluation(SparkSession spark, EvaluateSettings settings) {
    return new CharEvaluation(spark, settings);
  }

  @Override
  public boolean reported() {
    return false;
  }
}
