package io.imdbrnn.config;

/** Settings of the prepare stage ({@code prepare.*} in the config). */
public record PrepareSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "The reviews dataset written by `ingest`.")
        String input,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                "Where the prepared dataset is written: tokens/ (Parquet), vocabulary/ (Parquet),"
                    + " prepare.json.")
        String output,
    @Setting(
            value = "10000",
            min = PrepareSettings.MIN_VOCAB_SIZE,
            max = 10_000_000,
            help = "Ids kept, reserved 0-2 included.",
            doc =
                """
                Size of the id space, including the reserved ids 0 = padding, 1 = start, 2 = \
                out-of-vocabulary (Keras' IMDB convention), so 10000 keeps the 9997 most frequent \
                training words.""")
        int vocabSize,
    @Setting(
            value = "500",
            min = 1,
            max = 100_000,
            help = "Ids per review after padding or truncation.",
            doc =
                """
                Sequence length after padding/truncation, Keras pad_sequences style: zeros in front, \
                the last max-len ids kept when longer.""")
        int maxLen,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  public static final String INPUT = "prepare.input";
  public static final String OUTPUT = "prepare.output";
  public static final String VOCAB_SIZE = "prepare.vocab-size";
  public static final String MAX_LEN = "prepare.max-len";

  /**
   * Ids 0 (padding), 1 (start) and 2 (out-of-vocabulary) are reserved, so 4 is the smallest useful
   * size.
   */
  public static final int MIN_VOCAB_SIZE = 4;

  @Override
  public String section() {
    return "prepare";
  }
}
