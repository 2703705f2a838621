package io.imdbrnn.scoring;

/**
 * The figures every classifier has, whatever its number of classes: what promotion decides on and
 * what a report compares first.
 */
public interface AccuracyFigures {
  /** Texts scored. */
  long n();

  /** Share of texts given their own class. */
  double accuracy();

  /** Mean cross-entropy of the true class, in nats. */
  double logLoss();

  /** The figures in one line, for the log. */
  default String summary() {
    return String.format("accuracy %.4f, log loss %.4f (%d texts)", accuracy(), logLoss(), n());
  }
}
