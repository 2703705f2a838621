package io.imdbrnn.config;

/** How much each training text counts in the loss, by its class ({@code train.class-weights}). */
public enum ClassWeights implements SettingEnum {
  /** Every text alike: the classes count as often as they occur. */
  NONE,
  /**
   * Each text of class c weighs n / (K · n_c) (scikit-learn's and Keras' "balanced"): every class
   * counts as much in the loss as any other, and the weights average 1 over the texts.
   */
  BALANCED
}
