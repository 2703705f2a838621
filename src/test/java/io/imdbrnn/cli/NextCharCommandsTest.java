package io.imdbrnn.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.generate.TextGenerator;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.testing.TinyBundle;
import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.CharWindows;
import io.imdbrnn.text.TextUnits;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The next-char task through the CLI on synthetic reviews: {@code run} with {@code
 * prepare.task=next-char} (windows, character vocabulary, a GRU language model under dl4j-spark,
 * bits per character), then {@code generate}, and the refusals around them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NextCharCommandsTest extends SparkTestBase {
  private static final int WINDOW = 40;

  /** A character that only a test review holds: it must not enter the vocabulary. */
  private static final String TEST_ONLY = "§";

  @TempDir static Path dir;
  private Path work;

  @BeforeAll
  void runTheCharacterPipeline() {
    SyntheticReviews reviews =
        SyntheticReviews.of(40, 5).put("test/pos/9000_9.txt", "Odd " + TEST_ONLY + " sign.");
    Path archive = new TarGzBuilder().dataset("aclImdb/", reviews).write(dir.resolve("a.tar.gz"));
    work = dir.resolve("work");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            archive.toString(),
            "--work-dir",
            work.toString(),
            "--set",
            "prepare.task=next-char",
            "--set",
            "prepare.window=" + WINDOW,
            "--set",
            "prepare.char-vocab-size=60",
            "--set",
            "train.cell=gru",
            "--set",
            "train.hidden-size=48",
            "--set",
            "train.epochs=5",
            "--set",
            "train.batch-size=8",
            "--set",
            "train.learning-rate=0.02",
            "--set",
            "train.learning-rate-decay=0.8",
            "--set",
            "train.workers=2");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private ModelBundle bundle() {
    return ModelBundle.load(new Configuration(), work.resolve("model").toString());
  }

  @Test
  void windowsReassembleEveryReviewWithAVocabularyFittedOnTrainOnly() {
    ModelBundle bundle = bundle();
    assertThat(bundle.task()).isEqualTo(Task.NEXT_CHAR);
    Vocabulary vocabulary = bundle.vocabulary();
    assertThat(vocabulary.words()).doesNotContain(TEST_ONLY).contains("e", "T", " ", ".");
    assertThat(work.resolve("prepared/tokens")).doesNotExist();
    // Five epochs at a decay of 0.8: the last trained at 0.02 × 0.8⁴.
    assertThat(bundle.network().getLearningRate(1)).isCloseTo(0.008192, within(1e-12));

    Map<String, List<Integer>> reassembled = new HashMap<>();
    for (Row r :
        WindowsDataset.read(spark, work.resolve("prepared").toString())
            .orderBy(col(WindowsDataset.ID), col(WindowsDataset.WINDOW))
            .collectAsList()) {
      List<Integer> ids = reassembled.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
      List<Integer> chars = r.getList(3);
      assertThat(chars.size()).isBetween(2, WINDOW + 1);
      // Each window starts with the previous one's last id.
      ids.addAll(ids.isEmpty() ? chars : chars.subList(1, chars.size()));
    }
    List<Row> texts =
        ReviewsDataset.read(spark, work.resolve("reviews").toString()).collectAsList();
    assertThat(reassembled).hasSize(texts.size());
    for (Row review : texts) {
      int[] expected = CharWindows.encode(review.getString(4), vocabulary);
      assertThat(reassembled.get(review.getString(0)))
          .as(review.getString(0))
          .containsExactlyElementsOf(java.util.Arrays.stream(expected).boxed().toList());
    }
  }

  @Test
  void evaluationReportsBitsPerCharacterWellBelowTheUnigramModel() {
    List<Row> rows =
        spark
            .read()
            .schema(EvaluationDatasets.CHAR_METRICS_SCHEMA)
            .parquet(EvaluationDatasets.metricsPath(work.resolve("evaluation").toString()))
            .collectAsList();
    assertThat(rows).hasSize(1);
    Row m = rows.get(0);
    double bits = m.getDouble(m.fieldIndex("bits_per_char"));
    // The train split's character frequencies, scored on the test characters: what a model that
    // ignores context would reach.
    Map<Integer, Long> counts = new HashMap<>();
    long trainChars = 0;
    List<Row> reviews =
        ReviewsDataset.read(spark, work.resolve("reviews").toString()).collectAsList();
    for (Row r : reviews) {
      if (r.getString(1).equals("train")) {
        for (int c : CharTokenizer.codePoints(r.getString(4))) {
          counts.merge(c, 1L, Long::sum);
          trainChars++;
        }
      }
    }
    double unigramBits = 0;
    long testChars = 0;
    for (Row r : reviews) {
      if (r.getString(1).equals("test")) {
        for (int c : CharTokenizer.codePoints(r.getString(4))) {
          double p = (counts.getOrDefault(c, 0L) + 1.0) / (trainChars + counts.size() + 1);
          unigramBits -= Math.log(p) / Math.log(2);
          testChars++;
        }
      }
    }
    unigramBits /= testChars;
    assertThat(bits).as("bits/char against unigram %.3f", unigramBits).isLessThan(unigramBits - 1);
    // Top-1: well above always guessing the train split's most frequent character.
    int mostFrequent =
        counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long hits = 0;
    for (Row r : reviews) {
      if (r.getString(1).equals("test")) {
        hits +=
            CharTokenizer.normalize(r.getString(4))
                .codePoints()
                .filter(c -> c == mostFrequent)
                .count();
      }
    }
    assertThat(m.getDouble(m.fieldIndex("accuracy"))).isGreaterThan(1.5 * hits / testChars);
    assertThat(m.getDouble(m.fieldIndex("cross_entropy")))
        .isCloseTo(bits * Math.log(2), within(1e-9));
    // One prediction row per test review, its characters counted as the windows hold them.
    List<Row> predictions =
        spark.read().parquet(work.resolve("evaluation/predictions").toString()).collectAsList();
    assertThat(predictions)
        .hasSize((int) reviews.stream().filter(r -> r.getString(1).equals("test")).count());
    long chars = predictions.stream().mapToLong(r -> r.getLong(r.fieldIndex("chars"))).sum();
    assertThat(chars).isEqualTo(m.getLong(m.fieldIndex("chars"))).isEqualTo(testChars);
    // The report is a classifier's; a next-char run leaves it out.
    assertThat(work.resolve("report")).doesNotExist();
  }

  @Test
  void generateIsReproducibleAndEachStepContinuesTheStateOfThePrefix() {
    CliRun first = generate("--random-seed", "3");
    CliRun again = generate("--random-seed", "3");
    CliRun other = generate("--random-seed", "4", "--top-k", "5", "--temperature", "1.5");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(again.out()).isNotEqualTo(other.out());
    String text = first.out().replaceAll("\\R$", "");
    assertThat(text).startsWith("The film");
    assertThat(text.codePointCount(0, text.length())).isEqualTo("The film".length() + 200);

    // Samples side by side, one per line: the first is the single sample of the same seed, the
    // second the single sample of the next seed.
    CliRun three = generate("--random-seed", "3", "--samples", "3");
    assertThat(three.exitCode()).as(three.err()).isZero();
    List<String> lines = three.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(text);
    assertThat(lines.get(1)).isEqualTo(generate("--random-seed", "4").out().replaceAll("\\R$", ""));
    assertThat(lines).doesNotHaveDuplicates().allMatch(l -> l.startsWith("The film"));

    // rnnTimeStep one character at a time gives the distribution a whole-sequence pass gives.
    MultiLayerNetwork net = bundle().network();
    int[] ids = CharWindows.encode("The film was", bundle().vocabulary());
    float[] all = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      all[i] = ids[i];
    }
    INDArray whole = net.output(Nd4j.create(all, new long[] {1, 1, ids.length}, 'c'));
    net.rnnClearPreviousState();
    INDArray stepped = null;
    for (int id : ids) {
      stepped = net.rnnTimeStep(Nd4j.create(new float[] {id}, new long[] {1, 1, 1}, 'c'));
    }
    INDArray last =
        whole.get(NDArrayIndex.point(0), NDArrayIndex.point(ids.length - 1), NDArrayIndex.all());
    assertThat(stepped.reshape(last.shape()).sub(last).amaxNumber().doubleValue()).isLessThan(1e-5);
    // And the generator samples from exactly that distribution: greedy-like sampling at a tiny
    // temperature picks its most probable character.
    String greedy =
        new TextGenerator(net, bundle().vocabulary(), TextUnits.CHARACTERS)
            .generate("The film was", 1, 1e-4, 0, 1);
    int best = last.argMax().getInt(0);
    assertThat(greedy)
        .isEqualTo(
            "The film was" + bundle().vocabulary().words().get(best - Vocabulary.FIRST_WORD_ID));
  }

  @Test
  void sentimentCommandsRefuseANextCharBundleAndGenerateASentimentOne() {
    String model = work.resolve("model").toString();
    CliRun predict = CliRun.of("predict", "--model", model, "--text", "A fine film.");
    assertThat(predict.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(predict.err())
        .contains(model)
        .contains("trained for next-char")
        .contains("generate");
    assertThat(predict.errIsOneLine()).isTrue();

    Path tiny = TinyBundle.write(dir.resolve("tiny"));
    CliRun generate = CliRun.of("generate", "--model", tiny.toString());
    assertThat(generate.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(generate.err()).contains("trained for classify").contains("next-char or next-word");

    // A sentiment preparation of the same reviews cannot be evaluated with the char model.
    String words = work.resolve("words").toString();
    assertThat(
            CliRun.of("prepare", "--input", work.resolve("reviews").toString(), "--output", words)
                .exitCode())
        .isZero();
    CliRun evaluate =
        CliRun.of(
            "evaluate",
            "--model",
            model,
            "--input",
            words,
            "--output",
            work.resolve("e").toString());
    assertThat(evaluate.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(evaluate.err()).contains("trained for next-char").contains("prepare.task");
    assertThat(work.resolve("e")).doesNotExist();
  }

  @Test
  void badCharacterOptionsAreRefusedByName() {
    String reviews = work.resolve("reviews").toString();
    String out = work.resolve("x").toString();
    assertRefused(
        CliRun.of("prepare", "--input", reviews, "--output", out, "--task", "poems"),
        "prepare.task");
    assertRefused(
        CliRun.of("prepare", "--input", reviews, "--output", out, "--window", "0"),
        "prepare.window");
    assertRefused(
        CliRun.of("prepare", "--input", reviews, "--output", out, "--char-vocab-size", "0"),
        "prepare.char-vocab-size");
    String model = work.resolve("model").toString();
    assertRefused(
        CliRun.of("generate", "--model", model, "--temperature", "0"), "generate.temperature");
    assertRefused(CliRun.of("generate", "--model", model, "--length", "0"), "generate.length");
    assertRefused(CliRun.of("generate", "--model", model, "--top-k", "-1"), "generate.top-k");
    assertRefused(CliRun.of("generate", "--model", model, "--samples", "0"), "generate.samples");
    assertRefused(CliRun.of("generate", "--model", model, "--samples", "1001"), "generate.samples");
    assertRefused(CliRun.of("generate"), "generate.model");
    String prepared = work.resolve("prepared").toString();
    String[] train = {"train", "--input", prepared, "--output", out, "--epochs", "1"};
    assertRefused(
        CliRun.of(with(train, "--cell", "gru", "--bidirectional", "true")), "train.bidirectional");
    assertRefused(CliRun.of(with(train, "--pooling", "mean")), "train.pooling");
    assertRefused(CliRun.of(with(train, "--cell", "lstm-stock")), "train.cell");
    assertRefused(
        CliRun.of(with(train, "--cell", "gru", "--word-vectors", prepared + "/prepare.json")),
        "train.word-vectors");
    assertRefused(CliRun.of(with(train, "--word-dropout", "0.1")), "train.word-dropout");
    assertRefused(CliRun.of(with(train, "--set", "train.ensemble-size=2")), "train.ensemble-size");
    assertThat(Path.of(out)).doesNotExist();
  }

  /** 200 characters after "The film" from the trained bundle, with {@code options}. */
  private CliRun generate(String... options) {
    String[] base = {
      "generate",
      "--model",
      work.resolve("model").toString(),
      "--seed-text",
      "The film",
      "--length",
      "200"
    };
    return CliRun.of(with(base, options));
  }

  private static String[] with(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  private static void assertRefused(CliRun run, String key) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(run.err()).contains(key);
  }
}
