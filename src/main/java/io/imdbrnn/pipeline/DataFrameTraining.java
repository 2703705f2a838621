package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.prepare.Prepared;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.task.TaskKind;
import io.imdbrnn.train.BundleAssembler;
import io.imdbrnn.train.NetworkStart;
import io.imdbrnn.train.Trained;
import io.imdbrnn.train.Trainer;
import io.imdbrnn.train.TrainingTask;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Prepare and train on a DataFrame, returning the model bundle in memory: the stages of {@code
 * prepare} and {@code train} without their storage. Nothing is written and nothing is checkpointed
 * (the Spark ML Estimator's {@code fit}). The texts, the prepared rows and the minibatches stay on
 * the executors, cached where they are used.
 */
public final class DataFrameTraining {
  private DataFrameTraining() {}

  /**
   * @param texts the columns of the reviews dataset ingest writes ({@link
   *     io.imdbrnn.datasets.ReviewsDataset}: id, split, label as a string, text); the train split
   *     is fitted on
   * @param source what the texts are, for the bundle's provenance and error messages (the settings'
   *     {@code input})
   */
  public static ModelBundle fit(
      SparkSession spark,
      PrepareSettings prepareSettings,
      TrainSettings trainSettings,
      Dataset<Row> texts,
      String source) {
    String startedAt = Instant.now().toString();
    try (StageRun run = StageRun.withoutOutput(spark, "fit")) {
      TaskKind kind = TaskKind.of(prepareSettings.task());
      Prepared prepared = kind.preparation(prepareSettings).prepare(run, texts);
      PreparedManifest manifest = prepared.manifest();
      NetworkSpec spec = kind.network(trainSettings, manifest);
      TrainingTask training = kind.training(trainSettings, manifest, spec);
      NetworkStart start =
          NetworkStart.read(run.hadoopConf(), trainSettings, prepared.vocabulary());
      Trained trained =
          Trainer.withoutCheckpoints(spark, trainSettings, run)
              .fit(
                  spec,
                  training,
                  training.trainRows(prepared.rows()),
                  kind.fingerprint(manifest),
                  null,
                  start);
      return BundleAssembler.assemble(
          spark,
          trainSettings,
          spec,
          manifest,
          prepared.vocabulary(),
          prepared.counts(),
          trained,
          source,
          null,
          start.sources(),
          startedAt);
    }
  }
}
