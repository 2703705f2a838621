package io.imdbrnn.scoring;

import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.PortableEnsemble;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Networks sent to the executors once ({@link PortableEnsemble}: configurations and parameters), of
 * which each partition rebuilds its own copy (a network is not thread-safe).
 */
final class BroadcastNetwork implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<PortableEnsemble> networks;

  private BroadcastNetwork(Broadcast<PortableEnsemble> networks) {
    this.networks = networks;
  }

  static BroadcastNetwork of(SparkSession spark, Ensemble networks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new BroadcastNetwork(jsc.broadcast(PortableEnsemble.of(networks)));
  }

  /** New networks with the broadcast parameters, for this partition alone. */
  Ensemble rebuild() {
    return networks.value().rebuild();
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
