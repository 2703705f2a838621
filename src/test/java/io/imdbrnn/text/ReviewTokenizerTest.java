package io.imdbrnn.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReviewTokenizerTest {
  @Test
  void lowercasesAndSplitsOnPunctuation() {
    assertThat(ReviewTokenizer.tokenize("This movie, honestly? WAS great!!! 10/10"))
        .containsExactly("this", "movie", "honestly", "was", "great", "10", "10");
  }

  @Test
  void htmlTagsSeparateWords() {
    assertThat(ReviewTokenizer.tokenize("end.<br /><br />Start<i>italic</i>x"))
        .containsExactly("end", "start", "italic", "x");
  }

  @Test
  void innerApostrophesStayInTheWord() {
    assertThat(ReviewTokenizer.tokenize("I don't like the director's 'cut' ''quote''"))
        .containsExactly("i", "don't", "like", "the", "director's", "cut", "quote");
    assertThat(ReviewTokenizer.tokenize("don\u2019t")).containsExactly("don't");
  }

  @Test
  void keepsLettersOfAnyScriptAndAccents() {
    assertThat(ReviewTokenizer.tokenize("Amélie – Ōkami: naïve café"))
        .containsExactly("amélie", "ōkami", "naïve", "café");
  }

  @Test
  void doesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(ReviewTokenizer.tokenize("TITLE IS")).containsExactly("title", "is");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void emptyAndPunctuationOnlyGiveNoWords() {
    assertThat(ReviewTokenizer.tokenize("")).isEmpty();
    assertThat(ReviewTokenizer.tokenize(null)).isEmpty();
    assertThat(ReviewTokenizer.tokenize("?! ... <br />")).isEmpty();
  }
}
