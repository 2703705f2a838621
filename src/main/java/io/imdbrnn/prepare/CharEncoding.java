package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.udf;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.CharWindows;
import io.imdbrnn.text.Vocabulary;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The Spark side of the character task: pure {@code Dataset -> Dataset} functions. */
public final class CharEncoding {
  /** The intermediate column of a review's characters, one code point per string. */
  public static final String SYMBOLS = "symbols";

  private CharEncoding() {}

  /** Adds {@link #SYMBOLS}: the review's normalised characters ({@link CharTokenizer}). */
  public static Dataset<Row> symbols(Dataset<Row> reviews) {
    UserDefinedFunction split =
        udf(
            (UDF1<String, String[]>) text -> CharTokenizer.symbols(text).toArray(new String[0]),
            DataTypes.createArrayType(DataTypes.StringType, false));
    return reviews.withColumn(SYMBOLS, split.apply(col(ReviewsDataset.TEXT)));
  }

  /** Characters to {@link WindowsDataset} rows, one per window, with the broadcast vocabulary. */
  public static Dataset<Row> windows(
      Dataset<Row> symbols, Broadcast<Vocabulary> vocabulary, int window) {
    UserDefinedFunction cut =
        udf(
            (UDF1<Seq<String>, int[][]>) chars -> windowsOf(chars, vocabulary.value(), window),
            DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false)));
    return symbols
        .select(
            col(WindowsDataset.ID),
            col(WindowsDataset.SPLIT),
            posexplode(cut.apply(col(SYMBOLS))).as(new String[] {"pos", "ids"}))
        .select(
            col(WindowsDataset.ID),
            col(WindowsDataset.SPLIT),
            col("pos").as(WindowsDataset.WINDOW),
            col("ids").as(WindowsDataset.CHARS));
  }

  private static int[][] windowsOf(Seq<String> chars, Vocabulary vocabulary, int window) {
    List<String> symbols = JavaConverters.seqAsJavaList(chars);
    return CharWindows.cut(CharWindows.encode(symbols, vocabulary), window).toArray(new int[0][]);
  }
}
