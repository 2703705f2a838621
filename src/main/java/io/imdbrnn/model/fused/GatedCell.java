package io.imdbrnn.model.fused;

/**
 * The gated cells the fused layer computes. Both keep, per step, four {@code n}-wide blocks of gate
 * values for the backward pass, whatever their number of projected gates.
 */
enum GatedCell {
  /**
   * DL4J's LSTM without peepholes, in DL4J's block order: cell input {@code a = tanh(·)}, forget
   * {@code f}, output {@code o} and input gate {@code g}, all sigmoid but {@code a}; {@code c_t =
   * f·c_{t-1} + g·a}, {@code h_t = o·tanh(c_t)}.
   */
  LSTM(4),
  /**
   * GRU in the {@code reset_after} convention of Keras, cuDNN and PyTorch, blocks update {@code z},
   * reset {@code r}, candidate {@code n}: {@code n = tanh(x·W_n + b_n + r·(h·U_n + b_hn))}, {@code
   * h_t = (1 − z)·n + z·h_{t-1}}. The recurrent bias {@code b_hn} is the only one kept apart: those
   * of z and r would only add to their input biases.
   */
  GRU(3);

  /** Blocks of the input projection and of the recurrent matrix, each {@code n} wide. */
  final int projected;

  /** Blocks of gate values kept per step. */
  static final int KEPT = 4;

  GatedCell(int projected) {
    this.projected = projected;
  }
}
