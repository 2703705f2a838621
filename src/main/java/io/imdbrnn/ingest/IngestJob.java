package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.HadoopConfigurations;
import io.imdbrnn.runtime.StageRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: the aclImdb layout to the reviews Parquet dataset. Validated rows are cached once,
 * counted, and written; in failfast mode the first malformed file (in path order) stops the run
 * before anything is written. Costs one pass over the input and one write.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private final SparkSession spark;
  private final IngestSettings settings;
  private boolean requireEveryClass;

  public IngestJob(SparkSession spark, IngestSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * Makes the run stop before writing anything unless both splits hold reviews of both labels: for
   * {@code run}, which would otherwise train for minutes and only then find no test split.
   */
  public IngestJob requireBothLabelsInEverySplit() {
    this.requireEveryClass = true;
    return this;
  }

  private void requireEveryClass(Map<String, Long> counts) {
    List<String> missing = new java.util.ArrayList<>();
    for (String split : DatasetLayout.SPLITS) {
      for (String label : DatasetLayout.LABEL_DIRS) {
        if (counts.getOrDefault(split + "/" + label, 0L) == 0) {
          missing.add(split + "/" + label);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Input %s (%s) has no valid reviews in %s; a run trains on train/ and evaluates on"
                  + " test/, both with pos/ and neg/. Nothing was written.",
              settings.input(), IngestSettings.INPUT, String.join(", ", missing)));
    }
  }

  /** A problem with the input as a whole (a truncated archive) stops ingest in every mode. */
  private void stopOnWholeInputProblem(Dataset<Row> parsed) {
    List<Row> fatal =
        parsed
            .filter(functions.col(ReviewValidation.FATAL))
            .select(ReviewValidation.ERROR)
            .limit(1)
            .collectAsList();
    if (!fatal.isEmpty()) {
      throw new BadInputException(fatal.get(0).getString(0) + ". Nothing was written.");
    }
  }

  public IngestResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      LongAccumulator ignored = spark.sparkContext().longAccumulator("ingest.ignoredEntries");
      Dataset<Row> raw =
          run.step("listing " + settings.input(), () -> openInput(run.hadoopConf(), ignored));
      Dataset<Row> cached = run.cache(ReviewValidation.parse(raw, settings.maxReviewBytes()));
      Map<String, Long> duplicates =
          run.step("reading and validating reviews", () -> ReviewValidation.duplicateIds(cached));
      Dataset<Row> parsed = ReviewValidation.rejectDuplicates(cached, duplicates);
      Map<String, Long> counts = new TreeMap<>();
      long rejected = count(parsed, counts);
      checkBeforeWriting(parsed, counts, rejected);
      run.write(temp -> write(parsed, temp));
      IngestResult result = new IngestResult(settings.output(), counts, rejected, ignored.value());
      LOG.info(
          "Ingested {} reviews {} into {}; {} malformed files skipped, {} archive entries outside the layout ignored",
          result.reviews(),
          counts,
          settings.output(),
          rejected,
          result.ignoredEntries());
      return result;
    }
  }

  /** Everything that stops ingest with bad input, before a byte is written. */
  private void checkBeforeWriting(Dataset<Row> parsed, Map<String, Long> counts, long rejected) {
    if (rejected > 0) {
      stopOnWholeInputProblem(parsed);
    }
    if (rejected > 0 && settings.mode() == MalformedMode.FAILFAST) {
      throw firstMalformed(parsed, rejected);
    }
    if (counts.isEmpty()) {
      throw new BadInputException(
          "Input "
              + settings.input()
              + " holds no valid reviews ("
              + rejected
              + " malformed files).");
    }
    if (requireEveryClass) {
      requireEveryClass(counts);
    }
  }

  private Dataset<Row> openInput(Configuration hadoopConf, LongAccumulator ignored) {
    Path input = new Path(settings.input());
    int partitions =
        settings.partitions() > 0
            ? settings.partitions()
            : spark.sparkContext().defaultParallelism();
    HadoopConfigurations.requireExists(hadoopConf, settings.input(), IngestSettings.INPUT);
    try {
      FileSystem fs = input.getFileSystem(hadoopConf);
      if (fs.getFileStatus(input).isDirectory()) {
        Path root = DirectorySource.resolveRoot(fs, input);
        return DirectorySource.read(spark, fs, root, settings.maxReviewBytes(), partitions);
      }
      ArchiveSource.checkReadable(fs, input);
      return ArchiveSource.read(
          spark, input.toString(), settings.maxReviewBytes(), partitions, ignored);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open input " + input + ": " + e.getMessage(), e);
    }
  }

  /** Fills {@code counts} per split/label and returns the number of rejected files. */
  private static long count(Dataset<Row> parsed, Map<String, Long> counts) {
    List<Row> rows =
        parsed
            .groupBy(
                ReviewValidation.isRejected().as("rejected"),
                functions.col(ReviewsDataset.SPLIT),
                functions.col(ReviewsDataset.LABEL))
            .count()
            .collectAsList();
    long rejected = 0;
    for (Row r : rows) {
      if (r.getBoolean(0)) {
        rejected += r.getLong(3);
      } else {
        counts.put(r.getString(1) + "/" + (r.getInt(2) == 1 ? "pos" : "neg"), r.getLong(3));
      }
    }
    return rejected;
  }

  private BadInputException firstMalformed(Dataset<Row> parsed, long rejected) {
    Row first = ReviewValidation.rejected(parsed).orderBy(ReviewsDataset.REJECTED_PATH).first();
    return new BadInputException(
        String.format(
            "Malformed review %s: %s. %d malformed file%s in total; nothing was written. "
                + "Fix the input, or set %s=dropmalformed to skip them and list them in %s/%s.",
            first.getString(0),
            first.getString(1),
            rejected,
            rejected == 1 ? "" : "s",
            IngestSettings.MODE,
            settings.output(),
            ReviewsDataset.REJECTED_DIR));
  }

  private Void write(Dataset<Row> parsed, String temp) {
    ReviewValidation.accepted(parsed).write().parquet(temp);
    if (settings.mode() == MalformedMode.DROPMALFORMED) {
      ReviewValidation.rejected(parsed)
          .coalesce(1)
          .write()
          .parquet(temp + "/" + ReviewsDataset.REJECTED_DIR);
    }
    return null;
  }
}
