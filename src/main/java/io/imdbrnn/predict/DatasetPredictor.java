package io.imdbrnn.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.SequenceEncoder;
import io.imdbrnn.text.Vocabulary;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a Parquet or CSV dataset of reviews across the cluster and writes the input columns plus
 * {@code status}, {@code probability} and {@code predicted_label}. Rows whose text is empty or too
 * long keep a status and null probability; they never fail the run.
 */
public final class DatasetPredictor {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetPredictor.class);
  public static final String STATUS = "status";
  public static final String PREDICTED_LABEL = "predicted_label";

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

  private void score(StageRun run, ModelBundle bundle) {
    Dataset<Row> input = read();
    requireTextColumn(input);
    Dataset<Row> result = predictions(withStatus(input, settings.textColumn()), bundle);
    run.write(
        temp -> {
          result.write().parquet(temp);
          return null;
        });
    LOG.info(
        "Scored {} into {} with model {}",
        settings.input(),
        settings.output(),
        bundle.manifest().modelId());
  }

  private void requireTextColumn(Dataset<Row> input) {
    String text = settings.textColumn();
    if (!Arrays.asList(input.columns()).contains(text)
        || !(input.schema().apply(text).dataType() instanceof StringType)) {
      throw new BadInputException(
          String.format(
              "Input %s has no text column '%s' (%s); its columns are %s.",
              settings.input(), text, PredictSettings.TEXT_COLUMN, input.schema().simpleString()));
    }
  }

  /** The input with a status column: ok, or why the text is not scored. */
  private Dataset<Row> withStatus(Dataset<Row> input, String text) {
    UserDefinedFunction hasWords =
        udf(
            (UDF1<String, Boolean>) t -> !ReviewTokenizer.tokenize(t).isEmpty(),
            DataTypes.BooleanType);
    Column status =
        when(col(text).isNull().or(trim(col(text)).equalTo("")), Prediction.EMPTY)
            .when(octet_length(col(text)).gt(settings.maxReviewBytes()), Prediction.TOO_LONG)
            .when(not(hasWords.apply(col(text))), Prediction.NO_WORDS)
            .otherwise(Prediction.OK);
    return input.withColumn(STATUS, status);
  }

  /** Scores the ok rows on the executors; the others keep a null probability and label. */
  private Dataset<Row> predictions(Dataset<Row> withStatus, ModelBundle bundle) {
    int maxLen = bundle.prepared().maxLen();
    Broadcast<Vocabulary> vocabulary =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundle.vocabulary());
    UserDefinedFunction encode =
        udf(
            (UDF1<String, int[]>)
                t ->
                    SequenceEncoder.encode(ReviewTokenizer.tokenize(t), vocabulary.value(), maxLen),
            DataTypes.createArrayType(DataTypes.IntegerType, false));
    Dataset<Row> scored =
        ModelScoring.score(
            withStatus
                .filter(col(STATUS).equalTo(Prediction.OK))
                .withColumn(TokenizedDataset.TOKENS, encode.apply(col(settings.textColumn()))),
            bundle.network(),
            maxLen,
            settings.batchSize(),
            bundle.maskPadding());
    Dataset<Row> unscored =
        withStatus
            .filter(col(STATUS).notEqual(Prediction.OK))
            .withColumn(ModelScoring.PROBABILITY, lit(null).cast(DataTypes.DoubleType));
    return scored
        .unionByName(unscored)
        .withColumn(PREDICTED_LABEL, ModelScoring.predictedLabel(col(ModelScoring.PROBABILITY)));
  }

  private Dataset<Row> read() {
    try {
      return kind == InputKind.CSV
          ? spark
              .read()
              .option("header", "true")
              .option("multiLine", "true")
              .option("escape", "\"")
              .csv(settings.input())
          : spark.read().parquet(settings.input());
    } catch (Exception e) {
      throw new BadInputException(
          "Cannot read input " + settings.input() + " as " + kind + ": " + e.getMessage(), e);
    }
  }
}
