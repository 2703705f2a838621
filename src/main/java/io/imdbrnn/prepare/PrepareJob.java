package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: reviews to padded id sequences. Tokenizes every review once (cached), counts words of
 * the train split only (the test split must not influence the features), broadcasts the vocabulary
 * and encodes both splits. Writes {@code tokens/}, {@code vocabulary/} and {@code prepare.json} as
 * one all-or-nothing output.
 */
public final class PrepareJob {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);
  static final String TRAIN = "train";

  private final SparkSession spark;
  private final PrepareSettings settings;

  public PrepareJob(SparkSession spark, PrepareSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public PrepareResult execute() {
    if (settings.task() == Task.NEXT_CHAR) {
      return new CharPrepareJob(spark, settings).execute();
    }
    try (StageRun run = StageRun.open(spark, settings)) {
      Dataset<Row> words =
          run.cache(
              SequenceEncoding.tokenize(ReviewsDataset.read(spark, settings.input()))
                  .drop(ReviewsDataset.TEXT));
      Map<String, Map<String, Long>> classes =
          run.step("tokenizing texts", () -> countByClass(words));
      Map<String, Long> rows = rowsPerSplit(classes);
      requireTrainSplit(rows, settings.input());
      LabelIndex labels = labels(classes);
      List<Row> top = run.step("counting words of the train split", () -> topWords(words));
      Vocabulary vocabulary = vocabulary(top, settings.vocabSize(), "words");
      Broadcast<Vocabulary> shared =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(vocabulary);
      Dataset<Row> tokens =
          SequenceEncoding.encode(
              words.withColumn(
                  ReviewsDataset.LABEL,
                  io.imdbrnn.datasets.LabelColumns.index(labels, col(ReviewsDataset.LABEL))),
              shared,
              settings.maxLen());
      PreparedManifest manifest = manifest(vocabulary, rows, labels);
      run.write(
          temp -> {
            tokens.write().parquet(TokenizedDataset.path(temp));
            vocabularyRows(spark, vocabulary, top)
                .coalesce(1)
                .write()
                .parquet(VocabularyDataset.path(temp));
            manifest.write(run.hadoopConf(), temp);
            return null;
          });
      shared.destroy();
      LOG.info(
          "Prepared {} texts {} of {} classes into {}: vocabulary of {} ids, sequences of {} ids",
          rows.values().stream().mapToLong(Long::longValue).sum(),
          rows,
          labels.size(),
          settings.output(),
          vocabulary.size(),
          settings.maxLen());
      return new PrepareResult(settings.output(), manifest);
    }
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
      labels = LabelIndex.of(classes.get(TRAIN).keySet());
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

  static void requireTrainSplit(Map<String, Long> rows, String input) {
    if (rows.getOrDefault(TRAIN, 0L) == 0) {
      throw new BadInputException(
          "Reviews dataset "
              + input
              + " holds no train reviews; the vocabulary is fitted on "
              + "the train split. Found: "
              + rows);
    }
  }

  private List<Row> topWords(Dataset<Row> words) {
    return VocabularyFitter.topWords(
            words.filter(col(ReviewsDataset.SPLIT).equalTo(lit(TRAIN))),
            SequenceEncoding.WORDS,
            settings.vocabSize() - Vocabulary.FIRST_WORD_ID)
        .collectAsList();
  }

  /** The kept units (words or characters), most frequent first, as a vocabulary. */
  static Vocabulary vocabulary(List<Row> top, int requested, String units) {
    List<String> kept = new ArrayList<>(top.size());
    top.forEach(r -> kept.add(r.getString(0)));
    Vocabulary vocabulary = new Vocabulary(kept);
    if (vocabulary.size() < requested) {
      LOG.warn(
          "The train split has only {} distinct {}: the vocabulary has {} ids, not {}",
          kept.size(),
          units,
          vocabulary.size(),
          requested);
    }
    return vocabulary;
  }

  /** Rows per split, which also runs (and so caches) {@code rows}. */
  static Map<String, Long> countBySplit(Dataset<Row> words) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row r : words.groupBy(ReviewsDataset.SPLIT).count().collectAsList()) {
      rows.put(r.getString(0), r.getLong(1));
    }
    return rows;
  }

  /** The vocabulary as {@link VocabularyDataset} rows: reserved ids, then the kept units. */
  static Dataset<Row> vocabularyRows(SparkSession spark, Vocabulary vocabulary, List<Row> counted) {
    List<Row> rows = new ArrayList<>(vocabulary.size());
    for (int id = 0; id < Vocabulary.FIRST_WORD_ID; id++) {
      rows.add(RowFactory.create(id, Vocabulary.RESERVED_WORDS.get(id), 0L));
    }
    for (int i = 0; i < counted.size(); i++) {
      rows.add(
          RowFactory.create(
              Vocabulary.FIRST_WORD_ID + i,
              counted.get(i).getString(0),
              counted.get(i).getLong(1)));
    }
    return spark.createDataFrame(rows, VocabularyDataset.SCHEMA);
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
        Task.CLASSIFY.settingName(),
        labels.names());
  }
}
