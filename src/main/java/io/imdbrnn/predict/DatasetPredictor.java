package io.imdbrnn.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.datasets.TextColumns;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.scoring.TextFrameScoring;
import io.imdbrnn.scoring.TextStatus;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a Parquet, CSV, TSV or JSON Lines dataset of reviews across the cluster and writes the
 * input columns plus {@code status}, {@code probability} and {@code predicted_label} (for a K-class
 * model: the class's name, its probability, and {@code probabilities}, every class's in class index
 * order). Rows whose text is empty or too long keep a status and null probability; they never fail
 * the run.
 */
public final class DatasetPredictor {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetPredictor.class);
  public static final String STATUS = "status";
  public static final String PREDICTED_LABEL = "predicted_label";
  public static final String PREDICTED_CLASS = "predicted_class";

  private final SparkSession spark;
  private final PredictSettings settings;
  private final InputKind kind;

  public DatasetPredictor(SparkSession spark, PredictSettings settings, InputKind kind) {
    this.spark = spark;
    this.settings = settings;
    this.kind = kind;
  }

  public void execute(ModelBundle bundle) {
    try (StageRun run = StageRun.open(spark, settings)) {
      score(run, bundle);
    }
  }

  /** Spark's column for a line its JSON reader could not parse, kept in the output. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  /**
   * Spark's record of a CSV or TSV row whose fields do not match the header, while the row is
   * marked; not written (the row's own columns say which it is).
   */
  private static final String MALFORMED_ROW = "_imdb_rnn_malformed";

  /** The text of several text columns while it is scored; not written. */
  private static final String JOINED_TEXT = "_imdb_rnn_text";

  private void score(StageRun run, ModelBundle bundle) {
    ClassOutputs<?> classes = ClassOutputs.of(bundle.labels());
    Column predicted = classes.predictedIndex(col(classes.scoreColumn()));
    Dataset<Row> read = read();
    List<String> texts = TextColumns.names(settings.textColumn());
    String malformed = malformedColumn(read);
    if (kind == InputKind.JSONL) {
      requireSomeRecord(read, texts.get(0), malformed);
    }
    texts.forEach(text -> requireTextColumn(read, text));
    requireNoOutputColumn(read);
    // Several text columns are scored as ingest joined them, in a column dropped afterwards.
    String scored = texts.size() == 1 ? texts.get(0) : JOINED_TEXT;
    Dataset<Row> input =
        texts.size() == 1 ? read : read.withColumn(JOINED_TEXT, TextColumns.joined(texts));
    Dataset<Row> result =
        TextFrameScoring.score(
                input,
                scored,
                STATUS,
                ModelScoring.PROBABILITY,
                bundle,
                settings.batchSize(),
                settings.maxReviewBytes())
            .withColumn(PREDICTED_LABEL, classes.predictedLabel(predicted))
            .withColumn(
                PREDICTED_CLASS, io.imdbrnn.datasets.LabelColumns.name(bundle.labels(), predicted))
            .drop(JOINED_TEXT);
    Dataset<Row> marked =
        malformed == null
            ? result
            : result
                .withColumn(
                    STATUS,
                    when(col(malformed).isNotNull(), lit(TextStatus.MALFORMED))
                        .otherwise(col(STATUS)))
                .drop(MALFORMED_ROW);
    run.write(
        temp -> {
          marked.write().parquet(temp);
          return null;
        });
    LOG.info(
        "Scored {} into {} with model {}",
        settings.input(),
        settings.output(),
        bundle.manifest().modelId());
  }

  /**
   * The column that notes a row its format could not read, or null: Spark's record of a JSON line
   * (present when some line was not an object), or of a CSV or TSV row.
   */
  private String malformedColumn(Dataset<Row> read) {
    String c =
        switch (kind) {
          case JSONL -> CORRUPT_RECORD;
          case CSV, TSV -> MALFORMED_ROW;
          default -> null;
        };
    return c != null && Arrays.asList(read.columns()).contains(c) ? c : null;
  }

  /**
   * A JSON file none of whose lines is a JSON object (a pretty-printed document, another format
   * under a .json name) would come out as nothing but malformed rows, and a scheduler would call
   * that a success. One parsed row ends the check, so it reads little of a good input.
   */
  private void requireSomeRecord(Dataset<Row> input, String text, String malformed) {
    if (malformed == null) {
      return;
    }
    // Spark refuses a query of raw JSON that reads only the corrupt-record column, so the text
    // column is collected (a count would be pruned to the corrupt-record column alone).
    boolean parsed =
        input.columns().length > 1
            && (!Arrays.asList(input.columns()).contains(text)
                || !input
                    .where(col(malformed).isNull())
                    .select(col(text))
                    .limit(1)
                    .collectAsList()
                    .isEmpty());
    if (!parsed) {
      throw new BadInputException(
          String.format(
              "Input %s: no line is a JSON object. JSON Lines (%s=jsonl) holds one object per"
                  + " line; a pretty-printed JSON document or an array over several lines is not"
                  + " JSON Lines.",
              settings.input(), PredictSettings.INPUT_FORMAT));
    }
  }

  /** An input column of an output's name would be written twice, which Parquet refuses late. */
  private void requireNoOutputColumn(Dataset<Row> input) {
    for (String out :
        List.of(
            STATUS,
            ModelScoring.PROBABILITY,
            ModelScoring.PROBABILITIES,
            PREDICTED_LABEL,
            PREDICTED_CLASS)) {
      for (String c : input.columns()) {
        if (c.equalsIgnoreCase(out)) {
          throw new BadInputException(
              String.format(
                  "Input %s has a column %s, a name predict writes (status, probability,"
                      + " probabilities, predicted_label, predicted_class); rename it or select the"
                      + " columns to keep.",
                  settings.input(), c));
        }
      }
    }
  }

  private void requireTextColumn(Dataset<Row> input, String text) {
    if (!Arrays.asList(input.columns()).contains(text)
        || !(input.schema().apply(text).dataType() instanceof StringType)) {
      throw new BadInputException(
          String.format(
              "Input %s has no text column '%s' (%s); its columns are %s.",
              settings.input(), text, PredictSettings.TEXT_COLUMN, input.schema().simpleString()));
    }
  }

  private Dataset<Row> read() {
    try {
      return switch (kind) {
        case CSV, TSV -> readDelimited();
        case JSONL -> readJsonLines();
        default -> spark.read().parquet(settings.input());
      };
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) {
      throw new BadInputException(
          "Cannot read input " + settings.input() + " as " + kind + ": " + e.getMessage(), e);
    }
  }

  /**
   * CSV or TSV with a header, every column a string, as Spark reads them; a row with more or fewer
   * fields than the header is kept (noted in {@link #MALFORMED_ROW}) and marked {@code malformed}
   * instead of being scored with the cells it happens to have. Spark keeps that record only when
   * the schema names its column, so the header is read first.
   */
  private Dataset<Row> readDelimited() {
    org.apache.spark.sql.DataFrameReader reader =
        spark
            .read()
            .option("header", "true")
            // A TSV row is a line (a tab or line break in a field has no standard form), so a
            // stray quote cannot swallow the rows after it, as it does in multi-line mode.
            .option("multiLine", kind == InputKind.CSV)
            .option("escape", "\"")
            .option("sep", kind == InputKind.TSV ? "\t" : ",")
            .option("encoding", settings.encoding());
    StructType header = reader.csv(settings.input()).schema();
    return reader
        .schema(header.add(MALFORMED_ROW, DataTypes.StringType))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", MALFORMED_ROW)
        .csv(settings.input());
  }

  /**
   * JSON Lines as Spark reads them, a line that is not a JSON object kept (in {@link
   * #CORRUPT_RECORD}) and marked {@code malformed}, never scored as an empty text. Spark's reader
   * decodes UTF-8 by itself; another character set must be named with its line separator.
   */
  private Dataset<Row> readJsonLines() {
    org.apache.spark.sql.DataFrameReader reader =
        spark
            .read()
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT_RECORD);
    if (!java.nio.charset.Charset.forName(settings.encoding())
        .equals(java.nio.charset.StandardCharsets.UTF_8)) {
      reader = reader.option("encoding", settings.encoding()).option("lineSep", "\n");
    }
    return reader.json(settings.input());
  }
}
