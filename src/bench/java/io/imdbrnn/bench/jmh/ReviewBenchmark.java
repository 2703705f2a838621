package io.imdbrnn.bench.jmh;

import io.imdbrnn.config.Cell;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.train.DataSetBatches;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fused simple-rnn training on real IMDB reviews, one pass over {@value #REVIEWS} training reviews
 * of a prepared dataset ({@code -p prepared=DIR}) per operation, minibatches of 32 built as
 * training builds them: padded to 500 ({@code masked=false}) or masked and bucketed by length in
 * pools of 50 batches ({@code masked=true}). With {@code -t 2}, two threads each train their own
 * network on the same reviews: the ceiling two Spark workers are compared with ({@code
 * src/bench/rnn.sh}). Reviews/s is {@value #REVIEWS} divided by the score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1)
public class ReviewBenchmark {
  static final int REVIEWS = 6_400;

  /** The reviews, read once per fork and shared by the threads. */
  @State(Scope.Benchmark)
  public static class Reviews {
    @Param("")
    public String prepared;

    List<Row> rows;

    @Setup(Level.Trial)
    public void read() {
      io.imdbrnn.runtime.OpenBlasKernels.apply();
      if (prepared.isEmpty()) {
        throw new IllegalArgumentException("Give the prepared dataset: -p prepared=DIR");
      }
      // A local session just to read the rows: the benchmark itself runs without Spark.
      SparkSession spark =
          SparkSession.builder()
              .master("local[1]")
              .appName("imdb-rnn review bench")
              .config("spark.ui.enabled", "false")
              .getOrCreate();
      try {
        rows =
            TokenizedDataset.read(spark, prepared)
                .filter(TokenizedDataset.SPLIT + " = 'train'")
                .select(TokenizedDataset.ID, TokenizedDataset.LABEL, TokenizedDataset.TOKENS)
                .limit(REVIEWS)
                .collectAsList();
      } finally {
        spark.stop();
      }
    }
  }

  /** Each thread's own network. */
  @State(Scope.Thread)
  public static class Network {
    @Param({"false", "true"})
    public boolean masked;

    MultiLayerNetwork net;
    DataSetBatches.Options options;

    @Setup(Level.Trial)
    public void create() {
      net =
          NetworkFactory.create(
              new NetworkSpec(
                  Cell.SIMPLE_RNN,
                  CellBenchmark.VOCAB,
                  CellBenchmark.STEPS,
                  32,
                  32,
                  1e-3,
                  42,
                  masked));
      options = new DataSetBatches.Options(32, CellBenchmark.STEPS, masked, masked ? 50 : 0);
    }
  }

  @Benchmark
  public MultiLayerNetwork epoch(Reviews reviews, Network network) {
    DataSetBatches.fromRows(reviews.rows.iterator(), network.options, 2, 1, 3)
        .forEachRemaining(network.net::fit);
    return network.net;
  }
}
