package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.prepare.Prepared;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.task.TaskKind;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2, path to path: reads the texts ingest wrote, prepares them as {@code prepare.task} asks
 * ({@link TaskKind#preparation}) and writes the prepared dataset as one all-or-nothing output.
 */
public final class PrepareJob {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

  private final SparkSession spark;
  private final PrepareSettings settings;

  public PrepareJob(SparkSession spark, PrepareSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public PrepareResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      Prepared prepared =
          TaskKind.of(settings.task())
              .preparation(settings)
              .prepare(run, ReviewsDataset.read(spark, settings.input()));
      PreparedManifest manifest = run.write(temp -> prepared.writeTo(spark, temp));
      LOG.info("Prepared {} into {}", prepared.summary(), settings.output());
      return new PrepareResult(settings.output(), manifest);
    }
  }
}
