package io.imdbrnn.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.labels.LabelIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassOutputsTest {
  private static final LabelIndex STARS = LabelIndex.of(List.of("1", "2", "10"));

  @Test
  void theClassCountChoosesTheKind() {
    assertThat(ClassOutputs.of(LabelIndex.SENTIMENT)).isInstanceOf(TwoClassOutputs.class);
    assertThat(ClassOutputs.of(STARS)).isInstanceOf(ManyClassOutputs.class);
    assertThat(ClassOutputs.of(LabelIndex.SENTIMENT).scoreColumn())
        .isEqualTo(ModelScoring.PROBABILITY);
    assertThat(ClassOutputs.of(STARS).scoreColumn()).isEqualTo(ModelScoring.PROBABILITIES);
  }

  @Test
  void twoClassesReportThePositiveProbabilityAndDecideAtTheThreshold() {
    ClassOutputs<?> two = ClassOutputs.of(LabelIndex.SENTIMENT);
    assertThat(two.probability(new double[] {0.3})).isEqualTo(0.3);
    assertThat(two.predictedIndex(new double[] {0.3})).isZero();
    assertThat(two.predictedIndex(new double[] {ModelScoring.THRESHOLD})).isEqualTo(1);
    // predict has always written the index for two classes, and the name in a column of its own.
    assertThat(two.predictedLabel(1)).isEqualTo(1);
    assertThat(two.distributed()).isFalse();
    assertThat(two.distribution(new double[] {0.3})).isNull();
    assertThat(two.score(new double[] {0.25})).isEqualTo(0.25);
  }

  @Test
  void manyClassesReportTheMostProbableFirstOnTies() {
    ClassOutputs<?> many = ClassOutputs.of(STARS);
    double[] tied = {0.4, 0.4, 0.2};
    assertThat(many.predictedIndex(tied)).isZero();
    assertThat(many.predictedIndex(new double[] {0.1, 0.2, 0.7})).isEqualTo(2);
    assertThat(many.probability(new double[] {0.1, 0.2, 0.7})).isEqualTo(0.7);
    assertThat(many.predictedLabel(2)).isEqualTo("10");
    assertThat(many.distributed()).isTrue();
    assertThat(many.distribution(tied)).containsExactly(0.4, 0.4, 0.2);
  }
}
