package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An input tree is a boundary: links are never followed and special files never opened, on the
 * directory reader as on the archive reader. Names are data: colons, spaces, quotes and duplicates
 * are handled, not crashed on. Failfast stops naming the entry; dropmalformed lists it.
 */
class InputBoundaryTest extends SparkTestBase {
  private static final String SECRET = "root:x:0:0:secret-line-from-outside";

  @TempDir Path dir;

  /** {@code ingest} on the command line in the given malformed-file mode. */
  private static CliRun ingest(String input, String output, String mode) {
    return CliRun.of(
        "ingest", "--input", input, "--output", output, "--set", "ingest.mode=" + mode);
  }

  private Path tree() {
    return SyntheticReviews.of(2, 9).writeDirectory(dir.resolve("in/aclImdb"));
  }

  private Path outside() throws IOException {
    Path secrets = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(secrets.resolve("passwd"), SECRET);
    SyntheticReviews.of(1, 4).writeDirectory(secrets.resolve("reviews"));
    return secrets;
  }

  private static void mkfifo(Path p) {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
      assertThat(proc.waitFor()).isZero();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  interface Plant {
    /** Adds a hostile entry to the tree and returns its path, for the message. */
    Path into(Path root, Path outside) throws IOException;
  }

  static Stream<Arguments> hostileEntries() {
    return Stream.of(
        Arguments.of(
            "a review file that links out of the tree",
            (Plant)
                (root, out) ->
                    Files.createSymbolicLink(
                        root.resolve("train/pos/31_9.txt"), out.resolve("passwd")),
            "symbolic link"),
        Arguments.of(
            "a link to a review inside the tree",
            (Plant)
                (root, out) ->
                    Files.createSymbolicLink(
                        root.resolve("test/neg/32_2.txt"), root.resolve("train/neg/2_1.txt")),
            "symbolic link"),
        Arguments.of(
            "a dangling link",
            (Plant)
                (root, out) ->
                    Files.createSymbolicLink(
                        root.resolve("test/pos/33_8.txt"), root.resolve("nothing-here")),
            "symbolic link"),
        Arguments.of(
            "a label folder that links out of the tree",
            (Plant)
                (root, out) -> {
                  Path pos = root.resolve("test/pos");
                  try (Stream<Path> files = Files.list(pos)) {
                    for (Path f : files.toList()) {
                      Files.delete(f);
                    }
                  }
                  Files.delete(pos);
                  return Files.createSymbolicLink(pos, out.resolve("reviews/test/pos"));
                },
            "symbolic link"),
        Arguments.of(
            "a named pipe",
            (Plant)
                (root, out) -> {
                  Path fifo = root.resolve("train/neg/34_1.txt");
                  mkfifo(fifo);
                  return fifo;
                },
            "not a regular file"));
  }

  @ParameterizedTest(name = "failfast: {0}")
  @MethodSource("hostileEntries")
  void failfastNamesTheEntryAndWritesNothing(String what, Plant plant, String reason)
      throws IOException {
    Path root = tree();
    Path bad = plant.into(root, outside());
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(120),
            () ->
                CliRun.of("ingest", "--input", root.toString(), "--output", dir + "/out/reviews"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).as(run.err()).isTrue();
    assertThat(run.err()).contains(bad.toString()).contains(reason).contains("nothing was written");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }

  @ParameterizedTest(name = "dropmalformed: {0}")
  @MethodSource("hostileEntries")
  void dropmalformedListsTheEntryAndNeverReadsThroughIt(String what, Plant plant, String reason)
      throws IOException {
    Path root = tree();
    Path bad = plant.into(root, outside());
    String out = dir + "/out/reviews";
    CliRun run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(120), () -> ingest(root.toString(), out, "dropmalformed"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Row> rejected =
        spark.read().parquet(out + "/" + ReviewsDataset.REJECTED_DIR).collectAsList();
    assertThat(rejected)
        .anySatisfy(
            r -> {
              assertThat(r.getString(0)).endsWith(bad.toString());
              assertThat(r.getString(1)).contains(reason);
            });
    List<String> texts =
        ReviewsDataset.read(spark, out)
            .select("text")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(texts).noneMatch(t -> t.contains(SECRET));
    assertThat(texts).hasSize(8 - (what.contains("label folder") ? 2 : 0));
  }

  @Test
  void oddCharactersInNamesAreData() throws IOException {
    // A root whose name holds a colon, spaces and quotes, and a file name with a colon.
    Path root =
        SyntheticReviews.of(1, 2).writeDirectory(dir.resolve("in/odd: \"name\" 'x'/aclImdb"));
    Files.writeString(root.resolve("train/pos/7_8:copy.txt"), "A colon in the name.");
    String out = dir + "/out/reviews";
    CliRun run = ingest(root.toString(), out, "dropmalformed");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(ReviewsDataset.read(spark, out).count()).isEqualTo(4);
    List<Row> rejected =
        spark.read().parquet(out + "/" + ReviewsDataset.REJECTED_DIR).collectAsList();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getString(0)).endsWith("7_8:copy.txt");
    assertThat(rejected.get(0).getString(1)).contains("does not match <id>_<rating>.txt");
  }

  @Test
  void anArchiveEntryTwiceIsADuplicateNotTwoReviews() throws IOException {
    SyntheticReviews reviews = SyntheticReviews.of(2, 6);
    TarGzBuilder builder = new TarGzBuilder().dataset("aclImdb/", reviews);
    builder.file("aclImdb/train/pos/0_9.txt", "The same entry again, with other words.");
    builder.file("aclImdb/train/pos/0_9.txt", "And a third time.");
    Path archive = builder.write(dir.resolve("dup.tar.gz"));

    Map<String, String> before = FileTree.snapshot(dir);
    CliRun failfast =
        CliRun.of("ingest", "--input", archive.toString(), "--output", dir + "/out/a");
    assertThat(failfast.exitCode()).as(failfast.err()).isEqualTo(2);
    assertThat(failfast.err()).contains("train/pos/0_9").contains("duplicate entry");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);

    CliRun drop = ingest(archive.toString(), dir + "/out/b", "dropmalformed");
    assertThat(drop.exitCode()).as(drop.err()).isZero();
    List<Row> ids = ReviewsDataset.read(spark, dir + "/out/b").select("id").collectAsList();
    assertThat(ids).hasSize(reviews.size() - 1);
    assertThat(ids.stream().map(r -> r.getString(0))).doesNotHaveDuplicates();
    assertThat(spark.read().parquet(dir + "/out/b/" + ReviewsDataset.REJECTED_DIR).count())
        .isEqualTo(3);
  }

