package io.imdbrnn.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.scoring.TextScorer;
import io.imdbrnn.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.cell=cnn}: two stacked convolutions (windows of 4 words) train on a three-topic
 * table through {@code run}, with batches trimmed by length, and every scorer gives a text the same
 * figures: the evaluation on the cluster, the local scorer in batches of any mix of lengths, and
 * {@code predict}.
 */
class ConvolutionRunTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void aConvolutionalClassifierTrainsAndScoresAlikeEverywhere() throws Exception {
    Path csv = MultiClassRunTest.topics(dir.resolve("in/topics.csv"), 60, 11);
    String work = dir.resolve("work").toString();
    MultiClassRunTest.runTopics(
        csv,
        work,
        "train.cell=cnn",
        "train.pooling=max",
        "train.layers=2",
        "train.conv-width=4",
        "train.hidden-size=16",
        "train.learning-rate=0.01",
        "train.epochs=6",
        "train.mask-padding=true",
        "train.bucket-by-length=true");
    Row metrics = spark.read().parquet(work + "/evaluation/metrics").first();
    assertThat(metrics.getDouble(metrics.fieldIndex("accuracy"))).isGreaterThan(0.8);
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), work + "/model");
    assertThat(bundle.manifest().network().cell()).isEqualTo("cnn");

    List<Row> test = MultiClassRunTest.testRows(spark, work, 14);
    List<List<String>> words = MultiClassRunTest.words(test);
    // Batches of 5 and of 1 pad each text to different lengths; the figures must not move.
    double[][] inFives = TextScorer.of(bundle, 5).outputs(words);
    double[][] alone = TextScorer.of(bundle, 1).outputs(words);
    Map<String, List<Double>> evaluated = MultiClassRunTest.evaluatedProbabilities(spark, work);
    for (int i = 0; i < inFives.length; i++) {
      String id = test.get(i).getString(test.get(i).fieldIndex("id"));
      for (int c = 0; c < 3; c++) {
        assertThat(inFives[i][c]).as(id).isCloseTo(alone[i][c], within(1e-5));
        assertThat(evaluated.get(id).get(c)).as(id).isCloseTo(alone[i][c], within(1e-5));
      }
    }
    Map<?, ?> line =
        MultiClassRunTest.predictOne(
            work + "/model", "we saw the chip and the server run the code on a laptop");
    assertThat(line.get("label")).isEqualTo("tech");
  }
}
