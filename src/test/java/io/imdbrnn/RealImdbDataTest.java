package io.imdbrnn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.ingest.IngestResult;
import io.imdbrnn.pipeline.PrepareJob;
import io.imdbrnn.pipeline.PrepareResult;
import io.imdbrnn.testing.SharedData;
import io.imdbrnn.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest and prepare on the real 50,000 labeled IMDB reviews from ../shared/data. */
class RealImdbDataTest extends SparkTestBase {
  @TempDir static Path dir;

  @Test
  void ingestAndPrepareTheFullLabeledDataset() {
    String reviewsPath = dir.resolve("reviews").toString();
    IngestResult ingested =
        new IngestJob(
                spark,
                io.imdbrnn.testing.IngestSettingsFor.of(
                    SharedData.labeledArchive().toString(),
                    reviewsPath,
                    MalformedMode.FAILFAST,
                    1_048_576,
                    0,
                    false))
            .execute();

    assertThat(ingested.counts())
        .isEqualTo(
            Map.of(
                "train/pos",
                12_500L,
                "train/neg",
                12_500L,
                "test/pos",
                12_500L,
                "test/neg",
                12_500L));
    assertThat(ingested.rejected()).isZero();

    Dataset<Row> reviews = ReviewsDataset.read(spark, reviewsPath);
    Row stats = reviews.agg(count("*"), countDistinct(col("id"))).first();
    assertThat(stats.getLong(0)).isEqualTo(50_000);
    assertThat(stats.getLong(1)).isEqualTo(50_000);
    List<Row> ratings =
        reviews.groupBy("label").agg(min("rating"), max("rating")).orderBy("label").collectAsList();
    assertThat(ratings.get(0).getString(0)).isEqualTo("neg");
    assertThat(ratings.get(0).getInt(1)).isEqualTo(1);
    assertThat(ratings.get(0).getInt(2)).isEqualTo(4);
    assertThat(ratings.get(1).getString(0)).isEqualTo("pos");
    assertThat(ratings.get(1).getInt(1)).isEqualTo(7);
    assertThat(ratings.get(1).getInt(2)).isEqualTo(10);

    String preparedPath = dir.resolve("prepared").toString();
    PrepareResult prepared =
        new PrepareJob(spark, PrepareSettings.words(reviewsPath, preparedPath, 10_000, 500, false))
            .execute();

    assertThat(prepared.manifest().vocabSize()).isEqualTo(10_000);
    // IMDB's classes keep the numbering the binary classifier always had: neg 0, pos 1.
    assertThat(prepared.manifest().labels()).containsExactly("neg", "pos");
    Dataset<Row> vocabulary = VocabularyDataset.read(spark, preparedPath);
    Row ids = vocabulary.agg(count("*"), min("id"), max("id"), countDistinct(col("word"))).first();
    assertThat(ids.getLong(0)).isEqualTo(10_000);
    assertThat(ids.getInt(1)).isZero();
    assertThat(ids.getInt(2)).isEqualTo(9_999);
    assertThat(ids.getLong(3)).isEqualTo(10_000);
    List<Row> byId = vocabulary.filter(col("id").geq(3)).orderBy("id").collectAsList();
    for (int i = 1; i < byId.size(); i++) {
      assertThat(byId.get(i).getLong(2))
          .as("counts fall with id")
          .isLessThanOrEqualTo(byId.get(i - 1).getLong(2));
    }

    Dataset<Row> tokens = TokenizedDataset.read(spark, preparedPath);
    Row shape =
        tokens
            .agg(
                count("*"),
                min(size(col("tokens"))),
                max(size(col("tokens"))),
                min(functions.array_min(col("tokens"))),
                max(functions.array_max(col("tokens"))),
                min("length"))
            .first();
    assertThat(shape.getLong(0)).isEqualTo(50_000);
    assertThat(shape.getInt(1)).isEqualTo(500);
    assertThat(shape.getInt(2)).isEqualTo(500);
    assertThat(shape.getInt(3)).isZero();
    assertThat(shape.getInt(4)).isEqualTo(9_999);
    assertThat(shape.getInt(5)).isGreaterThan(1);
    // A review no longer than max-len keeps its start marker right after the padding.
    long shortWithoutStart =
        tokens
            .filter(col("length").leq(500))
            .filter(
                functions
                    .element_at(col("tokens"), functions.lit(501).minus(col("length")))
                    .notEqual(1))
            .count();
    assertThat(shortWithoutStart).isZero();
  }
}
