package io.imdbrnn.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.features.ReviewTokenizer;
import io.imdbrnn.features.SequenceEncoder;
import io.imdbrnn.features.Vocabulary;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.ModelBundle;
import io.imdbrnn.spark.ModelScoring;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
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
    var conf = spark.sparkContext().hadoopConfiguration();
    AtomicOutput output = AtomicOutput.forStage(conf, settings);
    Dataset<Row> input = read();
    String text = settings.textColumn();
    if (!Arrays.asList(input.columns()).contains(text)
        || !(input.schema().apply(text).dataType() instanceof StringType)) {
      throw new IllegalArgumentException(
          String.format(
              "Input %s has no text column '%s' (%s); its columns are %s.",
              settings.input(), text, PredictSettings.TEXT_COLUMN, input.schema().simpleString()));
    }
    UserDefinedFunction hasWords =
        udf(
            (UDF1<String, Boolean>) t -> !ReviewTokenizer.tokenize(t).isEmpty(),
            DataTypes.BooleanType);
    Column status =
        when(col(text).isNull().or(trim(col(text)).equalTo("")), Prediction.EMPTY)
            .when(octet_length(col(text)).gt(settings.maxReviewBytes()), Prediction.TOO_LONG)
            .when(not(hasWords.apply(col(text))), Prediction.NO_WORDS)
            .otherwise(Prediction.OK);
    Dataset<Row> withStatus = input.withColumn(STATUS, status);
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
                .withColumn(TokenizedDataset.TOKENS, encode.apply(col(text))),
            bundle.network(),
            maxLen,
            settings.batchSize(),
            bundle.maskPadding());
    Dataset<Row> unscored =
        withStatus
            .filter(col(STATUS).notEqual(Prediction.OK))
            .withColumn(ModelScoring.PROBABILITY, lit(null).cast(DataTypes.DoubleType));
    Dataset<Row> result =
        scored
            .unionByName(unscored)
            .withColumn(
                PREDICTED_LABEL,
                when(col(ModelScoring.PROBABILITY).geq(0.5), 1)
                    .when(col(ModelScoring.PROBABILITY).isNotNull(), 0));
    new SparkStage(spark, "predict")
        .run(
            "scoring " + settings.input(),
            () -> output.write(temp -> result.write().parquet(temp)));
    LOG.info(
        "Scored {} into {} with model {}",
        settings.input(),
        settings.output(),
        bundle.manifest().modelId());
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
      throw new IllegalArgumentException(
          "Cannot read input " + settings.input() + " as " + kind + ": " + e.getMessage(), e);
    }
  }
}
