package io.imdbrnn.model;

/** The recurrent cell of the network. */
public enum CellType {
  /**
   * Elman RNN with ReLU, as the reference Keras notebook's {@code SimpleRNN(32,
   * activation='relu')}.
   */
  SIMPLE_RNN,
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
        "Unknown cell type '" + name + "': expected simple-rnn or lstm.");
  }
}
