package io.imdbrnn.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.testing.DataFrames;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest extends SparkTestBase {
  @TempDir Path dir;

  private IngestResult ingest(Path input, MalformedMode mode, boolean overwrite) {
    return new IngestJob(
            spark,
            io.imdbrnn.testing.IngestSettingsFor.of(
                input.toString(), out().toString(), mode, 1000, 2, overwrite))
        .execute();
  }

  private Path out() {
    return dir.resolve("out/reviews");
  }

  /** Everything in the output's parent: no temporary or half-written directories may remain. */
  private List<String> outputParent() throws IOException {
    Path parent = out().getParent();
    if (!Files.exists(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private Dataset<Row> expectedRows(SyntheticReviews reviews) {
    List<Row> rows = new ArrayList<>();
    reviews
        .files()
        .forEach(
            (path, text) -> {
              String[] p = path.split("/");
              String name = p[2].substring(0, p[2].length() - 4);
              int rating = Integer.parseInt(name.split("_")[1]);
              rows.add(
                  RowFactory.create(
                      path.substring(0, path.length() - 4), p[0], p[1], rating, text));
            });
    return spark.createDataFrame(rows, ReviewsDataset.SCHEMA);
  }

  @Test
  void directoryInputBecomesTheReviewsDataset() {
    SyntheticReviews reviews = SyntheticReviews.of(5, 1);
    Path root = reviews.writeDirectory(dir.resolve("download/aclImdb"));
    SyntheticReviews.writeFile(
        root.resolve("train/unsup/99_0.txt"), "unlabeled".getBytes(StandardCharsets.UTF_8));
    SyntheticReviews.writeFile(
        root.resolve("imdb.vocab"), "the\n".getBytes(StandardCharsets.UTF_8));

    // The parent of aclImdb/ is accepted too, as users often name the download folder.
    IngestResult result = ingest(dir.resolve("download"), MalformedMode.FAILFAST, false);

    assertThat(result.counts())
        .isEqualTo(Map.of("train/pos", 5L, "train/neg", 5L, "test/pos", 5L, "test/neg", 5L));
    Dataset<Row> written = ReviewsDataset.read(spark, out().toString());
    DataFrames.assertSameRows(expectedRows(reviews), written);
    assertThat(written.schema().fieldNames())
        .containsExactly("id", "split", "label", "rating", "text");
  }

  @Test
  void archiveInputGivesTheSameDatasetAndIgnoresUnlabeledEntries() {
    SyntheticReviews reviews = SyntheticReviews.of(4, 2);
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", reviews)
            .file("aclImdb/train/unsup/1_0.txt", "unlabeled")
            .file("aclImdb/train/urls_pos.txt", "http://example.invalid")
            .write(dir.resolve("a.tar.gz"));

    IngestResult result = ingest(archive, MalformedMode.FAILFAST, false);

    assertThat(result.reviews()).isEqualTo(16);
    assertThat(result.ignoredEntries()).isEqualTo(2);
    DataFrames.assertSameRows(expectedRows(reviews), ReviewsDataset.read(spark, out().toString()));
  }

  @Test
  void failfastNamesTheFirstMalformedFileAndWritesNothing() throws IOException {
    Path root = SyntheticReviews.of(2, 3).writeDirectory(dir.resolve("aclImdb"));
    SyntheticReviews.writeFile(
        root.resolve("train/pos/50_9.txt"), "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    SyntheticReviews.writeFile(
        root.resolve("train/neg/51_2.txt"), "   ".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ingest(root, MalformedMode.FAILFAST, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Malformed text file:"
                + root
                + "/train/neg/51_2.txt: empty or only whitespace. "
                + "2 malformed in total; nothing was written.")
        .hasMessageContaining("ingest.mode=dropmalformed");
    assertThat(outputParent()).isEmpty();
  }

  @Test
  void dropmalformedSkipsAndRecordsEveryRejectedFile() {
    SyntheticReviews reviews = SyntheticReviews.of(2, 4);
    Path root = reviews.writeDirectory(dir.resolve("aclImdb"));
    SyntheticReviews.writeFile(root.resolve("train/pos/60_9.txt"), new byte[] {'a', 0, 'b'});
    SyntheticReviews.writeFile(
        root.resolve("train/pos/61_3.txt"),
        "rating says negative".getBytes(StandardCharsets.UTF_8));
    SyntheticReviews.writeFile(
        root.resolve("test/neg/no_rating.txt"), "name".getBytes(StandardCharsets.UTF_8));
    SyntheticReviews.writeFile(
        root.resolve("test/neg/62_1.txt"), "x".repeat(1001).getBytes(StandardCharsets.UTF_8));

    IngestResult result = ingest(root, MalformedMode.DROPMALFORMED, false);

    assertThat(result.rejected()).isEqualTo(4);
    DataFrames.assertSameRows(expectedRows(reviews), ReviewsDataset.read(spark, out().toString()));
    Dataset<Row> rejected = spark.read().parquet(out() + "/" + ReviewsDataset.REJECTED_DIR);
    List<Row> expected =
        List.of(
            RowFactory.create(
                "file:" + root + "/test/neg/62_1.txt",
                "text is 1001 bytes, over the limit of 1000 bytes (ingest.max-review-bytes)"),
            RowFactory.create(
                "file:" + root + "/test/neg/no_rating.txt",
                "file name 'no_rating.txt' does not match <id>_<rating>.txt"),
            RowFactory.create(
                "file:" + root + "/train/pos/60_9.txt", "binary content (NUL byte at offset 1)"),
            RowFactory.create(
                "file:" + root + "/train/pos/61_3.txt",
                "rating 3 does not fit the pos folder (pos reviews are rated 7-10)"));
    DataFrames.assertSameRows(
        spark.createDataFrame(expected, ReviewsDataset.REJECTED_SCHEMA), rejected);
  }

  @Test
  void existingOutputIsKeptWithoutOverwriteAndReplacedWithIt() {
    Path first = SyntheticReviews.of(1, 5).writeDirectory(dir.resolve("one"));
    Path second = SyntheticReviews.of(3, 6).writeDirectory(dir.resolve("two"));
    ingest(first, MalformedMode.FAILFAST, false);

    assertThatThrownBy(() -> ingest(second, MalformedMode.FAILFAST, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(ingest.output) already exists. Pass --overwrite to replace it");
    assertThat(ReviewsDataset.read(spark, out().toString()).count()).isEqualTo(4);

    ingest(second, MalformedMode.FAILFAST, true);
    assertThat(ReviewsDataset.read(spark, out().toString()).count()).isEqualTo(12);
  }

  @Test
  void truncatedArchiveFailsWithAClearErrorAndNoOutput() throws IOException {
    TarGzBuilder builder = new TarGzBuilder().dataset("aclImdb/", SyntheticReviews.of(60, 7));
    Path whole = builder.write(dir.resolve("whole.tar.gz"));
    Path cut =
        TarGzBuilder.truncate(whole, dir.resolve("cut.tar.gz"), (int) (Files.size(whole) * 2 / 3));

    assertThatThrownBy(() -> ingest(cut, MalformedMode.DROPMALFORMED, false))
        .satisfies(
            e ->
                assertThat(userMessage(e))
                    .startsWith(
                        "Archive " + cut + " is truncated or corrupt (last good entry: aclImdb/")
                    .endsWith("unexpected end of data (EOFException). Nothing was written."));
    assertThat(outputParent()).isEmpty();
  }

  @Test
  void unsafeArchiveEntryStopsAFailfastRun() throws IOException {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(1, 8))
            .symlink("aclImdb/train/pos/77_9.txt", "/etc/passwd")
            .write(dir.resolve("evil.tar.gz"));
    assertThatThrownBy(() -> ingest(archive, MalformedMode.FAILFAST, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Malformed text "
                + archive
                + "!aclImdb/train/pos/77_9.txt: "
                + "unsafe archive entry: symbolic link to /etc/passwd.");
    assertThat(outputParent()).isEmpty();
  }

  @Test
  void missingInputAndNonAclImdbDirectoryAreNamed() throws IOException {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> ingest(missing, MalformedMode.FAILFAST, false))
        .hasMessage("Input " + missing + " (ingest.input) does not exist.");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> ingest(dir.resolve("empty"), MalformedMode.FAILFAST, false))
        .hasMessageContaining("has no class folders")
        .hasMessageContaining("the aclImdb layout (train/ or test/ holding pos/ and neg/)");
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> ingest(text, MalformedMode.FAILFAST, false))
        .hasMessageContaining("Cannot tell the format of input " + text)
        .hasMessageContaining("ingest.format");
    assertThat(outputParent()).isEmpty();
  }

  private static String userMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException) {
        return t.getMessage();
      }
    }
    return String.valueOf(e);
  }
}
