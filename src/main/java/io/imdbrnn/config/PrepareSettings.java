package io.imdbrnn.config;

import com.typesafe.config.Config;

/** Settings of the prepare stage ({@code prepare.*} in the config). */
public record PrepareSettings(
    String input, String output, int vocabSize, int maxLen, boolean overwrite)
    implements StagePaths {
  public static final String INPUT = "prepare.input";
  public static final String OUTPUT = "prepare.output";
  public static final String VOCAB_SIZE = "prepare.vocab-size";
  public static final String MAX_LEN = "prepare.max-len";
  public static final String OVERWRITE = "prepare.overwrite";

  /**
   * Ids 0 (padding), 1 (start) and 2 (out-of-vocabulary) are reserved, so 4 is the smallest useful
   * size.
   */
  public static final int MIN_VOCAB_SIZE = 4;

  public PrepareSettings {
    input = Validate.required(INPUT, input);
    output = Validate.required(OUTPUT, output);
    Validate.range(VOCAB_SIZE, vocabSize, MIN_VOCAB_SIZE, 10_000_000);
    Validate.range(MAX_LEN, maxLen, 1, 100_000);
  }

  @Override
  public String section() {
    return "prepare";
  }

  public static PrepareSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new PrepareSettings(
        r.string(INPUT),
        r.string(OUTPUT),
        r.integer(VOCAB_SIZE),
        r.integer(MAX_LEN),
        r.bool(OVERWRITE));
  }
}
