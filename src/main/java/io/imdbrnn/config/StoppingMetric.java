package io.imdbrnn.config;

/**
 * The validation figure that early stopping watches and that chooses the epoch kept ({@code
 * train.early-stopping-metric}).
 */
public enum StoppingMetric implements SettingEnum {
  /** The validation loss, lower is better: the default, and what Keras' EarlyStopping watches. */
  LOSS,
  /**
   * The validation accuracy, higher is better; an epoch that only ties the best accuracy is better
   * when its loss is lower. For small validation sets whose loss turns up (the network grows
   * over-confident on a few texts) while the share it gets right still rises.
   */
  ACCURACY
}
