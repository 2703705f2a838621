package io.imdbrnn.config;

/** The recurrent cell of the network ({@code train.cell}). */
public enum Cell implements SettingEnum {
  /** ReLU SimpleRNN on the fused SIMD layer: the reference network. */
  SIMPLE_RNN,
  /** The same cell on DL4J's stock layer, about 10x slower: a baseline. */
  SIMPLE_RNN_STOCK,
  /** DL4J's stock LSTM (tanh). */
  LSTM
}
