package io.imdbrnn.ml;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.datasets.LabelColumns;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.scoring.TextFrameScoring;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The Spark ML Model of a trained bundle: {@code transform} adds {@code status} and the model's
 * outputs to any DataFrame with a text column, batch or streaming, scoring on the executors with
 * the bundle broadcast once. A two-class model adds {@code probability} (of the second class, a
 * double, as it always has) and {@code prediction} (1.0 or 0.0). A model of more classes follows
 * Spark ML's classifiers: {@code rawPrediction} (log-probabilities) and {@code probability} as
 * {@code Vector}s, {@code prediction} the class index (a double whose column metadata names the
 * classes, so {@code IndexToString} needs no labels) and {@code predictedLabel} the class as the
 * training data named it. Null, empty, word-less and too-long texts get a status and null outputs
 * instead of failing the job.
 *
 * <p>Saved, it is a model bundle directory (the same format {@code train} writes, plus Spark ML's
 * {@code metadata/}): a bundle from the command line loads as a {@code SentimentModel} and a saved
 * model scores with {@code predict}. Loading goes through the bundle's safe reader (no Java
 * deserialization, bounded sizes). Saving follows the command line's output rules: written aside
 * and moved into place, and an existing directory is replaced only with {@code overwrite()} and
 * only if this program wrote it.
 */
public class SentimentModel extends Model<SentimentModel> implements MLWritable {
  static {
    // A user's Spark application loads ND4J first through these classes on the driver.
    io.imdbrnn.runtime.OpenBlasKernels.apply();
  }

  private static final long serialVersionUID = 1L;

  static final String STATUS = "status";
  static final String PROBABILITY = ModelScoring.PROBABILITY;
  static final String PREDICTION = "prediction";
  static final String RAW_PREDICTION = "rawPrediction";
  static final String PREDICTED_LABEL = "predictedLabel";

  /** Scoring params are predict's settings, declared there once. */
  private static final String PREDICT = SettingsSchema.sectionOf(PredictSettings.class);

  private final String uid;
  private final transient ModelBundle bundle;
  private final Param<String> textCol;
  private final Param<String> statusCol;
  private final Param<String> probabilityCol;
  private final Param<String> predictionCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> predictedLabelCol;
  private final IntParam batchSize;
  private final LongParam maxReviewBytes;

