package io.imdbrnn.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network sent to the executors once: its configuration (JSON) and parameters (a float array) are
 * broadcast, and each partition rebuilds its own copy (a network is not thread-safe).
 */
final class BroadcastNetwork implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<String> conf;
  private final Broadcast<float[]> params;

  private BroadcastNetwork(Broadcast<String> conf, Broadcast<float[]> params) {
    this.conf = conf;
    this.params = params;
  }

  static BroadcastNetwork of(SparkSession spark, MultiLayerNetwork net) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new BroadcastNetwork(
        jsc.broadcast(net.getLayerWiseConfigurations().toJson()),
        jsc.broadcast(net.params().toFloatVector()));
  }

  /** A new network with the broadcast parameters, for this partition alone. */
  MultiLayerNetwork rebuild() {
    MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
    float[] p = params.value();
    net.init(Nd4j.createFromArray(p).reshape(1, p.length), false);
    return net;
  }

  /** The input columns a scorer passes through: every one but {@code dropped}. */
  record Passed(StructType schema, List<Integer> fields) implements Serializable {
    static Passed allBut(StructType in, String dropped) {
      int skip = in.fieldIndex(dropped);
      StructType out = new StructType();
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < in.fields().length; i++) {
        if (i != skip) {
          out = out.add(in.fields()[i]);
          kept.add(i);
        }
      }
      return new Passed(out, kept);
    }

    /** The passed values of {@code r} followed by {@code added}. */
    Row with(Row r, Object... added) {
      Object[] values = new Object[fields.size() + added.length];
      for (int k = 0; k < fields.size(); k++) {
        values[k] = r.get(fields.get(k));
      }
      System.arraycopy(added, 0, values, fields.size(), added.length);
      return RowFactory.create(values);
    }
  }
}
