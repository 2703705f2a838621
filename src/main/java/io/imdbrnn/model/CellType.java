package io.imdbrnn.model;

/** The recurrent cell of the network. */
public enum CellType {
  /**
   * Elman RNN with ReLU, as the reference Keras notebook's {@code SimpleRNN(32,
   * activation='relu')}, on the fused layer ({@link io.imdbrnn.model.fused.FusedSimpleRnn}).
   */
  SIMPLE_RNN,
  /** The same cell on DL4J's stock {@code SimpleRnn} layer: same parameters, much slower. */
  SIMPLE_RNN_STOCK,
  /** LSTM with tanh. */
  LSTM;

  /** The name used in settings: {@code simple-rnn}, {@code lstm}. */
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
