package io.imdbrnn.train;

import io.imdbrnn.runtime.JobProgress;

/** One epoch's figures, and the progress line the log shows for it. */
record EpochProgress(
    int epoch,
    int epochs,
    double trainLoss,
    double validationLoss,
    double validationAccuracy,
    long samples,
    double epochSeconds,
    double elapsedSeconds) {
  double samplesPerSecond() {
    return samples / epochSeconds;
  }

  /** Remaining time at the average epoch time so far. */
  double etaSeconds() {
    return elapsedSeconds / epoch * (epochs - epoch);
  }

  String line() {
    String validation =
        Double.isNaN(validationLoss)
            ? "no validation"
            : String.format("val loss %.4f, val acc %.4f", validationLoss, validationAccuracy);
    return String.format(
        "epoch %d/%d: train loss %.4f, %s, %,.0f samples/s, elapsed %s, ETA %s",
        epoch,
        epochs,
        trainLoss,
        validation,
        samplesPerSecond(),
        JobProgress.duration(elapsedSeconds),
        JobProgress.duration(etaSeconds()));
  }
}
