package io.imdbrnn.config;

/** Settings of {@code word-vectors}: Word2Vec on a corpus's own texts ({@code word-vectors.*}). */
public record WordVectorsSettings(
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                The reviews dataset written by `ingest`: the vectors are learned from the texts of \
                its train split only (labels are not used; the test split is never read).""")
        String input,
    @Setting(
            runOnly = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                More text to learn the vectors from, beside the train split: a UTF-8 text file, \
                or a directory of them, one text per line (word2vec's own input format), on any \
                Hadoop filesystem. For an unlabeled corpus, or the texts of another data set, that \
                covers words the labeled texts lack. Never the test texts of the data the vectors' \
                classifier is measured on. Empty: none.""")
        String unlabeledTexts,
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                Where word-vectors.txt (one word and its numbers per line, after a "count \
                dimension" line: the word2vec text format that train.word-vectors reads) and \
                word-vectors.json (what made them) are written.""")
        String output,
    @Setting(
            value = "128",
            min = 1,
            max = 4096,
            doc = "Numbers per vector; train.embedding-size must be the same to use them.")
        int vectorSize,
    @Setting(
            value = "5",
            min = 1,
            max = 100,
            doc = "Words on each side of a word that count as its context.")
        int window,
    @Setting(
            value = "5",
            min = 1,
            max = 1_000_000,
            doc = "Words seen fewer times in the train split get no vector.")
        int minCount,
    @Setting(
            value = "1",
            min = 1,
            max = 100,
            doc = "Passes over the texts (Spark MLlib Word2Vec's maxIter).")
        int iterations,
    @Setting(
            value = "0.025",
            min = 0,
            minExclusive = true,
            max = 1,
            doc = "Initial learning rate of the skip-gram training.")
        double stepSize,
    @Setting(
            value = "1",
            min = 1,
            max = 1024,
            doc =
                """
                Partitions trained in parallel; more is faster and a little less accurate (their \
                vectors are averaged after every pass).""")
        int partitions,
    @Setting(value = "42", doc = "Seed of the initial vectors and of the sampling.") long seed,
    @Setting(runOnly = true, value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  public WordVectorsSettings {
    SettingsSchema.check(
        WordVectorsSettings.class,
        input,
        unlabeledTexts,
        output,
        vectorSize,
        window,
        minCount,
        iterations,
        stepSize,
        partitions,
        seed,
        overwrite);
  }

  @Override
  public String section() {
    return "word-vectors";
  }
}
