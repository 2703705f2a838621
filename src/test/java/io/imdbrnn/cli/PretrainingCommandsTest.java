package io.imdbrnn.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.ml.SentimentClassifier;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Language-model pretraining end to end: {@code prepare.task=next-word} cuts the classifier's word
 * ids into windows, a word language model trains and evaluates on them, and {@code train.init-from}
 * starts a classifier (command line and Estimator) from its embedding and recurrent layer,
 * recording the bundle in the provenance; shapes that do not fit are refused with the layer named,
 * writing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PretrainingCommandsTest extends SparkTestBase {
  private static final int WIDTH = 8;
  private static final int WINDOW = 6;

  @TempDir static Path dir;
  private Path reviews;
  private Path classify;
  private Path words;
  private Path languageModel;

  @BeforeAll
  void prepareBothWaysAndTrainALanguageModel() {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 5))
            .write(dir.resolve("a.tar.gz"));
    reviews = dir.resolve("reviews");
    classify = dir.resolve("classify");
    words = dir.resolve("words");
    languageModel = dir.resolve("lm");
    ok(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews.toString()));
    String[] common = {"--input", reviews.toString(), "--vocab-size", "60", "--max-len", "200"};
    ok(CliRun.of(with(new String[] {"prepare", "--output", classify.toString()}, common)));
    ok(
        CliRun.of(
            with(
                new String[] {
                  "prepare",
                  "--output",
                  words.toString(),
                  "--task",
                  "next-word",
                  "--window",
                  String.valueOf(WINDOW)
                },
                common)));
    ok(
        CliRun.of(
            "train",
            "--input",
            words.toString(),
            "--output",
            languageModel.toString(),
            "--cell",
            "gru",
            "--embedding-size",
            String.valueOf(WIDTH),
            "--hidden-size",
            "8",
            "--epochs",
            "2",
            "--batch-size",
            "8",
            "--workers",
            "2",
            "--learning-rate",
            "0.01"));
  }

  private static void ok(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static String[] with(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  @Test
  void generateContinuesASeedWithWordsOfTheVocabulary() {
    CliRun run = generate("--samples", "2");
    ok(run);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    List<String> vocabulary =
        VocabularyDataset.words(spark, words.toString(), Vocabulary.FIRST_WORD_ID).words();
    for (String line : lines) {
      // The seed as the tokenizer reads it, then seven words the model knows, a space between.
      assertThat(line).startsWith("the film was ");
      List<String> sampled = List.of(line.substring("the film was ".length()).split(" ", -1));
      assertThat(sampled).hasSize(7);
      assertThat(vocabulary).containsAll(sampled);
    }
    CliRun again = generate();
    ok(again);
    assertThat(again.out().lines().toList()).containsExactly(lines.get(0));
  }

  /** Seven words after an unnormalised seed, from random seed 5. */
  private CliRun generate(String... more) {
    return CliRun.of(
        with(
            new String[] {
              "generate",
              "--model",
              languageModel.toString(),
              "--seed-text",
              "The  FILM, was",
              "--length",
              "7",
              "--random-seed",
              "5"
            },
            more));
  }

  @Test
  void nextWordWindowsJoinIntoTheClassifiersWordIds() {
    assertThat(VocabularyDataset.words(spark, words.toString(), Vocabulary.FIRST_WORD_ID).words())
        .isEqualTo(
            VocabularyDataset.words(spark, classify.toString(), Vocabulary.FIRST_WORD_ID).words());
    Map<String, List<Integer>> joined = new HashMap<>();
    for (Row r :
        WindowsDataset.read(spark, words.toString())
            .orderBy(col(WindowsDataset.ID), col(WindowsDataset.WINDOW))
            .collectAsList()) {
      List<Integer> ids = joined.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
      List<Integer> window = r.getList(3);
      assertThat(window.size()).isBetween(2, WINDOW + 1);
      ids.addAll(ids.isEmpty() ? window : window.subList(1, window.size()));
    }
    List<Row> texts = TokenizedDataset.read(spark, classify.toString()).collectAsList();
    assertThat(joined).hasSize(texts.size());
    for (Row t : texts) {
      List<Integer> tokens = t.getList(t.fieldIndex(TokenizedDataset.TOKENS));
      // The classifier's ids are the same ids, padded in front to max-len (no text is longer).
      List<Integer> real =
          tokens.subList(tokens.size() - joined.get(t.getString(0)).size(), tokens.size());
      assertThat(joined.get(t.getString(0))).as(t.getString(0)).isEqualTo(real);
      assertThat(real.get(0)).isEqualTo(Vocabulary.START);
    }
    ModelBundle lm = ModelBundle.load(new Configuration(), languageModel.toString());
    assertThat(lm.prepared().task()).isEqualTo("next-word");
    assertThat(lm.prepared().tokenizer()).isEqualTo(ReviewTokenizer.VERSION);
  }

  @Test
  void theLanguageModelIsEvaluatedInBitsPerWord() {
    Path evaluation = dir.resolve("lm-evaluation");
    ok(
        CliRun.of(
            "evaluate",
            "--model",
            languageModel.toString(),
            "--input",
            words.toString(),
            "--output",
            evaluation.toString()));
    Row m =
        spark
            .read()
            .schema(EvaluationDatasets.tokenMetricsSchema("word"))
            .parquet(EvaluationDatasets.metricsPath(evaluation.toString()))
            .first();
    double bits = m.getDouble(m.fieldIndex("bits_per_word"));
    // Below a model that knew nothing of the 60 ids, above a perfect one.
    assertThat(bits).isGreaterThan(0).isLessThan(Math.log(60) / Math.log(2));
    assertThat(m.getLong(m.fieldIndex("words"))).isPositive();
  }

  /** A small classifier's train command; {@code more} adds options or replaces their values. */
  private String[] classifier(Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--input",
                classify.toString(),
                "--output",
                output.toString(),
                "--cell",
                "gru",
                "--embedding-size",
                String.valueOf(WIDTH),
                "--hidden-size",
                "8",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--workers",
                "2",
                // Small enough that one epoch leaves the started parameters where they started.
                "--learning-rate",
                "0.000001"));
    for (int i = 0; i + 1 < more.length; i += 2) {
      int at = args.indexOf(more[i]);
      if (at >= 0) {
        args.set(at + 1, more[i + 1]);
      } else {
        args.addAll(List.of(more[i], more[i + 1]));
      }
    }
    return args.toArray(new String[0]);
  }

  private static void assertClose(INDArray actual, INDArray expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-3);
  }

  @Test
  void aClassifierStartsFromTheLanguageModelsEmbeddingAndRecurrentLayer() {
    Path model = dir.resolve("started");
    ok(
        CliRun.of(
            classifier(model, "--init-from", languageModel.toString(), "--bidirectional", "true")));
    ModelBundle lm = ModelBundle.load(new Configuration(), languageModel.toString());
    ModelBundle started = ModelBundle.load(new Configuration(), model.toString());
    // Same texts, same vocabulary size: the same words under the same ids.
    assertClose(
        started.network().getLayer(0).getParam("W"), lm.network().getLayer(0).getParam("W"));
    for (String key : List.of("W", "RW", "b")) {
      assertClose(
          started.network().getLayer(1).getParam(key), lm.network().getLayer(1).getParam(key));
    }
    // The backward direction has no counterpart in a left-to-right model: it starts at random.
    assertThat(
            started
                .network()
                .getLayer(1)
                .getParam("bRW")
                .sub(lm.network().getLayer(1).getParam("RW"))
                .amaxNumber()
                .doubleValue())
        .isGreaterThan(1e-2);
    assertThat(started.manifest().provenance().sources())
        .containsKey("train.init-from")
        .containsEntry("train.init-from.model-id", lm.manifest().modelId());
  }

  /**
   * With freeze-epochs the epochs it names move the output layer only: at a learning rate that
   * visibly moves every layer, the embedding and the recurrent layer end exactly where the language
   * model left them, and without it they do not.
   */
  @Test
  void freezeEpochsHoldThePretrainedLayersWhileTheOutputLayerLearns() {
    String lm = languageModel.toString();
    Path frozen = dir.resolve("frozen");
    Path thawed = dir.resolve("thawed");
    String[] fast = {"--init-from", lm, "--learning-rate", "0.01", "--epochs", "2"};
    ok(CliRun.of(classifier(frozen, with(fast, "--freeze-epochs", "2"))));
    ok(CliRun.of(classifier(thawed, fast)));
    MultiLayerNetwork start = ModelBundle.load(new Configuration(), lm).network();
    MultiLayerNetwork held = ModelBundle.load(new Configuration(), frozen.toString()).network();
    MultiLayerNetwork moved = ModelBundle.load(new Configuration(), thawed.toString()).network();
    for (String key : List.of("W", "RW", "b")) {
      assertThat(held.getLayer(1).getParam(key)).as(key).isEqualTo(start.getLayer(1).getParam(key));
      assertThat(maxDifference(moved.getLayer(1).getParam(key), start.getLayer(1).getParam(key)))
          .as(key)
          .isGreaterThan(1e-3);
    }
    assertThat(held.getLayer(0).getParam("W")).isEqualTo(start.getLayer(0).getParam("W"));
    int out = held.getnLayers() - 1;
    assertThat(maxDifference(held.getLayer(out).getParam("W"), moved.getLayer(out).getParam("W")))
        .as("the output layer learned from other features")
        .isGreaterThan(0);

    CliRun nothingPretrained = CliRun.of(classifier(dir.resolve("none"), "--freeze-epochs", "1"));
    assertThat(nothingPretrained.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(nothingPretrained.err())
        .contains(
            "Cannot set train.freeze-epochs = 1 without train.word-vectors or train.init-from");
    assertThat(dir.resolve("none")).doesNotExist();
    CliRun negative =
        CliRun.of(classifier(dir.resolve("none"), "--init-from", lm, "--freeze-epochs", "-1"));
    assertThat(negative.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(negative.err()).contains("train.freeze-epochs");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  private static double maxDifference(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  @Test
  void theEstimatorStartsFromTheSameBundle() {
    SentimentModel fitted =
        new SentimentClassifier()
            .setInitFrom(languageModel.toString())
            .setSetting("cell", "gru")
            .setSetting("embedding-size", WIDTH)
            .setSetting("hidden-size", 8)
            .setSetting("epochs", 1)
            .setSetting("learning-rate", 0.000001)
            .setSetting("vocab-size", 60)
            .setSetting("max-len", 200)
            .setSetting("workers", 2)
            .fit(
                spark
                    .read()
                    .parquet(reviews.toString())
                    .filter("split = 'train'")
                    .select("text", "label"));
    ModelBundle lm = ModelBundle.load(new Configuration(), languageModel.toString());
    assertClose(
        fitted.bundle().network().getLayer(1).getParam("RW"),
        lm.network().getLayer(1).getParam("RW"));
    assertThat(fitted.bundle().manifest().provenance().sources()).containsKey("train.init-from");
  }

  @Test
  void shapesThatDoNotFitAreRefusedWithTheLayerNamedAndNothingWritten() {
    Path model = dir.resolve("refused");
    String lm = languageModel.toString();
    CliRun wider = CliRun.of(classifier(model, "--init-from", lm, "--hidden-size", "16"));
    assertThat(wider.exitCode()).as(wider.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(wider.err())
        .contains("Cannot start from model bundle " + lm + " (train.init-from)")
        .contains("parameter W of its layer 1 (recurrent) is [8, 24], this network's is [8, 48]");
    CliRun lstm = CliRun.of(classifier(model, "--init-from", lm, "--cell", "lstm"));
    assertThat(lstm.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(lstm.err()).contains("its layer 1 is a FusedGru, this network's a FusedLstm");
    CliRun narrow = CliRun.of(classifier(model, "--init-from", lm, "--embedding-size", "4"));
    assertThat(narrow.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(narrow.err())
        .contains("its layer 0 (the embedding) is 8 wide, and train.embedding-size is 4");
    CliRun missing = CliRun.of(classifier(model, "--init-from", dir.resolve("nowhere").toString()));
    assertThat(missing.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(missing.err()).contains("Cannot start from model bundle " + dir.resolve("nowhere"));
    CliRun both =
        CliRun.of(classifier(model, "--init-from", lm, "--word-vectors", lm + "/vocabulary.tsv"));
    assertThat(both.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(both.err()).contains("Cannot set both train.word-vectors and train.init-from");
    CliRun languageModelFromABundle =
        CliRun.of(
            "train", "--input", words.toString(), "--output", model.toString(), "--init-from", lm);
    assertThat(languageModelFromABundle.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(languageModelFromABundle.err())
        .contains("prepared for prepare.task = next-word, which cannot train with train.init-from");
    assertThat(model).doesNotExist();
    assertThat(dir.resolve("refused.checkpoints")).doesNotExist();
  }
}
