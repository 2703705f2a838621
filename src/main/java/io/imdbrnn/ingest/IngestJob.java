package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestFormat;
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
 * Stage 1: labeled texts in any supported layout (aclImdb, a folder per class, CSV, TSV, JSON
 * Lines, Parquet; one input, or a train and a test input) to the reviews Parquet dataset. Rows are
 * parsed and checked on the executors, the test split assigned where the input does not say, cached
 * once, counted and written; in failfast mode the first malformed row (in source order) stops the
 * run before anything is written. Costs one pass over the input and one write.
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
   * Makes the run stop before writing anything unless both splits hold texts: for {@code run},
   * which would otherwise train for minutes and only then find no test split.
   */
  public IngestJob requireBothLabelsInEverySplit() {
    this.requireEveryClass = true;
    return this;
  }

  /** A problem with the input as a whole (a truncated archive) stops ingest in every mode. */
  private void stopOnWholeInputProblem(Dataset<Row> parsed) {
    List<Row> fatal =
        parsed
            .filter(functions.col(ReviewValidation.FATAL))
            .select(ReviewValidation.SOURCE, ReviewValidation.ERROR)
            .limit(1)
            .collectAsList();
    if (!fatal.isEmpty()) {
      String message = fatal.get(0).getString(1);
      throw new BadInputException(
          (message.contains(fatal.get(0).getString(0))
                  ? message
                  : fatal.get(0).getString(0) + ": " + message)
              + ". Nothing was written.");
    }
  }

  public IngestResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      LongAccumulator ignored = spark.sparkContext().longAccumulator("ingest.ignoredEntries");
      Dataset<Row> raw =
          run.step("listing " + settings.input(), () -> openInputs(run.hadoopConf(), ignored));
      Dataset<Row> cached = run.cache(raw);
      Map<String, Long> duplicates =
          run.step("reading and validating texts", () -> ReviewValidation.duplicateIds(cached));
      Dataset<Row> parsed = ReviewValidation.rejectDuplicates(cached, duplicates);
      Map<String, Long> counts = new TreeMap<>();
      long rejected = count(parsed, counts);
      if (rejected > 0) {
        stopOnWholeInputProblem(parsed);
      }
      List<String> testOnly = ClassCheck.testOnlyClasses(counts);
      if (!testOnly.isEmpty() && settings.mode() == MalformedMode.DROPMALFORMED) {
        parsed = ClassCheck.rejectTestOnly(parsed, testOnly);
        counts.clear();
        rejected = count(parsed, counts);
        testOnly = List.of();
      }
      checkBeforeWriting(parsed, counts, rejected, testOnly);
      Dataset<Row> checked = parsed;
      run.write(temp -> write(checked, temp));
      IngestResult result = new IngestResult(settings.output(), counts, rejected, ignored.value());
      LOG.info(
          "Ingested {} texts ({} classes in the train split) into {}; {} malformed skipped, {}"
              + " archive entries outside the layout ignored",
          result.reviews(),
          ClassCheck.trainClasses(counts).size(),
          settings.output(),
          rejected,
          result.ignoredEntries());
      return result;
    }
  }

  /** Everything that stops ingest with bad input, before a byte is written. */
  private void checkBeforeWriting(
      Dataset<Row> parsed, Map<String, Long> counts, long rejected, List<String> testOnly) {
    if (rejected > 0 && settings.mode() == MalformedMode.FAILFAST) {
      throw firstMalformed(parsed, rejected);
    }
    if (counts.isEmpty()) {
      throw new BadInputException(
          "Input "
              + settings.input()
              + " holds no valid texts ("
              + rejected
              + " malformed). Nothing was written.");
    }
    ClassCheck.require(counts, testOnly, settings, parsed, requireEveryClass);
  }

  /** The input, and the test input when there is one, parsed into one frame. */
  private Dataset<Row> openInputs(Configuration hadoopConf, LongAccumulator ignored) {
    boolean twoInputs = !settings.testInput().isEmpty();
    if (twoInputs && !settings.splitColumn().isEmpty()) {
      throw new BadInputException(
          String.format(
              "Set either %s or %s, not both: with two inputs every row of %s is train and every"
                  + " row of %s is test.",
              IngestSettings.TEST_INPUT,
              IngestSettings.SPLIT_COLUMN,
              IngestSettings.INPUT,
              IngestSettings.TEST_INPUT));
    }
    IngestFormat format = format(hadoopConf, settings.input(), IngestSettings.INPUT);
    Dataset<Row> parsed =
        open(hadoopConf, settings.input(), format, twoInputs ? SplitNames.TRAIN : null, ignored);
    if (twoInputs) {
      IngestFormat testFormat = format(hadoopConf, settings.testInput(), IngestSettings.TEST_INPUT);
      parsed =
          parsed.union(
              open(hadoopConf, settings.testInput(), testFormat, SplitNames.TEST, ignored));
    }
    if (format == IngestFormat.ACLIMDB && "rating".equals(settings.labelColumn())) {
      parsed =
          parsed.withColumn(
              ReviewsDataset.LABEL, functions.col(ReviewsDataset.RATING).cast("string"));
    }
    return SplitAssignment.fill(
        parsed, !settings.idColumn().isEmpty(), settings.testFraction(), settings.splitSeed());
  }

  private IngestFormat format(Configuration hadoopConf, String input, String option) {
    HadoopConfigurations.requireExists(hadoopConf, input, option);
    try {
      Path path = new Path(input);
      return InputFormats.resolve(path.getFileSystem(hadoopConf), path, settings.format());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open input " + input + ": " + e.getMessage(), e);
    }
  }

  private Dataset<Row> open(
      Configuration hadoopConf,
      String input,
      IngestFormat format,
      String forcedSplit,
      LongAccumulator ignored) {
    Path path = new Path(input);
    int partitions =
        settings.partitions() > 0
            ? settings.partitions()
            : spark.sparkContext().defaultParallelism();
    long maxBytes = settings.maxReviewBytes();
    TableRow rows =
        new TableRow(
            TableColumns.of(settings, forcedSplit == null),
            maxBytes,
            forcedSplit,
            settings.encoding());
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      Dataset<Row> parsed =
          switch (format) {
            case ACLIMDB -> aclImdb(fs, path, partitions, ignored);
            case FOLDERS -> {
              requireDirectory(fs, path, format);
              yield FolderTreeSource.read(
                  spark,
                  fs,
                  path,
                  maxBytes,
                  settings.encoding(),
                  settings.fileExtension(),
                  partitions);
            }
            case CSV, TSV, JSONL ->
                TableFileSource.read(
                    spark, fs, path, format, rows, maxBytes, settings.encoding(), partitions);
            case PARQUET -> ParquetTableSource.read(spark, input, rows);
            case AUTO -> throw new IllegalStateException("format not resolved");
          };
      return forcedSplit == null
          ? parsed
          : parsed.withColumn(
              ReviewsDataset.SPLIT,
              functions
                  .when(ReviewValidation.isRejected(), functions.lit(null).cast("string"))
                  .otherwise(functions.lit(forcedSplit)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open input " + input + ": " + e.getMessage(), e);
    }
  }

  private Dataset<Row> aclImdb(FileSystem fs, Path input, int partitions, LongAccumulator ignored)
      throws IOException {
    long maxBytes = settings.maxReviewBytes();
    Dataset<Row> raw;
    if (fs.getFileStatus(input).isDirectory()) {
      Path root = DirectorySource.resolveRoot(fs, input);
      raw = DirectorySource.read(spark, fs, root, maxBytes, partitions);
    } else {
      ArchiveSource.checkReadable(fs, input);
      raw = ArchiveSource.read(spark, input.toString(), maxBytes, partitions, ignored);
    }
    return ReviewValidation.parse(raw, new ReviewParser(maxBytes, settings.encoding()));
  }

  private static void requireDirectory(FileSystem fs, Path input, IngestFormat format)
      throws IOException {
    if (!fs.getFileStatus(input).isDirectory()) {
      throw new BadInputException(
          String.format(
              "Input %s is a file; %s = %s reads a directory (<root>/[<split>/]<class>/*.txt).",
              input, IngestSettings.FORMAT, format.settingName()));
    }
  }

  /** Fills {@code counts} per split/label and returns the number of rejected rows. */
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
        counts.put(ClassCheck.key(r.getString(1), r.getString(2)), r.getLong(3));
      }
    }
    return rejected;
  }

  private BadInputException firstMalformed(Dataset<Row> parsed, long rejected) {
    Row first = ReviewValidation.rejected(parsed).orderBy(ReviewsDataset.REJECTED_PATH).first();
    return new BadInputException(
        String.format(
            "Malformed text %s: %s. %d malformed in total; nothing was written. "
                + "Fix the input, or set %s=dropmalformed to skip them and list them in %s/%s.",
            first.getString(0),
            first.getString(1),
            rejected,
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
