package io.imdbrnn.model.fused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a bidirectional layer: two copies of one direction's, the forward direction's
 * under its own keys (so they read as a one-directional layer's), then the backward direction's
 * under the same keys prefixed with {@value #BACKWARD}.
 */
final class TwoDirectionParams implements ParamInitializer {
  static final String BACKWARD = "b";

  private final ParamInitializer one;

  TwoDirectionParams(ParamInitializer one) {
    this.one = one;
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    return 2 * one.numParams(layer);
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return both(one.paramKeys(layer));
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return both(one.weightKeys(layer));
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return both(one.biasKeys(layer));
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return one.isWeightParam(layer, unprefixed(layer, key));
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return one.isBiasParam(layer, unprefixed(layer, key));
  }

  @Override
  public Map<String, INDArray> init(
      NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    Map<String, INDArray> params =
        split(paramsView, half -> one.init(conf, half, initializeParams));
    conf.clearVariables();
    params.keySet().forEach(conf::addVariable);
    return params;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(
      NeuralNetConfiguration conf, INDArray gradientView) {
    return split(gradientView, half -> one.getGradientsFromFlattened(conf, half));
  }

  /** Each direction's parameters as views of its half of {@code flat}. */
  private static Map<String, INDArray> split(
      INDArray flat, Function<INDArray, Map<String, INDArray>> perDirection) {
    // DL4J's initializers take [1, N] views, as a layer's own parameter view is.
    INDArray v = flat.reshape(1, flat.length());
    long half = flat.length() / 2;
    Map<String, INDArray> out =
        new LinkedHashMap<>(
            perDirection.apply(v.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, half))));
    perDirection
        .apply(v.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(half, 2 * half)))
        .forEach((k, a) -> out.put(BACKWARD + k, a));
    return out;
  }

  private static List<String> both(List<String> keys) {
    List<String> out = new ArrayList<>(keys);
    keys.forEach(k -> out.add(BACKWARD + k));
    return out;
  }

  private String unprefixed(Layer layer, String key) {
    return key.startsWith(BACKWARD) && !one.paramKeys(layer).contains(key) ? key.substring(1) : key;
  }
}
