package io.imdbrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --outcome-file} records what a command ended with, and {@code outcome} gives it back as
 * the exit code: the two ends a scheduler uses in cluster deploy mode. None of these cases starts
 * Spark: settings and usage errors end before a session, and dry runs do no work.
 */
class OutcomeFileTest {
  @TempDir Path dir;
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.exitCode();
  }

  /** {@code ingest --dry-run} of an existing folder, recording to {@code outcome}. */
  private String[] ingestDryRun(Path outcome, Path input) {
    return new String[] {
      "--outcome-file",
      outcome.toString(),
      "ingest",
      "--input",
      input.toString(),
      "--output",
      dir.resolve("out").toString(),
      "--dry-run"
    };
  }

  private JsonNode read(Path file) throws IOException {
    return JsonFiles.MAPPER.readTree(file.toFile());
  }

  @Test
  void aSuccessIsRecordedAndReadBackAsExitZero() throws Exception {
    Path input = Files.createDirectories(dir.resolve("reviews"));
    Path outcome = dir.resolve("outcomes/ingest.json");
    assertThat(run(ingestDryRun(outcome, input))).as(err).isZero();
    JsonNode o = read(outcome);
    assertThat(o.get("format").asText()).isEqualTo(OutcomeFile.FORMAT);
    assertThat(o.get("command").asText()).isEqualTo("ingest");
    assertThat(o.get("exitCode").asInt()).isZero();
    assertThat(o.get("status").asText()).isEqualTo("succeeded");
    assertThat(o.get("message").isNull()).isTrue();
    assertThat(run("outcome", outcome.toString(), "--command", "ingest")).isZero();
    assertThat(out).startsWith("ingest succeeded (exit 0)");
    try (var files = Files.list(outcome.getParent())) {
      assertThat(files).as("nothing left beside the file").containsExactly(outcome);
    }
  }

  @Test
  void badInputIsRecordedWithItsMessageAndReadBackAsExitTwo() throws Exception {
    Path outcome = dir.resolve("prepare.json");
    assertThat(
            run(
                "--outcome-file",
                outcome.toString(),
                "prepare",
                "--input",
                dir.resolve("reviews").toString(),
                "--output",
                dir.resolve("prepared").toString(),
                "--set",
                "prepare.max-len=0"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    JsonNode o = read(outcome);
    assertThat(o.get("command").asText()).isEqualTo("prepare");
    assertThat(o.get("exitCode").asInt()).isEqualTo(2);
    assertThat(o.get("status").asText()).isEqualTo("bad-input");
    assertThat(o.get("message").asText()).contains("prepare.max-len");

    assertThat(run("outcome", outcome.toString())).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(out).startsWith("prepare bad-input (exit 2)").contains("prepare.max-len");
    assertThat(run("outcome", outcome.toString(), "--command", "ingest"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err).contains("records the outcome of 'prepare', not of 'ingest'");
  }

  @Test
  void aUsageErrorIsRecordedForItsCommand() throws Exception {
    Path outcome = dir.resolve("usage.json");
    assertThat(run("--outcome-file", outcome.toString(), "ingest", "--no-such-option"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    JsonNode o = read(outcome);
    assertThat(o.get("command").asText()).isEqualTo("ingest");
    assertThat(o.get("status").asText()).isEqualTo("bad-input");
    assertThat(o.get("message").asText()).contains("--no-such-option");
  }

  @Test
  void anEarlierOutcomeIsReplacedByTheNextRun() throws Exception {
    Path outcome = dir.resolve("again.json");
    Path input = Files.createDirectories(dir.resolve("reviews"));
    String[] ingest = ingestDryRun(outcome, input);
    String[] bad = ingestDryRun(outcome, dir.resolve("missing"));
    assertThat(run(bad)).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(read(outcome).get("exitCode").asInt()).isEqualTo(2);
    assertThat(run(ingest)).isZero();
    assertThat(read(outcome).get("exitCode").asInt()).isZero();
  }

  @Test
  void aPathThatIsNotAnOutcomeFileStopsTheCommandAndIsLeftAlone() throws Exception {
    Path input = Files.createDirectories(dir.resolve("reviews"));
    Path foreign = Files.writeString(dir.resolve("notes.json"), "{\"keep\": \"me\"}");
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Path underAFile = dir.resolve("notes.json/outcome.json");
    for (Path target : new Path[] {foreign, folder, underAFile}) {
      assertThat(
              run(
                  "--outcome-file",
                  target.toString(),
                  "ingest",
                  "--input",
                  input.toString(),
                  "--output",
                  dir.resolve("never").toString()))
          .as(target.toString())
          .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
      assertThat(err).contains(target.toString());
    }
    assertThat(foreign).hasContent("{\"keep\": \"me\"}");
    try (var files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void noFileMeansRetryAndATamperedFileIsRefused() throws Exception {
    Path missing = dir.resolve("missing.json");
    Path meta = dir.resolve("meta.json");
    assertThat(run("--outcome-file", meta.toString(), "outcome", missing.toString()))
        .isEqualTo(ImdbRnn.EXIT_FAILURE);
    assertThat(err).contains("No outcome at " + missing);
    assertThat(read(meta).get("status").asText()).isEqualTo("failed");
    assertThat(read(meta).get("message").asText()).contains("No outcome at");

    String good = Files.readString(meta);
    for (String tampered :
        new String[] {
          good.replace("\"exitCode\" : 1", "\"exitCode\" : 7"),
          good.replace("\"status\" : \"failed\"", "\"status\" : \"succeeded\""),
          good.replace(OutcomeFile.FORMAT, "something/9"),
          "not json at all"
        }) {
      assertThat(tampered).isNotEqualTo(good);
      Files.writeString(meta, tampered);
      assertThat(run("outcome", meta.toString())).as(tampered).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
      assertThat(err).contains("is not an outcome file this program wrote");
    }
  }
}
