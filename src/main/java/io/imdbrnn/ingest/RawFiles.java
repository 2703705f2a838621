package io.imdbrnn.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The Spark row form of {@link RawFile}: what both sources produce and validation consumes. */
final class RawFiles {
  static final StructType SCHEMA =
      new StructType()
          .add("source", StringType, false)
          .add("layout_path", StringType, true)
          .add("content", BinaryType, true)
          .add("problem", StringType, true);

  private RawFiles() {}

  static Row toRow(RawFile f) {
    return RowFactory.create(f.source(), f.layoutPath(), f.content(), f.problem());
  }

  static RawFile fromRow(Row r) {
    return new RawFile(r.getString(0), r.getString(1), (byte[]) r.get(2), r.getString(3));
  }
}
