package io.imdbrnn.config;

import com.typesafe.config.Config;
import java.util.Set;

/** Settings of the predict stage ({@code predict.*} in the config). */
public record PredictSettings(
    String model,
    String input,
    String inputFormat,
    String textColumn,
    String output,
    String outputFormat,
    long maxReviewBytes,
    int batchSize,
    boolean overwrite)
    implements StagePaths {
  public static final String MODEL = "predict.model";
  public static final String INPUT = "predict.input";
  public static final String INPUT_FORMAT = "predict.input-format";
  public static final String TEXT_COLUMN = "predict.text-column";
  public static final String OUTPUT = "predict.output";
  public static final String OUTPUT_FORMAT = "predict.output-format";
  public static final String MAX_REVIEW_BYTES = "predict.max-review-bytes";
  public static final String BATCH_SIZE = "predict.batch-size";
  public static final String OVERWRITE = "predict.overwrite";

  public static final Set<String> INPUT_FORMATS =
      Set.of("auto", "lines", "files", "parquet", "csv");

  public PredictSettings {
    model = Validate.required(MODEL, model);
    input = input == null ? "" : input.strip();
    output = output == null ? "" : output.strip();
    if (!INPUT_FORMATS.contains(inputFormat)) {
      throw new IllegalArgumentException(
          "Cannot set "
              + INPUT_FORMAT
              + " to '"
              + inputFormat
              + "': the value must be one of auto, lines, files, parquet, csv.");
    }
    textColumn = Validate.required(TEXT_COLUMN, textColumn);
    if (!"tsv".equals(outputFormat) && !"json".equals(outputFormat)) {
      throw new IllegalArgumentException(
          "Cannot set "
              + OUTPUT_FORMAT
              + " to '"
              + outputFormat
              + "': the value must be one of tsv, json.");
    }
    Validate.range(MAX_REVIEW_BYTES, maxReviewBytes, 1, IngestSettings.MAX_REVIEW_BYTES_LIMIT);
    Validate.range(BATCH_SIZE, batchSize, 1, 65_536);
  }

  @Override
  public String section() {
    return "predict";
  }

  public static PredictSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new PredictSettings(
        r.string(MODEL),
        r.string(INPUT),
        r.string(INPUT_FORMAT),
        r.string(TEXT_COLUMN),
        r.string(OUTPUT),
        r.string(OUTPUT_FORMAT),
        r.longValue(MAX_REVIEW_BYTES),
        r.integer(BATCH_SIZE),
        r.bool(OVERWRITE));
  }

  @Override
  public java.util.Map<String, String> otherInputs() {
    return java.util.Map.of(MODEL, model());
  }
}
