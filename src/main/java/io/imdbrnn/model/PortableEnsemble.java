package io.imdbrnn.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An {@link Ensemble} in a form that serializes and broadcasts: each member's configuration as JSON
 * and its parameters as a float array. Whoever scores rebuilds its own copy ({@link #rebuild}), as
 * a network is not safe to share between threads.
 */
public final class PortableEnsemble implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> configurations;
  private final List<float[]> parameters;

  private PortableEnsemble(List<String> configurations, List<float[]> parameters) {
    this.configurations = configurations;
    this.parameters = parameters;
  }

  public static PortableEnsemble of(Ensemble ensemble) {
    List<String> confs = new ArrayList<>();
    List<float[]> params = new ArrayList<>();
    for (MultiLayerNetwork net : ensemble.members()) {
      confs.add(net.getLayerWiseConfigurations().toJson());
      params.add(net.params().toFloatVector());
    }
    return new PortableEnsemble(confs, params);
  }

  /** New networks with these parameters, for the caller alone. */
  public Ensemble rebuild() {
    List<MultiLayerNetwork> members = new ArrayList<>(configurations.size());
    for (int m = 0; m < configurations.size(); m++) {
      MultiLayerNetwork net =
          new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configurations.get(m)));
      float[] p = parameters.get(m);
      net.init(Nd4j.createFromArray(p).reshape(1, p.length), false);
      members.add(net);
    }
    return Ensemble.of(members);
  }
}
