package io.imdbrnn.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowScoringTest {
  /**
   * Cuts sorted lengths into batches and checks each against the bounds: a word vocabulary once
   * asked for 64 reviews of 2,000 words at once, 1.3 billion probabilities.
   */
  @ParameterizedTest(name = "vocabulary {0}, lengths {1} to {2}")
  @CsvSource({"96, 100, 600", "10000, 200, 3000", "100000, 5, 90", "100000, 100, 5000"})
  void batchesStayWithinTheOutputBudgetAndCoverEverySequenceOnce(int vocab, int min, int max) {
    int[] lengths = new int[500];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = min + (int) ((long) (max - min) * i * i / (lengths.length * lengths.length));
    }
    Arrays.sort(lengths);
    int from = 0;
    int batches = 0;
    while (from < lengths.length) {
      int to = WindowScoring.batchEnd(lengths, from, vocab);
      assertThat(to).isGreaterThan(from);
      int rows = to - from;
      assertThat(rows).isLessThanOrEqualTo(WindowScoring.BATCH_REVIEWS);
      if (rows > 1) {
        assertThat((long) rows * lengths[to - 1] * vocab)
            .isLessThanOrEqualTo(WindowScoring.BATCH_OUTPUTS);
      }
      // A batch is only cut short by a bound: one more sequence would break one.
      if (to < lengths.length && rows < WindowScoring.BATCH_REVIEWS) {
        assertThat((long) (rows + 1) * lengths[to] * vocab)
            .isGreaterThan(WindowScoring.BATCH_OUTPUTS);
      }
      from = to;
      batches++;
    }
    assertThat(from).isEqualTo(lengths.length);
    assertThat(batches).isLessThanOrEqualTo(lengths.length);
  }
}
