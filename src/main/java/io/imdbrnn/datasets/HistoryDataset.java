package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code <bundle>/history}: one row per training epoch (per member, for an ensemble), appended as
 * each epoch ends.
 */
public final class HistoryDataset {
  public static final String DIR = "history";

  public static final StructType SCHEMA =
      new StructType()
          .add("epoch", IntegerType, false)
          .add("train_loss", DoubleType, false)
          .add("validation_loss", DoubleType, false)
          .add("validation_accuracy", DoubleType, false)
          .add("samples", LongType, false)
          .add("samples_per_second", DoubleType, false)
          .add("epoch_seconds", DoubleType, false)
          .add("elapsed_seconds", DoubleType, false)
          // Which member of an ensemble the epoch trained (from 1); null for a single network.
          .add("member", IntegerType, true);

  private HistoryDataset() {}

  public static String path(String bundle) {
    return bundle + "/" + DIR;
  }
}
