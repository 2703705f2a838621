package io.imdbrnn.scoring;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.model.Ensemble;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores token rows with a network, or an ensemble's members, on the executors. The configurations
 * and parameters are broadcast once; each partition rebuilds the networks and runs them on
 * minibatches. Adds a {@code probability} column (of the positive class) for a binary classifier,
 * or a {@code probabilities} array (one per class, in class index order) for a K-class one, and
 * drops {@code tokens}.
 */
public final class ModelScoring {
  public static final String PROBABILITY = "probability";

  /** A K-class model's distribution over the classes, in class index order. */
  public static final String PROBABILITIES = "probabilities";

  /** The one decision threshold: a review is predicted positive at this probability or above. */
  public static final double THRESHOLD = 0.5;

  /** 1 at or above {@link #THRESHOLD}, 0 below it, null where the probability is null. */
  public static Column predictedLabel(Column probability) {
    return org.apache
        .spark
        .sql
        .functions
        .when(probability.geq(THRESHOLD), 1)
        .when(probability.isNotNull(), 0);
  }

  /**
   * The class a K-class model predicts from its {@code probabilities} column: the index of the most
   * probable, the first on ties; null where the probabilities are null.
   */
  public static Column predictedClass(Column probabilities) {
    return org.apache
        .spark
        .sql
        .functions
        .array_position(probabilities, org.apache.spark.sql.functions.array_max(probabilities))
        .minus(1)
        .cast("int");
  }

  private ModelScoring() {}

  /** Scores token rows into {@code classes}' score column ({@link ClassOutputs#scoreColumn()}). */
  public static Dataset<Row> score(
      Dataset<Row> rows,
      Ensemble net,
      ClassOutputs<?> classes,
      int maxLen,
      int batchSize,
      boolean maskPadding) {
    BroadcastNetwork shared = BroadcastNetwork.of(rows.sparkSession(), net);
    int tokensField = rows.schema().fieldIndex(TokenizedDataset.TOKENS);
    BroadcastNetwork.Passed passed =
        BroadcastNetwork.Passed.allBut(rows.schema(), TokenizedDataset.TOKENS);
    StructType out = passed.schema().add(classes.scoreColumn(), classes.scoreType(), false);
    MapPartitionsFunction<Row, Row> scorer =
        partition ->
            !partition.hasNext()
                ? partition
                : scorePartition(
                    partition,
                    shared.rebuild(),
                    classes,
                    tokensField,
                    passed,
                    maxLen,
                    batchSize,
                    maskPadding);
    return rows.mapPartitions(scorer, Encoders.row(out));
  }

  private static Iterator<Row> scorePartition(
      Iterator<Row> rows,
      Ensemble net,
      ClassOutputs<?> classes,
      int tokensField,
      BroadcastNetwork.Passed passed,
      int maxLen,
      int batchSize,
      boolean maskPadding) {
    List<Row> scored = new ArrayList<>();
    List<Row> batch = new ArrayList<>(batchSize);
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == batchSize || !rows.hasNext()) {
        INDArray probabilities =
            net.probabilities(TokenFeatures.rows(batch, tokensField, maxLen), maskPadding);
        for (int i = 0; i < batch.size(); i++) {
          scored.add(
              passed.with(batch.get(i), classes.score(probabilities.getRow(i).toDoubleVector())));
        }
        batch.clear();
      }
    }
    return scored.iterator();
  }
}
