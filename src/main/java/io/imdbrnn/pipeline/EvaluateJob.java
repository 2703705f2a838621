package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.evaluate.ClassEvaluation;
import io.imdbrnn.evaluate.Evaluation;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.task.TaskKind;
import io.imdbrnn.text.Vocabulary;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 4, path to path: scores one split of a prepared dataset with a model bundle, as the
 * bundle's task evaluates ({@link TaskKind#evaluation}), and writes {@code metrics/} and {@code
 * predictions/} as one all-or-nothing output. Refuses a prepared dataset whose ids were made
 * differently from the bundle's (task, tokenizer, max-len, vocabulary or classes), since its ids
 * would mean nothing to the network.
 */
public final class EvaluateJob {
  private final SparkSession spark;
  private final EvaluateSettings settings;

  public EvaluateJob(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Evaluates a bundle of any task: what the CLI runs. */
  public void run() {
    try (StageRun run = StageRun.open(spark, settings)) {
      ModelBundle bundle = load(run);
      evaluation(bundle).evaluate(run, bundle);
    }
  }

  /**
   * Evaluates a two-class bundle and returns its figures; a bundle of another task or of more
   * classes is refused.
   */
  public BinaryMetrics execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      ModelBundle bundle = load(run);
      bundle.requireClassifier(settings.model(), "scored as a classifier");
      return new ClassEvaluation(spark, settings).twoClasses(run, bundle);
    }
  }

  private Evaluation evaluation(ModelBundle bundle) {
    return TaskKind.of(bundle.task()).evaluation(spark, settings);
  }

  private ModelBundle load(StageRun run) {
    ModelBundle bundle =
        run.step(
            "loading " + settings.model(),
            () -> ModelBundle.load(run.hadoopConf(), settings.model()));
    checkCompatible(bundle, PreparedManifest.read(run.hadoopConf(), settings.input()));
    return bundle;
  }

  private void checkCompatible(ModelBundle bundle, PreparedManifest data) {
    PreparedManifest trained = bundle.prepared();
    if (trained.taskOrDefault() != data.taskOrDefault()) {
      throw new BadInputException(
          String.format(
              "Model bundle %s was trained for %s, but prepared dataset %s was prepared for %s"
                  + " (%s).",
              settings.model(),
              trained.taskOrDefault().settingName(),
              settings.input(),
              data.taskOrDefault().settingName(),
              PrepareSettings.TASK));
    }
    evaluation(bundle).requireCompatible(settings.model(), trained, settings.input(), data);
    if (!trained.tokenizer().equals(data.tokenizer())
        || trained.maxLen() != data.maxLen()
        || trained.vocabSize() != data.vocabSize()) {
      throw new BadInputException(
          String.format(
              "Model bundle %s (tokenizer %s, max-len %d, %d ids) does not match prepared dataset %s "
                  + "(tokenizer %s, max-len %d, %d ids).",
              settings.model(),
              trained.tokenizer(),
              trained.maxLen(),
              trained.vocabSize(),
              settings.input(),
              data.tokenizer(),
              data.maxLen(),
              data.vocabSize()));
    }
    List<String> words =
        VocabularyDataset.words(spark, settings.input(), Vocabulary.FIRST_WORD_ID).words();
    if (!words.equals(bundle.vocabulary().words())) {
      throw new BadInputException(
          "Model bundle "
              + settings.model()
              + " was trained on a different vocabulary than prepared dataset "
              + settings.input()
              + "; prepare the data with the bundle's vocabulary or retrain.");
    }
  }
}
