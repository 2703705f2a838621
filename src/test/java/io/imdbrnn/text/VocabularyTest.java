package io.imdbrnn.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void wordsTakeIdsFromThreeInOrder() {
    Vocabulary v = new Vocabulary(List.of("the", "a"));
    assertThat(v.id("the")).isEqualTo(3);
    assertThat(v.id("a")).isEqualTo(4);
    assertThat(v.id("missing")).isEqualTo(Vocabulary.OOV);
    assertThat(v.size()).isEqualTo(5);
  }

  @Test
  void encodedReviewsUseKerasImdbReservedIds() {
    // Keras' IMDB sequences: 0 pads in front, 1 starts the review, 2 is an unknown word.
    Vocabulary v = new Vocabulary(List.of("great", "film"));
    int[] ids = SequenceEncoder.encode(ReviewTokenizer.tokenize("Great zyzzyva film"), v, 6);
    assertThat(ids).containsExactly(0, 0, 1, 3, 2, 4);
  }

  @Test
  void textThatSpellsAReservedWordNeverGetsItsId() {
    // "<pad>" in a review is an HTML-like tag to the tokenizer, and "pad" is just a word: no text
    // can produce the padding, start or unknown id except as padding, start or unknown.
    Vocabulary v = new Vocabulary(List.of("pad", "start"));
    int[] ids =
        SequenceEncoder.encode(ReviewTokenizer.tokenize("<pad> pad <start> start <oov>"), v, 3);
    assertThat(ids).containsExactly(1, 3, 4);
  }

  @Test
  void duplicateWordsAreRefused() {
    assertThatThrownBy(() -> new Vocabulary(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Vocabulary lists 'a' twice.");
  }
}
