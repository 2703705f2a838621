package io.imdbrnn.model.fused;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scoring without the input projection: for {@code embedding → one fused recurrent layer → output},
 * each step's projection {@code E[id]·W + b} is a row of the table {@code E·W + b}, computed once
 * per call and gathered by id, instead of a matrix product over every step of every review. On a
 * batch of 256 reviews of 500 ids the table is one product over 10,000 rows instead of 128,000, and
 * the projections go straight into the kernel's array (no ND4J array, no copy, no separate bias
 * pass), and nothing but the last state is kept.
 *
 * <p>Same results as {@code MultiLayerNetwork.output} to float rounding (tested). Anything else
 * (other topologies, double networks, no Vector API, ids out of range, batches with fewer steps in
 * all than the vocabulary has rows, where the table would cost more than it saves) returns null,
 * and the caller uses the network as usual.
 */
public final class ProjectedInference {
  /** Reviews per kernel call, a multiple of the kernels' tile of four. */
  private static final int CHUNK = 8;

  private ProjectedInference() {}

  /**
   * Probabilities {@code [rows, 1]} for {@code features} ({@code [rows, steps]} or {@code [rows, 1,
   * steps]} ids) and {@code mask} ({@code [rows, steps]} or null), or null where this path does not
   * apply.
   */
  public static INDArray output(MultiLayerNetwork net, INDArray features, INDArray mask) {
    Layer[] layers = net.getLayers();
    if (!VectorSupport.AVAILABLE
        || layers.length != 3
        || !(layers[0] instanceof HeapScatterEmbeddingLayer)
        || !(layers[2] instanceof OutputLayer)
        || net.params().dataType() != DataType.FLOAT) {
      return null;
    }
    INDArray table = layers[0].getParam("W");
    int vocab = (int) table.size(0);
    int rows = (int) features.size(0);
    int steps = (int) features.size(features.rank() - 1);
    if ((long) rows * steps < vocab) {
      return null;
    }
    int[] ids = ids(features, vocab);
    if (ids == null) {
      return null;
    }
    float[] m = mask == null ? null : HeapArrays.floats(mask);
    LastStates states;
    if (layers[1] instanceof FusedSimpleRnnLayer rnn && rnn.layerConf().isLastStepOnly()) {
      states = simpleRnn(rnn, table, steps);
    } else if (layers[1] instanceof FusedGatedLayer gated
        && ((GatedConfiguration) gated.layerConf()).isLastStepOnly()) {
      states = gated(gated, table, steps);
    } else {
      return null;
    }
    // A few reviews at a time: their projections (about 2 MB for an LSTM) stay in the cache between
    // being gathered and being read, and no large array is allocated per batch.
    float[] last = null;
    for (int b0 = 0; b0 < rows; b0 += CHUNK) {
      int r = Math.min(CHUNK, rows - b0);
      float[] part =
          states.of(
              Arrays.copyOfRange(ids, b0 * steps, (b0 + r) * steps),
              m == null ? null : Arrays.copyOfRange(m, b0 * steps, (b0 + r) * steps),
              r);
      int width = part.length / r;
      if (last == null) {
        last = new float[rows * width];
      }
      System.arraycopy(part, 0, last, b0 * width, part.length);
    }
    INDArray h = HeapArrays.of(last, DataType.FLOAT, rows, last.length / rows);
    return layers[2].activate(h, false, LayerWorkspaceMgr.noWorkspaces()).detach();
  }

  /** The last states {@code [rows][width]} of a few reviews, from their ids and mask. */
  private interface LastStates {
    float[] of(int[] ids, float[] mask, int rows);
  }

  private static LastStates simpleRnn(FusedSimpleRnnLayer layer, INDArray table, int steps) {
    int n = (int) layer.layerConf().getNOut();
    float[] projections = projections(table, layer.getParam("W"), null);
    float[] bias = HeapArrays.floats(layer.getParam("b"));
    float[] u = HeapArrays.floats(layer.getParam("RW"));
    CellActivation act =
        CellActivation.of(layer.layerConf().getActivationFn(), layer.layerConf().getLayerName());
    return (ids, mask, rows) -> {
      float[] zx = gather(projections, ids, n, rows, steps, false);
      VectorRnnKernel.forward(zx, bias, u, null, mask, act, rows, steps, n, zx);
      return (float[]) StepRows.last(zx, rows, steps, n);
    };
  }

  private static LastStates gated(FusedGatedLayer layer, INDArray table, int steps) {
    GatedConfiguration conf = (GatedConfiguration) layer.layerConf();
    GatedCell cell = conf.cell();
    int n = (int) layer.layerConf().getNOut();
    int width = cell.projected * n;
    int directions = conf.directions();
    float[][] projections = new float[directions][];
    float[][] recBias = new float[directions][];
    float[][] u = new float[directions][];
    for (int d = 0; d < directions; d++) {
      String k = d == 0 ? "" : TwoDirectionParams.BACKWARD;
      projections[d] = projections(table, layer.getParam(k + "W"), layer.getParam(k + "b"));
      u[d] = HeapArrays.floats(layer.getParam(k + "RW"));
      if (cell == GatedCell.GRU) {
        recBias[d] = new float[width];
        float[] rb = HeapArrays.floats(layer.getParam(k + GruParamInitializer.RB));
        System.arraycopy(rb, 0, recBias[d], 2 * n, n);
      }
    }
    return (ids, mask, rows) -> {
      float[] out = new float[rows * directions * n];
      for (int d = 0; d < directions; d++) {
        boolean back = d == 1;
        float[] zx = gather(projections[d], ids, width, rows, steps, back);
        float[] m = back && mask != null ? (float[]) StepRows.reversed(mask, rows, steps, 1) : mask;
        float[] last =
            GatedPass.last(cell, zx, recBias[d], u[d], null, null, m, rows, steps, n).h();
        for (int b = 0; b < rows; b++) {
          System.arraycopy(last, b * n, out, (b * directions + d) * n, n);
        }
      }
      return out;
    };
  }

  /** {@code E·W (+ b)}: every id's input projection, row-major {@code [vocab][width]}. */
  static float[] projections(INDArray table, INDArray w, INDArray bias) {
    INDArray p = table.castTo(DataType.FLOAT).mmul(w.castTo(DataType.FLOAT));
    if (bias != null) {
      p.addiRowVector(bias.castTo(DataType.FLOAT));
    }
    return HeapArrays.floats(p);
  }

  /** Each step's row of the table, in time order or reversed per review. */
  private static float[] gather(
      float[] projections, int[] ids, int width, int rows, int steps, boolean reversed) {
    float[] zx = new float[rows * steps * width];
    for (int b = 0; b < rows; b++) {
      for (int t = 0; t < steps; t++) {
        int to = b * steps + (reversed ? steps - 1 - t : t);
        System.arraycopy(projections, ids[b * steps + t] * width, zx, to * width, width);
      }
    }
    return zx;
  }

  /** The ids as ints, or null if one is not a whole number in {@code [0, vocab)}. */
  private static int[] ids(INDArray features, int vocab) {
    float[] f = HeapArrays.floats(features);
    int[] ids = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      int id = (int) f[i];
      if (id != f[i] || id < 0 || id >= vocab) {
        return null;
      }
      ids[i] = id;
    }
    return ids;
  }
}
