package io.imdbrnn.model.fused;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense layer with a softmax over its outputs and the cross-entropy against a target index,
 * computed row by row on Java arrays: a row's logits, log-sum-exp, loss and gradients come out of
 * one pass over data that stays in cache, with no one-hot targets and no {@code [rows × outputs]}
 * intermediate beyond the probabilities that inference returns. DL4J's {@code RnnOutputLayer}
 * computes the same as a dozen ND4J operations over the whole minibatch (the softmax twice, a
 * one-hot copy of the targets, clipping, a log), and at 32 units those operations were most of a
 * next-char training step.
 *
 * <p>Rows hold {@code nIn} inputs, row-major. A row's mask (1 when absent) scales its loss and
 * gradient, as DL4J's masked loss does, so a padded step (mask 0) adds nothing. The loss is clipped
 * as DL4J's {@code LossMCXENT} clips the softmax: {@code -log(min(max(p, eps), 1 - eps))}.
 */
final class SoftmaxRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Rows computed together; see {@link #logits}. */
  private static final int BLOCK = 4;

  /**
   * The logit of a padding lane: its exponential is 0 beside any real logit, so padding lanes never
   * enter the softmax.
   */
  private static final float PAD_LOGIT = -1e30f;

  private final int nIn;
  private final int nOut;
  private final int inPad;
  private final int outPad;

  /** Weights {@code [nIn][outPad]}: a row's logits are a sum of these rows. */
  private final float[] w;

  /** The transposed weights {@code [nOut][inPad]}: the input gradient is a sum of these rows. */
  private final float[] wt;

  private final float[] b;
  private final float lossFloor;
  private final float lossCeiling;

  /** The layer's parameters: weights {@code [nIn][nOut]}, row-major, and bias {@code [nOut]}. */
  record Parameters(float[] weights, float[] bias) {}

  /**
   * @param clipEps DL4J's {@code softmaxClipEps}; 0 for none
   */
  SoftmaxRows(Parameters parameters, int nIn, int nOut, double clipEps) {
    float[] weights = parameters.weights();
    float[] bias = parameters.bias();
    if (weights.length != nIn * nOut || bias.length != nOut || nIn < 1 || nOut < 1) {
      throw new IllegalArgumentException(
          "Weights of "
              + weights.length
              + " and bias of "
              + bias.length
              + " for "
              + nIn
              + " → "
              + nOut);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    this.inPad = lanes(nIn);
    this.outPad = lanes(nOut);
    this.w = new float[nIn * outPad];
    this.wt = new float[nOut * inPad];
    for (int u = 0; u < nIn; u++) {
      for (int v = 0; v < nOut; v++) {
        float x = weights[u * nOut + v];
        w[u * outPad + v] = x;
        wt[v * inPad + u] = x;
      }
    }
    this.b = new float[outPad];
    Arrays.fill(b, nOut, outPad, PAD_LOGIT);
    System.arraycopy(bias, 0, b, 0, nOut);
    this.lossFloor = clipEps > 0 ? (float) -Math.log1p(-clipEps) : 0f;
    this.lossCeiling = clipEps > 0 ? (float) -Math.log(clipEps) : Float.POSITIVE_INFINITY;
  }

  private static int lanes(int n) {
    return (n + L - 1) / L * L;
  }

  int rows(float[] x) {
    if (x.length % nIn != 0) {
      throw new IllegalArgumentException(x.length + " inputs are not rows of " + nIn);
    }
    return x.length / nIn;
  }

  /** The summed loss of the rows (each times its mask). */
  double loss(float[] x, float[] targets, float[] mask) {
    int rows = rows(x);
    float[] xb = new float[BLOCK * inPad];
    float[] z = new float[BLOCK * outPad];
    double sum = 0;
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      gather(x, mask, r0, rows, xb);
      logits(xb, z);
      for (int i = 0; i < BLOCK; i++) {
        float m = weight(mask, r0 + i, rows);
        if (m != 0f) {
          sum += m * softmax(z, i * outPad, target(targets, r0 + i), 1f);
        }
      }
    }
    return sum;
  }

