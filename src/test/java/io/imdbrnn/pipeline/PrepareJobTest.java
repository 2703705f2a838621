package io.imdbrnn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.testing.DataFrames;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.text.ReviewTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareJobTest extends SparkTestBase {
  @TempDir Path dir;

  private String writeReviews(List<Row> rows) {
    String path = dir.resolve("reviews").toString();
    spark.createDataFrame(rows, ReviewsDataset.SCHEMA).write().parquet(path);
    return path;
  }

  private PrepareResult prepare(String input, int vocabSize, int maxLen) {
    return new PrepareJob(
            spark,
            PrepareSettings.words(
                input, dir.resolve("prepared").toString(), vocabSize, maxLen, false))
        .execute();
  }

  private static Row review(String id, String split, int label, String text) {
    return RowFactory.create(id, split, label == 1 ? "pos" : "neg", label == 1 ? 8 : 2, text);
  }

  @Test
  void vocabularyIsFittedOnTrainOnlyWithTiesBrokenByWord() {
    String input =
        writeReviews(
            List.of(
                review("train/pos/0_8", "train", 1, "Good good GOOD film.<br />Banana"),
                review("train/neg/1_2", "train", 0, "Bad film, apple"),
                review("test/pos/2_8", "test", 1, "zebra zebra zebra zebra good")));

    // 6 ids = 3 reserved + 3 words: good (3), film (2), then the tie apple/bad/banana (1 each)
    // broken
    // alphabetically. zebra is the most frequent word overall but appears only in test.
    prepare(input, 6, 4);

    Dataset<Row> vocabulary = VocabularyDataset.read(spark, dir.resolve("prepared").toString());
    DataFrames.assertSameRows(
        spark.createDataFrame(
            List.of(
                RowFactory.create(0, "<pad>", 0L),
                RowFactory.create(1, "<start>", 0L),
                RowFactory.create(2, "<oov>", 0L),
                RowFactory.create(3, "good", 3L),
                RowFactory.create(4, "film", 2L),
                RowFactory.create(5, "apple", 1L)),
            VocabularyDataset.SCHEMA),
        vocabulary);
  }

  @Test
  void sequencesArePrePaddedAndPreTruncatedWithLengths() {
    String input =
        writeReviews(
            List.of(
                review("train/pos/0_8", "train", 1, "good film good film good"),
                review("train/neg/1_2", "train", 0, "bad"),
                review("test/neg/2_2", "test", 0, "?!"),
                review("test/pos/3_8", "test", 1, "unknownword good")));

    PrepareResult result = prepare(input, 10, 4);

    // ids: good=3 (3x), film=4 (2x), bad=5; [start, good, film, good, film, good] keeps its last 4
    Dataset<Row> tokens = TokenizedDataset.read(spark, dir.resolve("prepared").toString());
    DataFrames.assertSameRows(
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "train/pos/0_8", "train", 1, Arrays.asList(4, 3, 4, 3).toArray(), 6),
                RowFactory.create(
                    "train/neg/1_2", "train", 0, Arrays.asList(0, 0, 1, 5).toArray(), 2),
                RowFactory.create(
                    "test/neg/2_2", "test", 0, Arrays.asList(0, 0, 0, 1).toArray(), 1),
                RowFactory.create(
                    "test/pos/3_8", "test", 1, Arrays.asList(0, 1, 2, 3).toArray(), 3)),
            TokenizedDataset.SCHEMA),
        tokens);
    PreparedManifest manifest =
        PreparedManifest.read(spark.sparkContext().hadoopConfiguration(), result.output());
    assertThat(manifest.vocabSize()).isEqualTo(6);
    assertThat(manifest.requestedVocabSize()).isEqualTo(10);
    assertThat(manifest.maxLen()).isEqualTo(4);
    assertThat(manifest.tokenizer()).isEqualTo(ReviewTokenizer.VERSION);
    assertThat(manifest.rows()).containsEntry("train", 2L).containsEntry("test", 2L);
  }

  @Test
  void inputWithTheWrongSchemaIsRefusedByName() {
    String path = dir.resolve("wrong").toString();
    spark
        .createDataFrame(
            List.of(RowFactory.create("x", true)),
            new org.apache.spark.sql.types.StructType().add("id", "string").add("label", "boolean"))
        .write()
        .parquet(path);
    assertThatThrownBy(() -> prepare(path, 10, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Reviews dataset at "
                + path
                + " does not have the expected schema: missing column split string; "
                + "column label is boolean, expected string; missing column rating int; missing column text"
                + " string");
    assertThat(dir.resolve("prepared")).doesNotExist();
  }

  @Test
  void datasetWithoutTrainReviewsIsRefused() {
    String input = writeReviews(List.of(review("test/pos/0_8", "test", 1, "good")));
    assertThatThrownBy(() -> prepare(input, 10, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Reviews dataset " + input + " holds no train texts");
    assertThat(dir.resolve("prepared")).doesNotExist();
  }

  @Test
  void inputThatIsNotParquetIsRefusedByName() throws java.io.IOException {
    Path notParquet = java.nio.file.Files.createDirectories(dir.resolve("texts"));
    java.nio.file.Files.writeString(notParquet.resolve("0_9.txt"), "a review, not a dataset");
    assertThatThrownBy(() -> prepare(notParquet.toString(), 10, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Reviews dataset " + notParquet + " is not a readable Parquet dataset");
    assertThat(dir.resolve("prepared")).doesNotExist();
  }

  @Test
  void missingInputIsNamed() {
    String missing = dir.resolve("nothing").toString();
    assertThatThrownBy(() -> prepare(missing, 10, 4))
        .hasMessage("Reviews dataset " + missing + " does not exist.");
  }
}
