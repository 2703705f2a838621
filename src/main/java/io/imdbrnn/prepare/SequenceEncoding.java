package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.SequenceEncoder;
import io.imdbrnn.text.Terms;
import io.imdbrnn.text.Vocabulary;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The Spark side of the tokenizer and encoder: pure {@code Dataset -> Dataset} functions. */
public final class SequenceEncoding {
  /** The intermediate column of tokenized words. */
  public static final String WORDS = "words";

  private SequenceEncoding() {}

  /** Adds {@link #WORDS}, the {@link ReviewTokenizer} words of the review text. */
  public static Dataset<Row> tokenize(Dataset<Row> reviews) {
    UserDefinedFunction tokenizer =
        udf(
            (UDF1<String, String[]>) text -> ReviewTokenizer.tokenize(text).toArray(new String[0]),
            DataTypes.createArrayType(DataTypes.StringType, false));
    return reviews.withColumn(WORDS, tokenizer.apply(col(ReviewsDataset.TEXT)));
  }

  /**
   * {@link #WORDS} to the terms a classifier with n-grams of up to {@code n} words reads ({@link
   * Terms}); unchanged for {@code n = 1}.
   */
  public static Dataset<Row> terms(Dataset<Row> tokenized, int n) {
    if (n == 1) {
      return tokenized;
    }
    UserDefinedFunction terms =
        udf(
            (UDF1<Seq<String>, String[]>)
                words -> Terms.of(asList(words), n).toArray(new String[0]),
            DataTypes.createArrayType(DataTypes.StringType, false));
    return tokenized.withColumn(WORDS, terms.apply(col(WORDS)));
  }

  /** Tokenized reviews to the {@link TokenizedDataset} schema, using the broadcast vocabulary. */
  public static Dataset<Row> encode(
      Dataset<Row> tokenized, Broadcast<Vocabulary> vocabulary, int maxLen) {
    UserDefinedFunction encoder =
        udf(
            (UDF1<Seq<String>, int[]>)
                words -> SequenceEncoder.encode(asList(words), vocabulary.value(), maxLen),
            DataTypes.createArrayType(DataTypes.IntegerType, false));
    return tokenized.select(
        col(TokenizedDataset.ID),
        col(TokenizedDataset.SPLIT),
        col(TokenizedDataset.LABEL),
        encoder.apply(col(WORDS)).as(TokenizedDataset.TOKENS),
        size(col(WORDS)).plus(lit(1)).as(TokenizedDataset.LENGTH));
  }

  private static List<String> asList(Seq<String> words) {
    return words == null ? Arrays.asList() : JavaConverters.seqAsJavaList(words);
  }
}
