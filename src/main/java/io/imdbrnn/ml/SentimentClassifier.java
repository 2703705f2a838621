package io.imdbrnn.ml;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.pipeline.DataFrameTraining;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML Estimator on raw text: {@code fit} takes a DataFrame with a text column and a label
 * column (numbers, strings or booleans; two classes or more), tokenizes it and fits the vocabulary
 * on those rows, and trains the network with the same code as the {@code train} command (dl4j-spark
 * parameter averaging, validation split, early stopping), returning a {@link SentimentModel}. Every
 * training setting is a Param named as in {@code conf/imdb-rnn.conf} ({@code epochs}, {@code
 * embedding-size}, {@code vocab-size}, ...), with the same default, checked the same way.
 *
 * <p>{@code fit} writes nothing: the texts, the prepared ids and the minibatches stay cached on the
 * executors ({@link DataFrameTraining}), and the fitted model holds its bundle in memory until it
 * is saved.
 */
public class SentimentClassifier extends Estimator<SentimentModel>
    implements DefaultParamsWritable {
  static {
    // A user's Spark application loads ND4J first through these classes on the driver.
    io.imdbrnn.runtime.OpenBlasKernels.apply();
  }

  private static final long serialVersionUID = 1L;

  /** What the settings name as the input of a fit: its DataFrame, which has no path. */
  private static final String FIT_INPUT = "the DataFrame given to SentimentClassifier.fit";

  /**
   * Params of estimators saved by earlier versions that no longer exist; loading skips them. {@code
   * workDir} held fit's intermediate data until fit stopped writing any.
   */
  private static final java.util.List<String> RETIRED_PARAMS = java.util.List.of("workDir");

  private final String uid;
  private final Param<String> textCol;
  private final Param<String> labelCol;
  private final Map<SettingsSchema.Entry, Param<?>> settings;
  private final Param<?>[] all;

  public SentimentClassifier() {
    this(Identifiable.randomUID("sentimentClassifier"));
  }

  public SentimentClassifier(String uid) {
    this.uid = uid;
    this.textCol = new Param<>(uid, "textCol", "Column of review texts (string).");
    this.labelCol =
        new Param<>(
            uid,
            "labelCol",
            "Column of labels: numbers, strings or booleans (two classes or more; with 0/1 the"
                + " probability is label 1's).");
    this.settings = SettingParams.create(uid);
    java.util.List<Param<?>> list = new java.util.ArrayList<>(java.util.List.of(textCol, labelCol));
    list.addAll(settings.values());
    this.all = list.toArray(new Param<?>[0]);
    setDefault(textCol, "text");
    setDefault(labelCol, "label");
    settings.forEach((e, p) -> setDefaultUnchecked(p, SettingParams.defaultValue(e)));
  }

  @SuppressWarnings("unchecked")
  private void setDefaultUnchecked(Param<?> p, Object value) {
    setDefault((Param<Object>) p, value);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Every Param, the settings made from their declarations included (Spark finds them here). */
  @Override
  public Param<?>[] params() {
    return all;
  }

  public SentimentClassifier setTextCol(String value) {
    set(textCol, value);
    return this;
  }

  public SentimentClassifier setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets a training setting by its config name, e.g. {@code set("epochs", 3)}. */
  @SuppressWarnings("unchecked")
  public SentimentClassifier setSetting(String name, Object value) {
    Param<Object> p = (Param<Object>) getParam(name);
    set(p, value);
    return this;
  }

  /**
   * Starts the embedding from pretrained word vectors (GloVe, word2vec or fastText text format, or
   * what the {@code word-vectors} command writes): the {@code word-vectors} Param, as {@code
   * train.word-vectors}.
   */
  public SentimentClassifier setWordVectors(String path) {
    return setSetting(TrainSettings.WORD_VECTORS.substring("train.".length()), path);
  }

  /**
   * Starts the embedding and recurrent layers from a pretrained bundle (a next-word language model,
   * or a registry's champion): the {@code init-from} Param, as {@code train.init-from}.
   */
  public SentimentClassifier setInitFrom(String bundle) {
    return setSetting(TrainSettings.INIT_FROM.substring("train.".length()), bundle);
  }

  public String getTextCol() {
    return $(textCol);
  }

  public String getLabelCol() {
    return $(labelCol);
  }

  @Override
  public SentimentModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    requireLabels(dataset);
    ModelBundle bundle =
        DataFrameTraining.fit(
            dataset.sparkSession(),
            prepareSettings(FIT_INPUT, FIT_INPUT),
            trainSettings(FIT_INPUT, FIT_INPUT),
            texts(dataset),
            FIT_INPUT);
    SentimentModel fitted = new SentimentModel(uid, bundle);
    fitted.setTextCol(getTextCol());
    fitted.setParent(this);
    return fitted;
  }

  /**
   * The input as the reviews dataset ingest would write: every row in the train split, the label as
   * a string. Classes are numbered as prepare numbers them ({@link io.imdbrnn.labels.LabelIndex}):
   * numeric labels in numeric order, so Spark ML's labels 0.0, 1.0, 2.0, … become class indexes 0,
   * 1, 2, … and {@code prediction} compares with them directly; with 0/1 labels the probability is
   * label 1's, as it always was.
   */
  private Dataset<Row> texts(Dataset<?> dataset) {
    return dataset.select(
        concat(lit("ml/"), monotonically_increasing_id().cast("string")).as(ReviewsDataset.ID),
        lit("train").as(ReviewsDataset.SPLIT),
        col(getLabelCol()).cast("string").as(ReviewsDataset.LABEL),
        lit(null).cast("int").as(ReviewsDataset.RATING),
        coalesce(col(getTextCol()), lit("")).as(ReviewsDataset.TEXT));
  }

  /** Refuses null and empty labels, naming the column and how many rows have one. */
  private void requireLabels(Dataset<?> dataset) {
    org.apache.spark.sql.Column label = col(getLabelCol());
    long bad =
        dataset
            .filter(
                label
                    .isNull()
                    .or(org.apache.spark.sql.functions.trim(label.cast("string")).equalTo("")))
            .count();
    if (bad > 0) {
      throw new BadInputException(
          String.format(
              "Column '%s' (labelCol) is null or empty in %d row%s; every row needs its label.",
              getLabelCol(), bad, bad == 1 ? "" : "s"));
    }
  }

  PrepareSettings prepareSettings(String input, String output) {
    SettingsBinder.Builder<PrepareSettings> b =
        SettingsBinder.builder(PrepareSettings.class).set("input", input).set("output", output);
    settings.forEach(
        (e, p) -> {
          if (!SettingParams.isTrain(e)) {
            b.set(e.key(), $(p));
          }
        });
    return b.build();
  }

  TrainSettings trainSettings(String input, String output) {
    SettingsBinder.Builder<TrainSettings> b =
        SettingsBinder.builder(TrainSettings.class).set("input", input).set("output", output);
    settings.forEach(
        (e, p) -> {
          if (SettingParams.isTrain(e)) {
            b.set(e.key(), $(p));
          }
        });
    return b.build();
  }

  /**
   * Checks the input columns and every setting (with the settings binder, so a bad value fails
   * here, before any work, with the same message as on the command line).
   */
  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumn(
        schema, getTextCol(), "textCol", org.apache.spark.sql.types.DataTypes.StringType);
    StructField label = SchemaChecks.requireColumn(schema, getLabelCol(), "labelCol", null);
    if (!(label.dataType() instanceof NumericType
        || label.dataType() instanceof org.apache.spark.sql.types.StringType
        || label.dataType() instanceof org.apache.spark.sql.types.BooleanType)) {
      throw new BadInputException(
          String.format(
              "Column '%s' (labelCol) must hold numbers, strings or booleans, not %s.",
              getLabelCol(), label.dataType().simpleString()));
    }
    prepareSettings("-", "-");
    trainSettings("-", "-");
    return SentimentModel.outputSchema(
            schema,
            getTextCol(),
            SentimentModel.STATUS,
            SentimentModel.PROBABILITY,
            SentimentModel.PREDICTION)
        .add(SentimentModel.PREDICTED_LABEL, org.apache.spark.sql.types.DataTypes.StringType, true);
  }

  @Override
  public SentimentClassifier copy(ParamMap extra) {
    return (SentimentClassifier) defaultCopy(extra);
  }

  public static MLReader<SentimentClassifier> read() {
    return new Reader();
  }

  /** Reads what {@code DefaultParamsWritable} saved, through {@link SavedParams}. */
  private static final class Reader extends MLReader<SentimentClassifier> {
    @Override
    public SentimentClassifier load(String path) {
      return SavedParams.load(
              sparkSession().sparkContext().hadoopConfiguration(),
              path,
              SentimentClassifier.class,
              SentimentClassifier::new,
              RETIRED_PARAMS)
          .orElseThrow(
              () ->
                  new io.imdbrnn.errors.BadInputException(
                      "Saved SentimentClassifier "
                          + path
                          + " has no "
                          + SavedParams.DIR
                          + "/; it is not a saved estimator."));
    }
  }

  public static SentimentClassifier load(String path) {
    return read().load(path);
  }
}
