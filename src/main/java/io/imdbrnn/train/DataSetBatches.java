package io.imdbrnn.train;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.model.PaddedBatch;
import io.imdbrnn.scoring.TokenFeatures;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one adapter from prepared rows to Deeplearning4j minibatches: groups rows ({@code tokens},
 * {@code label}) into {@link DataSet}s of at most {@code batchSize} examples, with labels {@code
 * [batch, 1]} and features as {@link PaddedBatch} builds them (with a mask when masking). With
 * length bucketing, rows are read in pools of {@code poolBatches} minibatches, sorted by length,
 * cut into minibatches of similar-length reviews, and the pool's minibatches are emitted in a
 * seeded random order. With word dropout, each word of a minibatch is read as the unknown word with
 * the given probability, drawn from the same seeded generator. Runs inside executor tasks; it holds
 * one pool at a time.
 */
public final class DataSetBatches implements Iterator<DataSet> {
  /**
   * How rows become minibatches.
   *
   * @param classWeights the loss weight of a text of each class, by class index, given to the
   *     network as the labels mask (DL4J multiplies each example's loss and gradient by it; the
   *     two-class head's way, see ClassifierTraining#configure); null for none
   * @param wordDropout probability that a word (an id past the reserved ones) is replaced by {@link
   *     Vocabulary#OOV} in a minibatch; 0 for none
   */
  public record Options(
      int batchSize,
      int maxLen,
      boolean maskPadding,
      int bucketPoolBatches,
      float[] classWeights,
      double wordDropout)
      implements java.io.Serializable {
    public Options(int batchSize, int maxLen, boolean maskPadding, int bucketPoolBatches) {
      this(batchSize, maxLen, maskPadding, bucketPoolBatches, null, 0);
    }

    public Options {
      if (batchSize < 1 || maxLen < 1 || bucketPoolBatches < 0) {
        throw new IllegalArgumentException(
            "batchSize and maxLen must be positive and bucketPoolBatches not negative");
      }
      if (!(wordDropout >= 0 && wordDropout < 1)) {
        throw new IllegalArgumentException("wordDropout must be in [0, 1), found " + wordDropout);
      }
      if (bucketPoolBatches > 0 && !maskPadding) {
        throw new IllegalArgumentException("length bucketing needs masked padding");
      }
    }

    /** Plain minibatches in row order, unmasked. */
    public static Options plain(int batchSize, int maxLen) {
      return new Options(batchSize, maxLen, false, 0);
    }
  }

  /** One review as training reads it: its padded ids (never modified), label and length. */
  public record Example(float[] ids, float label, int length) {
    /** From a row with {@link TokenizedDataset#TOKENS} and {@link TokenizedDataset#LABEL}. */
    public static Example of(Row row, int tokensField, int labelField, int maxLen) {
      float[] ids = TokenFeatures.row(row, tokensField, maxLen);
      return new Example(ids, row.getInt(labelField), PaddedBatch.length(ids));
    }
  }

  private final Iterator<Example> rows;
  private final Options options;
  private final Random random;
  private final Deque<DataSet> ready = new ArrayDeque<>();

  /**
   * @param seed orders the minibatches of each bucketing pool
   */
  public DataSetBatches(Iterator<Example> examples, Options options, long seed) {
    this.rows = examples;
    this.options = options;
    this.random = new Random(seed);
  }

  /**
   * Minibatches straight from rows with {@link TokenizedDataset#TOKENS} and {@link
   * TokenizedDataset#LABEL}.
   */
  public static DataSetBatches fromRows(
      Iterator<Row> rows, Options options, int tokensField, int labelField, long seed) {
    Iterator<Example> examples =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public Example next() {
            return Example.of(rows.next(), tokensField, labelField, options.maxLen());
          }
        };
    return new DataSetBatches(examples, options, seed);
  }

  @Override
  public boolean hasNext() {
    if (ready.isEmpty() && rows.hasNext()) {
      fill();
    }
    return !ready.isEmpty();
  }

  @Override
  public DataSet next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.removeFirst();
  }

  private void fill() {
    boolean bucketing = options.bucketPoolBatches() > 0;
    int poolSize = options.batchSize() * (bucketing ? options.bucketPoolBatches() : 1);
    List<Example> pool = new ArrayList<>(poolSize);
    while (pool.size() < poolSize && rows.hasNext()) {
      pool.add(rows.next());
    }
    if (bucketing) {
      pool.sort(Comparator.comparingInt(Example::length));
    }
    List<DataSet> batches = new ArrayList<>();
    for (int from = 0; from < pool.size(); from += options.batchSize()) {
      batches.add(dataSet(pool.subList(from, Math.min(pool.size(), from + options.batchSize()))));
    }
    if (bucketing) {
      Collections.shuffle(batches, random);
    }
    ready.addAll(batches);
  }

  private DataSet dataSet(List<Example> examples) {
    float[][] ids = new float[examples.size()][];
    float[][] labels = new float[examples.size()][];
    float[][] weights = options.classWeights() == null ? null : new float[examples.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = withWordDropout(examples.get(i).ids());
      labels[i] = new float[] {examples.get(i).label()};
      if (weights != null) {
        weights[i] = new float[] {options.classWeights()[(int) examples.get(i).label()]};
      }
    }
    PaddedBatch.Input in = PaddedBatch.of(ids, options.maskPadding());
    return new DataSet(
        in.features(),
        Nd4j.createFromArray(labels),
        in.mask(),
        weights == null ? null : Nd4j.createFromArray(weights));
  }

  /**
   * A copy of {@code ids} with each word replaced by the unknown word with probability {@code
   * wordDropout} (the example itself is kept for later epochs); the ids themselves when off.
   * Padding and the start marker stay: they carry the text's length, not its words.
   */
  private float[] withWordDropout(float[] ids) {
    double p = options.wordDropout();
    if (p == 0) {
      return ids;
    }
    float[] out = ids.clone();
    for (int t = 0; t < out.length; t++) {
      if (out[t] > Vocabulary.OOV && random.nextDouble() < p) {
        out[t] = Vocabulary.OOV;
      }
    }
    return out;
  }
}
