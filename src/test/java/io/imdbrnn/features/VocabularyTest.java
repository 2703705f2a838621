package io.imdbrnn.features;

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
  void reservedIdsFollowKerasImdb() {
    assertThat(List.of(Vocabulary.PAD, Vocabulary.START, Vocabulary.OOV)).containsExactly(0, 1, 2);
    assertThat(Vocabulary.RESERVED_WORDS)
        .allSatisfy(w -> assertThat(ReviewTokenizer.tokenize(w)).doesNotContain(w));
  }

  @Test
  void duplicateWordsAreRefused() {
    assertThatThrownBy(() -> new Vocabulary(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Vocabulary lists 'a' twice.");
  }
}
