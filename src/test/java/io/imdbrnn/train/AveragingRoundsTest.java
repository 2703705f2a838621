package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.pipeline.PrepareJob;
import io.imdbrnn.pipeline.TrainJob;
import io.imdbrnn.pipeline.TrainResult;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many averaging rounds (dl4j-spark's {@code treeAggregate} jobs) an epoch costs: one per
 * {@code averaging-frequency} minibatches of every worker, except for a lone worker, whose average
 * is itself and whose epoch is therefore one round. The optimiser's iteration count must still
 * advance by exactly the minibatches fitted, as it does when a network trains alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AveragingRoundsTest extends SparkTestBase {
  private static final int BATCH = 4;
  private static final int FREQUENCY = 2;

  @TempDir static Path dir;
  private String prepared;
  private long fitRows;

  @BeforeAll
  void prepareSyntheticReviews() {
    Path raw = SyntheticReviews.of(40, 11).writeDirectory(dir.resolve("raw"));
    String reviews = dir.resolve("reviews").toString();
    new IngestJob(
            spark,
            io.imdbrnn.testing.IngestSettingsFor.of(
                raw.toString(), reviews, MalformedMode.FAILFAST, 1 << 20, 0, false))
        .execute();
    prepared = dir.resolve("prepared").toString();
    new PrepareJob(spark, PrepareSettings.words(reviews, prepared, 200, 24, false)).execute();
  }

  @Test
  void aLoneWorkerFitsItsEpochInOneRound() throws Exception {
    Rounds one = train("one", 1);
    assertThat(one.rounds).isEqualTo(1);
    assertThat(
            TrainingMasters.rounds(
                minibatches(one.rows),
                TrainingMasters.roundLength(FREQUENCY, BATCH, 1, minibatches(one.rows)),
                1))
        .isEqualTo(1);
    assertThat(one.iterations).isEqualTo(minibatches(one.rows));
  }

  @Test
  void twoWorkersAverageEveryFrequencyMinibatches() throws Exception {
    Rounds two = train("two", 2);
    // dl4j-spark splits the epoch's minibatches into rounds of workers × frequency, rounding down.
    assertThat(two.rounds).isEqualTo((int) (minibatches(two.rows) / (2 * FREQUENCY)));
    // What the progress lines count down from.
    assertThat(TrainingMasters.rounds(minibatches(two.rows), FREQUENCY, 2)).isEqualTo(two.rounds);
    assertThat(two.rounds).isGreaterThan(3);
  }

  private static long minibatches(long rows) {
    return (rows + BATCH - 1) / BATCH;
  }

  private record Rounds(int rounds, long rows, int iterations) {}

  private Rounds train(String name, int workers) throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            if (start.stageInfos().exists(s -> s.name().startsWith("treeAggregate"))) {
              rounds.incrementAndGet();
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      TrainResult result =
          new TrainJob(
                  spark,
                  SettingsBinder.builder(TrainSettings.class)
                      .set("input", prepared)
                      .set("output", dir.resolve(name).toString())
                      .set("epochs", 1)
                      .set("workers", workers)
                      .set("batch-size", BATCH)
                      .set("averaging-frequency", FREQUENCY)
                      .build())
              .execute();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      ModelBundle bundle = ModelBundle.load(new Configuration(), result.bundle());
      return new Rounds(
          rounds.get(),
          result.manifest().rows().get("fit"),
          bundle.network().getLayerWiseConfigurations().getIterationCount());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
