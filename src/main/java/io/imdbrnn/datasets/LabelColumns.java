package io.imdbrnn.datasets;

import io.imdbrnn.labels.LabelIndex;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** A {@link LabelIndex} as Spark columns: labels to class indexes and back, on the executors. */
public final class LabelColumns {
  private LabelColumns() {}

  /** The class index of a string label column as an int column, null for an unknown label. */
  public static Column index(LabelIndex labels, Column label) {
    Column position = functions.array_position(names(labels), label).cast("int");
    return functions.when(position.gt(0), position.minus(1));
  }

  /** The name of an int class index column; null outside {@code [0, size)}. */
  public static Column name(LabelIndex labels, Column index) {
    return functions.when(
        index.geq(0).and(index.lt(labels.size())),
        functions.element_at(names(labels), index.plus(1)));
  }

  private static Column names(LabelIndex labels) {
    return functions.array(labels.names().stream().map(functions::lit).toArray(Column[]::new));
  }
}