  public SentimentModel(String uid, ModelBundle bundle) {
    this.uid = uid;
    this.bundle = bundle;
    this.textCol = new Param<>(uid, "textCol", "Column of review texts (string).");
    this.statusCol =
        new Param<>(uid, "statusCol", "Output column: ok, or why a text was not scored.");
    this.probabilityCol =
        new Param<>(uid, "probabilityCol", "Output column: probability of a positive review.");
    this.predictionCol =
        new Param<>(
            uid,
            "predictionCol",
            "Output column: 1.0 positive, 0.0 negative (two classes); the class index (more).");
    this.rawPredictionCol =
        new Param<>(
            uid, "rawPredictionCol", "Output column of a K-class model: log-probabilities.");
    this.predictedLabelCol =
        new Param<>(
            uid,
            "predictedLabelCol",
            "Output column of a K-class model: the predicted class as the training data named it.");
    this.batchSize = (IntParam) SettingParams.param(uid, PREDICT, "batch-size");
    this.maxReviewBytes = (LongParam) SettingParams.param(uid, PREDICT, "max-review-bytes");
    setDefault(textCol, "text");
    setDefault(statusCol, STATUS);
    setDefault(probabilityCol, PROBABILITY);
    setDefault(predictionCol, PREDICTION);
    setDefault(rawPredictionCol, RAW_PREDICTION);
    setDefault(predictedLabelCol, PREDICTED_LABEL);
    setDefault(batchSize, (Integer) SettingParams.defaultValue(PREDICT, "batch-size"));
    setDefault(maxReviewBytes, (Long) SettingParams.defaultValue(PREDICT, "max-review-bytes"));
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public org.apache.spark.ml.param.Param<?>[] params() {
    return new Param<?>[] {
      textCol,
      statusCol,
      probabilityCol,
      predictionCol,
      rawPredictionCol,
      predictedLabelCol,
      batchSize,
      maxReviewBytes
    };
  }

  /** The bundle this model scores with. */
  public ModelBundle bundle() {
    return bundle;
  }

  public SentimentModel setTextCol(String value) {
    set(textCol, value);
    return this;
  }

  public SentimentModel setStatusCol(String value) {
    set(statusCol, value);
    return this;
  }

  public SentimentModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  public SentimentModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public SentimentModel setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  public SentimentModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  public SentimentModel setPredictedLabelCol(String value) {
    set(predictedLabelCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    LabelIndex labels = bundle.labels();
    ClassOutputs<?> classes = ClassOutputs.of(labels);
    // A model with a distribution answers in Spark ML's vectors, and the probability it reports
    // is a column of its own only briefly; a two-class model's probability column stays the
    // positive class's probability, a double, as it always was.
    String reported = classes.distributed() ? "__imdb_rnn_top_probability" : $(probabilityCol);
    Dataset<Row> scored =
        TextFrameScoring.score(
            dataset.toDF(),
            $(textCol),
            $(statusCol),
            reported,
            bundle,
            (Integer) $(batchSize),
            (Long) $(maxReviewBytes));
    Column score = col(classes.distributed() ? classes.scoreColumn() : reported);
    Column index = classes.predictedIndex(score);
    if (classes.distributed()) {
      scored =
          scored
              .withColumn(
                  $(rawPredictionCol),
                  org.apache.spark.ml.functions.array_to_vector(
                      org.apache.spark.sql.functions.transform(
                          score,
                          p ->
                              org.apache.spark.sql.functions.log(
                                  org.apache.spark.sql.functions.greatest(
                                      p, org.apache.spark.sql.functions.lit(1e-45))))))
              .withColumn($(probabilityCol), org.apache.spark.ml.functions.array_to_vector(score));
    }
    Dataset<Row> out =
        scored
            .withColumn(
                $(predictionCol), index.cast("double").as($(predictionCol), classes(labels)))
            .withColumn($(predictedLabelCol), LabelColumns.name(labels, index));
    return classes.distributed() ? out.drop(reported, classes.scoreColumn()) : out;
  }

  /** The prediction column's metadata: a nominal attribute naming the classes in index order. */
  private org.apache.spark.sql.types.Metadata classes(LabelIndex labels) {
    return org.apache.spark.ml.attribute.NominalAttribute.defaultAttr()
        .withName($(predictionCol))
        .withValues(labels.names().toArray(new String[0]))
        .toMetadata();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    LabelIndex labels = bundle.labels();
    if (!ClassOutputs.of(labels).distributed()) {
      SchemaChecks.requireAbsent(schema, $(predictedLabelCol), "predictedLabelCol");
      return outputSchema(schema, $(textCol), $(statusCol), $(probabilityCol), $(predictionCol))
          .add($(predictedLabelCol), DataTypes.StringType, true);
    }
    SchemaChecks.requireColumn(schema, $(textCol), "textCol", DataTypes.StringType);
    SchemaChecks.requireAbsent(schema, $(statusCol), "statusCol");
    SchemaChecks.requireAbsent(schema, $(rawPredictionCol), "rawPredictionCol");
    SchemaChecks.requireAbsent(schema, $(probabilityCol), "probabilityCol");
    SchemaChecks.requireAbsent(schema, $(predictionCol), "predictionCol");
    SchemaChecks.requireAbsent(schema, $(predictedLabelCol), "predictedLabelCol");
    org.apache.spark.ml.linalg.VectorUDT vector = new org.apache.spark.ml.linalg.VectorUDT();
    return schema
        .add($(statusCol), DataTypes.StringType, false)
        .add($(rawPredictionCol), vector, true)
        .add($(probabilityCol), vector, true)
        .add(
            new org.apache.spark.sql.types.StructField(
                $(predictionCol), DataTypes.DoubleType, true, classes(labels)))
        .add($(predictedLabelCol), DataTypes.StringType, true);
  }

  static StructType outputSchema(
      StructType schema, String text, String status, String probability, String prediction) {
    SchemaChecks.requireColumn(schema, text, "textCol", DataTypes.StringType);
    SchemaChecks.requireAbsent(schema, status, "statusCol");
    SchemaChecks.requireAbsent(schema, probability, "probabilityCol");
    SchemaChecks.requireAbsent(schema, prediction, "predictionCol");
    return TextFrameScoring.schema(schema, status, probability)
        .add(prediction, DataTypes.DoubleType, true);
  }

  @Override
  public SentimentModel copy(ParamMap extra) {
    SentimentModel copy = copyValues(new SentimentModel(uid, bundle), extra);
    return copy.setParent(parent());
  }

  /**
   * Registers a SQL function {@code name(text)} returning the probability of a positive review
   * (null for texts that cannot be scored), e.g. {@code SELECT sentiment(body) FROM reviews}.
   */
  public static void registerUdf(SparkSession spark, String name, SentimentModel model) {
    if (ClassOutputs.of(model.bundle.labels()).distributed()) {
      throw new io.imdbrnn.errors.BadInputException(
          String.format(
              "registerUdf gives a two-class model's probability; this model tells %d classes"
                  + " apart: use transform, whose predictedLabel and probability columns hold its"
                  + " answer.",
              model.bundle.labels().size()));
    }
    spark
        .udf()
        .register(
            name,
            TextFrameScoring.function(spark, model.bundle, (Long) model.$(model.maxReviewBytes)),
            DataTypes.DoubleType);
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<SentimentModel> read() {
    return new Reader();
  }

  /** A model bundle directory, from {@code train} or from {@link #write()}. */
  public static SentimentModel load(String path) {
    return read().load(path);
  }

  /** Writes the bundle and Spark ML's metadata aside and moves them into place. */
  private static final class Writer extends MLWriter {
    private final SentimentModel model;

    Writer(SentimentModel model) {
      this.model = model;
    }

    /**
     * Spark's own {@code save} would delete an existing directory first, whatever it holds; this
     * one replaces only a bundle this program wrote, once the new one is complete.
     */
    @Override
    public void save(String path) {
      Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
      new AtomicOutput(conf, path, shouldOverwrite(), "SentimentModel path", "train")
          .write(
              temp -> {
                saveImpl(temp);
                return null;
              });
    }

    @Override
    public void saveImpl(String path) {
      model.bundle.write(sparkSession().sparkContext().hadoopConfiguration(), path);
      DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
    }
  }

  private static final class Reader extends MLReader<SentimentModel> {
    @Override
    public SentimentModel load(String location) {
      Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
      // A registry path loads its champion, with the champion's saved parameters if it has any.
      String path = io.imdbrnn.bundle.ModelLocation.resolve(conf, location);
      ModelBundle bundle = ModelBundle.load(conf, path);
      bundle.requireClassifier(path, "loaded as a SentimentModel");
      return SavedParams.load(
              conf, path, SentimentModel.class, uid -> new SentimentModel(uid, bundle))
          .orElseGet(() -> new SentimentModel(Identifiable.randomUID("sentimentModel"), bundle));
    }
  }
}