  /** Each row's probabilities into {@code out [rows][nOut]}; zeros for a row of mask 0. */
  void probabilities(float[] x, float[] mask, float[] out) {
    probabilities(x, mask, out, 1f);
  }

  /**
   * Each row's softmax of its logits divided by {@code temperature} (above 0) into {@code out}: the
   * probabilities raised to {@code 1/temperature} and renormalised, as sampling reshapes them, with
   * the exponentials it needs taken here in SIMD lanes.
   */
  void probabilities(float[] x, float[] mask, float[] out, float temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be positive, found " + temperature);
    }
    float sharpen = 1f / temperature;
    int rows = rows(x);
    float[] xb = new float[BLOCK * inPad];
    float[] z = new float[BLOCK * outPad];
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      gather(x, mask, r0, rows, xb);
      logits(xb, z);
      for (int i = 0; i < BLOCK && r0 + i < rows; i++) {
        float m = weight(mask, r0 + i, rows);
        int to = (r0 + i) * nOut;
        if (m == 0f) {
          Arrays.fill(out, to, to + nOut, 0f);
          continue;
        }
        softmax(z, i * outPad, -1, sharpen);
        for (int v = 0; v < nOut; v++) {
          out[to + v] = m * z[i * outPad + v];
        }
      }
    }
  }

  /**
   * The summed loss, and its gradients added into {@code weightGradT [nOut][nIn]} (the weights'
   * gradient transposed, which is the column-major order of DL4J's gradient view) and {@code
   * biasGrad [nOut]} and written to {@code inputGrad [rows][nIn]} (zero for masked rows).
   */
  double backward(
      float[] x,
      float[] targets,
      float[] mask,
      float[] weightGradT,
      float[] biasGrad,
      float[] inputGrad) {
    int rows = rows(x);
    float[] xb = new float[BLOCK * inPad];
    float[] z = new float[BLOCK * outPad];
    float[] dx = new float[BLOCK * inPad];
    float[] dwt = new float[nOut * inPad];
    float[] db = new float[outPad];
    double sum = 0;
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      gather(x, mask, r0, rows, xb);
      logits(xb, z);
      for (int i = 0; i < BLOCK; i++) {
        int at = i * outPad;
        float m = weight(mask, r0 + i, rows);
        if (m == 0f) {
          Arrays.fill(z, at, at + outPad, 0f); // no gradient from this row
          continue;
        }
        int t = target(targets, r0 + i);
        sum += m * softmax(z, at, t, 1f);
        // The gradient of the loss with respect to the logits: m · (p − one-hot(t)).
        z[at + t] -= 1f;
        FloatVector mv = FloatVector.broadcast(S, m);
        for (int j = 0; j < outPad; j += L) {
          FloatVector d = FloatVector.fromArray(S, z, at + j).mul(mv);
          d.intoArray(z, at + j);
          FloatVector.fromArray(S, db, j).add(d).intoArray(db, j);
        }
      }
      gradients(xb, z, dwt, dx);
      for (int i = 0; i < BLOCK && r0 + i < rows; i++) {
        System.arraycopy(dx, i * inPad, inputGrad, (r0 + i) * nIn, nIn);
      }
    }
    for (int v = 0; v < nOut; v++) {
      for (int u = 0; u < nIn; u++) {
        weightGradT[v * nIn + u] += dwt[v * inPad + u];
      }
    }
    for (int v = 0; v < nOut; v++) {
      biasGrad[v] += db[v];
    }
    return sum;
  }

  /** A row's mask, 1 without a mask, 0 past the last row. */
  private static float weight(float[] mask, int r, int rows) {
    return r >= rows ? 0f : mask == null ? 1f : mask[r];
  }

  /**
   * Rows {@code r0 .. r0 + BLOCK} into {@code xb [BLOCK][inPad]}; a masked or missing row is zeros,
   * so the block kernels need no masks and a padded step's input cannot reach a gradient.
   */
  private void gather(float[] x, float[] mask, int r0, int rows, float[] xb) {
    for (int i = 0; i < BLOCK; i++) {
      if (weight(mask, r0 + i, rows) == 0f) {
        Arrays.fill(xb, i * inPad, i * inPad + nIn, 0f);
      } else {
        System.arraycopy(x, (r0 + i) * nIn, xb, i * inPad, nIn);
      }
    }
  }

  /**
   * The logits of a block of rows into {@code z [BLOCK][outPad]}. Four rows share each weight load,
   * and two column chunks at a time give eight independent chains of multiply-adds: one row alone
   * waits on the latency of its single chain.
   */
  private void logits(float[] xb, float[] z) {
    int j = 0;
    for (; j + L < outPad; j += 2 * L) {
      logitPair(xb, z, j);
    }
    if (j < outPad) {
      logitChunk(xb, z, j);
    }
  }

  private void logitPair(float[] xb, float[] z, int j) {
    int x1 = inPad;
    int x2 = 2 * inPad;
    int x3 = 3 * inPad;
    FloatVector bias = FloatVector.fromArray(S, b, j);
    FloatVector biasNext = FloatVector.fromArray(S, b, j + L);
    FloatVector a0 = bias;
    FloatVector a1 = bias;
    FloatVector a2 = bias;
    FloatVector a3 = bias;
    FloatVector c0 = biasNext;
    FloatVector c1 = biasNext;
    FloatVector c2 = biasNext;
    FloatVector c3 = biasNext;
    for (int u = 0, k = j; u < nIn; u++, k += outPad) {
      FloatVector wv = FloatVector.fromArray(S, w, k);
      FloatVector wn = FloatVector.fromArray(S, w, k + L);
      FloatVector f0 = FloatVector.broadcast(S, xb[u]);
      FloatVector f1 = FloatVector.broadcast(S, xb[x1 + u]);
      FloatVector f2 = FloatVector.broadcast(S, xb[x2 + u]);
      FloatVector f3 = FloatVector.broadcast(S, xb[x3 + u]);
      a0 = wv.fma(f0, a0);
      a1 = wv.fma(f1, a1);
      a2 = wv.fma(f2, a2);
      a3 = wv.fma(f3, a3);
      c0 = wn.fma(f0, c0);
      c1 = wn.fma(f1, c1);
      c2 = wn.fma(f2, c2);
      c3 = wn.fma(f3, c3);
    }
    a0.intoArray(z, j);
    a1.intoArray(z, outPad + j);
    a2.intoArray(z, 2 * outPad + j);
    a3.intoArray(z, 3 * outPad + j);
    c0.intoArray(z, j + L);
    c1.intoArray(z, outPad + j + L);
    c2.intoArray(z, 2 * outPad + j + L);
    c3.intoArray(z, 3 * outPad + j + L);
  }

  /** The last column chunk when their number is odd. */
  private void logitChunk(float[] xb, float[] z, int j) {
    int x1 = inPad;
    int x2 = 2 * inPad;
    int x3 = 3 * inPad;
    FloatVector bias = FloatVector.fromArray(S, b, j);
    FloatVector a0 = bias;
    FloatVector a1 = bias;
    FloatVector a2 = bias;
    FloatVector a3 = bias;
    for (int u = 0, k = j; u < nIn; u++, k += outPad) {
      FloatVector wv = FloatVector.fromArray(S, w, k);
      a0 = wv.fma(FloatVector.broadcast(S, xb[u]), a0);
      a1 = wv.fma(FloatVector.broadcast(S, xb[x1 + u]), a1);
      a2 = wv.fma(FloatVector.broadcast(S, xb[x2 + u]), a2);
      a3 = wv.fma(FloatVector.broadcast(S, xb[x3 + u]), a3);
    }
    a0.intoArray(z, j);
    a1.intoArray(z, outPad + j);
    a2.intoArray(z, 2 * outPad + j);
    a3.intoArray(z, 3 * outPad + j);
  }

  /**
   * For a block, the weight gradient {@code dwt [nOut][inPad] += zᵀ · xb} and the input gradient
   * {@code dx [BLOCK][inPad] = z · wᵀ} in one sweep over (column chunk, class): both products take
   * the same four broadcast gradients of a class, and the four rows' inputs of the chunk stay in
   * registers.
   */
  private void gradients(float[] xb, float[] z, float[] dwt, float[] dx) {
    int z1 = outPad;
    int z2 = 2 * outPad;
    int z3 = 3 * outPad;
    for (int c = 0; c < inPad; c += L) {
      FloatVector x0 = FloatVector.fromArray(S, xb, c);
      FloatVector x1 = FloatVector.fromArray(S, xb, inPad + c);
      FloatVector x2 = FloatVector.fromArray(S, xb, 2 * inPad + c);
      FloatVector x3 = FloatVector.fromArray(S, xb, 3 * inPad + c);
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int v = 0, k = c; v < nOut; v++, k += inPad) {
        FloatVector d0 = FloatVector.broadcast(S, z[v]);
        FloatVector d1 = FloatVector.broadcast(S, z[z1 + v]);
        FloatVector d2 = FloatVector.broadcast(S, z[z2 + v]);
        FloatVector d3 = FloatVector.broadcast(S, z[z3 + v]);
        FloatVector wv = FloatVector.fromArray(S, wt, k);
        a0 = wv.fma(d0, a0);
        a1 = wv.fma(d1, a1);
        a2 = wv.fma(d2, a2);
        a3 = wv.fma(d3, a3);
        FloatVector pair0 = x1.fma(d1, x0.mul(d0));
        FloatVector pair1 = x3.fma(d3, x2.mul(d2));
        FloatVector.fromArray(S, dwt, k).add(pair0.add(pair1)).intoArray(dwt, k);
      }
      a0.intoArray(dx, c);
      a1.intoArray(dx, inPad + c);
      a2.intoArray(dx, 2 * inPad + c);
      a3.intoArray(dx, 3 * inPad + c);
    }
  }

  private int target(float[] targets, int r) {
    float f = targets[r];
    int t = (int) f;
    if (t != f || t < 0 || t >= nOut) {
      throw new IllegalArgumentException(
          "Row " + r + " has the target " + f + ", not a class index in 0.." + (nOut - 1));
    }
    return t;
  }

  /**
   * The softmax of the logits {@code z[at .. at + outPad)} times {@code sharpen}, in place (padding
   * lanes become 0) and, for a target {@code t >= 0} (with {@code sharpen} 1), its clipped loss
   * {@code -log p[t]}, taken as log-sum-exp minus the target's logit. The largest logit is
   * subtracted before the product, so no sharpening can overflow.
   */
  private float softmax(float[] z, int at, int t, float sharpen) {
    FloatVector top = FloatVector.fromArray(S, z, at);
    for (int j = L; j < outPad; j += L) {
      top = top.max(FloatVector.fromArray(S, z, at + j));
    }
    float max = top.reduceLanes(VectorOperators.MAX);
    float logit = t >= 0 ? z[at + t] : 0f;
    FloatVector total = FloatVector.zero(S);
    for (int j = 0; j < outPad; j += L) {
      FloatVector d = FloatVector.fromArray(S, z, at + j).sub(max);
      FloatVector e = (sharpen == 1f ? d : d.mul(sharpen)).lanewise(VectorOperators.EXP);
      e.intoArray(z, at + j);
      total = total.add(e);
    }
    float sum = total.reduceLanes(VectorOperators.ADD);
    FloatVector scale = FloatVector.broadcast(S, 1f / sum);
    for (int j = 0; j < outPad; j += L) {
      FloatVector.fromArray(S, z, at + j).mul(scale).intoArray(z, at + j);
    }
    if (t < 0) {
      return 0f;
    }
    float loss = max + (float) Math.log(sum) - logit;
    return Math.min(lossCeiling, Math.max(lossFloor, loss));
  }
}
