package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.features.PrepareJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Tokenize reviews, fit the vocabulary on the train split, and pad every review to a fixed-length "
            + "id sequence. Writes tokens/, vocabulary/ and prepare.json under the output.")
final class PrepareCommand extends StageCommand {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "Reviews dataset from ingest (prepare.input).")
  String input;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Prepared dataset to write (prepare.output).")
  String output;

  @Option(
      names = "--vocab-size",
      paramLabel = "N",
      description = "Ids kept, reserved 0-2 included (prepare.vocab-size).")
  Integer vocabSize;

  @Option(
      names = "--max-len",
      paramLabel = "N",
      description = "Sequence length; pre-padding, pre-truncation (prepare.max-len).")
  Integer maxLen;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output once the new one is complete (prepare.overwrite).")
  Boolean overwrite;

  private PrepareSettings settings;

  @Override
  protected PrepareSettings resolve(Config config) {
    settings = PrepareSettings.from(config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new PrepareJob(spark, settings).execute();
  }
}
