package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.scoring.TwoClassOutputs;
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
    evaluate(run, bundle, ClassOutputs.of(bundle.labels()));
  }

  /** Evaluates a two-class bundle and returns its figures; a K-class bundle is refused. */
  public BinaryMetrics twoClasses(StageRun run, ModelBundle bundle) {
    if (!(ClassOutputs.of(bundle.labels()) instanceof TwoClassOutputs two)) {
      throw new BadInputException(
          "Model bundle "
              + settings.model()
              + " tells "
              + bundle.labels().size()
              + " classes apart; its figures are a K-class evaluation's (evaluate writes them).");
    }
    return evaluate(run, bundle, two);
  }

  /**
   * Scores the split into its predictions and computes the figures from them, as one write (see
   * {@link ClassOutputs#evaluate}), then logs them.
   */
  private <M extends AccuracyFigures> M evaluate(
      StageRun run, ModelBundle bundle, ClassOutputs<M> outputs) {
    String split = split();
    String modelId = bundle.manifest().modelId();
    Dataset<Row> rows = rows(split);
    run.step(
        "checking the " + split + " split",
        () -> {
          requireRows(rows);
          return null;
        });
    Dataset<Row> scored =
        ModelScoring.score(
            rows,
            bundle.ensemble(),
            outputs,
            bundle.prepared().maxLen(),
            settings.batchSize(),
            bundle.maskPadding());
    M m =
        run.writeInSteps(
            temp ->
                run.step(
                    "scoring the " + split + " split and computing its figures",
                    () -> outputs.evaluate(temp, modelId, split, scored, settings.topK())));
    LOG.info(
        "Evaluated model {} on {} {} texts: {} -> {}",
        modelId,
        m.n(),
        split,
        m.summary(),
        settings.output());
    return m;
  }

  private String split() {
    return settings.split().settingName();
  }

  private Dataset<Row> rows(String split) {
    return TokenizedDataset.read(spark, settings.input())
        .filter(col(TokenizedDataset.SPLIT).equalTo(split))
        .select(
            TokenizedDataset.ID,
            TokenizedDataset.SPLIT,
            TokenizedDataset.LABEL,
            TokenizedDataset.TOKENS);
  }

  private void requireRows(Dataset<Row> rows) {
    if (rows.isEmpty()) {
      throw new BadInputException(
          "Prepared dataset "
              + settings.input()
              + " has no rows in split '"
              + settings.split().settingName()
              + "'.");
    }
  }
}
