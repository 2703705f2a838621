package io.imdbrnn.model;

/** How the last recurrent layer's sequence becomes one vector per sequence. */
public enum Pooling {
  /** The state after the last step (each direction's own last step). */
  LAST,
  /** Each unit's largest value over the (unmasked) steps. */
  MAX,
  /** Each unit's mean over the (unmasked) steps. */
  MEAN
}
