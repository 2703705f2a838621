package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 for {@code prepare.task = next-char}: reviews to windows of character ids. Splits every
 * review into normalised characters once (cached), counts the characters of the train split only,
 * keeps the {@code char-vocab-size} most frequent, and cuts both splits into windows. Writes {@code
 * windows/}, {@code vocabulary/} and {@code prepare.json} as one all-or-nothing output.
 */
final class CharPrepareJob {
  private static final Logger LOG = LoggerFactory.getLogger(CharPrepareJob.class);

  private final SparkSession spark;
  private final PrepareSettings settings;

  CharPrepareJob(SparkSession spark, PrepareSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  PrepareResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      Dataset<Row> symbols =
          run.cache(
              CharEncoding.symbols(ReviewsDataset.read(spark, settings.input()))
                  .select(ReviewsDataset.ID, ReviewsDataset.SPLIT, CharEncoding.SYMBOLS));
      Map<String, Long> reviews =
          run.step("splitting reviews into characters", () -> PrepareJob.countBySplit(symbols));
      PrepareJob.requireTrainSplit(reviews, settings.input());
      List<Row> top =
          run.step(
              "counting characters of the train split",
              () ->
                  VocabularyFitter.topWords(
                          symbols.filter(col(ReviewsDataset.SPLIT).equalTo(lit(PrepareJob.TRAIN))),
                          CharEncoding.SYMBOLS,
                          settings.charVocabSize())
                      .collectAsList());
      Vocabulary vocabulary =
          PrepareJob.vocabulary(
              top, settings.charVocabSize() + Vocabulary.FIRST_WORD_ID, "characters");
      Broadcast<Vocabulary> shared =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(vocabulary);
      Dataset<Row> windows = CharEncoding.windows(symbols, shared, settings.window());
      Map<String, Long> counts = new TreeMap<>();
      PreparedManifest manifest =
          run.write(
              temp -> {
                windows.write().parquet(WindowsDataset.path(temp));
                PrepareJob.vocabularyRows(spark, vocabulary, top)
                    .coalesce(1)
                    .write()
                    .parquet(VocabularyDataset.path(temp));
                counts.putAll(PrepareJob.countBySplit(WindowsDataset.read(spark, temp)));
                PreparedManifest written = manifest(vocabulary, counts);
                written.write(run.hadoopConf(), temp);
                return written;
              });
      shared.destroy();
      LOG.info(
          "Prepared {} reviews {} into {} windows {} of {} characters in {}: {} character ids",
          reviews.values().stream().mapToLong(Long::longValue).sum(),
          reviews,
          counts.values().stream().mapToLong(Long::longValue).sum(),
          counts,
          settings.window(),
          settings.output(),
          vocabulary.size());
      return new PrepareResult(settings.output(), manifest);
    }
  }

  private PreparedManifest manifest(Vocabulary vocabulary, Map<String, Long> windows) {
    Map<String, Integer> reserved = new LinkedHashMap<>();
    reserved.put("pad", Vocabulary.PAD);
    reserved.put("start", Vocabulary.START);
    reserved.put("unknown", Vocabulary.OOV);
    return new PreparedManifest(
        PreparedManifest.FORMAT_VERSION,
        CharTokenizer.VERSION,
        vocabulary.size(),
        settings.charVocabSize() + Vocabulary.FIRST_WORD_ID,
        settings.window(),
        "post",
        "windows",
        reserved,
        settings.input(),
        windows,
        Instant.now().toString(),
        BuildInfo.version(),
        Task.NEXT_CHAR.settingName(),
        null);
  }
}
