package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.ingest.IngestJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Read the aclImdb layout (a directory on any Hadoop filesystem, or a .tar.gz) into a Parquet "
            + "dataset of reviews: id, split, label, rating, text.")
final class IngestCommand extends StageCommand {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "aclImdb directory or .tar.gz (ingest.input).")
  String input;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Reviews dataset to write (ingest.output).")
  String output;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "Malformed files: failfast stops naming the file; dropmalformed skips and lists them in "
              + "<output>/_rejected. One of: ${COMPLETION-CANDIDATES} (ingest.mode).")
  MalformedMode mode;

  @Option(
      names = "--max-review-bytes",
      paramLabel = "N",
      description = "Largest accepted review file (ingest.max-review-bytes).")
  Long maxReviewBytes;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Output files; 0 = Spark default parallelism (ingest.partitions).")
  Integer partitions;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output once the new one is complete (ingest.overwrite).")
  Boolean overwrite;

  private IngestSettings settings;

  @Override
  protected IngestSettings resolve(Config config) {
    settings = IngestSettings.from(config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new IngestJob(spark, settings).execute();
  }
}
