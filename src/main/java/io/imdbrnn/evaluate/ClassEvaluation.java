package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import io.imdbrnn.scoring.EvaluationWriter;
import io.imdbrnn.scoring.ModelScoring;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation of a classifier: scores the split's texts, and writes accuracy, log loss and the rest
 * of the two-class figures ({@link BinaryMetrics}) or the K-class ones ({@link ClassMetrics}), with
 * one prediction per text in the user's labels.
 */
public final class ClassEvaluation implements Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(ClassEvaluation.class);

  private final SparkSession spark;
  private final EvaluateSettings settings;

  public ClassEvaluation(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** A class index means a class only under the classes the bundle was trained on. */
  @Override
  public void requireCompatible(
      String model, PreparedManifest trained, String input, PreparedManifest data) {
    if (!trained.labelIndex().equals(data.labelIndex())) {
      throw new BadInputException(
          String.format(
              "Model bundle %s tells apart the classes %s, but prepared dataset %s has %s; its"
                  + " class indexes would mean other classes to the network.",
              model, trained.labelIndex().shown(), input, data.labelIndex().shown()));
    }
  }

  @Override
  public void evaluate(StageRun run, ModelBundle bundle) {
    if (bundle.labels().isBinary()) {
      twoClasses(run, bundle);
    } else {
      classes(run, bundle);
    }
  }

  /** Evaluates a two-class bundle and returns its figures; a K-class bundle is refused. */
  public BinaryMetrics twoClasses(StageRun run, ModelBundle bundle) {
    if (!bundle.labels().isBinary()) {
      throw new BadInputException(
          "Model bundle "
              + settings.model()
              + " tells "
              + bundle.labels().size()
              + " classes apart; its figures are a K-class evaluation's (evaluate writes them).");
    }
    return evaluate(
        run,
        bundle,
        BinaryMetrics::full,
        (temp, m, scored) ->
            EvaluationWriter.write(
                temp, bundle.manifest().modelId(), split(), m, scored, bundle.labels()),
        BinaryMetrics::summary);
  }

  private ClassMetrics classes(StageRun run, ModelBundle bundle) {
    LabelIndex labels = bundle.labels();
    return evaluate(
        run,
        bundle,
        scored -> ClassMetrics.full(scored, labels, settings.topK()),
        (temp, m, scored) ->
            EvaluationWriter.writeClasses(
                temp, bundle.manifest().modelId(), split(), m, scored, labels),
        ClassMetrics::summary);
  }

  /** How a kind of figures is written into the evaluation layout. */
  private interface FiguresWriter<M> {
    void write(String dir, M figures, Dataset<Row> scored);
  }

  /** Scores the split, computes the figures, writes them with the predictions, logs them. */
  private <M extends AccuracyFigures> M evaluate(
      StageRun run,
      ModelBundle bundle,
      Function<Dataset<Row>, M> figures,
      FiguresWriter<M> writer,
      Function<M, String> summary) {
    String split = split();
    Dataset<Row> scored = run.cache(score(bundle, split));
    M m =
        run.step(
            "scoring the " + split + " split",
            () -> {
              requireRows(scored);
              return figures.apply(scored);
            });
    run.write(
        temp -> {
          writer.write(temp, m, scored);
          return null;
        });
    LOG.info(
        "Evaluated model {} on {} {} texts: {} -> {}",
        bundle.manifest().modelId(),
        m.n(),
        split,
        summary.apply(m),
        settings.output());
    return m;
  }

  private String split() {
    return settings.split().settingName();
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
}
