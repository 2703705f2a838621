package io.imdbrnn.config;

/** Settings of the baseline ({@code baseline.*} in the config). */
public record BaselineSettings(
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                The reviews dataset written by `ingest`: the baseline is fitted on its train split and \
                evaluated on its test split, the same reviews the network is trained and evaluated \
                on.""")
        String input,
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                Where model/ (a Spark ML PipelineModel over tokenized words), metrics/ and \
                predictions/ (the layout of `evaluate`) are written.""")
        String output,
    @Setting(
            value = "1048576",
            min = 1024,
            max = 16_777_216,
            doc = "Hash buckets for the unigram and bigram counts (HashingTF).")
        int numFeatures,
    @Setting(
            value = "2",
            min = 0,
            max = 1_000_000,
            doc = "Terms in fewer training reviews than this get no weight (IDF minDocFreq).")
        int minDocFreq,
    @Setting(
            value = "0.001",
            min = 0,
            max = 1000,
            doc = "L2 regularization of the logistic regression (regParam).")
        double regParam,
    @Setting(
            value = "100",
            min = 1,
            max = 10_000,
            doc = "Iterations of the logistic regression's optimizer.")
        int maxIter,
    @Setting(
            value = "5",
            min = 1,
            max = 1000,
            doc = "K-class data: the k of the baseline's top-k accuracy (as evaluate.top-k).")
        int topK,
    @Setting(runOnly = true, value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public BaselineSettings {
    SettingsSchema.check(
        BaselineSettings.class,
        input,
        output,
        numFeatures,
        minDocFreq,
        regParam,
        maxIter,
        topK,
        overwrite);
  }

  @Override
  public String section() {
    return "baseline";
  }
}
