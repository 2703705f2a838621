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

/**
 * The Spark side of the language-model tasks: texts to their units (characters or words), and units
 * to windows of ids; pure {@code Dataset -> Dataset} functions.
 */
public final class WindowEncoding {
  /** The intermediate column of a text's units: one code point, or one word, per string. */
  public static final String SYMBOLS = "symbols";

  private WindowEncoding() {}

  /** Adds {@link #SYMBOLS}: the text's words, as the classifier reads them. */
  public static Dataset<Row> words(Dataset<Row> reviews) {
    return SequenceEncoding.tokenize(reviews).withColumnRenamed(SequenceEncoding.WORDS, SYMBOLS);
  }

  /** Adds {@link #SYMBOLS}: the review's normalised characters ({@link CharTokenizer}). */
  public static Dataset<Row> characters(Dataset<Row> reviews) {
    UserDefinedFunction split =
        udf(
            (UDF1<String, String[]>) text -> CharTokenizer.symbols(text).toArray(new String[0]),
            DataTypes.createArrayType(DataTypes.StringType, false));
    return reviews.withColumn(SYMBOLS, split.apply(col(ReviewsDataset.TEXT)));
  }

  /** Units to {@link WindowsDataset} rows, one per window, with the broadcast vocabulary. */
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
