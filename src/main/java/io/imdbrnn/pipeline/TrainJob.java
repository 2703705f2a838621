package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.task.TaskKind;
import io.imdbrnn.text.Vocabulary;
import io.imdbrnn.train.BundleAssembler;
import io.imdbrnn.train.NetworkStart;
import io.imdbrnn.train.Trained;
import io.imdbrnn.train.Trainer;
import io.imdbrnn.train.TrainingTask;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 3, path to path: trains the network the prepared data's task asks for ({@link TaskKind})
 * with the {@link Trainer} on its train split, checkpointing every epoch, and writes the model
 * bundle (network, vocabulary, manifests, epoch history) as one all-or-nothing output.
 */
public final class TrainJob {
  private final SparkSession spark;
  private final TrainSettings settings;

  public TrainJob(SparkSession spark, TrainSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public TrainResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      Trainer trainer = Trainer.checkpointing(spark, settings, run);
      String startedAt = Instant.now().toString();
      PreparedManifest prepared = PreparedManifest.read(run.hadoopConf(), settings.input());
      TaskKind kind = TaskKind.of(prepared.taskOrDefault());
      NetworkSpec spec = kind.network(settings, prepared);
      TrainingTask training = kind.training(settings, prepared, spec);
      VocabularyDataset.Words words =
          VocabularyDataset.words(spark, settings.input(), Vocabulary.FIRST_WORD_ID);
      Vocabulary vocabulary = new Vocabulary(words.words());
      NetworkStart start = NetworkStart.read(run.hadoopConf(), settings, vocabulary);
      TrainResult result =
          run.writeInSteps(
              temp -> {
                Trained trained =
                    trainer.fit(
                        spec,
                        training,
                        training.trainRows(kind.preparedRows(spark, settings.input())),
                        kind.fingerprint(prepared),
                        temp,
                        start);
                ModelBundle bundle =
                    BundleAssembler.assemble(
                        spark,
                        settings,
                        spec,
                        prepared,
                        vocabulary,
                        words.counts(),
                        trained,
                        settings.input(),
                        DataDigest.of(run.hadoopConf(), settings.input()),
                        start.sources(),
                        startedAt);
                bundle.write(run.hadoopConf(), temp);
                return new TrainResult(settings.output(), bundle.manifest());
              });
      trainer.clearCheckpoints();
      return result;
    }
  }
}
