package io.imdbrnn.train;

import io.imdbrnn.config.TrainSettings;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * The dl4j-spark training master, from the typed settings.
 *
 * <ul>
 *   <li><b>Direct</b> RDD approach, not Export: the training rows are small (20,000 × 500 ids,
 *       about 40 MB as floats) and are rebuilt into minibatches from cached shards each epoch, so
 *       exporting them to disk every epoch would only add I/O and temp files to clean up.
 *   <li>Each element of the RDD is one minibatch of {@code batch-size} examples, so {@code
 *       rddDataSetNumExamples = batchSize}; each worker fits {@code averaging-frequency} of them
 *       between averages.
 *   <li>The epoch's minibatch RDD already has one partition per worker (see {@link
 *       ShardedBatches}), so it is repartitioned only if that ever differs: dl4j-spark would
 *       otherwise shuffle the minibatches again before every averaging round.
 *   <li>That RDD is cached deserialized (MEMORY_ONLY), not dl4j-spark's default MEMORY_ONLY_SER:
 *       every averaging round scans the whole cache to pick its share, and with serialized storage
 *       each scan deserialized every minibatch of the epoch again.
 *   <li>No prefetch thread: one ND4J thread per task (see conf/), so workers never oversubscribe
 *       cores.
 * </ul>
 */
final class TrainingMasters {
  /** How the epoch's minibatch RDD is cached (see the class comment). */
  static final StorageLevel STORAGE = StorageLevel.MEMORY_ONLY();

  private TrainingMasters() {}

  /**
   * The master for one epoch, its split RNG seeded by the seed and the epoch.
   *
   * @param minibatches the epoch's minibatch count (the RDD's element count)
   */
  static ParameterAveragingTrainingMaster parameterAveraging(
      TrainSettings settings, int workers, int epoch, long minibatches) {
    return new ParameterAveragingTrainingMaster.Builder(workers, settings.batchSize())
        .batchSizePerWorker(settings.batchSize())
        .averagingFrequency(
            roundLength(settings.averagingFrequency(), settings.batchSize(), workers, minibatches))
        .workerPrefetchNumBatches(0)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.NumPartitionsWorkersDiffers)
        .storageLevel(STORAGE)
        .saveUpdater(true)
        .collectTrainingStats(false)
        .rngSeed(settings.seed() * 1_000_003L + epoch)
        .build();
  }

  /**
   * Minibatches per worker between averages. One worker's average is its own parameters, so every
   * round but the last would be a Spark job, a broadcast and a rebuilt network that change nothing:
   * a lone worker fits the whole epoch in one round. dl4j-spark advances the optimiser's iteration
   * count by this figure per round, so it is the exact minibatch count, never a larger sentinel
   * (capped where dl4j-spark's batch × frequency product would overflow an int).
   */
  static int roundLength(int averagingFrequency, int batchSize, int workers, long minibatches) {
    if (workers != 1 || minibatches <= averagingFrequency) {
      return averagingFrequency;
    }
    return (int) Math.min(minibatches, Integer.MAX_VALUE / batchSize);
  }

  /**
   * The rounds dl4j-spark cuts an epoch into: the minibatches over workers × round length, rounded
   * down (the last round takes the rest), and at least one.
   */
  static long rounds(long minibatches, int roundLength, int workers) {
    return Math.max(1, minibatches / ((long) roundLength * workers));
  }
}
