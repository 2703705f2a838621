package io.imdbrnn.promote;

import java.util.OptionalDouble;

/**
 * The decision, as a pure function of the figures: a candidate below the floor is never promoted;
 * with no champion it is; otherwise it is unless it is worse than the champion by more than the
 * tolerance. Equal or slightly worse within the tolerance promotes, so a fresher model trained on
 * newer data wins a tie.
 */
public final class PromotionRule {
  private PromotionRule() {}

  /** The outcome and a sentence saying why, for the log and the decision record. */
  public record Verdict(boolean promote, String reason) {}

  public static Verdict decide(
      double candidate, OptionalDouble champion, double tolerance, double minAccuracy) {
    // Every comparison with NaN is false, so without this a NaN would pass every test below.
    if (!Double.isFinite(candidate)
        || (champion.isPresent() && !Double.isFinite(champion.getAsDouble()))) {
      return new Verdict(
          false,
          String.format(
              "no decision on figures that are not numbers (candidate %s, champion %s)",
              candidate, champion.isPresent() ? champion.getAsDouble() : "none"));
    }
    if (candidate < minAccuracy) {
      return new Verdict(
          false,
          String.format(
              "candidate accuracy %.4f is below promote.min-accuracy %.4f",
              candidate, minAccuracy));
    }
    if (champion.isEmpty()) {
      return new Verdict(
          true, String.format("no champion yet; candidate accuracy %.4f", candidate));
    }
    double gap = candidate - champion.getAsDouble();
    // The slack keeps "exactly the tolerance below" inside it despite binary rounding
    // (0.845 - 0.85 is -0.0050000000000000044).
    if (gap < -tolerance - 1e-9) {
      return new Verdict(
          false,
          String.format(
              "candidate accuracy %.4f is %.4f below the champion's %.4f, more than"
                  + " promote.tolerance %.4f",
              candidate, -gap, champion.getAsDouble(), tolerance));
    }
    return new Verdict(
        true,
        String.format(
            "candidate accuracy %.4f against the champion's %.4f (%+.4f, tolerance %.4f)",
            candidate, champion.getAsDouble(), gap, tolerance));
  }
}
