package io.imdbrnn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The fit rows kept between epochs as one shard per worker: each partition of the fit rows (see
 * {@code TrainJob}, which shuffles them into {@code workers} partitions once) is read once into a
 * list of compact examples and cached where it lives. Every epoch then puts each shard in a new
 * seeded order and batches it on its executor: no row is decoded again and none crosses the
 * network, where a global shuffle per epoch moved and decoded every row each time. The shards are
 * fixed for a run; the minibatches they make change every epoch.
 */
final class ShardedBatches<E> implements AutoCloseable {
  private final TrainingTask.Batcher<E> batcher;
  private final JavaRDD<List<E>> shards;

  static <E> ShardedBatches<E> of(Dataset<Row> fitRows, TrainingTask.Batcher<E> batcher) {
    return new ShardedBatches<>(fitRows, batcher);
  }

  private ShardedBatches(Dataset<Row> fitRows, TrainingTask.Batcher<E> batcher) {
    this.batcher = batcher;
    // Each shard is sorted by content once: the shuffle that made it delivers rows in no fixed
    // order, and an epoch's order must not depend on that (a resumed run trains on the same
    // minibatches as an uninterrupted one).
    Column[] all = Arrays.stream(fitRows.columns()).map(functions::col).toArray(Column[]::new);
    TrainingTask.Batcher<E> b = batcher;
    this.shards =
        fitRows
            .sortWithinPartitions(all)
            .javaRDD()
            .mapPartitions(
                rows -> {
                  List<E> shard = new ArrayList<>();
                  rows.forEachRemaining(r -> shard.add(b.example(r)));
                  return Collections.singletonList(shard).iterator();
                })
            .persist(StorageLevel.MEMORY_ONLY());
  }

  /** One epoch's minibatches, one partition per shard, each ordered by {@code seed}. */
  JavaRDD<DataSet> epoch(long seed) {
    TrainingTask.Batcher<E> b = batcher;
    return shards.mapPartitionsWithIndex(
        (partition, it) -> {
          List<E> order = new ArrayList<>();
          it.forEachRemaining(order::addAll);
          Collections.shuffle(order, new Random(seed + partition));
          return b.batches(order.iterator(), seed + partition);
        },
        true);
  }

  @Override
  public void close() {
    shards.unpersist(false);
  }
}
