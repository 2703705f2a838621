package io.imdbrnn.model.fused;

import java.util.function.Supplier;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the fused recurrent layers share: the training forward pass kept for the backward pass, the
 * mask as the kernels read it, and DL4J's bookkeeping.
 *
 * @param <P> one forward pass
 */
abstract class FusedRecurrentLayer<
        C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer, P>
    extends BaseRecurrentLayer<C> {
  /** The last training forward pass and the input it was computed from. */
  private INDArray passInput;

  private P pass;

  FusedRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Whether the layer outputs only the last step's state (no time axis, nothing to mask after). */
  abstract boolean lastStepOnly();

  /** Keeps a training pass for the backward pass; an inference pass drops the kept one. */
  final void keep(P p, boolean training) {
    if (training) {
      passInput = input;
      pass = p;
    } else {
      clearPass();
    }
  }

  /** The kept pass if it was computed from the current input, else a new one; forgets it. */
  final P keptOr(Supplier<P> rerun) {
    P p = pass != null && passInput == input ? pass : rerun.get();
    clearPass();
    return p;
  }

  final float[] mask(int rows, int steps) {
    return StepMask.of(maskArray, rows, steps, layerId());
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(
      INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
    if (!lastStepOnly()) {
      return super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }
    setMaskArray(maskArray);
    return new Pair<>(null, currentMaskState);
  }

  private void clearPass() {
    pass = null;
    passInput = null;
  }

  @Override
  public void clear() {
    super.clear();
    clearPass();
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public Type type() {
    return Type.RECURRENT;
  }
}
