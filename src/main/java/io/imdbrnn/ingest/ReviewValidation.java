package io.imdbrnn.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.imdbrnn.spark.ReviewsDataset;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/** Applies {@link ReviewParser} to raw files: a pure {@code Dataset -> Dataset} function. */
public final class ReviewValidation {
  static final String SOURCE = "source";
  static final String ERROR = "error";

  /** The reviews columns plus where each row came from and, for rejected files, why. */
  static final StructType SCHEMA =
      new StructType()
          .add(ReviewsDataset.ID, StringType, true)
          .add(ReviewsDataset.SPLIT, StringType, true)
          .add(ReviewsDataset.LABEL, IntegerType, true)
          .add(ReviewsDataset.RATING, IntegerType, true)
          .add(ReviewsDataset.TEXT, StringType, true)
          .add(SOURCE, StringType, false)
          .add(ERROR, StringType, true);

  private ReviewValidation() {}

  static Dataset<Row> parse(Dataset<Row> rawFiles, long maxBytes) {
    MapFunction<Row, Row> parse =
        row -> {
          ParseOutcome outcome = new ReviewParser(maxBytes).parse(RawFiles.fromRow(row));
          Review r = outcome.review();
          return r == null
              ? RowFactory.create(null, null, null, null, null, outcome.source(), outcome.error())
              : RowFactory.create(
                  r.id(), r.split(), r.label(), r.rating(), r.text(), outcome.source(), null);
        };
    return rawFiles.map(parse, Encoders.row(SCHEMA));
  }

  static Column isRejected() {
    return functions.col(ERROR).isNotNull();
  }

  static Dataset<Row> accepted(Dataset<Row> parsed) {
    return parsed
        .filter(functions.not(isRejected()))
        .select(
            functions.col(ReviewsDataset.ID),
            functions.col(ReviewsDataset.SPLIT),
            functions.col(ReviewsDataset.LABEL),
            functions.col(ReviewsDataset.RATING),
            functions.col(ReviewsDataset.TEXT));
  }

  static Dataset<Row> rejected(Dataset<Row> parsed) {
    return parsed
        .filter(isRejected())
        .select(
            functions.col(SOURCE).as(ReviewsDataset.REJECTED_PATH),
            functions.col(ERROR).as(ReviewsDataset.REJECTED_REASON));
  }
}
