package io.imdbrnn.datasets;

import io.imdbrnn.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks a dataset read from disk against the schema a stage expects, naming every difference. */
public final class SchemaCheck {
  private SchemaCheck() {}

  public static void require(StructType actual, StructType expected, String what, String path) {
    List<String> problems = new ArrayList<>();
    for (StructField field : expected.fields()) {
      if (!List.of(actual.fieldNames()).contains(field.name())) {
        problems.add("missing column " + field.name() + " " + field.dataType().simpleString());
        continue;
      }
      StructField found = actual.apply(field.name());
      if (!found.dataType().sameType(field.dataType())) {
        problems.add(
            String.format(
                "column %s is %s, expected %s",
                field.name(), found.dataType().simpleString(), field.dataType().simpleString()));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(
          String.format(
              "%s at %s does not have the expected schema: %s",
              what, path, String.join("; ", problems)));
    }
  }
}
