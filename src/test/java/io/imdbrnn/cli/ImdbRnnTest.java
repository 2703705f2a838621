package io.imdbrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImdbRnnTest extends SparkTestBase {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ImdbRnn.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpShowsEveryOptionWithItsDefault() {
    assertThat(run("prepare", "--help")).isZero();
    assertThat(helpText())
        .contains(
            "--vocab-size=N Ids kept, reserved 0-2 included. Range: 4 to 10000000."
                + " (prepare.vocab-size) Default: 10000")
        .contains("(prepare.max-len) Default: 500")
        .contains("--config=FILE", "--set=KEY=VALUE", "--dry-run")
        .doesNotContain("Default: {}");
    out.getBuffer().setLength(0);
    assertThat(run("ingest", "--help")).isZero();
    assertThat(helpText())
        .contains(
            "--max-review-bytes=N Largest accepted text (a file, or a table cell), in bytes. Range: 1 to"
                + " 67108864.")
        .contains("max-review-bytes) Default: 1048576")
        .contains("--mode=MODE failfast or dropmalformed. (ingest.mode) Default: failfast");
  }

  private String helpText() {
    return out.toString().replaceAll("\\s+", " ");
  }

  @Test
  void optionOutOfRangeExitsWithCodeTwoAndNamesTheSetting() {
    int code = run("prepare", "--input", "a", "--output", "b", "--max-len", "0", "--dry-run");
    assertThat(code).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("prepare: Cannot set prepare.max-len to 0: the value must be from 1 to 100000.");
  }

  @Test
  void theRegistryLockAndExecutorWaitSettingsAreRangeCheckedBeforeAnyWork() {
    int lock =
        run("promote", "--registry", "r", "--set", "promote.lock-wait-seconds=-1", "--dry-run");
    assertThat(lock).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot set promote.lock-wait-seconds to -1: the value must be from 0 to 86400.");
    int stale = run("promote", "--registry", "r", "--set", "promote.lock-stale-seconds=1");
    assertThat(stale).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set promote.lock-stale-seconds to 1");
    int wait =
        run(
            "ingest",
            "--input",
            "a",
            "--output",
            "b",
            "--set",
            "cluster.executor-wait-seconds=0",
            "--dry-run");
    assertThat(wait).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set cluster.executor-wait-seconds to 0: the value must be from 5 to 86400.");
  }

  @Test
  void unparsableOptionIsAUsageError() {
    assertThat(run("prepare", "--max-len", "many")).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Invalid value for option '--max-len': 'many' is not an int");
  }

  @Test
  void unknownSettingIsRefused() {
    assertThat(run("ingest", "--set", "ingest.moed=dropmalformed", "--dry-run"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Unknown setting ingest.moed in command line (did you mean ingest.mode?)");
  }

  @Test
  void configFileIsLayeredUnderOptions() throws IOException {
    Path conf =
        Files.writeString(
            dir.resolve("job.conf"), "prepare { input = \"" + dir + "/missing\", max-len = 0 }\n");
    assertThat(run("prepare", "--config", conf.toString(), "--output", dir + "/o", "--dry-run"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set prepare.max-len to 0");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "prepare",
                "--config",
                conf.toString(),
                "--output",
                dir + "/o",
                "--max-len",
                "7",
                "--dry-run"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Input " + dir + "/missing (prepare.input) does not exist.");
  }

  @Test
  void dryRunChecksPathsAndWritesNothing() {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(1, 1))
            .write(dir.resolve("a.tar.gz"));
    assertThat(
            run("ingest", "--input", archive.toString(), "--output", dir + "/reviews", "--dry-run"))
        .isZero();
    assertThat(dir.resolve("reviews")).doesNotExist();
  }

  @Test
  void ingestAndPrepareRunFromTheCommandLine() {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(3, 2))
            .write(dir.resolve("a.tar.gz"));
    assertThat(run("ingest", "--input", archive.toString(), "--output", dir + "/reviews")).isZero();
    assertThat(ReviewsDataset.read(spark, dir + "/reviews").count()).isEqualTo(12);
    assertThat(
            run(
                "prepare",
                "--input",
                dir + "/reviews",
                "--output",
                dir + "/prepared",
                "--vocab-size",
                "20"))
        .isZero();
    assertThat(dir.resolve("prepared/tokens")).isDirectory();
    assertThat(run("prepare", "--input", dir + "/reviews", "--output", dir + "/prepared"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("already exists. Pass --overwrite to replace it");
    assertThat(
            run(
                "prepare",
                "--input",
                dir + "/reviews",
                "--output",
                dir + "/prepared",
                "--overwrite"))
        .isZero();
    assertThat(spark.sparkContext().isStopped())
        .as("a command leaves a session it did not start running")
        .isFalse();
  }

  @Test
  void commandIsRequired() {
    assertThat(run()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Missing a command");
  }

  @Test
  void launchersNameThisEntryPoint() throws IOException {
    Properties app = new Properties();
    try (var in = Files.newInputStream(Path.of("submit/app.env"))) {
      app.load(in);
    }
    assertThat(app.getProperty("MAIN_CLASS")).isEqualTo(ImdbRnn.class.getName());
  }
}
