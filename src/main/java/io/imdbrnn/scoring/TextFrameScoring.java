package io.imdbrnn.scoring;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.text.ReviewTokenizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a text column of any DataFrame, batch or streaming, on the executors in one pass: every
 * row keeps its columns and gains a status ({@link TextStatus}) and a probability (null unless the
 * status is ok). The model is broadcast once per call. This is the one scoring path for datasets:
 * {@code predict} over Parquet or CSV and the Spark ML {@code SentimentModel} both use it, and it
 * runs the same tokenizer, encoder and network code as {@code prepare} and local {@code predict}.
 */
public final class TextFrameScoring {
  private TextFrameScoring() {}

  /** The output of {@link #score} for a two-class model: the input columns, then these two. */
  public static StructType schema(StructType input, String statusCol, String probabilityCol) {
    return input.add(statusCol, StringType, false).add(probabilityCol, DoubleType, true);
  }

  /**
   * The output of {@link #score} for a model of {@code classes}: the status, the probability a
   * prediction reports ({@link ClassOutputs#probability}), and where the model has more than two
   * classes every class's ({@link ModelScoring#PROBABILITIES}, in class index order).
   */
  public static StructType schema(
      StructType input, String statusCol, String probabilityCol, ClassOutputs<?> classes) {
    StructType reported = schema(input, statusCol, probabilityCol);
    return classes.distributed()
        ? reported.add(
            ModelScoring.PROBABILITIES, DataTypes.createArrayType(DoubleType, false), true)
        : reported;
  }

  public static Dataset<Row> score(
      Dataset<Row> input,
      String textCol,
      String statusCol,
      String probabilityCol,
      ModelBundle bundle,
      int batchSize,
      long maxReviewBytes) {
    Broadcast<ScorerSpec> spec = broadcast(input.sparkSession(), bundle, batchSize, maxReviewBytes);
    int textField = input.schema().fieldIndex(textCol);
    ClassOutputs<?> classes = ClassOutputs.of(bundle.labels());
    MapPartitionsFunction<Row, Row> scorer =
        rows -> new ScoredRows(rows, spec.value(), textField, classes);
    return input.mapPartitions(
        scorer, Encoders.row(schema(input.schema(), statusCol, probabilityCol, classes)));
  }

  /** A function of one text to its probability (null unless scorable), for SQL. */
  public static UDF1<String, Double> function(
      SparkSession spark, ModelBundle bundle, long maxReviewBytes) {
    Broadcast<ScorerSpec> spec = broadcast(spark, bundle, 1, maxReviewBytes);
    return text -> {
      ScorerSpec s = spec.value();
      if (!TextStatus.OK.equals(TextStatus.of(text, s.maxReviewBytes()))) {
        return null;
      }
      return s.scorer().score(List.of(text))[0];
    };
  }

  private static Broadcast<ScorerSpec> broadcast(
      SparkSession spark, ModelBundle bundle, int batchSize, long maxReviewBytes) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new ScorerSpec(bundle, batchSize, maxReviewBytes));
  }

  /** Reads a batch of rows, scores the scorable ones together, and hands the rows out in order. */
  private static final class ScoredRows implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final ScorerSpec spec;
    private final int textField;
    private final ClassOutputs<?> classes;
    private final Deque<Row> ready = new ArrayDeque<>();

    ScoredRows(Iterator<Row> rows, ScorerSpec spec, int textField, ClassOutputs<?> classes) {
      this.rows = rows;
      this.spec = spec;
      this.textField = textField;
      this.classes = classes;
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && rows.hasNext()) {
        scoreBatch();
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.removeFirst();
    }

    private void scoreBatch() {
      List<Row> batch = new ArrayList<>(spec.batchSize());
      List<String> statuses = new ArrayList<>(spec.batchSize());
      List<List<String>> words = new ArrayList<>();
      while (rows.hasNext() && batch.size() < spec.batchSize()) {
        Row r = rows.next();
        String text = r.isNullAt(textField) ? null : r.getString(textField);
        String status = TextStatus.beforeTokenizing(text, spec.maxReviewBytes());
        if (status == null) {
          // Tokenized once: the words decide the status and are what the network reads.
          List<String> tokens = ReviewTokenizer.tokenize(text);
          status = TextStatus.ofWords(tokens);
          if (TextStatus.OK.equals(status)) {
            words.add(tokens);
          }
        }
        batch.add(r);
        statuses.add(status);
      }
      double[][] outputs = words.isEmpty() ? new double[0][] : spec.scorer().outputs(words);
      int next = 0;
      int added = classes.distributed() ? 3 : 2;
      for (int i = 0; i < batch.size(); i++) {
        Row r = batch.get(i);
        Object[] values = new Object[r.size() + added];
        for (int k = 0; k < r.size(); k++) {
          values[k] = r.get(k);
        }
        double[] scored = TextStatus.OK.equals(statuses.get(i)) ? outputs[next++] : null;
        values[r.size()] = statuses.get(i);
        if (scored != null) {
          values[r.size() + 1] = classes.probability(scored);
          if (classes.distributed()) {
            values[r.size() + 2] = classes.distribution(scored);
          }
        }
        ready.add(RowFactory.create(values));
      }
    }
  }
}
