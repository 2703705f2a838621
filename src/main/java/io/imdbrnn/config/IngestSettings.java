package io.imdbrnn.config;

/** Settings of the ingest stage ({@code ingest.*} in the config). */
public record IngestSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            help = "aclImdb directory or .tar.gz.",
            doc =
                """
                The aclImdb layout: a directory (<root>/{train,test}/{pos,neg}/<id>_<rating>.txt) on any \
                Hadoop filesystem (file:, hdfs:, s3a:), or a .tar.gz of it such as the official \
                aclImdb_v1.tar.gz. train/unsup, imdb.vocab, *.feat and urls_*.txt are ignored.""")
        String input,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "Where the reviews Parquet dataset is written (id, split, label, rating, text).")
        String output,
    @Setting(
            value = "failfast",
            label = "MODE",
            help = "failfast or dropmalformed.",
            doc =
                """
                What to do with a malformed review file (bad UTF-8, binary, empty, bad name or rating, \
                too large, a link or special file): failfast stops with an error that names the file \
                (nothing is written); dropmalformed skips it and records path and reason in \
                <output>/_rejected.""")
        MalformedMode mode,
    @Setting(
            value = "1048576",
            min = 1,
            max = IngestSettings.MAX_REVIEW_BYTES_LIMIT,
            doc = "Largest accepted review file, in bytes. Larger files are malformed.")
        long maxReviewBytes,
    @Setting(
            value = "0",
            min = 0,
            max = 100_000,
            doc = "Number of output files / tasks; 0 means the Spark default parallelism.")
        int partitions,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public IngestSettings {
    SettingsSchema.check(
        IngestSettings.class, input, output, mode, maxReviewBytes, partitions, overwrite);
  }

  public static final String INPUT = "ingest.input";
  public static final String OUTPUT = "ingest.output";
  public static final String MODE = "ingest.mode";

  /**
   * 64 MiB: a single task holds a review in memory, so the limit must stay far below executor
   * heaps.
   */
  public static final long MAX_REVIEW_BYTES_LIMIT = 64L * 1024 * 1024;

  @Override
  public String section() {
    return "ingest";
  }
}
