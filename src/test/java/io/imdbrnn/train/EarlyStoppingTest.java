package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EarlyStoppingTest {
  private static INDArray params(float v) {
    return Nd4j.createFromArray(new float[] {v, v});
  }

  @Test
  void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
    EarlyStopping s = new EarlyStopping(2, true);
    assertThat(s.record(1, 0.60, () -> params(1))).isFalse();
    assertThat(s.record(2, 0.50, () -> params(2))).isFalse();
    assertThat(s.record(3, 0.55, () -> params(3))).isFalse();
    assertThat(s.record(4, 0.51, () -> params(4))).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.paramsToRestore(4)).isEqualTo(params(2));
  }

  @Test
  void keepsTheLastParametersWhenTheyAreTheBestOrRestoreIsOff() {
    EarlyStopping s = new EarlyStopping(1, true);
    s.record(1, 0.6, () -> params(1));
    s.record(2, 0.5, () -> params(2));
    assertThat(s.paramsToRestore(2)).isNull();
    EarlyStopping noRestore = new EarlyStopping(1, false);
    noRestore.record(1, 0.5, () -> params(1));
    assertThat(noRestore.record(2, 0.6, () -> params(2))).isTrue();
    assertThat(noRestore.paramsToRestore(2)).isNull();
  }

  @Test
  void patienceZeroNeverStops() {
    EarlyStopping s = new EarlyStopping(0, true);
    s.record(1, 0.1, () -> params(1));
    for (int e = 2; e < 50; e++) {
      assertThat(s.record(e, 0.9, () -> params(0))).isFalse();
    }
    assertThat(s.paramsToRestore(49)).isNull();
  }

  @Test
  void copiesTheBestParametersSoLaterTrainingCannotChangeThem() {
    EarlyStopping s = new EarlyStopping(1, true);
    INDArray live = params(5);
    s.record(1, 0.3, () -> live);
    live.assign(9);
    s.record(2, 0.4, () -> live);
    assertThat(s.paramsToRestore(2)).isEqualTo(params(5));
  }
}
