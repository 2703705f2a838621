package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.fs.OutputMarker;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code --overwrite} and {@code --checkpoint-dir} will never delete: a directory this program
 * did not write, another stage's output, an input, the working directory, a filesystem root, under
 * any spelling of the path. Each refusal is exit 2 with one line naming the path, before any work;
 * the tree around it is unchanged and no temporary directory is left.
 */
class OutputSafetyTest extends SparkTestBase {
  @TempDir Path dir;
  private Path archive;

  @BeforeEach
  void userFiles() throws IOException {
    archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(3, 5))
            .write(dir.resolve("in.tar.gz"));
    // Somebody's work that happens to sit where an output is asked for.
    Files.createDirectories(dir.resolve("project/src"));
    Files.writeString(dir.resolve("project/src/Main.java"), "class Main {}");
    Files.writeString(dir.resolve("project/README"), "my notes");
    Files.createSymbolicLink(dir.resolve("project-link"), dir.resolve("project"));
    SyntheticReviews.of(2, 3).writeDirectory(dir.resolve("reviews-dir/aclImdb"));
  }

  static Stream<Arguments> refusedIngestOutputs() {
    return Stream.of(
        Arguments.of("a foreign directory", out(d -> d.resolve("project")), "not written by"),
        Arguments.of(
            "a foreign directory through a link",
            out(d -> d.resolve("project-link")),
            "not written by"),
        Arguments.of(
            "a foreign directory with a trailing slash",
            out(d -> d.resolve("project") + "/"),
            "not written by"),
        Arguments.of(
            "a foreign directory spelt with ..",
            out(d -> d.resolve("project/src/..")),
            "not written by"),
        Arguments.of("the input's parent", out(d -> d), "overlaps input"),
        Arguments.of("the input itself", out(d -> d.resolve("in.tar.gz")), "overlaps input"),
        Arguments.of("a filesystem root", out(d -> "/"), "root of a filesystem"),
        Arguments.of("the working directory", out(d -> "."), "working directory"),
        Arguments.of("a parent of the working directory", out(d -> ".."), "working directory"),
        Arguments.of(
            "the working directory spelt absolutely",
            out(d -> Path.of("").toAbsolutePath() + "/./"),
            "working directory"));
  }

  private static Function<Path, String> out(Function<Path, Object> f) {
    return d -> f.apply(d).toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedIngestOutputs")
  void overwriteNeverReplacesWhatThisProgramDidNotWrite(
      String what, Function<Path, String> output, String reason) throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> before = FileTree.snapshot(dir);
    List<String> cwdBefore = FileTree.names(cwd);
    List<String> parentBefore = FileTree.names(cwd.getParent());

    CliRun run =
        CliRun.of(
            "ingest", "--input", archive.toString(), "--output", output.apply(dir), "--overwrite");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).as(run.err()).isTrue();
    assertThat(run.err()).contains("ingest.output").contains(reason);
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
    assertThat(FileTree.names(cwd)).isEqualTo(cwdBefore);
    assertThat(FileTree.names(cwd.getParent())).isEqualTo(parentBefore);
  }

  @Test
  void outputInsideADirectoryInputIsRefused() throws IOException {
    Path input = dir.resolve("reviews-dir");
    for (String output :
        List.of(
            input.resolve("aclImdb/out").toString(),
            dir.resolve("reviews-dir/../reviews-dir/aclImdb/train").toString())) {
      Map<String, String> before = FileTree.snapshot(dir);
      CliRun run = CliRun.of("ingest", "--input", input.toString(), "--output", output);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains("overlaps input");
      assertThat(FileTree.snapshot(dir)).isEqualTo(before);
    }
  }

  @Test
  void anotherStagesOutputIsNotReplacedButThisStagesOwnIs() throws IOException {
    String reviews = dir.resolve("work/reviews").toString();
    String prepared = dir.resolve("work/prepared").toString();
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews).exitCode())
        .isZero();
    assertThat(Path.of(reviews, OutputMarker.FILE)).exists();
    assertThat(CliRun.of("prepare", "--input", reviews, "--output", prepared).exitCode()).isZero();
    Map<String, String> before = FileTree.snapshot(dir);

    CliRun wrongStage =
        CliRun.of("ingest", "--input", archive.toString(), "--output", prepared, "--overwrite");
    assertThat(wrongStage.exitCode()).isEqualTo(2);
    assertThat(wrongStage.err()).contains("holds the output of prepare, not of ingest");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);

    CliRun again =
        CliRun.of("ingest", "--input", archive.toString(), "--output", reviews, "--overwrite");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(FileTree.names(dir.resolve("work"))).containsExactly("prepared", "reviews");
  }

  @Test
  void anEmptyDirectoryMayBeReplaced() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun run =
        CliRun.of(
            "ingest", "--input", archive.toString(), "--output", empty.toString(), "--overwrite");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(empty.resolve(OutputMarker.FILE)).exists();
  }

  @Test
  void checkpointsNeverGoWhereTheyCouldDestroyTheInputOrTheOutput() throws IOException {
    String reviews = dir.resolve("work/reviews").toString();
    String prepared = dir.resolve("work/prepared").toString();
    String model = dir.resolve("work/model").toString();
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews).exitCode())
        .isZero();
    assertThat(
            CliRun.of(
                    "prepare",
                    "--input",
                    reviews,
                    "--output",
                    prepared,
                    "--set",
                    "prepare.max-len=10")
                .exitCode())
        .isZero();
    Map<String, String> before = FileTree.snapshot(dir);
    for (String checkpoints :
        List.of(
            prepared,
            prepared + "/tokens",
            dir.resolve("work/prepared/../prepared/").toString(),
            dir.resolve("work").toString(),
            model,
            model + "/cp")) {
      CliRun run =
          CliRun.of(
              "train",
              "--input",
              prepared,
              "--output",
              model,
              "--set",
              "train.checkpoint-dir=" + checkpoints);
      assertThat(run.exitCode()).as(checkpoints + ": " + run.err()).isEqualTo(2);
      assertThat(run.errIsOneLine()).isTrue();
      assertThat(run.err()).contains("(train.checkpoint-dir) overlaps");
      assertThat(FileTree.snapshot(dir)).isEqualTo(before);
    }
  }

  @Test
  void evaluationAndPredictionsStayOutOfTheModelBundle() throws IOException {
    Path model = io.imdbrnn.testing.TinyBundle.write(dir.resolve("model"));
    String texts = dir.resolve("texts.parquet").toString();
    spark.range(1).selectExpr("'great film' as text").write().parquet(texts);
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun evaluate =
        CliRun.of(
            "evaluate",
            "--model",
            model.toString(),
            "--input",
            dir.resolve("prepared").toString(),
            "--output",
            model.resolve("evaluation").toString());
    assertThat(evaluate.exitCode()).as(evaluate.err()).isEqualTo(2);
    assertThat(evaluate.err()).contains("overlaps input").contains("(evaluate.model)");
    CliRun predict =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            texts,
            "--output",
            model.toString(),
            "--overwrite");
    assertThat(predict.exitCode()).as(predict.err()).isEqualTo(2);
    assertThat(predict.err()).contains("overlaps input").contains("(predict.model)");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }
}
