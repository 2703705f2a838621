package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Texts to windows of ids, for a language model: of characters (next-char) or of words (next-word).
 * Splits every text into its units once (cached), counts the units of the train split only, keeps
 * the most frequent, and cuts every split into windows.
 */
public final class WindowPreparation implements Preparation {
  /**
   * What a text is cut into.
   *
   * @param split adds {@link WindowEncoding#SYMBOLS} to texts
   * @param kept the most frequent units given their own id
   * @param ids the id space, reserved ids included (the manifest's requested size)
   * @param unknownName the reserved unknown id's name in the manifest
   */
  private record Units(
      String name,
      UnaryOperator<Dataset<Row>> split,
      int kept,
      int ids,
      String tokenizer,
      String unknownName) {}

  private final PrepareSettings settings;
  private final Task task;
  private final Units units;

  private WindowPreparation(PrepareSettings settings, Task task, Units units) {
    if (!settings.wordVectors().isEmpty()) {
      throw new BadInputException(
          PrepareSettings.WORD_VECTORS
              + " gives ids to words a classifier reads; "
              + task.settingName()
              + " data does not take it. Leave it empty.");
    }
    if (settings.ngrams() != 1) {
      throw new BadInputException(
          PrepareSettings.NGRAMS
              + " gives a classifier n-grams to read; "
              + task.settingName()
              + " data predicts one unit at a time and does not take it. Leave it at 1.");
    }
    this.settings = settings;
    this.task = task;
    this.units = units;
  }

  /**
   * Windows of characters: the {@code char-vocab-size} most frequent get ids.
   *
   * @param task the task the manifest names: the one whose network reads this data
   */
  public static WindowPreparation characters(PrepareSettings settings, Task task) {
    return new WindowPreparation(
        settings,
        task,
        new Units(
            "characters",
            WindowEncoding::characters,
            settings.charVocabSize(),
            settings.charVocabSize() + Vocabulary.FIRST_WORD_ID,
            CharTokenizer.VERSION,
            "unknown"));
  }

  /**
   * Windows of words, tokenized as the classifier's are: the {@code vocab-size} ids (reserved
   * included) a classifier of the same vocabulary size would have.
   */
  public static WindowPreparation words(PrepareSettings settings, Task task) {
    return new WindowPreparation(
        settings,
        task,
        new Units(
            "words",
            WindowEncoding::words,
            settings.vocabSize() - Vocabulary.FIRST_WORD_ID,
            settings.vocabSize(),
            ReviewTokenizer.VERSION,
            "oov"));
  }

  @Override
  public Prepared prepare(StageRun run, Dataset<Row> texts) {
    Dataset<Row> symbols =
        run.cache(
            units
                .split()
                .apply(texts)
                .select(ReviewsDataset.ID, ReviewsDataset.SPLIT, WindowEncoding.SYMBOLS));
    Map<String, Long> reviews =
        run.step("splitting texts into " + units.name(), () -> TrainSplit.countBySplit(symbols));
    TrainSplit.require(reviews, settings.input());
    List<Row> top =
        run.step(
            "counting " + units.name() + " of the train split",
            () ->
                VocabularyFitter.topWords(
                        symbols.filter(col(ReviewsDataset.SPLIT).equalTo(lit(TrainSplit.NAME))),
                        WindowEncoding.SYMBOLS,
                        units.kept())
                    .collectAsList());
    FittedVocabulary fitted = VocabularyFitter.vocabulary(top, units.ids(), units.name());
    Dataset<Row> windows =
        WindowEncoding.windows(symbols, run.share(fitted.vocabulary()), settings.window());
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
    public FittedVocabulary fitted() {
      return fitted;
    }

    @Override
    public PreparedManifest manifest() {
      if (manifest == null) {
        manifest = WindowPreparation.this.manifest(vocabulary(), TrainSplit.countBySplit(windows));
      }
      return manifest;
    }

    @Override
    public PreparedManifest writeTo(SparkSession spark, String dir) {
      windows.write().parquet(WindowsDataset.path(dir));
      fitted.write(spark, dir);
      manifest =
          WindowPreparation.this.manifest(
              vocabulary(), TrainSplit.countBySplit(WindowsDataset.read(spark, dir)));
      manifest.write(spark.sparkContext().hadoopConfiguration(), dir);
      return manifest;
    }

    @Override
    public String summary() {
      return String.format(
          "%d texts %s into windows %s of %d %s: %d ids",
          texts.values().stream().mapToLong(Long::longValue).sum(),
          texts,
          manifest == null ? "(not counted)" : manifest.rows(),
          settings.window(),
          units.name(),
          vocabulary().size());
    }
  }

  private PreparedManifest manifest(Vocabulary vocabulary, Map<String, Long> windows) {
    Map<String, Integer> reserved = new LinkedHashMap<>();
    reserved.put("pad", Vocabulary.PAD);
    reserved.put("start", Vocabulary.START);
    reserved.put(units.unknownName(), Vocabulary.OOV);
    return new PreparedManifest(
        PreparedManifest.FORMAT_VERSION,
        units.tokenizer(),
        vocabulary.size(),
        units.ids(),
        settings.window(),
        "post",
        "windows",
        reserved,
        settings.input(),
        windows,
        Instant.now().toString(),
        BuildInfo.version(),
        task.settingName(),
        null,
        null);
  }
}
