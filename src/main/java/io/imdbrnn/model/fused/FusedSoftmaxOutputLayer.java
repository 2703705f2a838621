package io.imdbrnn.model.fused;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The layer of {@link FusedSoftmaxOutput}: a step's softmax, loss and gradients by {@link
 * SoftmaxRows}, on the heap, one pass per (sequence, step). Training calls {@link
 * #backpropGradient} and then {@link #computeScore} on the same arrays: the loss of the first is
 * kept for the second, which checks that input, labels, mask and parameters are still the ones it
 * was computed from (else it computes afresh). Falls back to the stock layer for what this one does
 * not compute: another loss or activation, class weights, dropout or weight noise on the layer,
 * double precision, one-hot labels, per-output masks, or a JVM without the vector module.
 */
public class FusedSoftmaxOutputLayer extends RnnOutputLayer {
  /** The labels mask as the network gave it, {@code [sequences, steps]}. */
  private INDArray stepMask;

  /** The loss of the last backward pass and what it was computed from. */
  private LastLoss last;

  private record LastLoss(
      INDArray input, INDArray labels, INDArray mask, float[] weights, float[] bias, double sum) {
    boolean computedFrom(INDArray in, INDArray y, INDArray m, SoftmaxRows.Parameters p) {
      return input == in
          && labels == y
          && mask == m
          && Arrays.equals(weights, p.weights())
          && Arrays.equals(bias, p.bias());
    }
  }

  public FusedSoftmaxOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public void setMaskArray(INDArray maskArray) {
    super.setMaskArray(maskArray);
    this.stepMask = maskArray;
  }

  @Override
  public void clear() {
    super.clear();
    stepMask = null;
    last = null;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!computable()) {
      return super.activate(training, workspaceMgr);
    }
    float[] x = inputRows();
    long nOut = layerConf().getNOut();
    float[] p = new float[Math.toIntExact(x.length / layerConf().getNIn() * nOut)];
    head(parameters()).probabilities(x, mask(), p);
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS, DataType.FLOAT, input.size(0), steps(), nOut);
    HeapArrays.copyInto(p, out);
    return ncw() ? out.permute(0, 2, 1) : out;
  }

  @Override
  public double computeScore(
      double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!computable() || !sparseLabels()) {
      return super.computeScore(fullNetRegTerm, training, workspaceMgr);
    }
    SoftmaxRows.Parameters p = parameters();
    double sum =
        last != null && last.computedFrom(input, labels, stepMask, p)
            ? last.sum()
            : head(p).loss(inputRows(), targets(), mask());
    last = null;
    if (conf().isMiniBatch()) {
      sum /= getInputMiniBatchSize();
    }
    score = sum + fullNetRegTerm;
    return score;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!computable() || !sparseLabels()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    int nIn = (int) layerConf().getNIn();
    int nOut = (int) layerConf().getNOut();
    float[] x = inputRows();
    float[] dwt = new float[nOut * nIn];
    float[] db = new float[nOut];
    float[] dx = new float[x.length];
    SoftmaxRows.Parameters p = parameters();
    double sum = head(p).backward(x, targets(), mask(), dwt, db, dx);
    last = new LastLoss(input, labels, stepMask, p.weights(), p.bias(), sum);
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
    // The transposed view is [nOut, nIn]; DL4J's column-major view takes dwt as it is.
    HeapArrays.copyMatrixInto(dwt, nOut, nIn, weightGrad.transpose());
    HeapArrays.copyInto(db, biasGrad);
    Gradient gradient = new DefaultGradient();
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
    gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    INDArray next =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.size(0), steps(), nIn);
    HeapArrays.copyInto(dx, next);
    weightNoiseParams.clear();
    return new Pair<>(gradient, ncw() ? next.permute(0, 2, 1) : next);
  }

  /** Whether this layer's settings and current input are what {@link SoftmaxRows} computes. */
  private boolean computable() {
    var conf = layerConf();
    return settingsComputable()
        && input != null
        && input.rank() == 3
        && input.size(ncw() ? 1 : 2) == conf.getNIn()
        && (stepMask == null
            || (stepMask.rank() == 2
                && stepMask.size(0) == input.size(0)
                && stepMask.size(1) == steps()));
  }

  /** Whether this layer's settings, whatever its input, are what {@link SoftmaxRows} computes. */
  private boolean settingsComputable() {
    var conf = layerConf();
    return VectorSupport.AVAILABLE
        && dataType == DataType.FLOAT
        && conf.getActivationFn() instanceof ActivationSoftmax
        && conf.getLossFn() instanceof LossSparseMCXENT loss
        && loss.getWeights() == null
        && conf.getIDropout() == null
        && conf.getWeightNoise() == null
        && conf.hasBias();
  }

  /**
   * The head as {@link SoftmaxRows} over a copy of its current parameters, for callers that feed it
   * rows themselves ({@link FusedStepper}); null where this layer would run the stock code.
   */
  SoftmaxRows heapHead() {
    return settingsComputable() ? head(parameters()) : null;
  }

  /** Labels as class indices, one per (sequence, step); otherwise the stock code reports them. */
  private boolean sparseLabels() {
    return labels != null
        && labels.rank() == 3
        && labels.size(0) == input.size(0)
        && labels.size(ncw() ? 1 : 2) == 1
        && labels.size(ncw() ? 2 : 1) == steps();
  }

  private boolean ncw() {
    return layerConf().getRnnDataFormat() != RNNFormat.NWC;
  }

  private long steps() {
    return input.size(ncw() ? 2 : 1);
  }

  /** The input as rows of (sequence, step), sequence-major. */
  private float[] inputRows() {
    return HeapArrays.floats(ncw() ? input.permute(0, 2, 1) : input);
  }

  /** The targets in the same row order: either layout has a single label per step. */
  private float[] targets() {
    return HeapArrays.floats(labels);
  }

  private float[] mask() {
    return stepMask == null ? null : HeapArrays.floats(stepMask);
  }

  private SoftmaxRows.Parameters parameters() {
    return new SoftmaxRows.Parameters(
        HeapArrays.floats(getParam(DefaultParamInitializer.WEIGHT_KEY)),
        HeapArrays.floats(getParam(DefaultParamInitializer.BIAS_KEY)));
  }

  private SoftmaxRows head(SoftmaxRows.Parameters p) {
    var conf = layerConf();
    return new SoftmaxRows(
        p,
        (int) conf.getNIn(),
        (int) conf.getNOut(),
        ((LossSparseMCXENT) conf.getLossFn()).getSoftmaxClipEps());
  }
}
