package io.imdbrnn.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.BuildInfo;
import io.imdbrnn.spark.PreparedManifest;
import io.imdbrnn.spark.ReviewsDataset;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import io.imdbrnn.spark.VocabularyDataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
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
  private static final String TRAIN = "train";

  private final SparkSession spark;
  private final PrepareSettings settings;

  public PrepareJob(SparkSession spark, PrepareSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public PrepareResult execute() {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    AtomicOutput output = AtomicOutput.forStage(hadoopConf, settings);
    SparkStage stage = new SparkStage(spark, "prepare");

    Dataset<Row> reviews = ReviewsDataset.read(spark, settings.input());
    Dataset<Row> words =
        SequenceEncoding.tokenize(reviews)
            .drop(ReviewsDataset.TEXT)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> rows = stage.step("tokenizing reviews", () -> countBySplit(words));
      if (rows.getOrDefault(TRAIN, 0L) == 0) {
        throw new IllegalArgumentException(
            "Reviews dataset "
                + settings.input()
                + " holds no train reviews; the vocabulary is fitted on "
                + "the train split. Found: "
                + rows);
      }
      List<Row> top =
          stage.step(
              "counting words of the train split",
              () ->
                  VocabularyFitter.topWords(
                          words.filter(col(ReviewsDataset.SPLIT).equalTo(lit(TRAIN))),
                          SequenceEncoding.WORDS,
                          settings.vocabSize() - Vocabulary.FIRST_WORD_ID)
                      .collectAsList());
      List<String> kept = new ArrayList<>(top.size());
      top.forEach(r -> kept.add(r.getString(0)));
      Vocabulary vocabulary = new Vocabulary(kept);
      if (vocabulary.size() < settings.vocabSize()) {
        LOG.warn(
            "The train split has only {} distinct words: the vocabulary has {} ids, not {}",
            kept.size(),
            vocabulary.size(),
            settings.vocabSize());
      }
      Broadcast<Vocabulary> shared =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(vocabulary);
      Dataset<Row> tokens = SequenceEncoding.encode(words, shared, settings.maxLen());
      PreparedManifest manifest = manifest(vocabulary, rows);
      stage.run(
          "encoding and writing " + settings.output(),
          () ->
              output.write(
                  temp -> {
                    tokens.write().parquet(TokenizedDataset.path(temp));
                    vocabularyRows(vocabulary, top)
                        .coalesce(1)
                        .write()
                        .parquet(VocabularyDataset.path(temp));
                    manifest.write(hadoopConf, temp);
                  }));
      shared.destroy();
      LOG.info(
          "Prepared {} reviews {} into {}: vocabulary of {} ids, sequences of {} ids",
          rows.values().stream().mapToLong(Long::longValue).sum(),
          rows,
          settings.output(),
          vocabulary.size(),
          settings.maxLen());
      return new PrepareResult(settings.output(), manifest);
    } finally {
      words.unpersist();
    }
  }

  private static Map<String, Long> countBySplit(Dataset<Row> words) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row r : words.groupBy(ReviewsDataset.SPLIT).count().collectAsList()) {
      rows.put(r.getString(0), r.getLong(1));
    }
    return rows;
  }

  private Dataset<Row> vocabularyRows(Vocabulary vocabulary, List<Row> counted) {
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

  private PreparedManifest manifest(Vocabulary vocabulary, Map<String, Long> rows) {
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
        BuildInfo.version());
  }
}
