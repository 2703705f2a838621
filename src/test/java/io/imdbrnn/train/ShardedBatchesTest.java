package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Epochs from cached shards: every row is in exactly one minibatch of every epoch, each shard stays
 * one partition (one per worker), the order changes from epoch to epoch, and an epoch's minibatches
 * depend on the seed alone, not on the order in which the one-off shuffle delivered the rows.
 */
class ShardedBatchesTest extends SparkTestBase {
  private static final int ROWS = 204;
  private static final int BATCH = 4;

  /** Examples are the ids; a minibatch's features are its ids in order. */
  private record IdBatcher(int batch) implements TrainingTask.Batcher<Integer> {
    @Override
    public Integer example(Row row) {
      return row.getInt(0);
    }

    @Override
    public Iterator<DataSet> batches(Iterator<Integer> ids, long seed) {
      List<DataSet> out = new ArrayList<>();
      while (ids.hasNext()) {
        List<Integer> chunk = new ArrayList<>();
        while (chunk.size() < batch && ids.hasNext()) {
          chunk.add(ids.next());
        }
        float[] f = new float[chunk.size()];
        for (int i = 0; i < f.length; i++) {
          f[i] = chunk.get(i);
        }
        out.add(new DataSet(Nd4j.createFromArray(f), Nd4j.createFromArray(f)));
      }
      return out.iterator();
    }
  }

  /**
   * Two shards, even ids and odd ids, as a shuffle might deliver them: each shard's rows in
   * ascending or in descending order.
   */
  private static Dataset<Row> shards(boolean reversed) {
    List<Row> rows = new ArrayList<>();
    for (int parity = 0; parity < 2; parity++) {
      for (int i = 0; i < ROWS / 2; i++) {
        int k = reversed ? ROWS / 2 - 1 - i : i;
        rows.add(RowFactory.create(2 * k + parity));
      }
    }
    JavaRDD<Row> parts =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2);
    StructType schema = new StructType().add("id", DataTypes.IntegerType, false);
    return spark.createDataFrame(parts, schema).cache();
  }

  private static List<Integer> ids(DataSet batch) {
    List<Integer> ids = new ArrayList<>();
    for (float v : batch.getFeatures().toFloatVector()) {
      ids.add((int) v);
    }
    return ids;
  }

  /** The ids of each minibatch, partition by partition. */
  private static List<List<Integer>> collect(JavaRDD<DataSet> epoch) {
    return epoch.map(ShardedBatchesTest::ids).collect();
  }

  @Test
  void everyRowOncePerEpochInANewOrderAndOnePartitionPerShard() {
    try (ShardedBatches<Integer> sharded = ShardedBatches.of(shards(false), new IdBatcher(BATCH))) {
      JavaRDD<DataSet> first = sharded.epoch(1);
      assertThat(first.getNumPartitions()).isEqualTo(2);
      List<List<Integer>> one = collect(first);
      List<List<Integer>> two = collect(sharded.epoch(2));
      for (List<List<Integer>> epoch : List.of(one, two)) {
        assertThat(epoch.stream().flatMap(List::stream).sorted())
            .containsExactlyElementsOf(IntStream.range(0, ROWS).boxed().toList());
        assertThat(epoch).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, BATCH));
      }
      assertThat(two).isNotEqualTo(one);
      // Each id stays in its shard: the same ids per partition in both epochs.
      assertThat(perPartition(sharded.epoch(1))).isEqualTo(perPartition(sharded.epoch(2)));
    }
  }

  @Test
  void anEpochDependsOnTheSeedNotOnTheOrderRowsArrivedIn() {
    // The precondition: the two inputs hold their shards' rows in different orders.
    assertThat(shards(true).javaRDD().map(r -> r.getInt(0)).glom().collect())
        .isNotEqualTo(shards(false).javaRDD().map(r -> r.getInt(0)).glom().collect());
    List<List<Integer>> asc;
    List<List<Integer>> desc;
    try (ShardedBatches<Integer> a = ShardedBatches.of(shards(false), new IdBatcher(BATCH))) {
      asc = collect(a.epoch(7));
    }
    try (ShardedBatches<Integer> b = ShardedBatches.of(shards(true), new IdBatcher(BATCH))) {
      desc = collect(b.epoch(7));
    }
    assertThat(desc).isEqualTo(asc);
  }

  /** Each partition's ids, sorted. */
  private static List<List<Integer>> perPartition(JavaRDD<DataSet> epoch) {
    return epoch.map(ShardedBatchesTest::ids).glom().collect().stream()
        .map(p -> p.stream().flatMap(List::stream).sorted().toList())
        .toList();
  }
}
