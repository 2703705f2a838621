package io.imdbrnn.config;

import io.imdbrnn.text.Terms;

/** Settings of the prepare stage ({@code prepare.*} in the config). */
public record PrepareSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "The reviews dataset written by `ingest`.")
        String input,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                "Where the prepared dataset is written: tokens/ (Parquet), vocabulary/ (Parquet),"
                    + " prepare.json.")
        String output,
    @Setting(
            value = "classify",
            label = "TASK",
            help = "classify, next-char or next-word.",
            doc =
                """
                What the data is prepared for, and so what train fits: classify (word ids per text, \
                padded to max-len, for a classifier of two classes or more; its former name \
                sentiment is still read), next-char (character ids cut into windows, for a \
                character language model; writes windows/ instead of tokens/) or next-word (the \
                word ids of vocab-size cut into windows, for a word language model that a \
                classifier can start from with train.init-from; labels are not read). train, \
                evaluate and the bundle follow the prepared data's task.""")
        Task task,
    @Setting(
            estimatorParam = true,
            value = "10000",
            min = PrepareSettings.MIN_VOCAB_SIZE,
            max = 10_000_000,
            help = "Ids kept, reserved 0-2 included.",
            doc =
                """
                Size of the id space, including the reserved ids 0 = padding, 1 = start, 2 = \
                out-of-vocabulary (Keras' IMDB convention), so 10000 keeps the 9997 most frequent \
                training words.""")
        int vocabSize,
    @Setting(
            estimatorParam = true,
            paramName = "vocabulary-word-vectors",
            value = "\"\"",
            label = "PATH",
            help = "Word vectors whose other words get ids too.",
            doc =
                """
                A word vectors file (the format train.word-vectors reads) whose words also get ids \
                when the train split lacks them: after the training words, in the file's order \
                (most frequent first in word2vec, GloVe and fastText files), until vocab-size. \
                Text scored later then reads a word no training text had by its vector (give \
                train.word-vectors the same file) instead of as the unknown word; raise vocab-size \
                to make room. Empty: only the training words. The Estimator's Param is \
                vocabulary-word-vectors.""")
        String wordVectors,
    @Setting(
            estimatorParam = true,
            value = "500",
            min = 1,
            max = 100_000,
            help = "Ids per review after padding or truncation.",
            doc =
                """
                Sequence length after padding/truncation, Keras pad_sequences style: zeros in front, \
                the last max-len ids kept when longer.""")
        int maxLen,
    @Setting(
            estimatorParam = true,
            value = "1",
            min = 1,
            max = Terms.MAX_N,
            help = "Longest n-gram read as a term of its own.",
            doc =
                """
                Classifiers only: each word is preceded by the n-grams of up to this many words \
                that end at it, as terms of their own ("not good" before "good"), so the network \
                reads phrases as well as words, as a bag-of-n-grams model does. vocab-size then \
                keeps the most frequent terms and max-len counts terms (a text of w words gives \
                about n·w): raise both. 1: words only.""")
        int ngrams,
    @Setting(
            value = "96",
            min = 1,
            max = 65_536,
            help = "next-char: characters kept, reserved ids not included.",
            doc =
                """
                next-char only: the most frequent characters (Unicode code points) of the train split \
                that get their own id; the others share the unknown id. Ids 0 = padding, 1 = start \
                of review and 2 = unknown come on top, so 96 gives 99 ids.""")
        int charVocabSize,
    @Setting(
            value = "100",
            min = 1,
            max = 100_000,
            help = "next-char, next-word: characters or words per training window.",
            doc =
                """
                next-char and next-word only: each text (start id first) is cut into windows of this \
                many input characters (words), each paired with the same ids shifted by one as \
                targets; consecutive windows share one id, so every character (word) is a target \
                once. The last window of a text is shorter and padded at training time.""")
        int window,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public PrepareSettings {
    wordVectors = wordVectors == null ? "" : wordVectors.strip();
    SettingsSchema.check(
        PrepareSettings.class,
        input,
        output,
        task,
        vocabSize,
        wordVectors,
        maxLen,
        ngrams,
        charVocabSize,
        window,
        overwrite);
  }

  public static final String INPUT = "prepare.input";
  public static final String OUTPUT = "prepare.output";
  public static final String VOCAB_SIZE = "prepare.vocab-size";
  public static final String MAX_LEN = "prepare.max-len";
  public static final String TASK = "prepare.task";
  public static final String CHAR_VOCAB_SIZE = "prepare.char-vocab-size";
  public static final String WINDOW = "prepare.window";
  public static final String WORD_VECTORS = "prepare.word-vectors";
  public static final String NGRAMS = "prepare.ngrams";

  /** Word sequences for the sentiment classifier, with the other settings at their defaults. */
  public static PrepareSettings words(
      String input, String output, int vocabSize, int maxLen, boolean overwrite) {
    return new PrepareSettings(
        input, output, Task.CLASSIFY, vocabSize, "", maxLen, 1, 96, 100, overwrite);
  }

  /**
   * Ids 0 (padding), 1 (start) and 2 (out-of-vocabulary) are reserved, so 4 is the smallest useful
   * size.
   */
  public static final int MIN_VOCAB_SIZE = 4;

  @Override
  public String section() {
    return "prepare";
  }
}
