package io.imdbrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * train / evaluate / run on synthetic reviews, their bad-input errors, and the Airflow DAG's
 * arguments.
 */
class PipelineCommandsTest extends SparkTestBase {
  private static final String[] SMALL = {
    "--set",
    "prepare.max-len=20",
    "--set",
    "prepare.vocab-size=60",
    "--set",
    "train.epochs=1",
    "--set",
    "train.batch-size=8",
    "--set",
    "train.workers=2"
  };

  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ImdbRnn.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** The whole pipeline on the small synthetic archive, which must succeed. */
  private void runSmall(Path work) {
    assertThat(
            run(
                with(
                    new String[] {
                      "run", "--input", archive().toString(), "--work-dir", work.toString()
                    },
                    SMALL)))
        .as(err.toString())
        .isZero();
  }

  private static String[] with(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  private Path archive() {
    return new TarGzBuilder()
        .dataset("aclImdb/", SyntheticReviews.of(20, 11))
        .write(dir.resolve("a.tar.gz"));
  }

  @Test
  void runChainsEveryStageUnderTheWorkDirectory() {
    Path work = dir.resolve("work");
    runSmall(work);
    assertThat(work.resolve("reviews/_SUCCESS")).exists();
    assertThat(work.resolve("prepared/prepare.json")).exists();
    assertThat(work.resolve("model/model.zip")).exists();
    assertThat(work.resolve("report/report.html")).exists();
    assertThat(work.resolve("report/roc.png")).exists();
    assertThat(spark.read().parquet(EvaluationDatasets.metricsPath(work + "/evaluation")).count())
        .isEqualTo(1);

    assertThat(
            run("run", "--input", archive().toString(), "--work-dir", work.toString(), "--dry-run"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("(ingest.output) already exists. Pass --overwrite");
    // A successful run leaves no checkpoints behind.
    assertThat(work.resolve("model.checkpoints")).doesNotExist();
  }

  /**
   * A share of the labels, no validation part and word dropout: the model fits about that share of
   * the train split, records no validation figures (JSON has no NaN), and the report draws the loss
   * but no validation accuracy.
   */
  @Test
  void runOnAShareOfTheLabelsWithoutValidation() throws Exception {
    Path work = dir.resolve("share");
    assertThat(
            run(
                with(
                    new String[] {
                      "run", "--input", archive().toString(), "--work-dir", work.toString()
                    },
                    with(
                        SMALL,
                        "--set",
                        "train.label-fraction=0.5",
                        "--set",
                        "train.validation-fraction=0",
                        "--set",
                        "train.word-dropout=0.3",
                        "--set",
                        "train.epochs=2"))))
        .as(err.toString())
        .isZero();
    io.imdbrnn.bundle.BundleManifest manifest =
        io.imdbrnn.bundle.ModelBundle.load(
                new org.apache.hadoop.conf.Configuration(), work.resolve("model").toString())
            .manifest();
    long trainTexts =
        spark.read().parquet(work.resolve("reviews").toString()).filter("split = 'train'").count();
    assertThat(manifest.rows().get("validation")).isZero();
    assertThat(manifest.rows().get("fit"))
        .isBetween((long) (trainTexts * 0.25), (long) (trainTexts * 0.75));
    assertThat(manifest.validation()).isEmpty();
    assertThat(manifest.bestEpoch()).isZero();
    assertThat(manifest.epochsRun()).isEqualTo(2);
    assertThat(manifest.provenance().settings())
        .containsEntry("train.label-fraction", 0.5)
        .containsEntry("train.word-dropout", 0.3);
    assertThat(work.resolve("report/loss.png")).exists();
    assertThat(work.resolve("report/accuracy.png")).doesNotExist();
    assertThat(spark.read().parquet(EvaluationDatasets.metricsPath(work + "/evaluation")).count())
        .isEqualTo(1);
  }

  @Test
  void resumeRefusesACheckpointMadeWithOtherSettings() throws Exception {
    Path work = dir.resolve("resume");
    runSmall(work);
    // A checkpoint as an earlier run with another seed would have left it.
    Path checkpoint = work.resolve("cp/epoch-0001");
    java.nio.file.Files.createDirectories(checkpoint);
    java.nio.file.Files.copy(work.resolve("model/model.zip"), checkpoint.resolve("model.zip"));
    java.nio.file.Files.writeString(
        checkpoint.resolve("state.json"),
        "{\"epoch\": 1, \"stopped\": false, \"bestEpoch\": 1, \"bestLoss\": 0.5,"
            + " \"history\": [], \"fingerprint\": {\"train.seed\": 1}}");
    String[] resume = {
      "train",
      "--input",
      work.resolve("prepared").toString(),
      "--output",
      work.resolve("model-resumed").toString(),
      "--checkpoint-dir",
      work.resolve("cp").toString(),
      "--resume"
    };
    Path aFile = work.resolve("not-a-dir");
    java.nio.file.Files.writeString(aFile, "keep me");
    String[] fileAsCheckpoints = resume.clone();
    fileAsCheckpoints[6] = aFile.toString();
    assertThat(run(with(fileAsCheckpoints, SMALL))).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Checkpoint location " + aFile + " (train.checkpoint-dir) is a file");
    assertThat(aFile).hasContent("keep me");
    assertThat(run(with(resume, SMALL))).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot resume from checkpoint " + work.resolve("cp"))
        .contains("Run without --resume to start over");
    assertThat(work.resolve("model-resumed")).doesNotExist();
    assertThat(checkpoint.resolve("state.json")).exists();
  }

  @Test
  void credentialsInHadoopConfigurationStayOutOfLogsAndTheManifest() throws Exception {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    hadoop.set("fs.s3a.access.key", "AKIAFAKEACCESSKEY9");
    hadoop.set("fs.s3a.secret.key", "FakeSecretValue/42xyz");
    hadoop.set("fs.s3a.session.token", "FakeSessionToken77");
    org.apache.logging.log4j.core.LoggerContext context =
        (org.apache.logging.log4j.core.LoggerContext)
            org.apache.logging.log4j.LogManager.getContext(false);
    var config = context.getConfiguration();
    java.io.StringWriter logs = new java.io.StringWriter();
    var appender =
        org.apache.logging.log4j.core.appender.WriterAppender.newBuilder()
            .setName("credential-capture")
            .setTarget(logs)
            .setLayout(
                org.apache.logging.log4j.core.layout.PatternLayout.createDefaultLayout(config))
            .build();
    appender.start();
    config.getRootLogger().addAppender(appender, org.apache.logging.log4j.Level.ALL, null);
    context.updateLoggers();
    Path work = dir.resolve("credentials");
    try {
      runSmall(work);
    } finally {
      config.getRootLogger().removeAppender("credential-capture");
      context.updateLoggers();
      hadoop.unset("fs.s3a.access.key");
      hadoop.unset("fs.s3a.secret.key");
      hadoop.unset("fs.s3a.session.token");
    }
    String manifest = java.nio.file.Files.readString(work.resolve("model/manifest.json"));
    assertThat(logs.toString()).contains("Settings: ");
    for (String secret :
        List.of("AKIAFAKEACCESSKEY9", "FakeSecretValue/42xyz", "FakeSessionToken77")) {
      assertThat(logs.toString()).doesNotContain(secret);
      assertThat(err.toString()).doesNotContain(secret);
      assertThat(manifest).doesNotContain(secret);
    }
  }

  @Test
  void aFilesystemThatIsNotInstalledIsNamedWithTheFix() {
    assertThat(
            run(
                "prepare",
                "--input",
                "s3a://bucket/reviews",
                "--output",
                dir.resolve("s3-out").toString(),
                "--dry-run"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Input s3a://bucket/reviews (prepare.input): no Hadoop filesystem for the 's3a' scheme")
        .contains("org.apache.hadoop:hadoop-aws:3.3.4");
    assertThat(dir.resolve("s3-out")).doesNotExist();
  }

  @Test
  void credentialsInAPathNeverReachTheErrorOutput() {
    assertThat(
            run(
                "prepare",
                "--input",
                "file://alice:SuperSecret42@localhost/nowhere/reviews",
                "--output",
                dir.resolve("out").toString(),
                "--dry-run"))
        .isNotZero();
    // The message names the path, without its credentials.
    assertThat(err.toString())
        .contains("file://***@localhost/nowhere/reviews")
        .doesNotContain("SuperSecret42");
  }

  @Test
  void trainingSettingsOutOfRangeAreRefusedBeforeAnyWork() {
    assertThat(run("train", "--input", "p", "--output", "m", "--epochs", "0"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot set train.epochs to 0: the value must be from 1 to 1000.");
    assertThat(run("train", "--input", "p", "--output", "m", "--learning-rate", "-0.1"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.learning-rate to -0.1: the value must be above 0 and at most 1.0.");
    assertThat(run("train", "--input", "p", "--output", "m", "--cell", "elman"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.cell to 'elman': the value must be one of simple-rnn,"
                + " simple-rnn-stock, lstm, lstm-stock, gru, cnn.");
    assertThat(run("train", "--input", "p", "--output", "m", "--bidirectional", "true"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot set train.bidirectional = true with train.cell = simple-rnn");
    assertThat(run("train", "--input", "p", "--output", "m", "--layers", "9"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set train.layers to 9");
    assertThat(run("train", "--input", "p", "--output", "m", "--pooling", "median"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.pooling to 'median': the value must be one of last, max, mean, max-mean.");
    assertThat(run("train", "--input", "p", "--output", "m", "--early-stopping-metric", "f1"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.early-stopping-metric to 'f1': the value must be one of loss,"
                + " accuracy.");
    assertThat(run("train", "--input", "p", "--output", "m", "--dropout", "1"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set train.dropout to 1");
    assertThat(run("prepare", "--input", "r", "--output", "p", "--vocab-size", "3"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set prepare.vocab-size to 3");
    assertThat(run("prepare", "--input", "r", "--output", "p", "--max-len", "0"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set prepare.max-len to 0");
    assertThat(dir.resolve("p")).doesNotExist();
    assertThat(run("train", "--input", "p", "--output", "m", "--bucket-by-length", "true"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot set train.bucket-by-length = true without train.mask-padding = true");
    assertThat(run("train", "--input", "p", "--output", "m", "--bucket-pool-batches", "0"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set train.bucket-pool-batches to 0");
    assertThat(run("train", "--input", "p", "--output", "m", "--word-vectors-trainable", "false"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.word-vectors-trainable = false without train.word-vectors or"
                + " train.init-from: the embedding would stay at its random start.");
    assertThat(
            run(
                "train",
                "--input",
                "p",
                "--output",
                "m",
                "--validation-fraction",
                "0",
                "--early-stopping-patience",
                "2"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "Cannot set train.validation-fraction = 0 with train.early-stopping-patience = 2");
    assertThat(run("train", "--input", "p", "--output", "m", "--label-fraction", "0"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Cannot set train.label-fraction to 0.0: the value must be above 0");
    assertThat(run("train", "--input", "p", "--output", "m", "--word-dropout", "0.95"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set train.word-dropout to 0.95");
    assertThat(dir.resolve("m")).doesNotExist();
    assertThat(run("evaluate", "--model", "m", "--input", "p", "--output", "e", "--split", "dev"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Cannot set evaluate.split to 'dev'");
  }

  @Test
  void trainRefusesPreparedDataWithoutTrainRowsAndEvaluateAMissingBundle() {
    Path work = dir.resolve("w");
    assertThat(
            run(
                with(
                    new String[] {
                      "ingest", "--input", archive().toString(), "--output", work + "/reviews"
                    })))
        .isZero();
    spark
        .read()
        .parquet(work + "/reviews")
        .filter("split = 'test'")
        .write()
        .parquet(work + "/test-only");
    assertThat(
            run(
                with(
                    new String[] {
                      "prepare", "--input", work + "/reviews", "--output", work + "/prepared"
                    },
                    SMALL)))
        .isZero();
    spark
        .read()
        .parquet(work + "/prepared/tokens")
        .filter("split = 'test'")
        .write()
        .parquet(work + "/p2/tokens");
    try {
      Files.copy(work.resolve("prepared/prepare.json"), work.resolve("p2/prepare.json"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // Without its vocabulary, refused before any training (the bundle needs it).
    assertThat(run("train", "--input", work + "/p2", "--output", work + "/model"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("Vocabulary " + work + "/p2/vocabulary does not exist");
    assertThat(work.resolve("model")).doesNotExist();
    spark.read().parquet(work + "/prepared/vocabulary").write().parquet(work + "/p2/vocabulary");
    assertThat(run("train", "--input", work + "/p2", "--output", work + "/model"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("its train split has texts of 0 classes for fitting and 0 for")
        .contains("Training needs two classes or more and a non-empty validation part");
    assertThat(work.resolve("model")).doesNotExist();

    assertThat(
            run(
                "evaluate",
                "--model",
                work + "/nothing",
                "--input",
                work + "/prepared",
                "--output",
                work + "/e"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("Model bundle " + work + "/nothing does not exist or is not a directory.");
    assertThat(work.resolve("e")).doesNotExist();
  }

  /**
   * The DAG compiles, and every argument list it would submit passes the CLI's --dry-run (each
   * task's output is created before the next task is checked, as the previous task would have).
   */
  @Test
  void airflowDagCompilesAndItsArgumentsAreAccepted() throws Exception {
    assertThat(
            python(
                "-m",
                "py_compile",
                "submit/airflow/imdb_rnn_retrain.py",
                "submit/airflow/imdb_rnn_tasks.py",
                "submit/python/imdb_rnn_ml.py"))
        .isEmpty();
    dagArgumentsPassDryRun(dir.resolve("imdb"), archive().toString(), null, "train.epochs=3");
    // A table of one's own: the settings file every task reads names its columns and test input.
    Path table = Files.writeString(dir.resolve("tickets.csv"), "body,queue\nbroken login,it\n");
    Path config =
        Files.writeString(
            dir.resolve("tickets.conf"),
            "ingest { text-column = body, label-column = queue, test-input = \""
                + table
                + "\" }\n");
    dagArgumentsPassDryRun(dir.resolve("tickets"), table.toString(), config.toString());
  }

  /** Every task's arguments pass --dry-run, each after its upstream tasks. */
  private void dagArgumentsPassDryRun(
      Path root, String input, String config, String... trainSettings) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "submit/airflow/imdb_rnn_tasks.py",
                "--data-root",
                root.toString(),
                "--run-date",
                "2026-11-24",
                "--archive",
                input));
    for (String s : trainSettings) {
      command.addAll(List.of("--train-setting", s));
    }
    if (config != null) {
      command.addAll(List.of("--config", config));
    }
    String json = python(command.toArray(new String[0]));
    List<String> seen = new ArrayList<>();
    for (String line : json.strip().split("\n")) {
      com.fasterxml.jackson.databind.JsonNode task = io.imdbrnn.fs.JsonFiles.MAPPER.readTree(line);
      String id = task.get("task_id").asText();
      for (com.fasterxml.jackson.databind.JsonNode up : task.get("upstream")) {
        assertThat(seen).as(id + " runs after its upstream tasks").contains(up.asText());
      }
      List<String> args = new ArrayList<>();
      task.get("args").forEach(a -> args.add(a.asText()));
      args.add("--dry-run");
      assertThat(run(args.toArray(new String[0]))).as(id + " " + args + "\n" + err).isZero();
      if (args.contains("--output")) {
        Files.createDirectories(Path.of(args.get(args.indexOf("--output") + 1)));
      }
      if (config != null) {
        assertThat(args).as(id).containsSequence("--config", config);
      }
      seen.add(id);
    }
    assertThat(seen)
        .containsExactly("ingest", "prepare", "baseline", "train", "evaluate", "report", "promote");
  }

  private static String python(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
