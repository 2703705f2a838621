package io.imdbrnn.scoring;

import static org.apache.spark.sql.types.DataTypes.DoubleType;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.model.PaddedBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores token rows with a network on the executors. The configuration (JSON) and parameters (a
 * float array) are broadcast once; each partition rebuilds the network and runs it on minibatches.
 * Adds a {@code probability} column (of the positive class) and drops {@code tokens}.
 */
public final class ModelScoring {
  public static final String PROBABILITY = "probability";

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

  private ModelScoring() {}

  public static Dataset<Row> score(
      Dataset<Row> rows, MultiLayerNetwork net, int maxLen, int batchSize, boolean maskPadding) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    Broadcast<String> conf = jsc.broadcast(net.getLayerWiseConfigurations().toJson());
    Broadcast<float[]> params = jsc.broadcast(net.params().toFloatVector());
    StructType in = rows.schema();
    int tokensField = in.fieldIndex(TokenizedDataset.TOKENS);
    StructType out = new StructType();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < in.fields().length; i++) {
      if (i != tokensField) {
        out = out.add(in.fields()[i]);
        kept.add(i);
      }
    }
    out = out.add(PROBABILITY, DoubleType, false);
    MapPartitionsFunction<Row, Row> scorer =
        partition ->
            scorePartition(
                partition,
                conf.value(),
                params.value(),
                tokensField,
                kept,
                maxLen,
                batchSize,
                maskPadding);
    return rows.mapPartitions(scorer, Encoders.row(out));
  }

  private static Iterator<Row> scorePartition(
      Iterator<Row> rows,
      String conf,
      float[] params,
      int tokensField,
      List<Integer> kept,
      int maxLen,
      int batchSize,
      boolean maskPadding) {
    if (!rows.hasNext()) {
      return rows;
    }
    MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf));
    net.init(Nd4j.createFromArray(params).reshape(1, params.length), false);
    List<Row> scored = new ArrayList<>();
    List<Row> batch = new ArrayList<>(batchSize);
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == batchSize || !rows.hasNext()) {
        INDArray probabilities =
            PaddedBatch.probabilities(
                net, TokenFeatures.rows(batch, tokensField, maxLen), maskPadding);
        for (int i = 0; i < batch.size(); i++) {
          Row r = batch.get(i);
          Object[] values = new Object[kept.size() + 1];
          for (int k = 0; k < kept.size(); k++) {
            values[k] = r.get(kept.get(k));
          }
          values[kept.size()] = probabilities.getDouble(i, 0);
          scored.add(RowFactory.create(values));
        }
        batch.clear();
      }
    }
    return scored.iterator();
  }
}
