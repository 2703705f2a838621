package io.imdbrnn.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdbrnn.bundle.BundleManifest;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.scoring.TextScorer;
import io.imdbrnn.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.ensemble-size}: a three-topic table through {@code run} with an ensemble of three;
 * the bundle holds each member, scores with their mean everywhere (evaluate, predict, the local
 * scorer), and a bundle whose members do not add up is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleRunTest extends SparkTestBase {
  @TempDir static Path dir;

  private String work;
  private ModelBundle bundle;

  @BeforeAll
  void runAnEnsembleOfThree() throws Exception {
    Path csv = MultiClassRunTest.topics(dir.resolve("in/topics.csv"), 40, 9);
    work = dir.resolve("work").toString();
    MultiClassRunTest.runTopics(csv, work, "train.ensemble-size=3", "train.seed=7");
    bundle = ModelBundle.load(spark.sparkContext().hadoopConfiguration(), work + "/model");
  }

  @Test
  void theBundleHoldsEachMemberWithItsOwnSeedAndHistory() {
    assertThat(bundle.ensemble().size()).isEqualTo(3);
    assertThat(Path.of(work, "model", "model-2.zip")).isRegularFile();
    assertThat(Path.of(work, "model", "model-3.zip")).isRegularFile();
    BundleManifest manifest = bundle.manifest();
    assertThat(manifest.formatVersion()).isEqualTo(BundleManifest.ENSEMBLE_FORMAT_VERSION);
    List<Long> seeds = manifest.members().stream().map(BundleManifest.Member::seed).toList();
    assertThat(seeds.get(0)).isEqualTo(7L);
    assertThat(seeds).doesNotHaveDuplicates();
    // The members start apart: their parameters differ.
    assertThat(bundle.ensemble().members().get(1).params())
        .isNotEqualTo(bundle.ensemble().members().get(0).params());
    assertThat(manifest.network().parameters())
        .isEqualTo(3 * bundle.ensemble().first().numParams());
    assertThat(manifest.validation()).containsKeys("loss", "accuracy");
    List<Row> history = spark.read().parquet(HistoryDataset.path(work + "/model")).collectAsList();
    assertThat(history.stream().map(r -> r.getInt(r.fieldIndex("member"))).distinct())
        .containsExactlyInAnyOrder(1, 2, 3);
    // The run's checkpoints, the members' included, are gone once the bundle is written.
    assertThat(Path.of(work, "model.checkpoints")).doesNotExist();
  }

  @Test
  void everyScorerUsesTheMeanOfTheMembers() throws Exception {
    List<Row> test = MultiClassRunTest.testRows(spark, work, 12);
    List<List<String>> words = MultiClassRunTest.words(test);
    double[][] whole = TextScorer.of(bundle, 5).outputs(words);
    double[][] sum = new double[whole.length][3];
    for (var member : bundle.ensemble().members()) {
      double[][] alone =
          new TextScorer(
                  Ensemble.of(member),
                  bundle.vocabulary(),
                  bundle.prepared().maxLen(),
                  1,
                  5,
                  bundle.maskPadding())
              .outputs(words);
      for (int i = 0; i < alone.length; i++) {
        for (int c = 0; c < 3; c++) {
          sum[i][c] += alone[i][c] / 3;
        }
      }
    }
    Map<String, List<Double>> evaluated = MultiClassRunTest.evaluatedProbabilities(spark, work);
    for (int i = 0; i < whole.length; i++) {
      String id = test.get(i).getString(test.get(i).fieldIndex("id"));
      for (int c = 0; c < 3; c++) {
        assertThat(whole[i][c]).as(id).isCloseTo(sum[i][c], within(1e-5));
        assertThat(evaluated.get(id).get(c)).as(id).isCloseTo(whole[i][c], within(1e-5));
      }
    }
    Map<?, ?> line =
        MultiClassRunTest.predictOne(
            work + "/model", test.get(0).getString(test.get(0).fieldIndex("text")));
    List<Double> shown =
        ((Map<?, ?>) line.get("probabilities"))
            .values().stream().map(v -> ((Number) v).doubleValue()).sorted().toList();
    List<Double> expected = java.util.Arrays.stream(whole[0]).sorted().boxed().toList();
    for (int c = 0; c < 3; c++) {
      assertThat(shown.get(c)).isCloseTo(expected.get(c), within(1e-4));
    }
  }

  @Test
  void membersWithTheirOwnValidationRowsReportTheirMeanAndScoreAsOne() throws Exception {
    Path csv = MultiClassRunTest.topics(dir.resolve("in/own.csv"), 40, 10);
    String own = dir.resolve("own").toString();
    MultiClassRunTest.runTopics(
        csv, own, "train.ensemble-size=2", "train.ensemble-own-validation=true");
    ModelBundle two = ModelBundle.load(spark.sparkContext().hadoopConfiguration(), own + "/model");
    assertThat(two.ensemble().size()).isEqualTo(2);
    // No text is held out from both members, so the ensemble reports the mean of theirs (the loss
    // of their mean probabilities on shared rows would be lower: the members differ).
    for (String figure : List.of("loss", "accuracy")) {
      double mean =
          two.manifest().members().stream()
              .mapToDouble(m -> m.validation().get(figure))
              .average()
              .orElseThrow();
      assertThat(two.manifest().validation().get(figure)).as(figure).isCloseTo(mean, within(1e-12));
    }
    assertThat(two.manifest().provenance().settings())
        .containsEntry("train.ensemble-own-validation", true);
    assertThat(spark.read().parquet(own + "/evaluation/predictions").count())
        .isEqualTo(spark.read().parquet(own + "/reviews").filter("split = 'test'").count());
  }

  @Test
  void aBundleWhoseMembersDoNotAddUpIsRefusedByName() throws Exception {
    assertRefused(
        "missing", b -> b.resolve("model-3.zip").toFile().delete(), "model-3.zip is missing");
    assertRefused(
        "one",
        b -> editMembers(b, members -> members.remove(2)),
        "holds model-3.zip, which manifest.json does not list");
    assertRefused(
        "lonely",
        b ->
            editMembers(
                b,
                members -> {
                  members.remove(2);
                  members.remove(1);
                }),
        "2 to 16 members, it lists 1");
    assertRefused(
        "many",
        b ->
            editMembers(
                b,
                members -> {
                  for (int i = 0; i < 15; i++) {
                    members.add(members.get(0).deepCopy());
                  }
                }),
        "it lists 18");
    assertRefused(
        "empty-entry",
        b -> editMembers(b, members -> members.set(1, members.nullNode())),
        "an empty entry");
  }

  private static void editMembers(Path bundleDir, Consumer<ArrayNode> edit) {
    try {
      Path file = bundleDir.resolve(ModelBundle.MANIFEST);
      ObjectNode tree = (ObjectNode) JsonFiles.MAPPER.readTree(file.toFile());
      edit.accept((ArrayNode) tree.get("members"));
      Files.delete(file);
      Files.deleteIfExists(bundleDir.resolve("." + ModelBundle.MANIFEST + ".crc"));
      JsonFiles.MAPPER.writeValue(file.toFile(), tree);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertRefused(String name, Consumer<Path> tamper, String message) throws Exception {
    Path copy = dir.resolve("tampered-" + name);
    io.imdbrnn.testing.FileTree.copy(Path.of(work, "model"), copy);
    tamper.accept(copy);
    assertThatThrownBy(
            () -> ModelBundle.load(spark.sparkContext().hadoopConfiguration(), copy.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining(message);
  }
}
