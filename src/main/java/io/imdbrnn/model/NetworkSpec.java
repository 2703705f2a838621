package io.imdbrnn.model;

/**
 * Everything that fixes the network's shape and initial state.
 *
 * @param vocabSize ids the embedding accepts (from the prepared data, reserved ids included)
 * @param maxLen time steps per sequence
 * @param maskPadding whether padded steps are masked (then the network also takes sequences shorter
 *     than {@code maxLen}, as trimmed batches are)
 */
public record NetworkSpec(
    CellType cell,
    int vocabSize,
    int maxLen,
    int embeddingSize,
    int hiddenSize,
    double learningRate,
    long seed,
    boolean maskPadding) {
  public NetworkSpec {
    if (cell == null) {
      throw new IllegalArgumentException("cell type is required");
    }
    positive("vocabulary size", vocabSize);
    positive("max-len", maxLen);
    positive("embedding size", embeddingSize);
    positive("hidden size", hiddenSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive number, found " + learningRate);
    }
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be positive, found " + value);
    }
  }

  /** Trainable parameters: embedding (no bias), the cell, and the sigmoid output unit. */
  public long parameterCount() {
    long embedding = (long) vocabSize * embeddingSize;
    long recurrent =
        switch (cell) {
          case SIMPLE_RNN, SIMPLE_RNN_STOCK ->
              (long) embeddingSize * hiddenSize + (long) hiddenSize * hiddenSize + hiddenSize;
          case LSTM ->
              4L
                  * ((long) embeddingSize * hiddenSize
                      + (long) hiddenSize * hiddenSize
                      + hiddenSize);
        };
    return embedding + recurrent + hiddenSize + 1;
  }
}
