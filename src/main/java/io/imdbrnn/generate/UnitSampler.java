package io.imdbrnn.generate;

import io.imdbrnn.text.Vocabulary;
import java.util.Arrays;
import java.util.Random;

/**
 * Draws the next id (a character or a word) from the network's distribution, reshaped by
 * temperature and top-K. The reserved ids (padding, start, unknown) are never drawn: none of them
 * is a unit to print.
 */
final class UnitSampler {
  private static final float FLOOR = 1e-30f;

  private final double temperature;
  private final int topK;
  private final Random random;

  UnitSampler(double temperature, int topK, long seed) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be positive, found " + temperature);
    }
    this.temperature = temperature;
    this.topK = topK;
    this.random = new Random(seed);
  }

  /** An id of {@code probabilities} (one per vocabulary id, summing to about 1). */
  int next(float[] probabilities) {
    double[] weights = temperature == 1 ? linear(probabilities) : tempered(probabilities);
    double cut =
        topK > 0 && topK < weights.length - Vocabulary.FIRST_WORD_ID ? kthLargest(weights) : 0;
    double total = 0;
    for (int i = Vocabulary.FIRST_WORD_ID; i < weights.length; i++) {
      if (weights[i] < cut) {
        weights[i] = 0;
      }
      total += weights[i];
    }
    double draw = random.nextDouble() * total;
    int last = Vocabulary.FIRST_WORD_ID;
    for (int i = Vocabulary.FIRST_WORD_ID; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        draw -= weights[i];
        if (draw < 0) {
          return i;
        }
      }
    }
    return last;
  }

  /**
   * The probabilities as they are, at the floor where they are below it or NaN: what {@link
   * #tempered} gives at temperature 1 up to a common factor, without a logarithm and an exponential
   * per id (most of a character's time beside a small network, whose steps the heap stepper takes
   * with the temperature already applied).
   */
  private static double[] linear(float[] probabilities) {
    double[] weights = new double[probabilities.length];
    for (int i = Vocabulary.FIRST_WORD_ID; i < weights.length; i++) {
      weights[i] = probabilities[i] > FLOOR ? probabilities[i] : FLOOR;
    }
    return weights;
  }

  /** {@code p^(1/temperature)}, scaled so the most likely id weighs 1. */
  private double[] tempered(float[] probabilities) {
    int n = probabilities.length;
    double[] weights = new double[n];
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int i = Vocabulary.FIRST_WORD_ID; i < n; i++) {
      // NaN and zero fall to the floor (Math.max would pass a NaN on).
      weights[i] = Math.log(probabilities[i] > FLOOR ? probabilities[i] : FLOOR);
      maxLog = Math.max(maxLog, weights[i]);
    }
    // Divided by the temperature only after the most likely id is at 0: the others then go to
    // minus infinity as the temperature goes to 0 (greedy), never to NaN, however small it is.
    for (int i = Vocabulary.FIRST_WORD_ID; i < n; i++) {
      weights[i] = Math.exp((weights[i] - maxLog) / temperature);
    }
    return weights;
  }

  private double kthLargest(double[] weights) {
    double[] kept = Arrays.copyOfRange(weights, Vocabulary.FIRST_WORD_ID, weights.length);
    Arrays.sort(kept);
    return kept[kept.length - topK];
  }
}
