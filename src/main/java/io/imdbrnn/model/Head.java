package io.imdbrnn.model;

/** What the network outputs, and so which loss it is trained with. */
public enum Head {
  /**
   * One sigmoid unit on the last recurrent layer's last step (or pooled steps): the probability of
   * a positive review, binary cross-entropy.
   */
  BINARY,
  /**
   * A softmax over K > 2 classes on the last recurrent layer's last step (or pooled steps), and
   * cross-entropy against the class index (no one-hot labels).
   */
  CLASSES,
  /**
   * A softmax over the vocabulary at every step: the distribution of the next id, cross-entropy
   * over the real (unmasked) steps. Reads left to right only, so one direction and no pooling.
   */
  NEXT_TOKEN
}
