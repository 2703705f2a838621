package io.imdbrnn.train;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NetworkSpec;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What differs between the tasks in training: which prepared rows are read, what makes them
 * trainable, how a partition of rows becomes minibatches, and how validation is scored. The epoch
 * loop, parameter averaging, checkpoints and early stopping are shared.
 */
public interface TrainingTask {
  /**
   * The train split's rows of the task's prepared rows (every split), with the text's id in {@code
   * id} (the validation split hashes it).
   */
  Dataset<Row> trainRows(Dataset<Row> prepared);

  /** Refuses, before the first epoch, data the network cannot learn from or be validated on. */
  void requireTrainable(Dataset<Row> fitRows, long validationCount);

  /**
   * Whether validation was asked for ({@code train.validation-fraction} above 0) and found no rows;
   * with a fraction of 0 none are expected.
   */
  static boolean validationMissing(TrainSettings settings, long validationCount) {
    return settings.validationFraction() > 0 && validationCount == 0;
  }

  /** What the progress line counts per second: reviews, or characters predicted. */
  long samples(Dataset<Row> fitRows, long fitCount);

  /**
   * Turns fit rows into minibatches, on the executors, in two steps: each row is read once per run
   * into a compact example {@code E} that a worker's shard keeps between epochs (see {@link
   * ShardedBatches}), and every epoch batches the shard's examples in that epoch's order.
   */
  interface Batcher<E> extends Serializable {
    E example(Row row);

    Iterator<DataSet> batches(Iterator<E> examples, long seed);
  }

  Batcher<?> batcher(StructType schema);

  /**
   * Sets what the network's configuration needs from the data before it is fitted (called after
   * {@link #requireTrainable}, on a new or a resumed network); nothing by default.
   */
  default void configure(MultiLayerNetwork net) {}

  /** Validation loss (the early-stopping figure, in nats) and accuracy. */
  record Validation(double loss, double accuracy) {}

  /** Scores {@code rows} with {@code net} (one network while training, the members at the end). */
  Validation validate(Dataset<Row> rows, Ensemble net, NetworkSpec spec);
}
