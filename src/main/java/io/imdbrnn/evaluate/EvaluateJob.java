package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import io.imdbrnn.scoring.EvaluationWriter;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.text.Vocabulary;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: scores one split of a prepared dataset with a model bundle on the executors, and writes
 * {@code metrics/} (one row) and {@code predictions/} (one row per review) as one all-or-nothing
 * output. Refuses a prepared dataset whose ids were made differently from the bundle's (tokenizer,
 * max-len or vocabulary), since its ids would mean nothing to the network.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private final SparkSession spark;
  private final EvaluateSettings settings;

  public EvaluateJob(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Evaluates a bundle of either task: what the CLI runs. */
  public void run() {
    try (StageRun run = StageRun.open(spark, settings)) {
      ModelBundle bundle = load(run);
      if (bundle.task() == Task.NEXT_CHAR) {
        new CharEvaluation(spark, settings).evaluate(run, bundle);
      } else if (bundle.labels().isBinary()) {
        sentiment(run, bundle);
      } else {
        classes(run, bundle);
      }
    }
  }

  /**
   * Evaluates a two-class bundle and returns its figures; a next-char or K-class bundle is refused.
   */
  public BinaryMetrics execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      ModelBundle bundle = load(run);
      bundle.requireTask(Task.CLASSIFY, settings.model(), "scored as a classifier");
      if (!bundle.labels().isBinary()) {
        throw new BadInputException(
            "Model bundle "
                + settings.model()
                + " tells "
                + bundle.labels().size()
                + " classes apart; its figures are a K-class evaluation's (evaluate writes them).");
      }
      return sentiment(run, bundle);
    }
  }

  private ClassMetrics classes(StageRun run, ModelBundle bundle) {
    String split = settings.split().settingName();
    Dataset<Row> scored = run.cache(score(bundle, split));
    LabelIndex labels = bundle.labels();
    ClassMetrics m =
        run.step(
            "scoring the " + split + " split",
            () -> {
              requireRows(scored);
              return ClassMetrics.full(scored, labels, settings.topK());
            });
    String modelId = bundle.manifest().modelId();
    run.write(
        temp -> {
          EvaluationWriter.writeClasses(temp, modelId, split, m, scored, labels);
          return null;
        });
    LOG.info(
        "Evaluated model {} on {} {} texts: {} -> {}",
        modelId,
        m.n(),
        split,
        m.summary(),
        settings.output());
    return m;
  }

  private ModelBundle load(StageRun run) {
    ModelBundle bundle =
        run.step(
            "loading " + settings.model(),
            () -> ModelBundle.load(run.hadoopConf(), settings.model()));
    checkCompatible(bundle, PreparedManifest.read(run.hadoopConf(), settings.input()));
    return bundle;
  }

  private BinaryMetrics sentiment(StageRun run, ModelBundle bundle) {
    String split = settings.split().settingName();
    Dataset<Row> scored = run.cache(score(bundle, split));
    BinaryMetrics m = run.step("scoring the " + split + " split", () -> metrics(scored));
    String modelId = bundle.manifest().modelId();
    run.write(
        temp -> {
          EvaluationWriter.write(temp, modelId, split, m, scored, bundle.labels());
          return null;
        });
    LOG.info(
        "Evaluated model {} on {} {} reviews: {} -> {}",
        modelId,
        m.n(),
        split,
        m.summary(),
        settings.output());
    return m;
  }

  private Dataset<Row> score(ModelBundle bundle, String split) {
    Dataset<Row> rows =
        TokenizedDataset.read(spark, settings.input())
            .filter(col(TokenizedDataset.SPLIT).equalTo(split))
            .select(
                TokenizedDataset.ID,
                TokenizedDataset.SPLIT,
                TokenizedDataset.LABEL,
                TokenizedDataset.TOKENS);
    return ModelScoring.score(
        rows,
        bundle.network(),
        bundle.prepared().maxLen(),
        settings.batchSize(),
        bundle.maskPadding());
  }

  private BinaryMetrics metrics(Dataset<Row> scored) {
    requireRows(scored);
    return BinaryMetrics.full(scored);
  }

  private void requireRows(Dataset<Row> scored) {
    if (scored.isEmpty()) {
      throw new BadInputException(
          "Prepared dataset "
              + settings.input()
              + " has no rows in split '"
              + settings.split().settingName()
              + "'.");
    }
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
              io.imdbrnn.config.PrepareSettings.TASK));
    }
    if (trained.taskOrDefault() != Task.NEXT_CHAR
        && !trained.labelIndex().equals(data.labelIndex())) {
      throw new BadInputException(
          String.format(
              "Model bundle %s tells apart the classes %s, but prepared dataset %s has %s; its"
                  + " class indexes would mean other classes to the network.",
              settings.model(),
              trained.labelIndex().shown(),
              settings.input(),
              data.labelIndex().shown()));
    }
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
