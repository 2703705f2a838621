package io.imdbrnn.config;

/**
 * Settings of {@code generate} ({@code generate.*} in the config): sampling from a next-char model.
 */
public record GenerateSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                "A language model bundle written by `train` (data prepared with task next-char or"
                    + " next-word).")
        String model,
    @Setting(
            value = "\"The movie was\"",
            label = "TEXT",
            doc =
                """
                The text the sample continues, read as the start of a review (normalised like the \
                training text). Empty: the sample starts a review from nothing.""")
        String seedText,
    @Setting(
            value = "300",
            min = 1,
            max = 1_000_000,
            doc = "Characters (or words, for a next-word model) to generate.")
        int length,
    @Setting(
            value = "0.8",
            min = 0,
            minExclusive = true,
            max = 10,
            doc =
                """
                Divides the network's log-probabilities before sampling: below 1 picks likely \
                characters more often (closer to the single most likely text), above 1 less often; \
                1 samples the network's own distribution.""")
        double temperature,
    @Setting(
            value = "0",
            min = 0,
            max = 1_000_000,
            doc = "Sample among the K most probable characters only; 0 keeps them all.")
        int topK,
    @Setting(value = "42", doc = "Seeds the sampling: the same seed gives the same text.")
        long randomSeed,
    @Setting(
            value = "1",
            min = 1,
            max = 1000,
            doc =
                """
                Texts sampled side by side from the seed text, one per line; sample i draws from \
                random-seed + i, so the first is the text a single sample gives. On the fused \
                networks one pass over the weights serves them all: several cost little more \
                than one.""")
        int samples)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public GenerateSettings {
    SettingsSchema.check(
        GenerateSettings.class, model, seedText, length, temperature, topK, randomSeed, samples);
  }

  public static final String MODEL = "generate.model";

  @Override
  public String input() {
    return model;
  }

  @Override
  public String inputKey() {
    return MODEL;
  }

  /** Generated text goes to standard output. */
  @Override
  public String output() {
    return "";
  }

  @Override
  public boolean overwrite() {
    return false;
  }

  @Override
  public String section() {
    return "generate";
  }
}
