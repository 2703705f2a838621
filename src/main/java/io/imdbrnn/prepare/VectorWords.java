package io.imdbrnn.prepare;

import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.embeddings.WordVectorsFile;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives ids to the words of a word-vectors file that the train split lacks ({@code
 * prepare.word-vectors}), after the training words. A text scored later then reads such a word by
 * its pretrained vector, not as the unknown word: on short texts many test words were never in a
 * training text (a tenth of TREC's test words), and the vectors know most of them.
 */
final class VectorWords {
  private static final Logger LOG = LoggerFactory.getLogger(VectorWords.class);

  private VectorWords() {}

  /**
   * {@code top} (word, count rows, most frequent first) followed by the file's other words, with
   * count 0, until the vocabulary has {@code vocabSize} ids. Only words the tokenizer can produce
   * are taken (lower-cased): a file's phrases, punctuation and markers could never be read.
   */
  static List<Row> extend(Configuration conf, List<Row> top, String location, int vocabSize) {
    int room = vocabSize - Vocabulary.FIRST_WORD_ID - top.size();
    if (room <= 0) {
      LOG.warn(
          "{}: the {} training words fill prepare.vocab-size ({}); no word of {} was added."
              + " Raise prepare.vocab-size to give them ids.",
          PrepareSettings.WORD_VECTORS,
          top.size(),
          vocabSize,
          location);
      return top;
    }
    Set<String> known = new HashSet<>();
    top.forEach(r -> known.add(r.getString(0)));
    List<String> added =
        WordVectorsFile.words(
            conf,
            location,
            PrepareSettings.WORD_VECTORS,
            w -> !known.contains(w) && ReviewTokenizer.isWord(w),
            room);
    List<Row> out = new ArrayList<>(top.size() + added.size());
    out.addAll(top);
    added.forEach(w -> out.add(RowFactory.create(w, 0L)));
    LOG.info(
        "{}: {} words of {} that no training text has get ids {} to {} ({} training words before"
            + " them)",
        PrepareSettings.WORD_VECTORS,
        added.size(),
        location,
        Vocabulary.FIRST_WORD_ID + top.size(),
        Vocabulary.FIRST_WORD_ID + out.size() - 1,
        top.size());
    return out;
  }
}
