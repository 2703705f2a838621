package io.imdbrnn.model;

/** The recurrent cell of the network. */
public enum CellType {
  /**
   * Elman RNN with ReLU, as the reference Keras notebook's {@code SimpleRNN(32,
   * activation='relu')}, on the fused layer ({@link io.imdbrnn.model.fused.FusedSimpleRnn}).
   */
  SIMPLE_RNN(1, true, false),
  /** The same cell on DL4J's stock {@code SimpleRnn} layer: same parameters, much slower. */
  SIMPLE_RNN_STOCK(1, false, false),
  /** LSTM (tanh, sigmoid gates) on the fused layer ({@link io.imdbrnn.model.fused.FusedLstm}). */
  LSTM(4, true, true),
  /** The same LSTM on DL4J's stock layer, same parameters: a baseline. */
  LSTM_STOCK(4, false, false),
  /** GRU, {@code reset_after} convention ({@link io.imdbrnn.model.fused.FusedGru}). */
  GRU(3, true, true);

  /** Blocks of {@code hidden} columns in the input and recurrent weights. */
  public final int gates;

  /**
   * Computed by this project's fused layers (and so on the SIMD kernels, in [batch, step] order).
   */
  public final boolean fused;

  /** Has a backward direction when {@code bidirectional} is set. */
  public final boolean bidirectionalCapable;

  CellType(int gates, boolean fused, boolean bidirectionalCapable) {
    this.gates = gates;
    this.fused = fused;
    this.bidirectionalCapable = bidirectionalCapable;
  }

  /** The name used in settings: {@code simple-rnn}, {@code lstm-stock}, ... */
  public String settingName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static CellType fromSettingName(String name) {
    for (CellType t : values()) {
      if (t.settingName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "Unknown cell type '" + name + "': expected one of " + settingNames() + ".");
  }

  /** All setting names, comma-separated, for messages and help. */
  public static String settingNames() {
    return String.join(", ", java.util.Arrays.stream(values()).map(CellType::settingName).toList());
  }
}
