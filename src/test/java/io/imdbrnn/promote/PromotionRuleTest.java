package io.imdbrnn.promote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {
  private static final double TOLERANCE = 0.005;

  @Test
  void anEmptyRegistryTakesAnyCandidateAboveTheFloor() {
    PromotionRule.Verdict v = PromotionRule.decide(0.80, OptionalDouble.empty(), TOLERANCE, 0.5);
    assertThat(v.promote()).isTrue();
    assertThat(v.reason()).contains("no champion");
  }

  @Test
  void aCandidateBelowTheFloorIsNeverPromotedEvenIntoAnEmptyRegistry() {
    assertThat(PromotionRule.decide(0.49, OptionalDouble.empty(), TOLERANCE, 0.5).promote())
        .isFalse();
    PromotionRule.Verdict v = PromotionRule.decide(0.86, OptionalDouble.of(0.70), TOLERANCE, 0.9);
    assertThat(v.promote()).isFalse();
    assertThat(v.reason()).contains("below promote.min-accuracy 0.9000");
  }

  @Test
  void worseWithinTheToleranceIsPromotedAndBeyondItIsNot() {
    assertThat(PromotionRule.decide(0.8460, OptionalDouble.of(0.8500), TOLERANCE, 0.5).promote())
        .isTrue();
    assertThat(PromotionRule.decide(0.8450, OptionalDouble.of(0.8500), TOLERANCE, 0.5).promote())
        .as("exactly the tolerance below is still within it")
        .isTrue();
    PromotionRule.Verdict worse =
        PromotionRule.decide(0.8440, OptionalDouble.of(0.8500), TOLERANCE, 0.5);
    assertThat(worse.promote()).isFalse();
    assertThat(worse.reason()).contains("0.0060 below the champion's 0.8500");
  }

  @Test
  void aTieOrBetterIsPromoted() {
    assertThat(PromotionRule.decide(0.85, OptionalDouble.of(0.85), 0, 0.5).promote()).isTrue();
    assertThat(PromotionRule.decide(0.86, OptionalDouble.of(0.85), 0, 0.5).reason())
        .contains("+0.0100");
  }

  @Test
  void noFigureThatIsNotANumberEverPromotes() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThat(PromotionRule.decide(bad, OptionalDouble.empty(), TOLERANCE, 0.0).promote())
          .isFalse();
      assertThat(PromotionRule.decide(bad, OptionalDouble.of(0.5), TOLERANCE, 0.0).promote())
          .isFalse();
      PromotionRule.Verdict v = PromotionRule.decide(0.9, OptionalDouble.of(bad), 1.0, 0.0);
      assertThat(v.promote()).isFalse();
      assertThat(v.reason()).contains("not numbers");
    }
  }
}
