package io.imdbrnn.model.fused;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A next-token network advanced one id per sequence at a time on the heap, for sampling: {@code
 * embedding → fused unidirectional recurrent layers → fused per-step softmax}. The weights are
 * copied out of ND4J once, the first layer's input projection is a row of the table {@code E·W + b}
 * (as in {@link ProjectedInference}), and each step runs the layers' own kernels over the kept
 * states, then the head's {@link SoftmaxRows}. Through {@code rnnTimeStep} the same step was a
 * dozen ND4J operations per layer, whose fixed costs were most of a character's time.
 *
 * <p>Same probabilities as {@code rnnTimeStep} to float rounding (tested). Later changes to the
 * network's parameters are not seen: make a new stepper. Not thread-safe.
 */
public final class FusedStepper {
  private final int rows;
  private final int vocab;
  private final List<Step> layers;
  private final SoftmaxRows head;
  private final int classes;

  private FusedStepper(int rows, int vocab, List<Step> layers, SoftmaxRows head, int classes) {
    this.rows = rows;
    this.vocab = vocab;
    this.layers = layers;
    this.head = head;
    this.classes = classes;
  }

  /**
   * A stepper for {@code rows} sequences side by side, or empty where the network is not what it
   * computes (another topology, stock or bidirectional layers, a many-to-one layer, double
   * precision, no Vector API); the caller then uses {@code rnnTimeStep}.
   */
  public static Optional<FusedStepper> of(MultiLayerNetwork net, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    Layer[] all = net.getLayers();
    if (!VectorSupport.AVAILABLE
        || all.length < 3
        || net.params().dataType() != DataType.FLOAT
        || !(all[0] instanceof HeapScatterEmbeddingLayer embedding)
        || embedding.layerConf().hasBias()
        || !(all[all.length - 1] instanceof FusedSoftmaxOutputLayer output)) {
      return Optional.empty();
    }
    SoftmaxRows head = output.heapHead();
    if (head == null) {
      return Optional.empty();
    }
    List<Step> layers = new ArrayList<>();
    for (int i = 1; i < all.length - 1; i++) {
      Optional<Step> step = Step.of(all[i], i == 1 ? embedding : null, rows);
      if (step.isEmpty()) {
        return Optional.empty();
      }
      layers.add(step.get());
    }
    int vocab = (int) embedding.layerConf().getNIn();
    return Optional.of(
        new FusedStepper(rows, vocab, layers, head, (int) output.layerConf().getNOut()));
  }

  /** Forgets the states: the next step starts every sequence afresh. */
  public void reset() {
    layers.forEach(Step::reset);
  }

  /**
   * Feeds one id per sequence after the states so far.
   *
   * @return the distributions of the next ids, {@code [rows][classes]} row-major
   */
  public float[] step(int[] ids) {
    return step(ids, 1);
  }

