package io.imdbrnn.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.text.Vocabulary;
import org.junit.jupiter.api.Test;

/** Sampling stays a valid draw at the edges of the temperature's range. */
class UnitSamplerTest {
  private static float[] distribution() {
    float[] p = new float[Vocabulary.FIRST_WORD_ID + 4];
    p[Vocabulary.FIRST_WORD_ID] = 0.2f;
    p[Vocabulary.FIRST_WORD_ID + 1] = 0.5f;
    p[Vocabulary.FIRST_WORD_ID + 2] = 0.3f;
    p[Vocabulary.FIRST_WORD_ID + 3] = 0f;
    return p;
  }

  @Test
  void aTinyTemperatureIsGreedyNotDegenerate() {
    for (double t : new double[] {1e-300, Double.MIN_VALUE, 1e-9}) {
      UnitSampler sampler = new UnitSampler(t, 0, 1);
      for (int i = 0; i < 50; i++) {
        assertThat(sampler.next(distribution()))
            .as("temperature %s", t)
            .isEqualTo(Vocabulary.FIRST_WORD_ID + 1);
      }
    }
  }

  @Test
  void aHugeTemperatureDrawsEveryCharacterAndNaNProbabilitiesDoNotPoisonTheDraw() {
    UnitSampler sampler = new UnitSampler(1e300, 0, 2);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 400; i++) {
      seen.add(sampler.next(distribution()));
    }
    assertThat(seen).hasSize(4).allMatch(id -> id >= Vocabulary.FIRST_WORD_ID);
    float[] withNaN = distribution();
    withNaN[Vocabulary.FIRST_WORD_ID] = Float.NaN;
    UnitSampler greedy = new UnitSampler(1e-6, 0, 3);
    assertThat(greedy.next(withNaN)).isEqualTo(Vocabulary.FIRST_WORD_ID + 1);
  }
}
