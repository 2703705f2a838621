package io.imdbrnn.config;

import com.typesafe.config.Config;

/** Settings of the ingest stage ({@code ingest.*} in the config). */
public record IngestSettings(
    String input,
    String output,
    MalformedMode mode,
    long maxReviewBytes,
    int partitions,
    boolean overwrite)
    implements StagePaths {
  public static final String INPUT = "ingest.input";
  public static final String OUTPUT = "ingest.output";
  public static final String MODE = "ingest.mode";
  public static final String MAX_REVIEW_BYTES = "ingest.max-review-bytes";
  public static final String PARTITIONS = "ingest.partitions";
  public static final String OVERWRITE = "ingest.overwrite";

  /**
   * 64 MiB: a single task holds a review in memory, so the limit must stay far below executor
   * heaps.
   */
  public static final long MAX_REVIEW_BYTES_LIMIT = 64L * 1024 * 1024;

  public IngestSettings {
    input = Validate.required(INPUT, input);
    output = Validate.required(OUTPUT, output);
    if (mode == null) {
      throw new IllegalArgumentException("Setting " + MODE + " is required.");
    }
    Validate.range(MAX_REVIEW_BYTES, maxReviewBytes, 1, MAX_REVIEW_BYTES_LIMIT);
    Validate.range(PARTITIONS, partitions, 0, 100_000);
  }

  @Override
  public String section() {
    return "ingest";
  }

  public static IngestSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new IngestSettings(
        r.string(INPUT),
        r.string(OUTPUT),
        r.enumValue(MODE, MalformedMode.class),
        r.longValue(MAX_REVIEW_BYTES),
        r.integer(PARTITIONS),
        r.bool(OVERWRITE));
  }
}