  /**
   * As {@link #step(int[])}, with the distributions reshaped by {@code temperature} (the softmax of
   * the logits divided by it), as sampling asks for.
   */
  public float[] step(int[] ids, double temperature) {
    if (ids.length != rows) {
      throw new IllegalArgumentException(ids.length + " ids for " + rows + " sequences");
    }
    for (int id : ids) {
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException("Id " + id + " is outside the vocabulary of " + vocab);
      }
    }
    float[] x = null;
    for (Step layer : layers) {
      x = layer.advance(ids, x);
    }
    float[] out = new float[rows * classes];
    head.probabilities(x, null, out, (float) temperature);
    return out;
  }

  /** One recurrent layer's weights on the heap and its states between steps. */
  private abstract static class Step {
    final int rows;
    final int n;
    final int width;

    /** The first layer's projection table {@code [vocab][width]}, or null. */
    final float[] table;

    /** A later layer's input weights {@code [nIn][width]} and their bias, or null. */
    final float[] w;

    final float[] bias;
    final float[] u;
    final int nIn;
    float[] h;

    Step(int rows, int n, int width, float[] table, float[] w, float[] bias, float[] u, int nIn) {
      this.rows = rows;
      this.n = n;
      this.width = width;
      this.table = table;
      this.w = w;
      this.bias = bias;
      this.u = u;
      this.nIn = nIn;
    }

    static Optional<Step> of(Layer layer, HeapScatterEmbeddingLayer embedding, int rows) {
      if (!(layer instanceof FusedRecurrentLayer<?, ?> recurrent) || recurrent.lastStepOnly()) {
        return Optional.empty();
      }
      if (layer instanceof FusedGatedLayer gated) {
        GatedConfiguration conf = (GatedConfiguration) gated.layerConf();
        if (conf.isBidirectional()) {
          return Optional.empty();
        }
        return Optional.of(new GatedStep(gated, conf.cell(), embedding, rows));
      }
      if (layer instanceof FusedSimpleRnnLayer rnn) {
        return Optional.of(new RnnStep(rnn, embedding, rows));
      }
      return Optional.empty();
    }

    /**
     * The input projections of this step, {@code [rows][width]}: table rows by id for the first
     * layer, else {@code x·W} over the previous layer's outputs, with {@code bias} added when
     * given.
     */
    final float[] projections(int[] ids, float[] x, float[] addBias) {
      float[] zx = new float[rows * width];
      if (table != null) {
        for (int b = 0; b < rows; b++) {
          System.arraycopy(table, ids[b] * width, zx, b * width, width);
        }
        return zx;
      }
      if (addBias != null) {
        for (int b = 0; b < rows; b++) {
          System.arraycopy(addBias, 0, zx, b * width, width);
        }
      }
      int[] src = new int[TileProduct.TILE];
      int[] dst = new int[TileProduct.TILE];
      for (int b0 = 0; b0 < rows; b0 += TileProduct.TILE) {
        int tile = Math.min(TileProduct.TILE, rows - b0);
        for (int k = 0; k < tile; k++) {
          src[k] = (b0 + k) * nIn;
          dst[k] = (b0 + k) * width;
        }
        TileProduct.multiplyAdd(x, src, nIn, w, width, zx, dst, tile);
      }
      return zx;
    }

    abstract float[] advance(int[] ids, float[] x);

    void reset() {
      h = null;
    }
  }

  private static final class GatedStep extends Step {
    private final GatedCell cell;
    private final float[] recBias;
    private float[] c;

    GatedStep(
        FusedGatedLayer layer, GatedCell cell, HeapScatterEmbeddingLayer embedding, int rows) {
      this(layer, cell, embedding, rows, (int) layer.layerConf().getNOut());
    }

    private GatedStep(
        FusedGatedLayer layer,
        GatedCell cell,
        HeapScatterEmbeddingLayer embedding,
        int rows,
        int n) {
      super(
          rows,
          n,
          cell.projected * n,
          embedding == null
              ? null
              : ProjectedInference.projections(
                  embedding.getParam("W"), layer.getParam("W"), layer.getParam("b")),
          embedding == null ? HeapArrays.floats(layer.getParam("W")) : null,
          HeapArrays.floats(layer.getParam("b")),
          HeapArrays.floats(layer.getParam("RW")),
          (int) layer.layerConf().getNIn());
      this.cell = cell;
      if (cell == GatedCell.GRU) {
        // The GRU's recurrent bias belongs to the candidate's recurrent part only.
        recBias = new float[width];
        float[] rb = HeapArrays.floats(layer.getParam(GruParamInitializer.RB));
        System.arraycopy(rb, 0, recBias, 2 * n, n);
      } else {
        recBias = null;
      }
    }

    @Override
    float[] advance(int[] ids, float[] x) {
      float[] zx = projections(ids, x, bias);
      GatedPass.Last last = GatedPass.last(cell, zx, recBias, u, h, c, null, rows, 1, n);
      h = last.h();
      c = last.c();
      return h;
    }

    @Override
    void reset() {
      super.reset();
      c = null;
    }
  }

  private static final class RnnStep extends Step {
    private final CellActivation activation;

    RnnStep(FusedSimpleRnnLayer layer, HeapScatterEmbeddingLayer embedding, int rows) {
      super(
          rows,
          (int) layer.layerConf().getNOut(),
          (int) layer.layerConf().getNOut(),
          embedding == null
              ? null
              : ProjectedInference.projections(embedding.getParam("W"), layer.getParam("W"), null),
          embedding == null ? HeapArrays.floats(layer.getParam("W")) : null,
          HeapArrays.floats(layer.getParam("b")),
          HeapArrays.floats(layer.getParam("RW")),
          (int) layer.layerConf().getNIn());
      activation =
          CellActivation.of(layer.layerConf().getActivationFn(), layer.layerConf().getLayerName());
    }

    @Override
    float[] advance(int[] ids, float[] x) {
      // The kernel adds the bias itself.
      float[] zx = projections(ids, x, null);
      float[] next = new float[rows * n];
      VectorRnnKernel.forward(zx, bias, u, h, null, activation, rows, 1, n, next);
      h = next;
      return h;
    }
  }
}
