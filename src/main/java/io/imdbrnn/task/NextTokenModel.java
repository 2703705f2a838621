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
import io.imdbrnn.evaluate.Evaluation;
import io.imdbrnn.evaluate.NextTokenEvaluation;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.prepare.Preparation;
import io.imdbrnn.prepare.WindowPreparation;
import io.imdbrnn.text.TextUnits;
import io.imdbrnn.train.NextTokenTraining;
import io.imdbrnn.train.TrainingTask;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A language model: windows of ids in, a distribution over the next id at every step out. Of
 * characters (next-char: what {@code generate} samples from) or of words (next-word: what a
 * classifier's embedding and recurrent layers can start from).
 */
final class NextTokenModel implements TaskKind {
  static final NextTokenModel CHARS = new NextTokenModel(Task.NEXT_CHAR, false);
  static final NextTokenModel WORDS = new NextTokenModel(Task.NEXT_WORD, true);

  private final Task task;

  /** Whether its ids are words (else characters). */
  private final boolean words;

  /** What one id is, in figures and messages ({@code bits_per_char}). */
  private final String unit;

  private NextTokenModel(Task task, boolean words) {
    this.task = task;
    this.words = words;
    this.unit = words ? "word" : "char";
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public Preparation preparation(PrepareSettings settings) {
    return words
        ? WindowPreparation.words(settings, task)
        : WindowPreparation.characters(settings, task);
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

  private void requireLeftToRight(TrainSettings settings) {
    String refused = null;
    if (settings.bidirectional()) {
      refused =
          TrainSettings.BIDIRECTIONAL
              + " = true: the backward direction would read the "
              + unit
              + "s it is asked to predict";
    } else if (settings.pooling() != Pooling.LAST) {
      refused =
          TrainSettings.POOLING
              + " = "
              + settings.pooling().settingName()
              + ": a language model predicts at every step, there is nothing to pool";
    } else if (settings.classWeights() != ClassWeights.NONE) {
      refused =
          TrainSettings.CLASS_WEIGHTS
              + " = "
              + settings.classWeights().settingName()
              + ": a language model has no classes to weigh";
    } else if (!words && !settings.wordVectors().isEmpty()) {
      refused =
          TrainSettings.WORD_VECTORS
              + " = "
              + Redact.text(settings.wordVectors())
              + ": word vectors start a word embedding, and a next-char model embeds characters";
    } else if (!settings.initFrom().isEmpty()) {
      refused =
          TrainSettings.INIT_FROM
              + " = "
              + Redact.text(settings.initFrom())
              + ": pretrained layers start a classifier";
    } else if (settings.wordDropout() > 0) {
      refused =
          TrainSettings.WORD_DROPOUT
              + " = "
              + settings.wordDropout()
              + ": a language model predicts the "
              + unit
              + "s it would drop";
    } else if (settings.ensembleSize() > 1) {
      refused =
          TrainSettings.ENSEMBLE_SIZE
              + " = "
              + settings.ensembleSize()
              + ": a language model generates from one network";
    } else if (!settings.cell().fused()) {
      refused =
          TrainSettings.CELL
              + " = "
              + settings.cell().settingName()
              + ": language models train on the fused cells simple-rnn, lstm and gru";
    }
    if (refused != null) {
      throw new BadInputException(
          String.format(
              "Prepared dataset %s was prepared for %s = %s, which cannot train with %s.",
              settings.input(), PrepareSettings.TASK, task.settingName(), refused));
    }
  }

  @Override
  public TrainingTask training(
      TrainSettings settings, PreparedManifest prepared, NetworkSpec spec) {
    return new NextTokenTraining(settings, prepared.vocabSize(), unit);
  }

  @Override
  public Map<String, Object> fingerprint(PreparedManifest prepared) {
    Map<String, Object> f = new TreeMap<>(NetworkSpecs.shape(prepared));
    f.put(PrepareSettings.TASK, task.settingName());
    return f;
  }

  @Override
  public Evaluation evaluation(SparkSession spark, EvaluateSettings settings) {
    return new NextTokenEvaluation(spark, settings, unit);
  }

  @Override
  public boolean reported() {
    return false;
  }

  @Override
  public Optional<TextUnits> sampledUnits() {
    return Optional.of(words ? TextUnits.WORDS : TextUnits.CHARACTERS);
  }
}
