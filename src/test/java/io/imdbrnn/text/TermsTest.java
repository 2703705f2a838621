package io.imdbrnn.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermsTest {
  private static final List<String> WORDS = List.of("not", "a", "good", "film");

  @Test
  void eachWordIsPrecededByTheNgramsThatEndAtIt() {
    assertThat(Terms.of(WORDS, 1)).isEqualTo(WORDS);
    assertThat(Terms.of(WORDS, 2))
        .containsExactly("not", "not a", "a", "a good", "good", "good film", "film");
    assertThat(Terms.of(WORDS, 3))
        .containsExactly(
            "not",
            "not a",
            "a",
            "not a good",
            "a good",
            "good",
            "a good film",
            "good film",
            "film");
    assertThat(Terms.of(List.of(), 3)).isEmpty();
    assertThat(Terms.of(List.of("one"), 2)).containsExactly("one");
  }

  @Test
  void theCountIsTheNumberOfTerms() {
    for (int n = 1; n <= Terms.MAX_N; n++) {
      for (int w = 0; w < 6; w++) {
        List<String> words = WORDS.subList(0, Math.min(w, WORDS.size()));
        assertThat(Terms.count(words.size(), n)).isEqualTo(Terms.of(words, n).size());
      }
    }
  }

  @Test
  void nOutsideOneToThreeIsRefused() {
    assertThatThrownBy(() -> Terms.of(WORDS, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Terms.of(WORDS, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
