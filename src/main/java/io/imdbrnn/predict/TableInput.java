package io.imdbrnn.predict;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.errors.BadInputException;
import java.util.Arrays;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A table that {@code predict} scores, read as Spark reads its format (Parquet, CSV, TSV, JSON
 * Lines), with the rows the format could not read noted rather than scored.
 */
final class TableInput {
  /** Spark's column for a line its JSON reader could not parse, kept in the output. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  /**
   * Spark's record of a CSV or TSV row whose fields do not match the header, while the row is
   * marked; not written (the row's own columns say which it is).
   */
  static final String MALFORMED_ROW = "_imdb_rnn_malformed";

  private final SparkSession spark;
  private final PredictSettings settings;
  private final InputKind kind;

  TableInput(SparkSession spark, PredictSettings settings, InputKind kind) {
    this.spark = spark;
    this.settings = settings;
    this.kind = kind;
  }

  Dataset<Row> read() {
    try {
      return switch (kind) {
        case CSV, TSV -> readDelimited();
        case JSONL -> readJsonLines();
        default -> spark.read().parquet(settings.input());
      };
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) {
      throw new BadInputException(
          "Cannot read input " + settings.input() + " as " + kind + ": " + e.getMessage(), e);
    }
  }

  /**
   * CSV or TSV with a header, every column a string, as Spark reads them; a row with more or fewer
   * fields than the header is kept (noted in {@link #MALFORMED_ROW}) and marked {@code malformed}
   * instead of being scored with the cells it happens to have. Spark keeps that record only when
   * the schema names its column, so the header is read first. A CSV file that ends inside a quoted
   * field is refused first ({@link UnclosedQuotes}); a TSV row is one line, so a quote cannot run
   * past it.
   */
  private Dataset<Row> readDelimited() {
    DataFrameReader reader =
        spark
            .read()
            .option("header", "true")
            // A TSV row is a line (a tab or line break in a field has no standard form), so a
            // stray quote cannot swallow the rows after it, as it does in multi-line mode.
            .option("multiLine", kind == InputKind.CSV)
            .option("escape", "\"")
            .option("sep", kind == InputKind.TSV ? "\t" : ",")
            .option("encoding", settings.encoding());
    Dataset<Row> headerOnly = reader.csv(settings.input());
    if (kind == InputKind.CSV) {
      UnclosedQuotes.require(spark, headerOnly.inputFiles(), ',', settings.encoding());
    }
    StructType header = headerOnly.schema();
    return reader
        .schema(header.add(MALFORMED_ROW, DataTypes.StringType))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", MALFORMED_ROW)
        .csv(settings.input());
  }

  /**
   * JSON Lines as Spark reads them, a line that is not a JSON object kept (in {@link
   * #CORRUPT_RECORD}) and marked {@code malformed}, never scored as an empty text. Spark's reader
   * decodes UTF-8 by itself; another character set must be named with its line separator.
   */
  private Dataset<Row> readJsonLines() {
    DataFrameReader reader =
        spark
            .read()
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT_RECORD);
    if (!java.nio.charset.Charset.forName(settings.encoding())
        .equals(java.nio.charset.StandardCharsets.UTF_8)) {
      reader = reader.option("encoding", settings.encoding()).option("lineSep", "\n");
    }
    return reader.json(settings.input());
  }

  /**
   * The column that notes a row its format could not read, or null: Spark's record of a JSON line
   * (present when some line was not an object), or of a CSV or TSV row.
   */
  String malformedColumn(Dataset<Row> read) {
    String c =
        switch (kind) {
          case JSONL -> CORRUPT_RECORD;
          case CSV, TSV -> MALFORMED_ROW;
          default -> null;
        };
    return c != null && Arrays.asList(read.columns()).contains(c) ? c : null;
  }

  /**
   * A JSON file none of whose lines is a JSON object (a pretty-printed document, another format
   * under a .json name) would come out as nothing but malformed rows, and a scheduler would call
   * that a success. One parsed row ends the check, so it reads little of a good input.
   */
  void requireSomeRecord(Dataset<Row> input, String text) {
    String malformed = malformedColumn(input);
    if (kind != InputKind.JSONL || malformed == null) {
      return;
    }
    // Spark refuses a query of raw JSON that reads only the corrupt-record column, so the text
    // column is collected (a count would be pruned to the corrupt-record column alone).
    boolean parsed =
        input.columns().length > 1
            && (!Arrays.asList(input.columns()).contains(text)
                || !input
                    .where(col(malformed).isNull())
                    .select(col(text))
                    .limit(1)
                    .collectAsList()
                    .isEmpty());
    if (!parsed) {
      throw new BadInputException(
          String.format(
              "Input %s: no line is a JSON object. JSON Lines (%s=jsonl) holds one object per"
                  + " line; a pretty-printed JSON document or an array over several lines is not"
                  + " JSON Lines.",
              settings.input(), PredictSettings.INPUT_FORMAT));
    }
  }
}
