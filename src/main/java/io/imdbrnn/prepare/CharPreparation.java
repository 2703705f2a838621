package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Texts to windows of character ids, for the character language model. Splits every text into
 * normalised characters once (cached), counts the characters of the train split only, keeps the
 * {@code char-vocab-size} most frequent, and cuts every split into windows.
 */
public final class CharPreparation implements Preparation {
  private final PrepareSettings settings;
  private final Task task;

  /**
   * @param task the task the manifest names: the one whose network reads this data
   */
  public CharPreparation(PrepareSettings settings, Task task) {
    this.settings = settings;
    this.task = task;
  }

  @Override
  public Prepared prepare(StageRun run, Dataset<Row> texts) {
    Dataset<Row> symbols =
        run.cache(
            CharEncoding.symbols(texts)
                .select(ReviewsDataset.ID, ReviewsDataset.SPLIT, CharEncoding.SYMBOLS));
    Map<String, Long> reviews =
        run.step("splitting texts into characters", () -> TrainSplit.countBySplit(symbols));
    TrainSplit.require(reviews, settings.input());
    List<Row> top =
        run.step(
            "counting characters of the train split",
            () ->
                VocabularyFitter.topWords(
                        symbols.filter(col(ReviewsDataset.SPLIT).equalTo(lit(TrainSplit.NAME))),
                        CharEncoding.SYMBOLS,
                        settings.charVocabSize())
                    .collectAsList());
    FittedVocabulary fitted =
        VocabularyFitter.vocabulary(
            top, settings.charVocabSize() + Vocabulary.FIRST_WORD_ID, "characters");
    Dataset<Row> windows =
        CharEncoding.windows(symbols, run.share(fitted.vocabulary()), settings.window());
    return new Windows(windows, fitted, reviews);
  }

  /**
   * The windows, counted per split only when the manifest is asked for: the prepare stage counts
   * them once written, rather than cutting them twice.
   */
  private final class Windows implements Prepared {
    private final Dataset<Row> windows;
    private final FittedVocabulary fitted;
    private final Map<String, Long> texts;
    private PreparedManifest manifest;

    Windows(Dataset<Row> windows, FittedVocabulary fitted, Map<String, Long> texts) {
      this.windows = windows;
      this.fitted = fitted;
      this.texts = texts;
    }

    @Override
    public Dataset<Row> rows() {
      return windows;
    }

    @Override
    public Vocabulary vocabulary() {
      return fitted.vocabulary();
    }

    @Override
    public List<Long> counts() {
      return fitted.counts();
    }

    @Override
    public PreparedManifest manifest() {
      if (manifest == null) {
        manifest = CharPreparation.this.manifest(vocabulary(), TrainSplit.countBySplit(windows));
      }
      return manifest;
    }

    @Override
    public PreparedManifest writeTo(SparkSession spark, String dir) {
      windows.write().parquet(WindowsDataset.path(dir));
      fitted.write(spark, dir);
      manifest =
          CharPreparation.this.manifest(
              vocabulary(), TrainSplit.countBySplit(WindowsDataset.read(spark, dir)));
      manifest.write(spark.sparkContext().hadoopConfiguration(), dir);
      return manifest;
    }

    @Override
    public String summary() {
      return String.format(
          "%d texts %s into windows %s of %d characters: %d character ids",
          texts.values().stream().mapToLong(Long::longValue).sum(),
          texts,
          manifest == null ? "(not counted)" : manifest.rows(),
          settings.window(),
          vocabulary().size());
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
        task.settingName(),
        null);
  }
}
