package io.imdbrnn.model.fused;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fused LSTM and GRU layers ({@link FusedLstm}, {@link FusedGru}), one or two directions. As in
 * {@link FusedSimpleRnnLayer}, the input projections of all steps and the weight gradients are each
 * one large matrix product, only the sequential part runs step by step in a kernel on Java arrays,
 * and a training step's forward pass is kept for its backward pass.
 *
 * <p>The backward direction reads each review reversed in time, padding included. Because a masked
 * step keeps the state, it starts from a zero state at each review's last real token whether the
 * padding came before or after the review, and its last-step output is its state after the first
 * token.
 */
public class FusedGatedLayer
    extends FusedRecurrentLayer<
        org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer, FusedGatedLayer.Pass[]> {
  /** The stock LSTM's state keys, so stored states mean the same thing. */
  public static final String STATE_OUTPUT = "prevAct";

  public static final String STATE_CELL = "prevMem";

  private static final String W = "W";
  private static final String RW = "RW";
  private static final String B = "b";
  private static final String RB = GruParamInitializer.RB;

  /** One direction's forward pass. */
  record Pass(GatedPass gated) {}

  public FusedGatedLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private GatedConfiguration gated() {
    return (GatedConfiguration) layerConf();
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    return output(run(null, training, workspaceMgr), workspaceMgr);
  }

  /**
   * rnnTimeStep's heap copy of the recurrent weights: made at the first step of a sequence (empty
   * state) and reused until the state is cleared or set, or the layer is trained. Not dropped by
   * {@code clear()}, which DL4J calls after every output. One step of one sequence is a small
   * product; copying the weights out of ND4J every step cost more than the step (sampling text went
   * from about 1 ms a character to a fraction of that).
   */
  private float[] steppedRecurrent;

  @Override
  public void rnnClearPreviousState() {
    super.rnnClearPreviousState();
    steppedRecurrent = null;
  }

  @Override
  public void rnnSetPreviousState(Map<String, INDArray> state) {
    super.rnnSetPreviousState(state);
    steppedRecurrent = null;
  }

  @Override
  public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    requireOneDirection("rnnTimeStep");
    setInput(input, workspaceMgr);
    if (stateMap.isEmpty() || dataType != DataType.FLOAT) {
      steppedRecurrent = null;
    }
    if (dataType == DataType.FLOAT && steppedRecurrent == null) {
      steppedRecurrent = HeapArrays.floats(getParam(prefix(0) + RW));
    }
    Pass[] p = run(stateMap, false, workspaceMgr);
    keepLastStates(stateMap, p[0].gated());
    return output(p, workspaceMgr);
  }

  @Override
  public INDArray rnnActivateUsingStoredState(
      INDArray input, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr workspaceMgr) {
    requireOneDirection("truncated back-propagation through time");
    setInput(input, workspaceMgr);
    Pass[] p = run(tBpttStateMap, training, workspaceMgr);
    if (storeLastForTBPTT) {
      keepLastStates(tBpttStateMap, p[0].gated());
    }
    return output(p, workspaceMgr);
  }

  private void requireOneDirection(String what) {
    if (gated().isBidirectional()) {
      throw new UnsupportedOperationException(
          "Layer " + layerId() + " is bidirectional: " + what + " needs the whole sequence.");
    }
  }

  private void keepLastStates(Map<String, INDArray> states, GatedPass pass) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      states.put(STATE_OUTPUT, pass.lastStates(dataType));
      if (pass.cell == GatedCell.LSTM) {
        states.put(STATE_CELL, pass.lastCells(dataType));
      }
    }
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    steppedRecurrent = null;
    return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> tbpttBackpropGradient(
      INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Pass[] p = keptOr(() -> run(null, true, workspaceMgr));
    GatedPass first = p[0].gated();
    int rows = first.rows;
    int steps = first.steps;
    int n = first.n;
    boolean lastOnly = gated().isLastStepOnly();
    int firstStep = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
    INDArray eps =
        lastOnly
            ? epsilon.castTo(dataType)
            : SequenceRows.of(epsilon, getDataFormat(), dataType, (long) p.length * n);
    // The input rows are read again: the forward pass's copy may be in a closed workspace.
    INDArray x = SequenceRows.of(input, getDataFormat(), dataType, inputSize());
    INDArray epsOut =
        workspaceMgr.create(
            ArrayType.ACTIVATION_GRAD,
            dataType,
            new long[] {(long) rows * steps, inputSize()},
            'c');
    for (int d = 0; d < p.length; d++) {
      INDArray e =
          p.length == 1
              ? eps
              : eps.get(NDArrayIndex.all(), NDArrayIndex.interval(d * n, (d + 1) * n));
      if (d == 1 && !lastOnly) {
        e = StepRows.reversed(e, rows, steps);
      }
      INDArray xd = d == 1 ? StepRows.reversed(x, rows, steps) : x;
      backpropDirection(d, p[d].gated(), e, xd, lastOnly, firstStep, epsOut, workspaceMgr);
    }
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : paramTable().keySet()) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    weightNoiseParams.clear();
    INDArray out = SequenceRows.toSequence(epsOut, getDataFormat(), rows, steps);
    return new Pair<>(gradient, backpropDropOutIfPresent(out));
  }

  /**
   * One direction's backward pass: its weight gradients into the gradient views, and its share of
   * the input gradient added to {@code epsOut} (the backward direction's in reversed time, turned
   * back).
   */
  private void backpropDirection(
      int d,
      GatedPass pass,
      INDArray e,
      INDArray x,
      boolean lastOnly,
      int firstStep,
      INDArray epsOut,
      LayerWorkspaceMgr workspaceMgr) {
    String k = prefix(d);
    int n = pass.n;
    GatedPass.Gradients g =
        pass.backward(
            e, lastOnly, getParamWithNoise(k + RW, true, workspaceMgr), firstStep, dataType);
    Nd4j.gemm(x, g.input(), gradientViews.get(k + W), true, false, 1.0, 0.0);
    Nd4j.gemm(
        pass.previousStates(dataType),
        g.recurrent(),
        gradientViews.get(k + RW),
        true,
        false,
        1.0,
        0.0);
    gradientViews.get(k + B).assign(HeapArrays.row(g.inputSums(), dataType));
    if (pass.cell == GatedCell.GRU) {
      gradientViews
          .get(k + RB)
          .assign(HeapArrays.row(Arrays.copyOfRange(g.recurrentSums(), 2 * n, 3 * n), dataType));
    }
    INDArray w = getParamWithNoise(k + W, true, workspaceMgr);
    if (d == 0) {
      Nd4j.gemm(g.input(), w, epsOut, false, true, 1.0, 0.0);
    } else {
      INDArray back = Nd4j.createUninitialized(dataType, epsOut.shape(), 'c');
      Nd4j.gemm(g.input(), w, back, false, true, 1.0, 0.0);
      epsOut.addi(StepRows.reversed(back, pass.rows, pass.steps));
    }
  }

  /** The forward pass of each direction, from the states in {@code state} (or zeros). */
  private Pass[] run(
      Map<String, INDArray> state, boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (input.rank() != 3) {
      throw new IllegalStateException(
          "Layer " + layerId() + " expects 3D input, got shape " + input.shapeInfoToString());
    }
    applyDropOutIfNecessary(training, workspaceMgr);
    GatedCell cell = gated().cell();
    int rows = (int) input.size(0);
    int steps =
        (int) input.size(getDataFormat() == org.deeplearning4j.nn.conf.RNNFormat.NCW ? 2 : 1);
    int n = (int) layerConf().getNOut();
    INDArray x = SequenceRows.of(input, getDataFormat(), dataType, inputSize());
    float[] mask = mask(rows, steps);
    INDArray h0 = state == null ? null : state.get(STATE_OUTPUT);
    INDArray c0 = state == null ? null : state.get(STATE_CELL);
    Pass[] out = new Pass[gated().directions()];
    for (int d = 0; d < out.length; d++) {
      String k = prefix(d);
      INDArray xd = d == 1 ? StepRows.reversed(x, rows, steps) : x;
      float[] md =
          d == 1 && mask != null ? (float[]) StepRows.reversed(mask, rows, steps, 1) : mask;
      INDArray zx =
          Nd4j.createUninitialized(
              dataType, new long[] {(long) rows * steps, cell.projected * n}, 'c');
      Nd4j.gemm(xd, getParamWithNoise(k + W, training, workspaceMgr), zx, false, false, 1.0, 0.0);
      zx.addiRowVector(getParamWithNoise(k + B, training, workspaceMgr));
      INDArray recBias = null;
      if (cell == GatedCell.GRU) {
        recBias = Nd4j.zeros(dataType, 1, 3L * n);
        recBias
            .get(NDArrayIndex.all(), NDArrayIndex.interval(2 * n, 3 * n))
            .assign(getParamWithNoise(k + RB, training, workspaceMgr));
      }
      GatedPass pass =
          new GatedPass(
              cell,
              zx,
              recBias,
              getParamWithNoise(k + RW, training, workspaceMgr),
              state == stateMap ? steppedRecurrent : null,
              h0,
              c0,
              md,
              rows,
              steps,
              n,
              training || !gated().isLastStepOnly());
      out[d] = new Pass(pass);
    }
    keep(out, training);
    return out;
  }

  /**
   * The last states {@code [rows, directions·n]}, or every step's outputs in the layer's format,
   * directions side by side, with masked steps zero as in every DL4J RNN layer.
   */
  private INDArray output(Pass[] p, LayerWorkspaceMgr workspaceMgr) {
    GatedPass first = p[0].gated();
    int rows = first.rows;
    int steps = first.steps;
    INDArray[] parts = new INDArray[p.length];
    for (int d = 0; d < p.length; d++) {
      GatedPass pass = p[d].gated();
      if (gated().isLastStepOnly()) {
        parts[d] = pass.lastStates(dataType);
      } else {
        INDArray states = pass.states(dataType);
        parts[d] = d == 1 ? StepRows.reversed(states, rows, steps) : states;
      }
    }
    INDArray joined = parts.length == 1 ? parts[0] : Nd4j.hstack(parts);
    if (gated().isLastStepOnly()) {
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, joined);
    }
    if (maskArray != null) {
      joined.muliColumnVector(
          maskArray.castTo(dataType).dup('c').reshape('c', (long) rows * steps, 1));
    }
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS, dataType, new long[] {rows, steps, joined.size(1)}, 'c');
    out.assign(joined.reshape('c', rows, steps, joined.size(1)));
    return getDataFormat() == org.deeplearning4j.nn.conf.RNNFormat.NCW ? out.permute(0, 2, 1) : out;
  }

  private static String prefix(int direction) {
    return direction == 0 ? "" : TwoDirectionParams.BACKWARD;
  }

  private long inputSize() {
    return layerConf().getNIn();
  }

  @Override
  boolean lastStepOnly() {
    return gated().isLastStepOnly();
  }
}