  static Stream<Arguments> brokenArchives() {
    return Stream.of(
        Arguments.of("truncated mid-entry", (Consumer<Path>) a -> truncate(a, 0.5)),
        Arguments.of("cut to its first tenth", (Consumer<Path>) a -> truncate(a, 0.1)),
        Arguments.of(
            "garbage after the gzip header",
            (Consumer<Path>)
                a -> {
                  try {
                    byte[] b = Files.readAllBytes(a);
                    for (int i = 20; i < b.length; i += 7) {
                      b[i] ^= 0x5a;
                    }
                    Files.write(a, b);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }));
  }

  private static void truncate(Path archive, double keep) {
    try {
      byte[] b = Files.readAllBytes(archive);
      Files.write(archive, java.util.Arrays.copyOf(b, (int) (b.length * keep)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenArchives")
  void aBrokenArchiveStopsEveryModeWithOneLine(String what, Consumer<Path> damage)
      throws IOException {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(30, 1))
            .write(dir.resolve("broken.tar.gz"));
    damage.accept(archive);
    Map<String, String> before = FileTree.snapshot(dir);
    for (String mode : List.of("failfast", "dropmalformed")) {
      CliRun run = ingest(archive.toString(), dir + "/out/" + mode, mode);
      assertThat(run.exitCode()).as(mode + ": " + run.err()).isEqualTo(2);
      assertThat(run.errIsOneLine()).as(run.err()).isTrue();
      assertThat(run.err()).contains(archive.toString()).contains("truncated or corrupt");
      assertThat(FileTree.snapshot(dir)).isEqualTo(before);
    }
  }

  @Test
  void aDatasetRootThatIsALinkIsNotFollowed() throws IOException {
    Path elsewhere = SyntheticReviews.of(1, 5).writeDirectory(dir.resolve("elsewhere/aclImdb"));
    Path parent = Files.createDirectories(dir.resolve("parent"));
    Files.createSymbolicLink(parent.resolve("aclImdb"), elsewhere);
    CliRun run = CliRun.of("ingest", "--input", parent.toString(), "--output", dir + "/out");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("is a symbolic link, which is not followed");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
