package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.LabelColumns;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Texts to padded word-id sequences and class indexes, for a classifier. Tokenizes every text once
 * (cached), fits the classes ({@link LabelIndex}) and the vocabulary on the train split only (the
 * test split must not influence the features), and encodes every split with the broadcast
 * vocabulary.
 */
public final class WordPreparation implements Preparation {
  private final PrepareSettings settings;
  private final Task task;

  /**
   * @param task the task the manifest names: the one whose network reads this data
   */
  public WordPreparation(PrepareSettings settings, Task task) {
    this.settings = settings;
    this.task = task;
  }

  @Override
  public Prepared prepare(StageRun run, Dataset<Row> texts) {
    Dataset<Row> words =
        run.cache(
            SequenceEncoding.terms(SequenceEncoding.tokenize(texts), settings.ngrams())
                .drop(ReviewsDataset.TEXT));
    Map<String, Map<String, Long>> classes =
        run.step("tokenizing texts", () -> countByClass(words));
    Map<String, Long> rows = rowsPerSplit(classes);
    TrainSplit.require(rows, settings.input());
    LabelIndex labels = labels(classes);
    List<Row> counted = run.step("counting words of the train split", () -> topWords(words));
    List<Row> top =
        settings.wordVectors().isEmpty()
            ? counted
            : run.step(
                "reading the words of " + settings.wordVectors(),
                () ->
                    VectorWords.extend(
                        run.hadoopConf(), counted, settings.wordVectors(), settings.vocabSize()));
    FittedVocabulary fitted = VocabularyFitter.vocabulary(top, settings.vocabSize(), "words");
    Broadcast<Vocabulary> shared = run.share(fitted.vocabulary());
    Dataset<Row> tokens =
        SequenceEncoding.encode(
            words.withColumn(
                ReviewsDataset.LABEL, LabelColumns.index(labels, col(ReviewsDataset.LABEL))),
            shared,
            settings.maxLen());
    return new PreparedWords(tokens, fitted, manifest(fitted.vocabulary(), rows, labels));
  }

  /** Texts per class ({@code label}) per split, which also runs (and so caches) {@code words}. */
  private static Map<String, Map<String, Long>> countByClass(Dataset<Row> words) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (Row r :
        words.groupBy(ReviewsDataset.SPLIT, ReviewsDataset.LABEL).count().collectAsList()) {
      out.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    return out;
  }

  private static Map<String, Long> rowsPerSplit(Map<String, Map<String, Long>> classes) {
    Map<String, Long> rows = new TreeMap<>();
    classes.forEach(
        (split, counts) ->
            rows.put(split, counts.values().stream().mapToLong(Long::longValue).sum()));
    return rows;
  }

  /**
   * The classes, fitted on the train split ({@link LabelIndex}); a class of another split that the
   * train split lacks is refused by name, since no model trained here could predict it.
   */
  private LabelIndex labels(Map<String, Map<String, Long>> classes) {
    LabelIndex labels;
    try {
      labels = LabelIndex.of(classes.get(TrainSplit.NAME).keySet());
    } catch (BadInputException e) {
      throw new BadInputException(
          "Reviews dataset " + settings.input() + " (train split): " + e.getMessage(), e);
    }
    classes.forEach(
        (split, counts) -> {
          List<String> unknown = labels.unknown(counts.keySet());
          if (!unknown.isEmpty()) {
            throw new BadInputException(
                String.format(
                    "Reviews dataset %s: its %s split has classes the train split lacks: %s."
                        + " Nothing was written.",
                    settings.input(), split, unknown.subList(0, Math.min(10, unknown.size()))));
          }
        });
    return labels;
  }

  private List<Row> topWords(Dataset<Row> words) {
    return VocabularyFitter.topWords(
            words.filter(col(ReviewsDataset.SPLIT).equalTo(lit(TrainSplit.NAME))),
            SequenceEncoding.WORDS,
            settings.vocabSize() - Vocabulary.FIRST_WORD_ID)
        .collectAsList();
  }

  private PreparedManifest manifest(
      Vocabulary vocabulary, Map<String, Long> rows, LabelIndex labels) {
    Map<String, Integer> reserved = new LinkedHashMap<>();
    reserved.put("pad", Vocabulary.PAD);
    reserved.put("start", Vocabulary.START);
    reserved.put("oov", Vocabulary.OOV);
    return new PreparedManifest(
        PreparedManifest.FORMAT_VERSION,
        ReviewTokenizer.VERSION,
        vocabulary.size(),
        settings.vocabSize(),
        settings.maxLen(),
        "pre",
        "pre",
        reserved,
        settings.input(),
        rows,
        Instant.now().toString(),
        BuildInfo.version(),
        task.settingName(),
        labels.names(),
        settings.ngrams());
  }
}
