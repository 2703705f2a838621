package io.imdbrnn.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.NextTokenBatch;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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

  /**
   * A text scored in chunks with the state carried over gets the figures of the same text read
   * whole, for every chunk length (one step, uneven, exact multiples, longer than the text), every
   * cell and stacked layers; and leaves no state behind for the next text.
   */
  @ParameterizedTest(name = "{0}, {1} layer(s)")
  @CsvSource({"GRU, 1", "GRU, 2", "LSTM, 1", "SIMPLE_RNN, 2"})
  void chunksScoreWhatTheWholeTextScores(Cell cell, int layers) {
    MultiLayerNetwork net = trained(cell, layers);
    int[] text = ids(new Random(7), 61);
    WindowScoring.SequenceScore whole = WindowScoring.score(net, new int[][] {text}, VOCAB)[0];
    assertThat(whole.targets()).isEqualTo(60);
    for (int steps : new int[] {1, 4, 7, 20, 60, 100}) {
      WindowScoring.SequenceScore chunked = WindowScoring.scoreInChunks(net, text, VOCAB, steps);
      assertThat(chunked.targets()).as("targets, chunks of %d", steps).isEqualTo(60);
      assertThat(chunked.bits())
          .as("bits, chunks of %d", steps)
          .isCloseTo(whole.bits(), within(1e-4 * whole.bits()));
      assertThat(chunked.correct()).as("correct, chunks of %d", steps).isEqualTo(whole.correct());
    }
    // Each text starts from an empty state: a second, shorter text scores as it does alone.
    int[] other = ids(new Random(8), 9);
    assertThat(WindowScoring.scoreInChunks(net, other, VOCAB, 4).bits())
        .isCloseTo(
            WindowScoring.score(net, new int[][] {other}, VOCAB)[0].bits(), within(1e-4 * 30));
  }

  @Test
  void aTextOfOneIdHasNothingToPredict() {
    WindowScoring.SequenceScore s =
        WindowScoring.scoreInChunks(trained(Cell.GRU, 1), new int[] {3}, VOCAB, 5);
    assertThat(s.targets()).isZero();
    assertThat(s.bits()).isZero();
  }

  @Test
  void chunksHoldTheBudgetAtAnyVocabulary() {
    assertThat(WindowScoring.chunkSteps(96) * 96L).isLessThanOrEqualTo(WindowScoring.BATCH_OUTPUTS);
    assertThat(WindowScoring.chunkSteps(10_000)).isEqualTo(838);
    assertThat(WindowScoring.chunkSteps(Integer.MAX_VALUE)).isEqualTo(1);
  }

  private static final int VOCAB = 17;

  private static int[] ids(Random random, int n) {
    int[] ids = new int[n];
    for (int t = 0; t < n; t++) {
      ids[t] = 1 + random.nextInt(VOCAB - 1);
    }
    return ids;
  }

  /** A next-token network of the cell, moved off its initial weights by a few steps of training. */
  private static MultiLayerNetwork trained(Cell cell, int layers) {
    MultiLayerNetwork net =
        NetworkFactory.create(
            new NetworkSpec(
                cell,
                VOCAB,
                12,
                5,
                7,
                1e-2,
                3,
                true,
                layers,
                false,
                0,
                Pooling.LAST,
                Head.NEXT_TOKEN));
    Random random = new Random(1);
    int[][] windows = new int[6][];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = ids(random, 13);
    }
    for (int i = 0; i < 5; i++) {
      net.fit(NextTokenBatch.of(windows, VOCAB));
    }
    return net;
  }
}
