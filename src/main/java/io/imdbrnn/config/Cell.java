package io.imdbrnn.config;

/** The recurrent cell of the network ({@code train.cell}). */
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
  GRU;

  /** Whether {@code train.bidirectional} can be set with this cell. */
  public boolean bidirectionalCapable() {
    return this == LSTM || this == GRU;
  }
}
