package io.imdbrnn.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.imdbrnn.datasets.ReviewsDataset;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Turns parse outcomes into rows of one schema, whatever the source: files parsed by a {@link
 * FileParser}, table rows checked by {@link TableRow}. Pure {@code Dataset -> Dataset} functions.
 */
public final class ReviewValidation {
  static final String SOURCE = "source";
  static final String ERROR = "error";
  static final String FATAL = "fatal";

  /** The reviews columns plus where each row came from and, for rejected files, why. */
  static final StructType SCHEMA =
      new StructType()
          .add(ReviewsDataset.ID, StringType, true)
          .add(ReviewsDataset.SPLIT, StringType, true)
          .add(ReviewsDataset.LABEL, StringType, true)
          .add(ReviewsDataset.RATING, IntegerType, true)
          .add(ReviewsDataset.TEXT, StringType, true)
          .add(SOURCE, StringType, false)
          .add(ERROR, StringType, true)
          .add(FATAL, BooleanType, false);

  private ReviewValidation() {}

  static Dataset<Row> parse(Dataset<Row> rawFiles, FileParser parser) {
    MapFunction<Row, Row> parse =
        row -> {
          RawFile file = RawFiles.fromRow(row);
          return toRow(parser.parse(file), file.isWholeInput());
        };
    return rawFiles.map(parse, Encoders.row(SCHEMA));
  }

  /** The row of an outcome; {@code fatal} when its problem spoils the whole input. */
  static Row toRow(ParseOutcome outcome, boolean fatal) {
    Review r = outcome.review();
    return r == null
        ? RowFactory.create(null, null, null, null, null, outcome.source(), outcome.error(), fatal)
        : RowFactory.create(
            r.id(), r.split(), r.label(), r.rating(), r.text(), outcome.source(), null, false);
  }

  /**
   * Rejects every copy of a review id that occurs more than once (an archive may hold the same
   * entry twice): which copy is right cannot be known, and a duplicated id would break joins later.
   */
  static Dataset<Row> rejectDuplicates(Dataset<Row> parsed, Map<String, Long> duplicates) {
    if (duplicates.isEmpty()) {
      return parsed;
    }
    Column id = functions.col(ReviewsDataset.ID);
    Column isDuplicate = id.isin(duplicates.keySet().toArray());
    return parsed.withColumn(
        ERROR,
        functions
            .when(
                isDuplicate,
                functions.concat(
                    functions.lit("duplicate entry: review id "),
                    id,
                    functions.lit(" occurs more than once in the input; every copy is rejected")))
            .otherwise(functions.col(ERROR)));
  }

  /** Review ids that occur more than once, with their counts; empty for a sound input. */
  static Map<String, Long> duplicateIds(Dataset<Row> parsed) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Row r :
        accepted(parsed)
            .groupBy(ReviewsDataset.ID)
            .count()
            .filter(functions.col("count").gt(1))
            .collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
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
