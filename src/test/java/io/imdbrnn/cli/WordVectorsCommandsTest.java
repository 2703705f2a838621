package io.imdbrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.ml.SentimentClassifier;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.text.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code train.word-vectors} end to end: the vectors start the embedding of the network that
 * dl4j-spark trains (from the command line and from the Estimator), their digest goes into the
 * bundle, and a bad file is refused before any work, writing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordVectorsCommandsTest extends SparkTestBase {
  private static final int WIDTH = 8;

  /** A word that only a test text holds: no vector may be learned for it. */
  private static final String TEST_ONLY = "zebraquux";

  @TempDir static Path dir;
  private Path prepared;
  private Path vectors;
  private List<String> words;

  @BeforeAll
  void prepareAndWriteVectors() throws Exception {
    Path archive =
        new TarGzBuilder()
            .dataset(
                "aclImdb/",
                SyntheticReviews.of(20, 7)
                    .put("test/pos/9001_9.txt", TEST_ONLY + " " + TEST_ONLY + " great."))
            .write(dir.resolve("a.tar.gz"));
    Path reviews = dir.resolve("reviews");
    prepared = dir.resolve("prepared");
    CliRun ingest =
        CliRun.of("ingest", "--input", archive.toString(), "--output", reviews.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    CliRun prepare =
        CliRun.of(
            "prepare",
            "--input",
            reviews.toString(),
            "--output",
            prepared.toString(),
            "--vocab-size",
            "60",
            "--max-len",
            "20");
    assertThat(prepare.exitCode()).as(prepare.err()).isZero();
    words = VocabularyDataset.words(spark, prepared.toString(), Vocabulary.FIRST_WORD_ID).words();
    // Vectors for every other vocabulary word, some upper-cased as word2vec's are, among others.
    StringBuilder text = new StringBuilder("zzz-not-a-word 9 9 9 9 9 9 9 9\n");
    for (int i = 0; i < words.size(); i += 2) {
      String word = i % 4 == 0 ? words.get(i).toUpperCase(Locale.ROOT) : words.get(i);
      text.append(word);
      for (int d = 0; d < WIDTH; d++) {
        text.append(' ').append(vectorValue(i, d));
      }
      text.append('\n');
    }
    vectors = dir.resolve("vectors.txt");
    Files.writeString(vectors, text);
  }

  /** Far outside the random initialisation's ±0.05, so a started row cannot be one by chance. */
  private static float vectorValue(int word, int d) {
    return 0.5f + word * 0.01f + d * 0.001f;
  }

  private String[] train(Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--input",
                prepared.toString(),
                "--output",
                output.toString(),
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
                // Small enough that one epoch leaves the started rows where they started.
                "--learning-rate",
                "0.000001"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** Each vocabulary row with a vector starts from it, the others from the random range. */
  private void assertStartedFromTheVectors(ModelBundle bundle) {
    INDArray embedding = bundle.network().getLayer(0).getParam("W");
    for (int i = 0; i < words.size(); i++) {
      INDArray row = embedding.getRow(Vocabulary.FIRST_WORD_ID + i);
      if (i % 2 == 0) {
        for (int d = 0; d < WIDTH; d++) {
          assertThat(row.getFloat(d)).as(words.get(i)).isCloseTo(vectorValue(i, d), within());
        }
      } else {
        assertThat(row.amaxNumber().doubleValue()).as(words.get(i)).isLessThan(0.06);
      }
    }
  }

  private static org.assertj.core.data.Offset<Float> within() {
    return org.assertj.core.data.Offset.offset(1e-3f);
  }

  @Test
  void trainStartsTheEmbeddingFromTheVectorsAndRecordsTheirDigest() throws Exception {
    Path model = dir.resolve("model");
    CliRun train = CliRun.of(train(model, "--word-vectors", vectors.toString()));
    assertThat(train.exitCode()).as(train.err()).isZero();
    ModelBundle bundle = ModelBundle.load(new Configuration(), model.toString());
    assertStartedFromTheVectors(bundle);
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(vectors)));
    assertThat(bundle.manifest().provenance().sources())
        .containsEntry("train.word-vectors", "sha256:" + sha);
    assertThat(bundle.manifest().provenance().settings())
        .containsEntry("train.word-vectors", vectors.toString());
  }

  /**
   * Frozen, the started rows stay exactly as the vectors made them at a learning rate that moves
   * them when trainable (checked side by side), over two epochs of a decaying rate on two workers.
   */
  @Test
  void frozenVectorsStayWhereTheyStartedThroughTraining() throws Exception {
    Path frozen = dir.resolve("frozen");
    CliRun train =
        CliRun.of(fast(frozen, "--word-vectors", vectors.toString(), "--word-vectors-trainable"));
    assertThat(train.exitCode()).as(train.err()).isZero();
    ModelBundle bundle = ModelBundle.load(new Configuration(), frozen.toString());
    assertStartedFromTheVectors(bundle);
    assertThat(bundle.manifest().provenance().settings())
        .containsEntry("train.word-vectors-trainable", false);

    Path trainable = dir.resolve("trainable");
    CliRun moved = CliRun.of(fast(trainable, "--word-vectors", vectors.toString()));
    assertThat(moved.exitCode()).as(moved.err()).isZero();
    INDArray row =
        ModelBundle.load(new Configuration(), trainable.toString())
            .network()
            .getLayer(0)
            .getParam("W")
            .getRow(Vocabulary.FIRST_WORD_ID);
    float furthest = 0;
    for (int d = 0; d < WIDTH; d++) {
      furthest = Math.max(furthest, Math.abs(row.getFloat(d) - vectorValue(0, d)));
    }
    assertThat(furthest).as("a trainable row moves at this rate").isGreaterThan(1e-3f);
  }

  /**
   * {@link #train} at a rate that moves trainable rows: two epochs, the rate halved after the first
   * (the schedule must not thaw a frozen embedding); a trailing option flag gets "false".
   */
  private String[] fast(Path output, String... more) {
    List<String> args = new ArrayList<>(List.of(train(output)));
    args.set(args.indexOf("--learning-rate") + 1, "0.05");
    args.set(args.indexOf("--epochs") + 1, "2");
    args.addAll(List.of("--learning-rate-decay", "0.5"));
    args.addAll(List.of(more));
    if (more.length % 2 == 1) {
      args.add("false");
    }
    return args.toArray(new String[0]);
  }

  /** The ingested training texts and labels, as a user's DataFrame would hold them. */
  private Dataset<Row> trainTexts() {
    return spark
        .read()
        .parquet(dir.resolve("reviews").toString())
        .filter("split = 'train'")
        .select("text", "label");
  }

  @Test
  void theEstimatorTakesTheSameVectors() {
    Dataset<Row> texts = trainTexts();
    SentimentModel fitted =
        new SentimentClassifier()
            .setWordVectors(vectors.toString())
            .setSetting("embedding-size", WIDTH)
            .setSetting("hidden-size", 8)
            .setSetting("epochs", 1)
            .setSetting("learning-rate", 0.000001)
            .setSetting("vocab-size", 60)
            .setSetting("max-len", 20)
            .setSetting("workers", 2)
            .fit(texts);
    // The Estimator fits the same rows, so the same words and the same vectors.
    assertThat(fitted.bundle().vocabulary().words()).isEqualTo(words);
    assertStartedFromTheVectors(fitted.bundle());
    assertThat(fitted.bundle().manifest().provenance().sources()).containsKey("train.word-vectors");
  }

  /**
   * The Estimator's {@code vocabulary-word-vectors} is prepare's {@code word-vectors} (named apart
   * from train's): a word only the vectors have gets an id and its row starts from its vector.
   */
  @Test
  void theEstimatorGivesIdsToTheVectorsOtherWords() throws Exception {
    Path file = dir.resolve("estimator-vectors.txt");
    StringBuilder text = new StringBuilder();
    for (String word : List.of(words.get(0), "okapi")) {
      text.append(word);
      for (int d = 0; d < WIDTH; d++) {
        text.append(' ').append(0.5f - d * 0.01f);
      }
      text.append('\n');
    }
    Files.writeString(file, text);
    Dataset<Row> texts = trainTexts();
    SentimentModel fitted =
        new SentimentClassifier()
            .setSetting("word-vectors", file.toString())
            .setSetting("vocabulary-word-vectors", file.toString())
            .setSetting("embedding-size", WIDTH)
            .setSetting("hidden-size", 8)
            .setSetting("epochs", 1)
            .setSetting("learning-rate", 0.000001)
            .setSetting("vocab-size", 100_000)
            .setSetting("max-len", 20)
            .setSetting("workers", 2)
            .fit(texts);
    List<String> vocabulary = fitted.bundle().vocabulary().words();
    assertThat(vocabulary).endsWith("okapi").doesNotHaveDuplicates();
    int okapi = Vocabulary.FIRST_WORD_ID + vocabulary.size() - 1;
    INDArray row = fitted.bundle().network().getLayer(0).getParam("W").getRow(okapi);
    assertThat(row.getFloat(WIDTH - 1)).isCloseTo(0.5f - (WIDTH - 1) * 0.01f, within());
    // Without it, the same rows give the training words only.
    SentimentModel plain =
        new SentimentClassifier()
            .setSetting("embedding-size", WIDTH)
            .setSetting("hidden-size", 8)
            .setSetting("epochs", 1)
            .setSetting("vocab-size", 100_000)
            .setSetting("max-len", 20)
            .setSetting("workers", 2)
            .fit(texts);
    assertThat(plain.bundle().vocabulary().words()).doesNotContain("okapi");
  }

  /** A broken file given to the Estimator's vocabulary-word-vectors is refused by file and line. */
  @Test
  void theEstimatorRefusesABrokenVocabularyVectorsFile() throws Exception {
    Path broken = dir.resolve("estimator-broken.txt");
    Files.writeString(broken, "okapi 0.1 0.2 0.3 0.4\nzebra 0.1 oops\n");
    SentimentClassifier estimator =
        new SentimentClassifier()
            .setSetting("vocabulary-word-vectors", broken.toString())
            .setSetting("epochs", 1)
            .setSetting("workers", 2);
    Dataset<Row> texts = trainTexts();
    assertThatThrownBy(() -> estimator.fit(texts))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("line 2");
  }

  @Test
  void aFileOfOtherVectorsIsRefusedBeforeAnyWork() throws Exception {
    Path wide = dir.resolve("wide.txt");
    Files.writeString(wide, words.get(0) + " 1 2 3\n");
    Path model = dir.resolve("refused");
    CliRun train = CliRun.of(train(model, "--word-vectors", wide.toString()));
    assertThat(train.exitCode()).as(train.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(train.err())
        .contains("Word vectors " + wide + " (train.word-vectors), line 1, has 4 fields")
        .contains("a word and 8 numbers");
    assertThat(train.errIsOneLine()).as(train.err()).isTrue();
    assertThat(model).doesNotExist();
    assertThat(dir.resolve("refused.checkpoints")).doesNotExist();
    CliRun missing =
        CliRun.of(train(model, "--word-vectors", dir.resolve("nowhere.txt").toString()));
    assertThat(missing.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(missing.err()).contains("nowhere.txt (train.word-vectors) is not a file");
    assertThat(model).doesNotExist();
  }

  @Test
  void word2VecLearnsVectorsOfTheTrainSplitThatTrainReads() throws Exception {
    Path out = dir.resolve("w2v");
    CliRun learn =
        learnVectors(
            out, "--vector-size", String.valueOf(WIDTH), "--min-count", "1", "--iterations", "2");
    assertThat(learn.exitCode()).as(learn.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("word-vectors.txt"));
    String[] header = lines.get(0).split(" ");
    assertThat(Long.parseLong(header[0])).isEqualTo(lines.size() - 1L);
    assertThat(header[1]).isEqualTo(String.valueOf(WIDTH));
    List<String> learned = lines.stream().skip(1).map(l -> l.split(" ")[0]).toList();
    // Every vocabulary word comes from the train split, and so has a vector; a test word has none.
    assertThat(learned).containsAll(words).doesNotContain(TEST_ONLY);
    // Most frequent first (ties by the word), as prepare orders its vocabulary of the same texts.
    assertThat(learned.subList(0, words.size())).isEqualTo(words);
    assertThat(lines.stream().skip(1)).allSatisfy(l -> assertThat(l.split(" ")).hasSize(WIDTH + 1));
    assertThat(Files.readString(out.resolve("word-vectors.json")))
        .contains("\"dimension\" : " + WIDTH)
        .contains("word-vectors.min-count");

    Path model = dir.resolve("model-w2v");
    CliRun train =
        CliRun.of(train(model, "--word-vectors", out.resolve("word-vectors.txt").toString()));
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.err() + train.out()).doesNotContain("none of the");

    CliRun none = learnVectors(dir.resolve("w2v-none"), "--min-count", "1000000");
    assertThat(none.exitCode()).as(none.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(none.err()).contains("word-vectors.min-count");
    assertThat(dir.resolve("w2v-none")).doesNotExist();
  }

  /**
   * Unlabeled texts, one per line, add their words to the train split's; a missing file is refused
   * by its setting's name, writing nothing.
   */
  @Test
  void unlabeledTextsAddTheirWords() throws Exception {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    Files.writeString(
        corpus.resolve("part-1.txt"),
        "the quokka smiled at the wombat\n\n   \nA QUOKKA and a wombat met again.\n");
    Path out = dir.resolve("w2v-unlabeled");
    CliRun learn =
        learnVectors(
            out,
            "--unlabeled-texts",
            corpus.toString(),
            "--vector-size",
            String.valueOf(WIDTH),
            "--min-count",
            "2");
    assertThat(learn.exitCode()).as(learn.err()).isZero();
    List<String> learned =
        Files.readAllLines(out.resolve("word-vectors.txt")).stream()
            .skip(1)
            .map(l -> l.split(" ")[0])
            .toList();
    // Tokenized as prepare tokenizes (lower case); the test split still gives nothing.
    assertThat(learned).contains("quokka", "wombat").doesNotContain(TEST_ONLY);
    assertThat(Files.readString(out.resolve("word-vectors.json")))
        .contains("\"unlabeledTextsDigest\" : \"sha256:");

    CliRun missing =
        learnVectors(
            dir.resolve("w2v-missing"), "--unlabeled-texts", dir.resolve("no-corpus").toString());
    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(missing.err()).contains("no-corpus (word-vectors.unlabeled-texts) does not exist");
    assertThat(dir.resolve("w2v-missing")).doesNotExist();
  }

  /**
   * {@code prepare.word-vectors}: the file's words that no training text has get ids after the
   * training words, lower-cased, once, only those the tokenizer can produce, and only until
   * vocab-size; a test text then reads such a word by its id, and train starts its row from the
   * vector. A language model's data refuses the setting, and a bad file is refused by line.
   */
  @Test
  void prepareGivesIdsToTheVectorsWordsTheTrainingTextsLack() throws Exception {
    Path plain = dir.resolve("prepared-all");
    CliRun every = prepareAt(plain, 100_000);
    assertThat(every.exitCode()).as(every.err()).isZero();
    // Every training word, most frequent first.
    List<String> all =
        VocabularyDataset.words(spark, plain.toString(), Vocabulary.FIRST_WORD_ID).words();
    Path file = dir.resolve("more-vectors.txt");
    StringBuilder text = new StringBuilder("7 " + WIDTH + "\n");
    for (String word :
        List.of("<unk>", words.get(0), "ZebraQuux", "new york", "ok_word", "zebraquux", "okapi")) {
      text.append(word);
      for (int d = 0; d < WIDTH; d++) {
        text.append(' ').append(0.25f + d * 0.01f);
      }
      text.append('\n');
    }
    Files.writeString(file, text);
    int size = Vocabulary.FIRST_WORD_ID + all.size();
    Path extended = dir.resolve("prepared-extended");
    CliRun prepare = prepareWith(extended, file, size + 5);
    assertThat(prepare.exitCode()).as(prepare.err()).isZero();
    List<String> vocabulary =
        VocabularyDataset.words(spark, extended.toString(), Vocabulary.FIRST_WORD_ID).words();
    assertThat(vocabulary).hasSize(all.size() + 2).startsWith(all.toArray(new String[0]));
    assertThat(vocabulary.subList(all.size(), vocabulary.size()))
        .containsExactly(TEST_ONLY, "okapi");
    int testOnly = Vocabulary.FIRST_WORD_ID + all.size();
    List<Row> testRows =
        spark
            .read()
            .parquet(extended.resolve("tokens").toString())
            .filter("split = 'test'")
            .select("tokens")
            .collectAsList();
    assertThat(testRows).anySatisfy(r -> assertThat(r.getList(0)).contains(testOnly));

    Path model = dir.resolve("model-extended");
    List<String> args = new ArrayList<>(List.of(train(model)));
    args.set(args.indexOf(prepared.toString()), extended.toString());
    args.addAll(List.of("--word-vectors", file.toString()));
    CliRun train = CliRun.of(args.toArray(new String[0]));
    assertThat(train.exitCode()).as(train.err()).isZero();
    INDArray row =
        ModelBundle.load(new Configuration(), model.toString())
            .network()
            .getLayer(0)
            .getParam("W")
            .getRow(testOnly);
    assertThat(row.getFloat(WIDTH - 1)).isCloseTo(0.25f + (WIDTH - 1) * 0.01f, within());

    // Room for one word only: the file's first.
    Path one = dir.resolve("prepared-one");
    CliRun room = prepareWith(one, file, size + 1);
    assertThat(room.exitCode()).as(room.err()).isZero();
    assertThat(VocabularyDataset.words(spark, one.toString(), Vocabulary.FIRST_WORD_ID).words())
        .endsWith(TEST_ONLY)
        .hasSize(all.size() + 1);

    Path broken = dir.resolve("broken-vectors.txt");
    Files.writeString(broken, "okapi 1 2 3\nwombat 1 2\n");
    Path refused = dir.resolve("prepared-refused");
    CliRun bad = prepareWith(refused, broken, size + 5);
    assertThat(bad.exitCode()).as(bad.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(bad.err()).contains(broken + " (prepare.word-vectors), line 2, has 3 fields");
    assertThat(refused).doesNotExist();

    CliRun chars =
        CliRun.of(
            "prepare",
            "--input",
            dir.resolve("reviews").toString(),
            "--output",
            refused.toString(),
            "--task",
            "next-char",
            "--word-vectors",
            file.toString());
    assertThat(chars.exitCode()).as(chars.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(chars.err()).contains("prepare.word-vectors").contains("next-char");
    assertThat(refused).doesNotExist();
  }

  private CliRun prepareWith(Path output, Path vectorsFile, int vocabSize) {
    return prepareAt(output, vocabSize, "--word-vectors", vectorsFile.toString());
  }

  private CliRun prepareAt(Path output, int vocabSize, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "prepare",
                "--input",
                dir.resolve("reviews").toString(),
                "--output",
                output.toString(),
                "--vocab-size",
                String.valueOf(vocabSize),
                "--max-len",
                "20"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Runs {@code word-vectors} on the ingested reviews into {@code output}. */
  private CliRun learnVectors(Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "word-vectors",
                "--input",
                dir.resolve("reviews").toString(),
                "--output",
                output.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }
}
