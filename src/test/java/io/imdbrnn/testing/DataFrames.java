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
}
