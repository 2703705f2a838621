package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The datasets evaluate writes under its output: {@code metrics/} and {@code predictions/}, and for
 * a model of more than two classes {@code per_class/} and {@code confusion/} too.
 */
public final class EvaluationDatasets {
  public static final String METRICS_DIR = "metrics";
  public static final String PREDICTIONS_DIR = "predictions";

  /** One row per evaluation; threshold 0.5. */
  public static final StructType METRICS_SCHEMA =
      new StructType()
          .add("model_id", StringType, false)
          .add("split", StringType, false)
          .add("n", LongType, false)
          .add("accuracy", DoubleType, false)
          .add("log_loss", DoubleType, false)
          .add("precision", DoubleType, false)
          .add("recall", DoubleType, false)
          .add("f1", DoubleType, false)
          .add("roc_auc", DoubleType, false)
          .add("pr_auc", DoubleType, false)
          .add("tp", LongType, false)
          .add("fp", LongType, false)
          .add("tn", LongType, false)
          .add("fn", LongType, false)
          .add("evaluated_at", TimestampType, false);

  /**
   * The column a two-class evaluation's {@code metrics/} holds beside {@link #METRICS_SCHEMA}: the
   * names of class 0 and class 1 as the training data named them ({@code [neg, pos]}, {@code [0,
   * 4]}). Evaluations written before it are IMDB's neg and pos.
   */
  public static final String CLASS_NAMES = "class_names";

  /**
   * The columns a two-class evaluation's {@code predictions/} holds beside {@link
   * #PREDICTIONS_SCHEMA}: the label and the prediction as the training data named them ({@code
   * neg}, {@code spam}). Readers select {@link #PREDICTIONS_SCHEMA}, so evaluations written before
   * them stay readable.
   */
  public static final String LABEL_CLASS = "label_class";

  public static final String PREDICTED_CLASS = "predicted_class";

  public static final StructType PREDICTIONS_SCHEMA =
      new StructType()
          .add("id", StringType, false)
          .add("split", StringType, false)
          .add("label", IntegerType, false)
          .add("probability", DoubleType, false)
          .add("predicted_label", IntegerType, false)
          .add("model_id", StringType, false);

  /** One row per evaluation of a classifier of more than two classes. */
  public static final StructType CLASS_METRICS_SCHEMA =
      new StructType()
          .add("model_id", StringType, false)
          .add("split", StringType, false)
          .add("n", LongType, false)
          .add("classes", IntegerType, false)
          .add("accuracy", DoubleType, false)
          .add("log_loss", DoubleType, false)
          .add("macro_f1", DoubleType, false)
          .add("weighted_f1", DoubleType, false)
          .add("top_k", IntegerType, false)
          .add("top_k_accuracy", DoubleType, false)
          .add("evaluated_at", TimestampType, false);

  /** {@code per_class/}: one row per class of a K-class evaluation. */
  public static final String PER_CLASS_DIR = "per_class";

  public static final StructType PER_CLASS_SCHEMA =
      new StructType()
          .add("class_index", IntegerType, false)
          .add("label", StringType, false)
          .add("precision", DoubleType, false)
          .add("recall", DoubleType, false)
          .add("f1", DoubleType, false)
          .add("support", LongType, false)
          .add("predicted", LongType, false);

  /** {@code confusion/}: the non-zero cells of a K-class evaluation's confusion matrix. */
  public static final String CONFUSION_DIR = "confusion";

  public static final StructType CONFUSION_SCHEMA =
      new StructType()
          .add("label", StringType, false)
          .add("predicted_label", StringType, false)
          .add("count", LongType, false);

  /** One row per text of a K-class evaluation, in the user's labels. */
  public static final StructType CLASS_PREDICTIONS_SCHEMA =
      new StructType()
          .add("id", StringType, false)
          .add("split", StringType, false)
          .add("label", StringType, false)
          .add("predicted_label", StringType, false)
          .add("probability", DoubleType, false)
          .add("probabilities", DataTypes.createArrayType(DoubleType, false), false)
          .add("model_id", StringType, false);

  /** One row per evaluation of a next-char model. */
  public static final StructType CHAR_METRICS_SCHEMA = tokenMetricsSchema("char");

  /**
   * One row per evaluation of a language model whose ids are {@code unit}s ({@code char}, {@code
   * word}): {@code <unit>s} predicted, {@code bits_per_<unit>}, cross-entropy in nats (its
   * exponential is the perplexity) and top-1 accuracy.
   */
  public static StructType tokenMetricsSchema(String unit) {
    return new StructType()
        .add("model_id", StringType, false)
        .add("split", StringType, false)
        .add("reviews", LongType, false)
        .add(unit + "s", LongType, false)
        .add("bits_per_" + unit, DoubleType, false)
        .add("cross_entropy", DoubleType, false)
        .add("accuracy", DoubleType, false)
        .add("evaluated_at", TimestampType, false);
  }

  private EvaluationDatasets() {}

  public static String metricsPath(String output) {
    return output + "/" + METRICS_DIR;
  }

