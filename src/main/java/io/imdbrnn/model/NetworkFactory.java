package io.imdbrnn.model;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.fused.FusedSimpleRnn;
import io.imdbrnn.model.fused.HeapScatterEmbedding;
import io.imdbrnn.model.fused.VectorAdam;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code Embedding(vocab → E) → cell(E → H), last time step → Dense(1, sigmoid)}, binary
 * cross-entropy, Adam. Initialisation follows Keras' defaults (uniform ±0.05 embeddings,
 * Glorot-uniform input weights, orthogonal recurrent weights, zero biases), so results compare with
 * the Keras figure.
 *
 * <p>No {@code setInputType}: after an {@link EmbeddingSequenceLayer} it silently resets the
 * layer's {@code nIn} to 1. Every {@code nIn} is set here instead, and {@link #create} checks the
 * parameter count against {@link NetworkSpec#parameterCount()}.
 */
public final class NetworkFactory {
  /** Index of the recurrent layer; its recurrent weights are parameter {@code 1_RW}. */
  static final int CELL_LAYER = 1;

  private NetworkFactory() {}

  public static MultiLayerConfiguration configuration(NetworkSpec spec) {
    return new NeuralNetConfiguration.Builder()
        .seed(spec.seed())
        .dataType(DataType.FLOAT)
        .updater(
            spec.cell() == CellType.SIMPLE_RNN_STOCK
                ? new Adam(spec.learningRate())
                : new VectorAdam(spec.learningRate()))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(embedding(spec))
        .layer(lastStep(spec))
        .layer(
            new OutputLayer.Builder(LossFunction.XENT)
                .nIn(spec.hiddenSize())
                .nOut(1)
                .activation(Activation.SIGMOID)
                .build())
        .build();
  }

  /**
   * The embedding; all cells but the stock SimpleRnn (kept entirely stock, as the baseline) use
   * {@link HeapScatterEmbedding}, the same layer with a faster backward pass.
   */
  private static Layer embedding(NetworkSpec spec) {
    EmbeddingSequenceLayer stock =
        new EmbeddingSequenceLayer.Builder()
            .nIn(spec.vocabSize())
            .nOut(spec.embeddingSize())
            .inputLength(spec.maxLen())
            .inferInputLength(spec.maskPadding())
            .hasBias(false)
            .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)))
            // [batch, step, unit] is the layout the fused layer computes in: no transposes.
            .outputDataFormat(spec.cell() == CellType.SIMPLE_RNN ? RNNFormat.NWC : RNNFormat.NCW)
            .build();
    return spec.cell() == CellType.SIMPLE_RNN_STOCK ? stock : HeapScatterEmbedding.of(stock);
  }

  /** The recurrent layer, reduced to its last time step's output {@code [batch, hidden]}. */
  private static Layer lastStep(NetworkSpec spec) {
    return switch (spec.cell()) {
      case SIMPLE_RNN ->
          new FusedSimpleRnn.Builder()
              .lastStepOnly(true)
              .dataFormat(RNNFormat.NWC)
              .nIn(spec.embeddingSize())
              .nOut(spec.hiddenSize())
              .activation(Activation.RELU)
              .build();
      case SIMPLE_RNN_STOCK ->
          new LastTimeStep(
              new SimpleRnn.Builder()
                  .nIn(spec.embeddingSize())
                  .nOut(spec.hiddenSize())
                  .activation(Activation.RELU)
                  .build());
      case LSTM ->
          new LastTimeStep(
              new LSTM.Builder()
                  .nIn(spec.embeddingSize())
                  .nOut(spec.hiddenSize())
                  .activation(Activation.TANH)
                  .build());
    };
  }

  /** A new, initialised network whose shape is checked against the spec. */
  public static MultiLayerNetwork create(NetworkSpec spec) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
    net.init();
    int gates = spec.cell() == CellType.LSTM ? 4 : 1;
    net.setParam(CELL_LAYER + "_RW", OrthogonalInit.blocks(spec.hiddenSize(), gates, spec.seed()));
    checkShape(net, spec);
    return net;
  }

  /**
   * Fails when a network (new or loaded) does not have the spec's embedding size and parameter
   * count.
   */
  public static void checkShape(MultiLayerNetwork net, NetworkSpec spec) {
    long vocab = net.getLayer(0).getParam("W").size(0);
    if (vocab != spec.vocabSize()) {
      throw new BadInputException(
          String.format(
              "The network's embedding takes %d ids but the vocabulary has %d.",
              vocab, spec.vocabSize()));
    }
    if (net.numParams() != spec.parameterCount()) {
      throw new BadInputException(
          String.format(
              "The network has %d parameters; %s needs %d.",
              net.numParams(), spec, spec.parameterCount()));
    }
  }
}
