package io.imdbrnn.model;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;

/**
 * Everything that fixes the network's shape and initial state.
 *
 * @param vocabSize ids the embedding accepts (from the prepared data, reserved ids included)
 * @param maxLen time steps per sequence
 * @param maskPadding whether padded steps are masked (then the network also takes sequences shorter
 *     than {@code maxLen}, as trimmed batches are)
 * @param layers recurrent layers stacked, each but the last passing its whole sequence on
 * @param bidirectional each recurrent layer also runs backwards, with its own parameters
 * @param pooling how the last recurrent layer's sequence becomes one vector
 * @param dropout share of each recurrent layer's input (the embeddings for the first) and of the
 *     last one's output dropped in training (inverted dropout, off at inference)
 * @param head one sigmoid unit per sequence, a softmax over the classes, or a softmax over the
 *     vocabulary at every step
 * @param classes classes told apart: 2 for {@link Head#BINARY}, more for {@link Head#CLASSES}, 0
 *     for {@link Head#NEXT_TOKEN} (and in manifests written before it existed)
 * @param convWidth words each feature map of a {@link Cell#CNN} reads; recurrent cells ignore it
 */
public record NetworkSpec(
    Cell cell,
    int vocabSize,
    int maxLen,
    int embeddingSize,
    int hiddenSize,
    double learningRate,
    long seed,
    boolean maskPadding,
    int layers,
    boolean bidirectional,
    double dropout,
    Pooling pooling,
    Head head,
    int classes,
    int convWidth) {
  /** What recurrent networks carry in {@link #convWidth}, which they do not read. */
  public static final int UNUSED_CONV_WIDTH = 3;

  public NetworkSpec {
    if (head == null) {
      throw new IllegalArgumentException("head is required");
    }
    if (head == Head.CLASSES && classes < 3) {
      throw new IllegalArgumentException(
          "a softmax classifier tells at least 3 classes apart (2 use the sigmoid), found "
              + classes);
    }
    if (head == Head.NEXT_TOKEN && (bidirectional || pooling != Pooling.LAST || !cell.fused())) {
      throw new IllegalArgumentException(
          "a next-token network reads left to right on a fused cell: one direction, no pooling");
    }
    if (pooling == null) {
      throw new IllegalArgumentException("pooling is required");
    }
    if (cell == null) {
      throw new IllegalArgumentException("cell type is required");
    }
    positive("vocabulary size", vocabSize);
    positive("max-len", maxLen);
    positive("embedding size", embeddingSize);
    positive("hidden size", hiddenSize);
    positive("layers", layers);
    positive("convolution width", convWidth);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive number, found " + learningRate);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
    }
    if (!cell.recurrent() && pooling == Pooling.LAST) {
      throw new IllegalArgumentException(
          "cell " + cell.settingName() + " has no last state: pool its maps with max or mean");
    }
    if (bidirectional && !cell.bidirectionalCapable()) {
      throw new IllegalArgumentException(
          "cell " + cell.settingName() + " has no bidirectional form; use lstm or gru");
    }
  }

  /** The same network drawn from another seed (an ensemble's member). */
  public NetworkSpec withSeed(long other) {
    return new NetworkSpec(
        cell,
        vocabSize,
        maxLen,
        embeddingSize,
        hiddenSize,
        learningRate,
        other,
        maskPadding,
        layers,
        bidirectional,
        dropout,
        pooling,
        head,
        classes,
        convWidth);
  }

  /** A network with a sigmoid or a next-token head, whose class count the head implies. */
  public NetworkSpec(
      Cell cell,
      int vocabSize,
      int maxLen,
      int embeddingSize,
      int hiddenSize,
      double learningRate,
      long seed,
      boolean maskPadding,
      int layers,
      boolean bidirectional,
      double dropout,
      Pooling pooling,
      Head head) {
    this(
        cell,
        vocabSize,
        maxLen,
        embeddingSize,
        hiddenSize,
        learningRate,
        seed,
        maskPadding,
        layers,
        bidirectional,
        dropout,
        pooling,
        head,
        head == Head.BINARY ? 2 : 0,
        UNUSED_CONV_WIDTH);
  }

  /** One layer, one direction, no dropout: the reference network's shape. */
  public NetworkSpec(
      Cell cell,
      int vocabSize,
      int maxLen,
      int embeddingSize,
      int hiddenSize,
      double learningRate,
      long seed,
      boolean maskPadding) {
    this(
        cell,
        vocabSize,
        maxLen,
        embeddingSize,
        hiddenSize,
        learningRate,
        seed,
        maskPadding,
        1,
        false,
        0.0,
        Pooling.LAST,
        Head.BINARY);
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be positive, found " + value);
    }
  }

  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** Width of each recurrent layer's output: hidden size times directions. */
  public int outputWidth() {
    return hiddenSize * directions();
  }

  /** Width of what the output layer reads: the pooled vector, twice as wide for max-mean. */
  public int headWidth() {
    return outputWidth() * (pooling == Pooling.MAX_MEAN ? 2 : 1);
  }

  /** Outputs per step or sequence: one probability, one per class, or one per vocabulary id. */
  public int outputs() {
    return switch (head) {
      case BINARY -> 1;
      case CLASSES -> classes;
      case NEXT_TOKEN -> vocabSize;
    };
  }

  /** What the head chooses between: two for the binary head's one probability, else its outputs. */
  public int choices() {
    return head == Head.BINARY ? 2 : outputs();
  }

  /** Whether the network classifies whole sequences (either classifier head). */
  public boolean classifies() {
    return head != Head.NEXT_TOKEN;
  }

  /**
   * Trainable parameters: embedding (no bias), each recurrent layer (a GRU also has its candidate's
   * recurrent bias) or convolution layer (a window of weights and a bias per feature map), and the
   * output layer (weights and biases).
   */
  public long parameterCount() {
    long embedding = (long) vocabSize * embeddingSize;
    long h = hiddenSize;
    long recurrent = 0;
    for (int i = 0; i < layers; i++) {
      long in = i == 0 ? embeddingSize : outputWidth();
      long one =
          cell.recurrent()
              ? cell.gates() * (in * h + h * h + h) + (cell == Cell.GRU ? h : 0)
              : (long) convWidth * in * h + h;
      recurrent += one * directions();
    }
    return embedding + recurrent + (long) headWidth() * outputs() + outputs();
  }
}
