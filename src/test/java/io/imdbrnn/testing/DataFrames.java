package io.imdbrnn.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrame comparisons from spark-testing-base, used as a helper (JUnit 4 base classes do not run
 * under JUnit 5).
 */
public final class DataFrames {
  private static final JavaDataFrameSuiteBase COMPARISONS = new JavaDataFrameSuiteBase();

  private DataFrames() {}

  /**
   * Same column names and types and the same rows, in any order; an AssertionError names the
   * difference. Nullability is not compared: Spark reads every Parquet column back as nullable.
   */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    COMPARISONS.assertDataFrameNoOrderEquals(nullable(expected), nullable(actual));
  }

  private static Dataset<Row> nullable(Dataset<Row> df) {
    StructType schema = (StructType) nullable(df.schema());
    return df.sparkSession().createDataFrame(df.javaRDD(), schema);
  }

  private static DataType nullable(DataType type) {
    if (type instanceof StructType struct) {
      StructType out = new StructType();
      for (StructField f : struct.fields()) {
        out = out.add(f.name(), nullable(f.dataType()), true);
      }
      return out;
    }
    if (type instanceof ArrayType array) {
      return DataTypes.createArrayType(nullable(array.elementType()), true);
    }
    return type;
  }

  /**
   * A two-class evaluation's {@code metrics/}: its columns, then the names of class 0 and class 1
   * (IMDB's neg and pos here).
   */
  public static void assertTwoClassMetrics(Dataset<Row> metrics) {
    org.assertj.core.api.Assertions.assertThat(metrics.schema().fieldNames())
        .startsWith(io.imdbrnn.datasets.EvaluationDatasets.METRICS_SCHEMA.fieldNames())
        .endsWith(io.imdbrnn.datasets.EvaluationDatasets.CLASS_NAMES)
        .hasSize(io.imdbrnn.datasets.EvaluationDatasets.METRICS_SCHEMA.size() + 1);
    Row m = metrics.first();
    org.assertj.core.api.Assertions.assertThat(
            m.getList(m.fieldIndex(io.imdbrnn.datasets.EvaluationDatasets.CLASS_NAMES)))
        .containsExactly("neg", "pos");
  }

  /**
   * A two-class evaluation's {@code predictions/}: the two-class columns, then the classes as
   * IMDB's training data names them, agreeing with the 0/1 columns on every row.
   */
  public static void assertTwoClassPredictions(Dataset<Row> predictions) {
    org.assertj.core.api.Assertions.assertThat(predictions.schema().fieldNames())
        .startsWith(io.imdbrnn.datasets.EvaluationDatasets.PREDICTIONS_SCHEMA.fieldNames())
        .endsWith(
            io.imdbrnn.datasets.EvaluationDatasets.LABEL_CLASS,
            io.imdbrnn.datasets.EvaluationDatasets.PREDICTED_CLASS);
    org.apache.spark.sql.Column label = org.apache.spark.sql.functions.col("label");
    org.apache.spark.sql.Column predicted = org.apache.spark.sql.functions.col("predicted_label");
    long disagreeing =
        predictions
            .filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("label_class")
                    .notEqual(
                        org.apache
                            .spark
                            .sql
                            .functions
                            .when(label.equalTo(1), "pos")
                            .otherwise("neg"))
                    .or(
                        org.apache
                            .spark
                            .sql
                            .functions
                            .col("predicted_class")
                            .notEqual(
                                org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .when(predicted.equalTo(1), "pos")
                                    .otherwise("neg"))))
            .count();
    org.assertj.core.api.Assertions.assertThat(disagreeing).isZero();
  }
}
