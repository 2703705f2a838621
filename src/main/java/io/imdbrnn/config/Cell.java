package io.imdbrnn.config;

/**
 * The layer that reads the words ({@code train.cell}: a recurrent cell, or a convolution): the
 * setting, and what the network builder needs to know about it.
 */
public enum Cell implements SettingEnum {
  /** ReLU SimpleRNN on the fused SIMD layer: the reference network. */
  SIMPLE_RNN,
  /** The same cell on DL4J's stock layer, about 10x slower: a baseline. */
  SIMPLE_RNN_STOCK,
  /** LSTM (tanh, sigmoid gates) on the fused SIMD layer, DL4J's parameter layout. */
  LSTM,
  /** The same LSTM on DL4J's stock layer: a baseline. */
  LSTM_STOCK,
  /** GRU (Keras/PyTorch reset_after convention) on the fused SIMD layer. */
  GRU,
  /**
   * Not recurrent: a 1-D convolution over the words (ReLU feature maps, each reading a window of
   * neighbouring words), pooled over the text, as Kim (2014) classifies sentences.
   */
  CNN;

  /** Whether {@code train.bidirectional} can be set with this cell. */
  public boolean bidirectionalCapable() {
    return this == LSTM || this == GRU;
  }

  /** Blocks of {@code hidden} columns in the input and recurrent weights. */
  public int gates() {
    return switch (this) {
      case SIMPLE_RNN, SIMPLE_RNN_STOCK -> 1;
      case LSTM, LSTM_STOCK -> 4;
      case GRU -> 3;
      case CNN -> 1;
    };
  }

  /** Whether the cell carries a state from step to step (all but {@link #CNN}). */
  public boolean recurrent() {
    return this != CNN;
  }

  /** Computed by this project's fused layers (on the SIMD kernels, in [batch, step] order). */
  public boolean fused() {
    return this == SIMPLE_RNN || this == LSTM || this == GRU;
  }
}
