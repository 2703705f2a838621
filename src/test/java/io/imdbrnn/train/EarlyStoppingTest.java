package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.config.StoppingMetric;
import io.imdbrnn.train.TrainingTask.Validation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EarlyStoppingTest {
  private static Validation loss(double loss) {
    return new Validation(loss, Double.NaN);
  }

  private static INDArray params(float v) {
    return Nd4j.createFromArray(new float[] {v, v});
  }

  @Test
  void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
    EarlyStopping s = new EarlyStopping(2, true, StoppingMetric.LOSS);
    assertThat(s.record(1, loss(0.60), () -> params(1))).isFalse();
    assertThat(s.record(2, loss(0.50), () -> params(2))).isFalse();
    assertThat(s.record(3, loss(0.55), () -> params(3))).isFalse();
    assertThat(s.record(4, loss(0.51), () -> params(4))).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.paramsToRestore(4)).isEqualTo(params(2));
  }

  @Test
  void keepsTheLastParametersWhenTheyAreTheBestOrRestoreIsOff() {
    EarlyStopping s = new EarlyStopping(1, true, StoppingMetric.LOSS);
    s.record(1, loss(0.6), () -> params(1));
    s.record(2, loss(0.5), () -> params(2));
    assertThat(s.paramsToRestore(2)).isNull();
    EarlyStopping noRestore = new EarlyStopping(1, false, StoppingMetric.LOSS);
    noRestore.record(1, loss(0.5), () -> params(1));
    assertThat(noRestore.record(2, loss(0.6), () -> params(2))).isTrue();
    assertThat(noRestore.paramsToRestore(2)).isNull();
  }

  @Test
  void patienceZeroNeverStops() {
    EarlyStopping s = new EarlyStopping(0, true, StoppingMetric.LOSS);
    s.record(1, loss(0.1), () -> params(1));
    for (int e = 2; e < 50; e++) {
      assertThat(s.record(e, loss(0.9), () -> params(0))).isFalse();
    }
    assertThat(s.paramsToRestore(49)).isNull();
  }

  @Test
  void copiesTheBestParametersSoLaterTrainingCannotChangeThem() {
    EarlyStopping s = new EarlyStopping(1, true, StoppingMetric.LOSS);
    INDArray live = params(5);
    s.record(1, loss(0.3), () -> live);
    live.assign(9);
    s.record(2, loss(0.4), () -> live);
    assertThat(s.paramsToRestore(2)).isEqualTo(params(5));
  }

  @Test
  void byAccuracyKeepsTheEpochThatGetsMostRightEvenWhenItsLossIsWorse() {
    EarlyStopping s = new EarlyStopping(2, true, StoppingMetric.ACCURACY);
    assertThat(s.record(1, new Validation(0.40, 0.85), () -> params(1))).isFalse();
    assertThat(s.record(2, new Validation(0.45, 0.88), () -> params(2))).isFalse();
    assertThat(s.record(3, new Validation(0.35, 0.87), () -> params(3))).isFalse();
    assertThat(s.record(4, new Validation(0.30, 0.86), () -> params(4))).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.paramsToRestore(4)).isEqualTo(params(2));
    assertThat(s.describeBest()).contains("accuracy 0.8800");
  }

  @Test
  void byAccuracyATieGoesToTheLowerLoss() {
    EarlyStopping s = new EarlyStopping(3, true, StoppingMetric.ACCURACY);
    s.record(1, new Validation(0.50, 0.90), () -> params(1));
    s.record(2, new Validation(0.40, 0.90), () -> params(2));
    s.record(3, new Validation(0.45, 0.90), () -> params(3));
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.best()).isEqualTo(new Validation(0.40, 0.90));
  }

  @Test
  void aResumedRunCompetesWithTheCheckpointsBest() {
    EarlyStopping s = new EarlyStopping(1, true, StoppingMetric.ACCURACY);
    s.restore(3, new Validation(0.3, 0.9), params(3));
    assertThat(s.record(4, new Validation(0.2, 0.89), () -> params(4))).isTrue();
    assertThat(s.paramsToRestore(4)).isEqualTo(params(3));
  }
}
