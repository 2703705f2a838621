package io.imdbrnn.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelIndexTest {
  @Test
  void numbersAreOrderedAsNumbersAndWordsAsStrings() {
    assertThat(LabelIndex.of(List.of("10", "2", "1", "7")).names())
        .containsExactly("1", "2", "7", "10");
    assertThat(LabelIndex.of(List.of("pos", "neg")).names()).containsExactly("neg", "pos");
    assertThat(LabelIndex.of(List.of("NUM", "ABBR", "HUM", "DESC", "LOC", "ENTY")).names())
        .containsExactly("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM");
    // One label that is not a number makes the order lexicographic for all.
    assertThat(LabelIndex.of(List.of("10", "2", "x")).names()).containsExactly("10", "2", "x");
    assertThat(LabelIndex.of(List.of("-1", "1", "0.5")).names()).containsExactly("-1", "0.5", "1");
  }

  @Test
  void theOrderDependsOnlyOnTheSetOfLabels() {
    assertThat(LabelIndex.of(List.of("b", "a", "b", "c", "a")))
        .isEqualTo(LabelIndex.of(List.of("c", "b", "a")));
    assertThat(LabelIndex.SENTIMENT).isEqualTo(LabelIndex.of(List.of("pos", "neg")));
  }

  @Test
  void indexesAndUnknownLabels() {
    LabelIndex labels = LabelIndex.of(List.of("HUM", "LOC", "NUM"));
    assertThat(labels.indexOf("LOC")).isEqualTo(1);
    assertThat(labels.indexOf("ENTY")).isEqualTo(-1);
    assertThat(labels.unknown(List.of("NUM", "ENTY", "ABBR", "ENTY")))
        .containsExactly("ABBR", "ENTY");
    assertThat(labels.outputs()).isEqualTo(3);
    assertThat(LabelIndex.SENTIMENT.outputs()).isEqualTo(1);
  }

  @Test
  void fewerThanTwoClassesAreRefused() {
    assertThatThrownBy(() -> LabelIndex.of(List.of("only")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two classes")
        .hasMessageContaining("only");
  }
}
