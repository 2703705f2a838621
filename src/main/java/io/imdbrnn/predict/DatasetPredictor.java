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
import org.apache.spark.sql.types.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a table of reviews ({@link TableInput}) across the cluster and writes the input columns
 * plus {@code status}, {@code probability} and {@code predicted_label} (for a K-class model: the
 * class's name, its probability, and {@code probabilities}, every class's in class index order).
 * Rows whose text is empty or too long keep a status and null probability; they never fail the run.
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

  /** The text of several text columns while it is scored; not written. */
  private static final String JOINED_TEXT = "_imdb_rnn_text";

  private void score(StageRun run, ModelBundle bundle) {
    ClassOutputs<?> classes = ClassOutputs.of(bundle.labels());
    Column predicted = classes.predictedIndex(col(classes.scoreColumn()));
    TableInput table = new TableInput(spark, settings, kind);
    Dataset<Row> read = table.read();
    List<String> texts = TextColumns.names(settings.textColumn());
    String malformed = table.malformedColumn(read);
    table.requireSomeRecord(read, texts.get(0));
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
                .drop(TableInput.MALFORMED_ROW);
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
              settings.input(),
              text,
              PredictSettings.TEXT_COLUMN,
              input.drop(TableInput.MALFORMED_ROW).schema().simpleString()));
    }
  }
}
