package io.imdbrnn.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.ml.SentimentClassifier;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.scoring.TextScorer;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Terms;
import io.imdbrnn.text.Vocabulary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare.ngrams} end to end: prepare fits a vocabulary of words and bigrams and encodes
 * every text's terms, the manifest and the bundle record it, and every scoring path (evaluate,
 * scoring raw text, the Spark ML model) reads a text's bigrams alike; a language model's data and
 * an n out of range are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgramCommandsTest extends SparkTestBase {
  private static final int MAX_LEN = 60;

  @TempDir static Path dir;
  private Path reviews;
  private Path prepared;
  private Path model;
  private Path eval;

  @BeforeAll
  void prepareTrainAndEvaluateWithBigrams() {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 3))
            .write(dir.resolve("a.tar.gz"));
    reviews = dir.resolve("reviews");
    prepared = dir.resolve("prepared");
    model = dir.resolve("model");
    eval = dir.resolve("eval");
    ok(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews.toString()));
    ok(
        CliRun.of(
            "prepare",
            "--input",
            reviews.toString(),
            "--output",
            prepared.toString(),
            "--ngrams",
            "2",
            "--vocab-size",
            "2000",
            "--max-len",
            String.valueOf(MAX_LEN)));
    ok(
        CliRun.of(
            "train",
            "--input",
            prepared.toString(),
            "--output",
            model.toString(),
            "--cell",
            "gru",
            "--embedding-size",
            "8",
            "--hidden-size",
            "8",
            "--epochs",
            "1",
            "--batch-size",
            "8"));
    ok(
        CliRun.of(
            "evaluate",
            "--model",
            model.toString(),
            "--input",
            prepared.toString(),
            "--output",
            eval.toString()));
  }

  private static void ok(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void theVocabularyHoldsBigramsAndEveryTextIsEncodedAsItsTerms() {
    List<String> vocabulary =
        VocabularyDataset.words(spark, prepared.toString(), Vocabulary.FIRST_WORD_ID).words();
    assertThat(vocabulary).anySatisfy(w -> assertThat(w).contains(" "));
    assertThat(vocabulary).anySatisfy(w -> assertThat(w).doesNotContain(" "));
    PreparedManifest manifest = PreparedManifest.read(new Configuration(), prepared.toString());
    assertThat(manifest.ngramsOrDefault()).isEqualTo(2);
    assertThat(ModelBundle.load(new Configuration(), model.toString()).prepared().ngrams())
        .isEqualTo(2);

    Map<String, String> texts = new HashMap<>();
    ReviewsDataset.read(spark, reviews.toString())
        .collectAsList()
        .forEach(r -> texts.put(r.getString(r.fieldIndex("id")), r.getString(4)));
    Vocabulary ids = new Vocabulary(vocabulary);
    List<Row> tokens =
        TokenizedDataset.read(spark, prepared.toString()).orderBy("id").limit(10).collectAsList();
    assertThat(tokens).isNotEmpty();
    for (Row r : tokens) {
      List<String> words = ReviewTokenizer.tokenize(texts.get(r.getString(0)));
      List<String> terms = Terms.of(words, 2);
      assertThat(r.getInt(r.fieldIndex(TokenizedDataset.LENGTH))).isEqualTo(terms.size() + 1);
      List<Integer> encoded = r.getList(r.fieldIndex(TokenizedDataset.TOKENS));
      // The last ids are the last terms, in order: "… w(n-1), w(n-1) w(n), w(n)".
      int last = terms.size() - 1;
      assertThat(encoded.get(MAX_LEN - 1)).isEqualTo(ids.id(terms.get(last)));
      assertThat(encoded.get(MAX_LEN - 2)).isEqualTo(ids.id(terms.get(last - 1)));
      assertThat(terms.get(last - 1))
          .isEqualTo(words.get(words.size() - 2) + " " + words.get(words.size() - 1));
    }
  }

  /** Raw text scored on this machine and by the Spark ML model reads the bigrams evaluate read. */
  @Test
  void everyScoringPathReadsTheBigramsEvaluateRead() {
    ModelBundle bundle = ModelBundle.load(new Configuration(), model.toString());
    Dataset<Row> test =
        ReviewsDataset.read(spark, reviews.toString()).filter(col("split").equalTo("test"));
    List<Row> sample = test.orderBy("id").collectAsList();
    double[] local =
        TextScorer.of(bundle, 16).score(sample.stream().map(r -> r.getString(4)).toList());
    Map<String, Double> evaluated = new HashMap<>();
    spark
        .read()
        .parquet(EvaluationDatasets.predictionsPath(eval.toString()))
        .collectAsList()
        .forEach(r -> evaluated.put(r.getString(0), r.getDouble(3)));
    assertThat(evaluated).hasSize(sample.size());
    for (int i = 0; i < sample.size(); i++) {
      assertThat(local[i])
          .as(sample.get(i).getString(0))
          .isCloseTo(evaluated.get(sample.get(i).getString(0)), within(1e-5));
    }
    List<Row> scored =
        SentimentModel.load(model.toString())
            .transform(test)
            .select("id", "probability")
            .collectAsList();
    for (Row r : scored) {
      assertThat(r.getDouble(1))
          .as(r.getString(0))
          .isCloseTo(evaluated.get(r.getString(0)), within(1e-6));
    }
  }

  @Test
  void theEstimatorTakesNgrams() {
    Dataset<Row> texts =
        ReviewsDataset.read(spark, reviews.toString())
            .filter(col("split").equalTo("train"))
            .select("text", "label");
    SentimentModel fitted =
        new SentimentClassifier()
            .setSetting("ngrams", 3)
            .setSetting("embedding-size", 8)
            .setSetting("hidden-size", 8)
            .setSetting("epochs", 1)
            .setSetting("vocab-size", 3000)
            .setSetting("max-len", MAX_LEN)
            .fit(texts);
    assertThat(fitted.bundle().prepared().ngramsOrDefault()).isEqualTo(3);
    assertThat(fitted.bundle().vocabulary().words())
        .anySatisfy(w -> assertThat(w.split(" ")).hasSize(3));
  }

  @Test
  void languageModelsAndNgramsOutOfRangeAreRefused() {
    Path out = dir.resolve("refused");
    CliRun chars =
        CliRun.of(
            "prepare",
            "--input",
            reviews.toString(),
            "--output",
            out.toString(),
            "--task",
            "next-word",
            "--ngrams",
            "2");
    assertThat(chars.exitCode()).as(chars.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(chars.err()).contains("prepare.ngrams").contains("next-word");
    CliRun four =
        CliRun.of(
            "prepare", "--input", reviews.toString(), "--output", out.toString(), "--ngrams", "4");
    assertThat(four.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(four.err()).contains("prepare.ngrams");
    assertThat(out).doesNotExist();
  }
}
