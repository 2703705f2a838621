package io.imdbrnn.ingest;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.datasets.TextColumns;
import io.imdbrnn.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A Parquet table (a file or a directory): read by Spark's own reader, split and columnar, and
 * checked row by row as every table is ({@link TableRow}). Rows are named by their file and their
 * index in it (Spark's {@code _metadata.row_index}), which also names rows without an id column.
 * The text column must hold strings; the label, id and split columns may hold any scalar type.
 */
final class ParquetTableSource {
  private ParquetTableSource() {}

  static Dataset<Row> read(SparkSession spark, String input, TableRow checker) {
    Dataset<Row> table;
    try {
      table = spark.read().parquet(input);
    } catch (Exception e) {
      throw new BadInputException(
          "Input " + input + " is not a readable Parquet table: " + e.getMessage(), e);
    }
    TableColumns wanted = checker.columns();
    List<String> names = List.of(table.schema().fieldNames());
    String missing = wanted.missing(names, input);
    if (missing != null) {
      throw new BadInputException(missing + ". Nothing was written.");
    }
    requireScalar(table, wanted.label(), input);
    requireScalar(table, wanted.id(), input);
    requireScalar(table, wanted.split(), input);
    for (String column : wanted.texts()) {
      DataType text = table.schema().apply(column).dataType();
      if (!(text instanceof StringType)) {
        throw new BadInputException(
            String.format(
                "Input %s: the text column '%s' holds %s, not strings. Nothing was written.",
                input, column, text.simpleString()));
      }
    }
    List<Column> cells = new ArrayList<>();
    cells.add(col("_metadata.file_name"));
    cells.add(col("_metadata.row_index"));
    for (String c : new String[] {wanted.id(), wanted.split(), wanted.label()}) {
      cells.add(
          c == null
              ? org.apache.spark.sql.functions.lit(null).cast("string")
              : col(c).cast("string"));
    }
    int firstText = cells.size();
    wanted.texts().forEach(c -> cells.add(col(c)));
    MapFunction<Row, Row> check =
        r -> {
          String name = r.getString(0);
          long index = r.getLong(1) + 1;
          return ReviewValidation.toRow(
              checker.check(
                  name + " row " + index,
                  name + ":" + index,
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  textOf(r, firstText)),
              false);
        };
    return table
        .select(cells.toArray(Column[]::new))
        .map(check, Encoders.row(ReviewValidation.SCHEMA));
  }

  /** The text columns' cells of {@code r}, from {@code first} on, as one text. */
  private static String textOf(Row r, int first) {
    List<String> cells = new ArrayList<>(r.size() - first);
    for (int i = first; i < r.size(); i++) {
      cells.add(r.getString(i));
    }
    return TextColumns.join(cells);
  }

  private static void requireScalar(Dataset<Row> table, String column, String input) {
    if (column == null) {
      return;
    }
    StructField f = table.schema().apply(column);
    if (!(f.dataType() instanceof AtomicType)) {
      throw new BadInputException(
          String.format(
              "Input %s: column '%s' holds %s, not strings or numbers. Nothing was written.",
              input, column, f.dataType().simpleString()));
    }
  }
}
