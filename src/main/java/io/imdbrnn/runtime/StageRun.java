package io.imdbrnn.runtime;

import io.imdbrnn.config.StagePaths;
import io.imdbrnn.fs.AtomicOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of a Spark stage, the shape every stage shares: the output is checked before any work,
 * each step runs under a Spark UI job description, datasets cached for the run are released when it
 * closes (also on failure), and the result is written aside and moved into place.
 *
 * <pre>{@code
 * try (StageRun run = StageRun.open(spark, settings)) {
 *   Dataset<Row> words = run.cache(tokenize(reviews));
 *   long n = run.step("counting", words::count);
 *   return run.write(temp -> writeAll(words, temp));
 * }
 * }</pre>
 */
public final class StageRun implements AutoCloseable {
  private final SparkSession spark;
  private final StagePaths paths;
  private final AtomicOutput output;
  private final SparkStage stage;
  private final List<Dataset<Row>> cached = new ArrayList<>();
  private final List<Broadcast<?>> shared = new ArrayList<>();

  private StageRun(SparkSession spark, StagePaths paths, String section) {
    this.spark = spark;
    this.paths = paths;
    this.output = paths == null ? null : AtomicOutput.forStage(hadoopConf(), paths);
    this.stage = new SparkStage(spark, section);
  }

  /** Checks the stage's output (before any work) and starts the run. */
  public static StageRun open(SparkSession spark, StagePaths paths) {
    return new StageRun(spark, paths, paths.section());
  }

  /**
   * A run with no dataset output of its own: {@code promote}, which changes a registry through the
   * registry's own staging and lock. Steps and cached data work as in any run; {@link #write} is
   * refused.
   */
  public static StageRun withoutOutput(SparkSession spark, String section) {
    return new StageRun(spark, null, section);
  }

  public Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** {@code rows}, kept in memory (spilling to disk) until the run closes. */
  public Dataset<Row> cache(Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    return persisted;
  }

  /**
   * {@code value} sent once to every executor, kept until the run closes: the DataFrames of the run
   * that read it stay usable until then.
   */
  public <T> Broadcast<T> share(T value) {
    Broadcast<T> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(value);
    shared.add(b);
    return b;
  }

  public <T> T step(String description, Supplier<T> work) {
    return stage.step(description, work);
  }

  public void run(String description, Runnable work) {
    stage.run(description, work);
  }

  /**
   * Writes the output through {@code work} (given a temporary directory) and moves it into place;
   * returns what {@code work} returns.
   */
  public <T> T write(Function<String, T> work) {
    return stage.step("writing " + requireOutput().output(), () -> output.write(work));
  }

  /**
   * As {@link #write}, for work made of steps of its own (training writes its bundle's history
   * epoch by epoch): no job description of its own around them.
   */
  public <T> T writeInSteps(Function<String, T> work) {
    requireOutput();
    return output.write(work);
  }

  private StagePaths requireOutput() {
    if (paths == null) {
      throw new IllegalStateException("This run has no output of its own to write");
    }
    return paths;
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    shared.forEach(b -> b.destroy());
  }
}
