package io.imdbrnn.model.fused;

import org.deeplearning4j.nn.conf.inputs.InputType;

/** What {@link FusedGatedLayer} reads from its configuration, whichever cell it computes. */
interface GatedConfiguration {
  GatedCell cell();

  /**
   * Output only the last step's state, {@code [minibatch, directions·nOut]}: the forward
   * direction's after the last step, the backward direction's after the first.
   */
  boolean isLastStepOnly();

  /** Run a second, backward direction with its own parameters and concatenate the outputs. */
  boolean isBidirectional();

  /**
   * Whether {@code o} is of this class with the same modes. Lombok's {@code equals} on the stock
   * superclasses would call a fused and a stock configuration, or two modes, equal.
   */
  default boolean sameModes(Object o) {
    return o != null
        && o.getClass() == getClass()
        && ((GatedConfiguration) o).isLastStepOnly() == isLastStepOnly()
        && ((GatedConfiguration) o).isBidirectional() == isBidirectional();
  }

  default int hashWithModes(int superHash) {
    return 31 * superHash + (isLastStepOnly() ? 2 : 1) + (isBidirectional() ? 4 : 0);
  }

  default int directions() {
    return isBidirectional() ? 2 : 1;
  }

  /** The output type: a sequence or a vector of {@code directions · nOut} features. */
  default InputType outputType(InputType sequence, long nOut) {
    long size = directions() * nOut;
    if (isLastStepOnly()) {
      return InputType.feedForward(size);
    }
    InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) sequence;
    return InputType.recurrent(size, r.getTimeSeriesLength(), r.getFormat());
  }
}