  public static String predictionsPath(String output) {
    return output + "/" + PREDICTIONS_DIR;
  }

  /**
   * Whether {@code evaluation} is of a model of more than two classes: its {@code metrics/} has the
   * K-class columns.
   */
  public static boolean isClasses(SparkSession spark, String evaluation) {
    return ParquetInput.columns(spark, metricsPath(evaluation), "Evaluation metrics")
        .contains("classes");
  }

  private static LabelIndex twoClassNames(SparkSession spark, String evaluation) {
    String path = metricsPath(evaluation);
    if (!ParquetInput.columns(spark, path, "Evaluation metrics").contains(CLASS_NAMES)) {
      return LabelIndex.SENTIMENT;
    }
    List<Row> rows =
        ParquetInput.read(
                spark,
                path,
                "Evaluation metrics",
                new StructType().add(CLASS_NAMES, DataTypes.createArrayType(StringType, true)))
            .select(CLASS_NAMES)
            .limit(2)
            .collectAsList();
    List<String> names =
        rows.size() == 1 && !rows.get(0).isNullAt(0) ? rows.get(0).getList(0) : List.of();
    if (names.size() != 2
        || names.contains(null)
        || names.stream().anyMatch(String::isEmpty)
        || names.get(0).equals(names.get(1))) {
      throw new BadInputException(
          String.format(
              "Evaluation metrics %s do not name two distinct classes in %s (found %s).",
              path, CLASS_NAMES, rows.size() == 1 ? names : rows.size() + " rows"));
    }
    return new LabelIndex(names);
  }

  /** An evaluation's {@code metrics/}, in the schema of its kind (two classes or more). */
  public static Dataset<Row> readMetrics(SparkSession spark, String evaluation) {
    return readOfKind(
        spark,
        evaluation,
        metricsPath(evaluation),
        "Evaluation metrics",
        METRICS_SCHEMA,
        CLASS_METRICS_SCHEMA);
  }

  private static Dataset<Row> readOfKind(
      SparkSession spark,
      String evaluation,
      String path,
      String what,
      StructType twoClasses,
      StructType classes) {
    return ParquetInput.read(
        spark, path, what, isClasses(spark, evaluation) ? classes : twoClasses);
  }

  /** The one row of an evaluation's {@code metrics/}; bad input if there is not exactly one. */
  public static Row readMetricsRow(SparkSession spark, String evaluation) {
    List<Row> rows = readMetrics(spark, evaluation).collectAsList();
    if (rows.size() != 1) {
      throw new BadInputException(
          "Evaluation " + evaluation + " has " + rows.size() + " metrics rows, not one.");
    }
    return rows.get(0);
  }

  /** An evaluation's {@code predictions/}, in the schema of its kind. */
  public static Dataset<Row> readPredictions(SparkSession spark, String evaluation) {
    return readOfKind(
        spark,
        evaluation,
        predictionsPath(evaluation),
        "Evaluation predictions",
        PREDICTIONS_SCHEMA,
        CLASS_PREDICTIONS_SCHEMA);
  }

  /**
   * The classes of an evaluation, in index order: for two classes the {@link #CLASS_NAMES} of its
   * {@code metrics/} (neg and pos when it predates them), else its {@code per_class/}, checked to
   * number the classes 0 to K-1 once each, as many as {@code metrics/} says.
   */
  public static LabelIndex readClasses(SparkSession spark, String evaluation) {
    if (!isClasses(spark, evaluation)) {
      return twoClassNames(spark, evaluation);
    }
    String path = evaluation + "/" + PER_CLASS_DIR;
    Row metrics = readMetricsRow(spark, evaluation);
    int classes = metrics.getInt(metrics.fieldIndex("classes"));
    List<Row> rows =
        ParquetInput.read(spark, path, "Evaluation classes", PER_CLASS_SCHEMA)
            .select("class_index", "label")
            .orderBy("class_index")
            .limit(LabelIndex.MAX_CLASSES + 1)
            .collectAsList();
    List<String> names = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.isNullAt(0) || r.getInt(0) != i || r.isNullAt(1) || r.getString(1).isEmpty()) {
        throw new BadInputException(
            String.format(
                "Evaluation classes %s do not number the classes 0, 1, ... once each with a"
                    + " non-empty label (row %d is %s).",
                path, i, r));
      }
      names.add(r.getString(1));
    }
    if (names.size() != classes || new HashSet<>(names).size() != names.size()) {
      throw new BadInputException(
          String.format(
              "Evaluation classes %s hold %d rows (%d distinct labels); its metrics say %d"
                  + " classes.",
              path, names.size(), new HashSet<>(names).size(), classes));
    }
    LabelIndex labels = new LabelIndex(names);
    // Two classes are always written in the two-class form: read any other way, the predictions'
    // columns would not be the ones the figures are computed on.
    if (labels.outputs() == 1) {
      throw new BadInputException(
          String.format(
              "Evaluation %s is written in the K-class form but names two classes %s; two-class"
                  + " evaluations have a probability per text, not a distribution.",
              evaluation, labels.shown()));
    }
    return labels;
  }
}
