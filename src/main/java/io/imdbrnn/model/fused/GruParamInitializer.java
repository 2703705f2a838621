package io.imdbrnn.model.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of {@link FusedGru}, laid out as DL4J lays out an LSTM's: input weights {@code W
 * [nIn, 3n]}, recurrent weights {@code RW [n, 3n]}, input bias {@code b [1, 3n]} (blocks z, r, n),
 * then the candidate's recurrent bias {@code RB [1, n]}; matrices in column-major order, biases
 * zero, weights from the layer's initialisers (recurrent: {@code weightInitRecurrent} if set).
 */
public final class GruParamInitializer implements ParamInitializer {
  public static final String W = "W";
  public static final String RW = "RW";
  public static final String B = "b";
  public static final String RB = "RB";

  private static final GruParamInitializer INSTANCE = new GruParamInitializer();

  private GruParamInitializer() {}

  public static GruParamInitializer getInstance() {
    return INSTANCE;
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    BaseRecurrentLayer l = (BaseRecurrentLayer) layer;
    long n = l.getNOut();
    return 3 * n * (l.getNIn() + n + 1) + n;
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return List.of(W, RW, B, RB);
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return List.of(W, RW);
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return List.of(B, RB);
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return W.equals(key) || RW.equals(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return B.equals(key) || RB.equals(key);
  }

  @Override
  public Map<String, INDArray> init(
      NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    BaseRecurrentLayer l = (BaseRecurrentLayer) conf.getLayer();
    long nIn = l.getNIn();
    long n = l.getNOut();
    Map<String, INDArray> params = views(conf, paramsView);
    if (initializeParams) {
      IWeightInit input = l.getWeightInitFn();
      IWeightInit recurrent =
          l.getWeightInitFnRecurrent() != null ? l.getWeightInitFnRecurrent() : input;
      input.init(nIn, 3 * n, new long[] {nIn, 3 * n}, 'f', params.get(W));
      recurrent.init(n, 3 * n, new long[] {n, 3 * n}, 'f', params.get(RW));
      params.get(B).assign(0);
      params.get(RB).assign(0);
    }
    conf.clearVariables();
    params.keySet().forEach(conf::addVariable);
    return params;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(
      NeuralNetConfiguration conf, INDArray gradientView) {
    return views(conf, gradientView);
  }

  private Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flat) {
    BaseRecurrentLayer l = (BaseRecurrentLayer) conf.getLayer();
    long nIn = l.getNIn();
    long n = l.getNOut();
    // Index the [1, N] view in two dimensions, as DL4J's own initializers do: reshaping a view
    // that does not start at offset 0 may copy it, and a copy would not be the parameters.
    long w = nIn * 3 * n;
    long rw = w + n * 3 * n;
    long b = rw + 3 * n;
    INDArray v = flat.rank() == 1 ? flat.reshape(1, flat.length()) : flat;
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put(W, part(v, 0, w).reshape('f', nIn, 3 * n));
    out.put(RW, part(v, w, rw).reshape('f', n, 3 * n));
    out.put(B, part(v, rw, b));
    out.put(RB, part(v, b, b + n));
    return out;
  }

  private static INDArray part(INDArray row, long from, long to) {
    return row.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(from, to));
  }
}
