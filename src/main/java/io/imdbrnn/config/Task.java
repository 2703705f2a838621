package io.imdbrnn.config;

import java.util.List;

/** What the network learns ({@code prepare.task}); the prepared data is shaped for it. */
public enum Task implements SettingEnum {
  /**
   * A class per text, from two classes (a sigmoid head: IMDB's sentiment, the reference workload)
   * to thousands (a softmax head).
   */
  CLASSIFY {
    @Override
    public List<String> formerNames() {
      // Its name while binary sentiment was the only classifier.
      return List.of("sentiment");
    }
  },
  /** A distribution over the next character at every character of a review (a language model). */
  NEXT_CHAR,
  /**
   * A distribution over the next word at every word of a text (a word language model): what a
   * classifier's embedding and recurrent layers can start from ({@code train.init-from}).
   */
  NEXT_WORD
}
