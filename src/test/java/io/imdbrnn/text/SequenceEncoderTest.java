package io.imdbrnn.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins Keras pad_sequences defaults: padding='pre', truncating='pre', value=0. */
class SequenceEncoderTest {
  private final Vocabulary vocabulary = new Vocabulary(List.of("the", "film", "good"));

  @Test
  void shortSequenceIsPaddedInFront() {
    assertThat(SequenceEncoder.encode(List.of("the", "film"), vocabulary, 5))
        .containsExactly(0, 0, 1, 3, 4);
  }

  @Test
  void exactLengthIsUnchanged() {
    assertThat(SequenceEncoder.encode(List.of("the", "film", "good", "film"), vocabulary, 5))
        .containsExactly(1, 3, 4, 5, 4);
  }

  @Test
  void longSequenceKeepsItsLastIds() {
    assertThat(
            SequenceEncoder.encode(
                List.of("the", "film", "good", "film", "the", "good"), vocabulary, 4))
        .containsExactly(5, 4, 3, 5);
  }

  @Test
  void emptyReviewIsOnlyTheStartMarker() {
    assertThat(SequenceEncoder.encode(List.of(), vocabulary, 3)).containsExactly(0, 0, 1);
    assertThat(SequenceEncoder.length(List.of())).isEqualTo(1);
  }

  @Test
  void unknownWordsBecomeTheOutOfVocabularyId() {
    assertThat(SequenceEncoder.encode(List.of("the", "zebra"), vocabulary, 3))
        .containsExactly(1, 3, 2);
  }

  @Test
  void lengthCountsTheStartMarker() {
    assertThat(SequenceEncoder.length(List.of("a", "b", "c"))).isEqualTo(4);
  }

  @Test
  void padRejectsNonPositiveLength() {
    assertThatThrownBy(() -> SequenceEncoder.pad(new int[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLen must be positive, found 0");
  }
}
