package io.imdbrnn.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.fs.OutputMarker;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline command on synthetic reviews: it learns, and reports exactly like evaluate. */
class BaselineJobTest extends SparkTestBase {
  @TempDir Path dir;

  private String ingest(SyntheticReviews reviews) {
    Path archive = new TarGzBuilder().dataset("aclImdb/", reviews).write(dir.resolve("in.tar.gz"));
    String out = dir.resolve("reviews").toString();
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", out).exitCode())
        .isZero();
    return out;
  }

  @Test
  void learnsAndWritesTheEvaluateLayout() {
    String reviews = ingest(SyntheticReviews.of(40, 17));
    String out = dir.resolve("baseline").toString();
    CliRun run =
        CliRun.of("baseline", "--input", reviews, "--output", out, "--num-features", "4096");
    assertThat(run.exitCode()).as(run.err()).isZero();

    Dataset<Row> metrics = spark.read().parquet(EvaluationDatasets.metricsPath(out));
    Dataset<Row> predictions = spark.read().parquet(EvaluationDatasets.predictionsPath(out));
    io.imdbrnn.testing.DataFrames.assertTwoClassMetrics(metrics);
    io.imdbrnn.testing.DataFrames.assertTwoClassPredictions(predictions);
    Row m = metrics.first();
    assertThat(m.<Long>getAs("n")).isEqualTo(80);
    assertThat(m.<Double>getAs("accuracy")).isGreaterThan(0.9);
    assertThat(m.<String>getAs("model_id")).startsWith("baseline-");
    assertThat(predictions.count()).isEqualTo(80);
    assertThat(Path.of(out, BaselineJob.MODEL_DIR, "metadata")).isDirectory();
    assertThat(Path.of(out, OutputMarker.FILE)).exists();
  }

  @Test
  void aDatasetWithoutATestSplitIsBadInput() {
    SyntheticReviews all = SyntheticReviews.of(5, 2);
    SyntheticReviews trainOnly = new SyntheticReviews();
    all.files()
        .forEach(
            (p, t) -> {
              if (p.startsWith("train/")) {
                trainOnly.put(p, t);
              }
            });
    String reviews = ingest(trainOnly);
    CliRun run = CliRun.of("baseline", "--input", reviews, "--output", dir.resolve("b").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("has no test split");
    assertThat(dir.resolve("b")).doesNotExist();
  }

  @Test
  void aTrainSplitOfOneClassIsBadInput() {
    // Ingest refuses such data; a dataset written by another tool reaches the baseline's own check.
    String reviews = dir.resolve("one-class").toString();
    spark
        .createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create("a", "train", "pos", null, "good"),
                org.apache.spark.sql.RowFactory.create("b", "train", "pos", null, "fine"),
                org.apache.spark.sql.RowFactory.create("c", "test", "neg", null, "bad")),
            io.imdbrnn.datasets.ReviewsDataset.SCHEMA)
        .write()
        .parquet(reviews);
    CliRun run = CliRun.of("baseline", "--input", reviews, "--output", dir + "/b");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).isTrue();
    assertThat(run.err()).contains("1 class in its train split [pos]");
    assertThat(dir.resolve("b")).doesNotExist();
  }

  @Test
  void usesTheProjectsTokenizer() {
    Dataset<Row> reviews =
        spark.createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create(
                    "train/pos/1_9", "train", "pos", 9, "Don\u2019t <br />MISS it!")),
            io.imdbrnn.datasets.ReviewsDataset.SCHEMA);
    assertThat(BaselineJob.words(reviews).first().<String>getList(3))
        .containsExactly("don't", "miss", "it");
  }
}
