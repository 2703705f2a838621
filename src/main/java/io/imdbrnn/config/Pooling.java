package io.imdbrnn.config;

/**
 * How the last recurrent layer's sequence becomes one vector per review ({@code train.pooling}).
 */
public enum Pooling implements SettingEnum {
  /** The state after the last step (each direction's own last step): the reference network. */
  LAST,
  /** The largest value of each unit over the review's real steps. */
  MAX,
  /** The mean of each unit over the review's real steps. */
  MEAN,
  /** The maximum and the mean side by side (twice the width): what each unit peaks at and holds. */
  MAX_MEAN
}
