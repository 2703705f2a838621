package io.imdbrnn.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused simple RNN: {@code h_t = act(x_t·W + h_{t-1}·RW + b)}. The input projection of all
 * steps and the weight gradients are each one large matrix product (BLAS); only the sequential
 * part, {@code h·RW} forward and {@code dz·RWᵀ} backward, runs step by step, in {@link
 * VectorRnnKernel} on Java arrays with no per-step framework dispatch. The stock layer issues
 * several native operations per time step instead, which dominates its run time at n = 32.
 *
 * <p>The forward pass of a training step is kept for the backward pass, so the recurrence is not
 * run twice (the stock layer recomputes it).
 */
public class FusedSimpleRnnLayer extends FusedRecurrentLayer<FusedSimpleRnn, Recurrence> {
  /** Same key as the stock layer, so stored states mean the same thing. */
  public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

  private static final String W = SimpleRnnParamInitializer.WEIGHT_KEY;
  private static final String RW = SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY;
  private static final String B = SimpleRnnParamInitializer.BIAS_KEY;

  public FusedSimpleRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    return output(run(null, training, workspaceMgr), workspaceMgr);
  }

  @Override
  public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    setInput(input, workspaceMgr);
    Recurrence r = run(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, workspaceMgr);
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      stateMap.put(STATE_KEY_PREV_ACTIVATION, r.lastStates(dataType));
    }
    return output(r, workspaceMgr);
  }

  @Override
  public INDArray rnnActivateUsingStoredState(
      INDArray input, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr workspaceMgr) {
    setInput(input, workspaceMgr);
    Recurrence r = run(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), training, workspaceMgr);
    if (storeLastForTBPTT) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, r.lastStates(dataType));
      }
    }
    return output(r, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> tbpttBackpropGradient(
      INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Recurrence r = keptOr(() -> run(null, true, workspaceMgr));
    INDArray w = getParamWithNoise(W, true, workspaceMgr);
    INDArray rw = getParamWithNoise(RW, true, workspaceMgr);
    int firstStep = tbpttBackLength > 0 ? Math.max(0, r.steps - tbpttBackLength) : 0;
    boolean lastOnly = layerConf().isLastStepOnly();
    Recurrence.Gradient g =
        r.backward(
            lastOnly ? epsilon : sequenceRows(epsilon, r.n), lastOnly, rw, firstStep, dataType);
    INDArray dz = g.preActivations();

    INDArray wGrad = gradientViews.get(W);
    INDArray rwGrad = gradientViews.get(RW);
    INDArray bGrad = gradientViews.get(B);
    Nd4j.gemm(sequenceRows(input, inputSize()), dz, wGrad, true, false, 1.0, 0.0);
    Nd4j.gemm(r.previousStates(dataType), dz, rwGrad, true, false, 1.0, 0.0);
    bGrad.assign(HeapArrays.row(g.columnSums(), dataType));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    gradient.gradientForVariable().put(W, wGrad);
    gradient.gradientForVariable().put(RW, rwGrad);
    gradient.gradientForVariable().put(B, bGrad);
    weightNoiseParams.clear();

    INDArray epsOut =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, dataType, new long[] {dz.rows(), inputSize()}, 'c');
    Nd4j.gemm(dz, w, epsOut, false, true, 1.0, 0.0);
    epsOut = fromSequenceRows(epsOut, r.rows, r.steps);
    return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
  }

  private Recurrence run(INDArray h0, boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (input.rank() != 3) {
      throw new IllegalStateException(
          "Layer " + layerId() + " expects 3D input, got shape " + input.shapeInfoToString());
    }
    applyDropOutIfNecessary(training, workspaceMgr);
    boolean ncw = getDataFormat() == RNNFormat.NCW;
    int rows = (int) input.size(0);
    int steps = (int) input.size(ncw ? 2 : 1);
    int n = (int) layerConf().getNOut();
    // Row-major, so the copy to the heap is one straight pass.
    INDArray zx = Nd4j.createUninitialized(dataType, new long[] {(long) rows * steps, n}, 'c');
    Nd4j.gemm(
        sequenceRows(input, inputSize()),
        getParamWithNoise(W, training, workspaceMgr),
        zx,
        false,
        false,
        1.0,
        0.0);
    Recurrence r =
        Recurrence.forward(
            zx,
            getParamWithNoise(B, training, workspaceMgr),
            getParamWithNoise(RW, training, workspaceMgr),
            h0,
            mask(rows, steps),
            CellActivation.of(layerConf().getActivationFn(), layerId()),
            rows,
            steps,
            n);
    keep(r, training);
    return r;
  }

  /**
   * The last state {@code [rows, n]}, or every step's output in the layer's format with masked
   * steps zero, as in every DL4J RNN layer.
   */
  private INDArray output(Recurrence r, LayerWorkspaceMgr workspaceMgr) {
    if (layerConf().isLastStepOnly()) {
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, r.lastStates(dataType));
    }
    INDArray states = r.states(dataType);
    if (maskArray != null) {
      states.muliColumnVector(
          maskArray.castTo(dataType).dup('c').reshape('c', (long) r.rows * r.steps, 1));
    }
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS, dataType, new long[] {r.rows, r.steps, r.n}, 'c');
    out.assign(states.reshape('c', r.rows, r.steps, r.n));
    return getDataFormat() == RNNFormat.NCW ? out.permute(0, 2, 1) : out;
  }

  private long inputSize() {
    return layerConf().getNIn();
  }

  private INDArray sequenceRows(INDArray sequence, long size) {
    return SequenceRows.of(sequence, getDataFormat(), dataType, size);
  }

  private INDArray fromSequenceRows(INDArray rows, int batch, int steps) {
    return SequenceRows.toSequence(rows, getDataFormat(), batch, steps);
  }

  @Override
  boolean lastStepOnly() {
    return layerConf().isLastStepOnly();
  }
}
