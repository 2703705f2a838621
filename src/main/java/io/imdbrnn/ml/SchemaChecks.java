package io.imdbrnn.ml;

import io.imdbrnn.errors.BadInputException;
import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column checks for {@code transformSchema}, with messages that name the column and its Param. */
final class SchemaChecks {
  private SchemaChecks() {}

  /** The field named {@code column}, of {@code type} unless that is null. */
  static StructField requireColumn(StructType schema, String column, String param, DataType type) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new BadInputException(
          String.format(
              "Column '%s' (%s) is not in the input; its columns are %s.",
              column, param, String.join(", ", schema.fieldNames())));
    }
    StructField field = schema.apply(column);
    if (type != null && !field.dataType().equals(type)) {
      throw new BadInputException(
          String.format(
              "Column '%s' (%s) must be %s, not %s.",
              column, param, type.simpleString(), field.dataType().simpleString()));
    }
    return field;
  }

  static void requireAbsent(StructType schema, String column, String param) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new BadInputException(
          String.format(
              "Output column '%s' (%s) is already in the input; choose another name.",
              column, param));
    }
  }
}
