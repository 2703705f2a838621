package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Clearly worse than a uniform guess, or not a number, is said; anything that learned, or hovers at
 * the guess in a slow first epoch, is not.
 */
class DivergenceWarningTest {
  @Test
  void aLossAboveTheUniformGuessIsNamedWithTheEpochAndWhatToTry() {
    // The reference network dead on short padded texts: 3.84 nats against ln 2.
    assertThat(DivergenceWarning.of(1, 3.8376, 2))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith("Epoch 1: train loss 3.8376 is above ln 2 = 0.6931")
                    .contains("train.mask-padding=true"));
    assertThat(DivergenceWarning.of(4, 2.0, 6)).isPresent();
    assertThat(DivergenceWarning.of(2, Double.NaN, 2))
        .hasValueSatisfying(w -> assertThat(w).contains("not a number"));
    assertThat(DivergenceWarning.of(2, Double.POSITIVE_INFINITY, 99)).isPresent();
  }

  @Test
  void aLossAtOrBelowTheGuessIsQuiet() {
    assertThat(DivergenceWarning.of(1, 0.6259, 2)).isEmpty();
    // A slow first epoch around the guess is not called diverged.
    assertThat(DivergenceWarning.of(1, 0.7093, 2)).isEmpty();
    assertThat(DivergenceWarning.of(1, 0.77, 2)).isPresent();
    assertThat(DivergenceWarning.of(3, 1.75, 6)).isEmpty();
    // A language model's loss per character, well under ln 99.
    assertThat(DivergenceWarning.of(1, 1.9, 99)).isEmpty();
  }
}
