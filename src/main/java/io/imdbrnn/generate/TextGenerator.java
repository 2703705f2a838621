package io.imdbrnn.generate;

import io.imdbrnn.model.fused.FusedStepper;
import io.imdbrnn.text.CharWindows;
import io.imdbrnn.text.TextUnits;
import io.imdbrnn.text.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Continues a text with a language model of characters or words ({@link TextUnits}). The seed text
 * (after the start id, as a review begins) goes through the network once; then each sampled unit is
 * fed back, the recurrent state kept between steps, so a unit costs one step rather than a rerun of
 * the prefix. Several samples advance side by side, one row each. The steps run on the heap ({@link
 * FusedStepper}) for the fused networks {@code train} builds, and through {@code rnnTimeStep} for
 * any other. Not thread-safe: the network holds the state.
 */
public final class TextGenerator {
  private final MultiLayerNetwork network;
  private final Vocabulary vocabulary;
  private final TextUnits units;

  public TextGenerator(MultiLayerNetwork network, Vocabulary vocabulary, TextUnits units) {
    this.network = network;
    this.vocabulary = vocabulary;
    this.units = units;
  }

  /** The normalised seed text followed by {@code length} sampled units. */
  public String generate(String seedText, int length, double temperature, int topK, long seed) {
    return generate(seedText, length, temperature, topK, seed, 1).get(0);
  }

  /**
   * {@code samples} continuations of the seed text, each of {@code length} units; sample {@code i}
   * draws from the random stream of {@code seed + i}, so the first is the text {@link
   * #generate(String, int, double, int, long)} gives.
   */
  public List<String> generate(
      String seedText, int length, double temperature, int topK, long seed, int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
    network.rnnClearPreviousState();
    Optional<FusedStepper> heap = FusedStepper.of(network, samples);
    // The heap stepper applies the temperature in its softmax; the samplers then draw as given.
    double samplerTemperature = heap.isPresent() ? 1 : temperature;
    Steps steps =
        heap.<Steps>map(h -> ids -> h.step(ids, temperature)).orElseGet(() -> steps(samples));
    List<String> seedUnits = units.symbols(seedText);
    UnitSampler[] samplers = new UnitSampler[samples];
    StringBuilder[] texts = new StringBuilder[samples];
    for (int i = 0; i < samples; i++) {
      samplers[i] = new UnitSampler(samplerTemperature, topK, seed + i);
      texts[i] = new StringBuilder(units.join(seedUnits));
    }
    try {
      float[] next = null;
      for (int id : CharWindows.encode(seedUnits, vocabulary)) {
        int[] same = new int[samples];
        Arrays.fill(same, id);
        next = steps.step(same);
      }
      int classes = next.length / samples;
      int[] ids = new int[samples];
      for (int t = 0; t < length; t++) {
        for (int i = 0; i < samples; i++) {
          ids[i] = samplers[i].next(Arrays.copyOfRange(next, i * classes, (i + 1) * classes));
          if (!texts[i].isEmpty()) {
            texts[i].append(units.separator());
          }
          texts[i].append(vocabulary.words().get(ids[i] - Vocabulary.FIRST_WORD_ID));
        }
        if (t + 1 < length) {
          next = steps.step(ids);
        }
      }
    } finally {
      network.rnnClearPreviousState();
    }
    return Arrays.stream(texts).map(StringBuilder::toString).toList();
  }

  /** Advances every row by one id; the distributions of the next ids, {@code [rows][classes]}. */
  private interface Steps {
    float[] step(int[] ids);
  }

  /** Steps through {@code rnnTimeStep}, for networks the heap stepper does not compute. */
  private Steps steps(int rows) {
    return ids -> {
      float[] features = new float[ids.length];
      for (int i = 0; i < ids.length; i++) {
        features[i] = ids[i];
      }
      INDArray out = network.rnnTimeStep(Nd4j.create(features, new long[] {rows, 1, 1}, 'c'));
      // [rows, 1, classes]: the fused layers' [batch, step, unit] order.
      return out.reshape(rows, out.size(2)).dup('c').toFloatVector();
    };
  }
}
