package io.imdbrnn.model;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.fused.FusedGru;
import io.imdbrnn.model.fused.FusedLstm;
import io.imdbrnn.model.fused.FusedSimpleRnn;
import io.imdbrnn.model.fused.FusedSoftmaxOutput;
import io.imdbrnn.model.fused.HeapScatterEmbedding;
import io.imdbrnn.model.fused.VectorAdam;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code Embedding(vocab → E) → cell(E → H) × layers, last time step → Dense(1, sigmoid)}, binary
 * cross-entropy, Adam (a {@link Cell#CNN} convolves windows of words instead of a recurrence and is
 * always pooled); or, for {@link Head#NEXT_TOKEN}, every step → Dense(vocab, softmax) and
 * cross-entropy (a language model). Initialisation follows Keras' defaults (uniform ±0.05
 * embeddings, Glorot-uniform input weights, orthogonal recurrent weights, zero biases; an LSTM's
 * forget-gate bias 1, as DL4J and Keras' {@code unit_forget_bias}), so results compare with Keras
 * figures.
 *
 * <p>No {@code setInputType}: after an {@link EmbeddingSequenceLayer} it silently resets the
 * layer's {@code nIn} to 1. Every {@code nIn} is set here instead, and {@link #create} checks the
 * parameter count against {@link NetworkSpec#parameterCount()}.
 */
public final class NetworkFactory {
  /** Index of the first recurrent layer; its recurrent weights are parameter {@code 1_RW}. */
  static final int CELL_LAYER = 1;

  /**
   * The embedding's random start, uniform in ±this, as Keras starts it; {@code
   * train.embedding-init-range} (whose default this is) redraws it otherwise.
   */
  public static final double EMBEDDING_INIT_RANGE = 0.05;

  private NetworkFactory() {}

  public static MultiLayerConfiguration configuration(NetworkSpec spec) {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(spec.seed())
            .dataType(DataType.FLOAT)
            .updater(
                spec.cell().fused()
                    ? new VectorAdam(spec.learningRate())
                    : new Adam(spec.learningRate()))
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .list()
            .layer(embedding(spec));
    for (int i = 0; i < spec.layers(); i++) {
      list.layer(sequenceLayer(spec, i));
      if (!spec.cell().recurrent() && i < spec.layers() - 1) {
        // DL4J's convolution passes the mask on but leaves its padded steps non-zero; the next
        // convolution would read them, so a text's score would depend on its batch's padding.
        list.layer(new MaskLayer());
      }
    }
    // DL4J's pooling reads [batch, unit, step] (NCW), which is why pooled networks use it.
    switch (spec.pooling()) {
      case LAST -> {}
      case MAX -> list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
      case MEAN -> list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
      case MAX_MEAN -> list.layer(new MaxMeanPooling());
    }
    BaseOutputLayer.Builder<?> output =
        switch (spec.head()) {
          case NEXT_TOKEN ->
              new RnnOutputLayer.Builder(LossFunction.SPARSE_MCXENT)
                  .dataFormat(format(spec))
                  .activation(Activation.SOFTMAX);
            // The label is the class index, as for the binary head: the same batches serve both.
          case CLASSES ->
              new OutputLayer.Builder(LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX);
          case BINARY -> new OutputLayer.Builder(LossFunction.XENT).activation(Activation.SIGMOID);
        };
    output.nIn(spec.headWidth()).nOut(spec.outputs());
    if (spec.dropout() > 0) {
      output.dropOut(new Dropout(1 - spec.dropout()));
    }
    return list.layer(head(spec, output.build())).build();
  }

  /**
   * The per-step softmax of fused networks computes in {@link FusedSoftmaxOutput} (the same
   * parameters and results as the stock layer, which the stock cells keep as baselines). A head on
   * the last step runs once per text and stays stock: beside the recurrence it costs little.
   */
  private static Layer head(NetworkSpec spec, BaseOutputLayer stock) {
    return spec.cell().fused() && stock instanceof RnnOutputLayer perStep
        ? FusedSoftmaxOutput.of(perStep)
        : stock;
  }

  /**
   * The embedding; all cells but the stock ones (kept entirely stock, as baselines) use {@link
   * HeapScatterEmbedding}, the same layer with a faster backward pass.
   */
  private static Layer embedding(NetworkSpec spec) {
    EmbeddingSequenceLayer stock =
        new EmbeddingSequenceLayer.Builder()
            .nIn(spec.vocabSize())
            .nOut(spec.embeddingSize())
            .inputLength(spec.maxLen())
            .inferInputLength(spec.maskPadding())
            .hasBias(false)
            .weightInit(
                new WeightInitDistribution(
                    new UniformDistribution(-EMBEDDING_INIT_RANGE, EMBEDDING_INIT_RANGE)))
            // [batch, step, unit] is the layout the fused layers compute in: no transposes.
            .outputDataFormat(format(spec))
            .build();
    return spec.cell().fused() ? HeapScatterEmbedding.of(stock) : stock;
  }

  private static RNNFormat format(NetworkSpec spec) {
    return spec.cell().fused() && spec.pooling() == Pooling.LAST ? RNNFormat.NWC : RNNFormat.NCW;
  }

  /**
   * Recurrent (or convolution) layer {@code index}: the last one reduced to its last time step's
   * output {@code [batch, width]} when not pooled, the others passing every step on; dropout on the
   * input of each (the embeddings for the first, as Keras' {@code dropout=} argument does). A
   * convolution pads its window at both ends, so it keeps every step.
   */
  private static Layer sequenceLayer(NetworkSpec spec, int index) {
    boolean last =
        index == spec.layers() - 1 && spec.pooling() == Pooling.LAST && spec.classifies();
    RNNFormat format = format(spec);
    int nIn = index == 0 ? spec.embeddingSize() : spec.outputWidth();
    IDropout dropout = spec.dropout() > 0 ? new Dropout(1 - spec.dropout()) : null;
    int h = spec.hiddenSize();
    return switch (spec.cell()) {
      case SIMPLE_RNN ->
          new FusedSimpleRnn.Builder()
              .lastStepOnly(last)
              .dataFormat(format)
              .nIn(nIn)
              .nOut(h)
              .activation(Activation.RELU)
              .dropOut(dropout)
              .build();
      case SIMPLE_RNN_STOCK ->
          lastStepIf(
              last,
              new SimpleRnn.Builder()
                  .nIn(nIn)
                  .nOut(h)
                  .activation(Activation.RELU)
                  .dropOut(dropout)
                  .build());
      case LSTM -> FusedLstm.of(lstm(nIn, h, format, dropout), last, spec.bidirectional());
      case LSTM_STOCK -> lastStepIf(last, lstm(nIn, h, RNNFormat.NCW, dropout));
      case CNN ->
          new Convolution1DLayer.Builder()
              .kernelSize(spec.convWidth())
              .convolutionMode(ConvolutionMode.Same)
              .rnnDataFormat(format)
              .nIn(nIn)
              .nOut(h)
              .activation(Activation.RELU)
              .dropOut(dropout)
              .build();
      case GRU ->
          new FusedGru.Builder()
              .lastStepOnly(last)
              .bidirectional(spec.bidirectional())
              .dataFormat(format)
              .nIn(nIn)
              .nOut(h)
              .dropOut(dropout)
              .build();
    };
  }

  private static LSTM lstm(int nIn, int h, RNNFormat format, IDropout dropout) {
    return new LSTM.Builder()
        .nIn(nIn)
        .nOut(h)
        .activation(Activation.TANH)
        .dataFormat(format)
        .dropOut(dropout)
        .build();
  }

  private static Layer lastStepIf(boolean last, Layer layer) {
    return last ? new LastTimeStep(layer) : layer;
  }

  /**
   * A new, initialised network whose shape is checked against the spec; each direction of each
   * recurrent layer gets its own orthogonal recurrent blocks.
   */
  public static MultiLayerNetwork create(NetworkSpec spec) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
    net.init();
    for (int i = 0; i < (spec.cell().recurrent() ? spec.layers() : 0); i++) {
      int layer = CELL_LAYER + i;
      for (int d = 0; d < spec.directions(); d++) {
        String key = layer + "_" + (d == 0 ? "" : "b") + "RW";
        long seed = spec.seed() + 1000L * i + d;
        net.setParam(key, OrthogonalInit.blocks(spec.hiddenSize(), spec.cell().gates(), seed));
      }
    }
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
