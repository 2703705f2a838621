package io.imdbrnn.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.fs.OutputMarker;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.Ports;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project as cluster users run it: a Spark installation assembled from Apache Spark's own
 * client scripts ({@code ../shared/spark-client}), a standalone master and one worker (2 cores, 6
 * GB) started with its {@code sbin/} scripts on 127.0.0.1, and every command submitted through
 * {@code submit/cluster.sh} and {@code bin/spark-submit}: the stages in client mode, a stage in
 * cluster mode, bad input in both modes, a job that fits no worker, and the PySpark wrapper through
 * real PySpark. The daemons are stopped by the pids their scripts recorded, also on failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientIT {
  private static final Path CLIENT = Path.of("../shared/spark-client");

  /** Sizes that fit the 2-core, 6 GB worker: one executor of 1 core, 2 GB in all. */
  private static final List<String> FITS =
      List.of(
          "--driver-memory",
          "1g",
          "--executor-cores",
          "1",
          "--executor-memory",
          "1g",
          "--conf",
          "spark.executor.memoryOverhead=1g");

  /** Spark's own log line format ("26/12/05 18:34:43 INFO SparkContext: ..."). */
  private static final Pattern SPARK_INFO = Pattern.compile("(?m)^\\d\\d/\\d\\d/\\d\\d .* INFO ");

  @TempDir Path dir;
  private Path sparkHome;
  private String master;
  private Path archive;

  @BeforeAll
  void startCluster(@TempDir Path home) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CLIENT.resolve("make-spark-home.sh")),
        "skipped: " + CLIENT.toAbsolutePath() + " (Spark's client scripts) is missing");
    sparkHome = home.resolve("spark-home");
    run(
        List.of(
            "bash",
            CLIENT.resolve("make-spark-home.sh").toString(),
            "target/spark-lib",
            sparkHome.toString()),
        Map.of(),
        120);
    int port = Ports.free();
    master = "spark://127.0.0.1:" + port;
    Map<String, String> env =
        Map.of(
            "SPARK_MASTER_PORT", Integer.toString(port),
            "SPARK_MASTER_WEBUI_PORT", Integer.toString(Ports.free()),
            "SPARK_WORKER_WEBUI_PORT", Integer.toString(Ports.free()),
            "SPARK_WORKER_CORES", "2",
            "SPARK_WORKER_MEMORY", "6g");
    run(List.of(sparkHome.resolve("sbin/start-master.sh").toString()), env, 120);
    run(List.of(sparkHome.resolve("sbin/start-worker.sh").toString(), master), env, 120);
    awaitLog("Worker", "Successfully registered with master", 90);
    archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 41))
            .write(home.resolve("reviews.tar.gz"));
  }

  @AfterAll
  void stopCluster() throws IOException {
    if (sparkHome == null || !Files.isDirectory(sparkHome.resolve("pids"))) {
      return;
    }
    try (Stream<Path> pids = Files.list(sparkHome.resolve("pids"))) {
      for (Path pid : pids.toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
            .ifPresent(
                p -> {
                  p.descendants().forEach(ProcessHandle::destroyForcibly);
                  p.destroyForcibly();
                });
      }
    }
  }

  /**
   * The README's cluster section as written, with the shipped conf: the four stages in client mode
   * (our progress on the console, none of Spark's INFO lines), then a stage in cluster mode with
   * its outcome file read back. With {@code -Dimdbrnn.it.all-modes=true}, the four stages run again
   * in cluster mode, each reading its outcome back.
   */
  @Test
  void theReadmeClusterCommandsExitZero() throws Exception {
    Path data = Files.createDirectories(dir.resolve("readme-data"));
    Files.copy(archive, data.resolve("aclImdb_v1.tar.gz"));
    List<String> commands = ReadmeCommands.of(Path.of("README.md"), "## Running on a cluster");
    assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
    Map<String, String> vars = Map.of("MASTER", master, "DATA", data.toString());
    for (String command : commands) {
      long start = System.nanoTime();
      Result r = run(List.of("bash", "-c", command), vars, 400);
      System.out.printf("%5.1f s: %s%n", (System.nanoTime() - start) / 1e9, command);
      assertThat(r.exitCode()).as(command + "\n" + r.output()).isZero();
      assertThat(r.output())
          .as("Spark's INFO lines stay out of the console: " + command)
          .doesNotContainPattern(SPARK_INFO);
      if (!command.contains("--deploy-mode cluster") && !command.contains(" outcome ")) {
        assertThat(r.output()).contains(stageOf(command) + " finished its work");
      }
    }
    assertThat(data.resolve("evaluation").resolve(OutputMarker.FILE)).exists();
    assertThat(awaitDriverEnd(60))
        .doesNotContain("IllegalAccessError")
        .contains("prepare finished its work");
    if (Boolean.getBoolean("imdbrnn.it.all-modes")) {
      String client = "submit/cluster.sh --master $MASTER -- ";
      for (String command : commands) {
        if (!command.startsWith(client)) {
          continue;
        }
        String stage = stageOf(command);
        String outcome = data.resolve("outcomes/" + stage + "-cluster.json").toString();
        String inCluster =
            command.replace(
                    client,
                    "submit/cluster.sh --master $MASTER --deploy-mode cluster --conf"
                        + " spark.standalone.submit.waitAppCompletion=true -- --outcome-file "
                        + outcome
                        + " ")
                + " --overwrite";
        Result r = run(List.of("bash", "-c", inCluster), vars, 400);
        assertThat(r.exitCode()).as(inCluster + "\n" + r.output()).isZero();
        Result read = outcome(Path.of(outcome));
        assertThat(read.exitCode()).as(inCluster + "\n" + read.output()).isZero();
        assertThat(read.output()).contains(stage + " succeeded (exit 0)");
      }
    }
  }

  private static String stageOf(String command) {
    var m = Pattern.compile(" -- (?:--outcome-file \\S+ )?([a-z]+) ").matcher(command);
    assertThat(m.find()).as(command).isTrue();
    return m.group(1);
  }

  /**
   * The Airflow DAG's own task function, with Airflow's few names stubbed (Airflow is not installed
   * here) and the real spark-submit: an exit code maps to the same Airflow outcome in client and in
   * cluster mode, where only the outcome file carries it. Each attempt has its own outcome file, so
   * a retry never reads the attempt before it.
   */
  @Test
  void theDagMapsExitCodesAlikeInClientAndClusterMode() throws Exception {
    Assumptions.assumeTrue(
        run(List.of("python3", "--version"), Map.of(), 30).exitCode() == 0,
        "skipped: python3 is not installed");
    Path broken = Files.writeString(dir.resolve("broken-for-dag.tar.gz"), "not gzip");
    assertThat(dagTask("client", broken, 1))
        .contains("ingest: ")
        .contains(broken.toString())
        .contains("ACTION fail")
        .contains("TASKS 7");
    assertThat(dagTask("cluster", broken, 2)).contains("ACTION fail");
    assertThat(dagTask("cluster", archive, 3)).contains("ACTION success");
    Path runDir = dir.resolve("dag/runs/2026-12-05");
    assertThat(runDir.resolve("reviews").resolve(OutputMarker.FILE)).exists();
    try (Stream<Path> outcomes = Files.list(runDir.resolve("outcomes"))) {
      assertThat(outcomes.map(p -> p.getFileName().toString()))
          .as("client mode needs no outcome file")
          .containsExactlyInAnyOrder("ingest.try-2.json", "ingest.try-3.json");
    }
  }

  /** Runs the DAG's ingest task as Airflow would, printing "ACTION <what Airflow does>". */
  private String dagTask(String mode, Path input, int tryNumber) throws Exception {
    Path stub = AirflowStub.write(dir.resolve("airflow-stub"));
    Map<String, String> variables =
        Map.of(
            "imdb_rnn_jar", Path.of("target/imdb-rnn-spark.jar").toAbsolutePath().toString(),
            "imdb_rnn_properties",
                Path.of("conf/spark-cluster.properties").toAbsolutePath().toString(),
            "imdb_rnn_data_root", dir.resolve("dag").toString(),
            "imdb_rnn_archive", input.toString(),
            "imdb_rnn_spark_submit", sparkHome.resolve("bin/spark-submit").toString(),
            "imdb_rnn_master", master,
            "imdb_rnn_deploy_mode", mode,
            "imdb_rnn_submit_args", String.join(" ", FITS));
    Result r =
        run(
            List.of(
                "python3",
                stub.resolve(AirflowStub.RUNNER).toString(),
                "ingest",
                "2026-12-05",
                Integer.toString(tryNumber)),
            Map.of(
                "PYTHONPATH",
                stub + ":" + Path.of("submit/airflow").toAbsolutePath(),
                AirflowStub.VARIABLES,
                io.imdbrnn.fs.JsonFiles.MAPPER.writeValueAsString(variables)),
            400);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  @Test
  void aJobThatFitsNoWorkerFailsWithinTheWaitNamingTheSizes() throws Exception {
    // An executor of 3 cores fits no worker of this 2-core cluster (as a 2-core executor fits
    // none in cluster mode once the driver holds a core).
    long start = System.nanoTime();
    Result r =
        submit(
            "client",
            List.of("--driver-memory", "1g", "--executor-cores", "3"),
            List.of(
                "ingest",
                "--input",
                archive.toString(),
                "--output",
                dir.resolve("never").toString(),
                "--set",
                "cluster.executor-wait-seconds=10"));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains("No executor registered with master " + master + " within 10 s")
        .contains("spark.executor.cores=3");
    assertThat(seconds).as("ended by the wait, not by the test's timeout").isLessThan(150);
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void thePySparkWrapperFitsSavesLoadsTransformsAndServesAUdf() throws Exception {
    Assumptions.assumeTrue(
        run(List.of("python3", "--version"), Map.of(), 30).exitCode() == 0,
        "skipped: python3 is not installed");
    Path saved = dir.resolve("py-model");
    Path script = dir.resolve("wrapper_check.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import sys",
            "from pyspark.sql import SparkSession",
            "from imdb_rnn_ml import SentimentClassifier, SentimentModel",
            "spark = SparkSession.builder.getOrCreate()",
            "rows = [('a great wonderful film', 1), ('an awful boring film', 0)] * 20",
            "df = spark.createDataFrame(rows, ['text', 'label'])",
            "model = SentimentClassifier(spark, epochs=1, **{'max-len': 12,"
                + " 'batch-size': 8}).fit(df)",
            "model.save(sys.argv[1])",
            "loaded = SentimentModel.load(spark, sys.argv[1])",
            "p = loaded.transform(spark.createDataFrame([('a great film',)], ['text']))"
                + ".first()['probability']",
            "loaded.register_udf('sentiment')",
            "q = spark.sql(\"SELECT sentiment('a great film') AS p\").first()['p']",
            "assert abs(p - q) < 1e-9, (p, q)",
            "print('PROBABILITY %.9f' % p)",
            ""));
    Result r =
        run(
            List.of(
                sparkHome.resolve("bin/spark-submit").toString(),
                "--master",
                "local[2]",
                "--properties-file",
                "conf/spark-local.properties",
                "--jars",
                Path.of("target/imdb-rnn-spark.jar").toAbsolutePath().toString(),
                "--py-files",
                Path.of("submit/python/imdb_rnn_ml.py").toAbsolutePath().toString(),
                script.toString(),
                saved.toString()),
            Map.of("SPARK_SUBMIT_OPTS", logConfig()),
            300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    double python = probability(r.output());
    CliRun predict =
        CliRun.of(
            "predict",
            "--model",
            saved.toString(),
            "--text",
            "a great film",
            "--output-format",
            "json");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    double jvm =
        io.imdbrnn.fs.JsonFiles.MAPPER.readTree(predict.out()).get("probability").asDouble();
    assertThat(python).isCloseTo(jvm, org.assertj.core.data.Offset.offset(1e-6));
  }

  private record Result(int exitCode, String output) {}

  private Result submit(String mode, List<String> submitArgs, List<String> command)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("submit/cluster.sh", "--master", master));
    cmd.addAll(List.of("--deploy-mode", mode));
    cmd.addAll(submitArgs);
    cmd.add("--");
    cmd.addAll(command);
    return run(cmd, Map.of(), 300);
  }

  private Result outcome(Path file) throws Exception {
    return run(
        List.of(
            sparkHome.resolve("bin/spark-submit").toString(),
            "--master",
            "local[1]",
            "--properties-file",
            "conf/spark-cluster.properties",
            Path.of("target/imdb-rnn-spark.jar").toAbsolutePath().toString(),
            "outcome",
            file.toString()),
        Map.of(),
        120);
  }

  private Result run(List<String> cmd, Map<String, String> env, int seconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (sparkHome != null) {
      pb.environment().put("SPARK_HOME", sparkHome.toString());
      pb.environment()
          .put(
              "PYTHONPATH",
              sparkHome.resolve("python/lib/pyspark.zip")
                  + ":"
                  + sparkHome.resolve("python/lib/py4j-0.10.9.7-src.zip"));
    }
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not end within " + seconds + " s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** The stderr of the newest driver the worker ran, once the worker reports it ended. */
  private String awaitDriverEnd(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Optional<Path> driver = newestDriver();
      if (driver.isPresent()
          && workerLog().contains("Driver " + driver.get().getFileName() + " exited")) {
        return Files.readString(driver.get().resolve("stderr"));
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no driver ended within " + seconds + " s");
  }

  private String workerLog() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> logs = Files.list(sparkHome.resolve("logs"))) {
      for (Path log : logs.filter(l -> l.toString().contains("Worker")).toList()) {
        all.append(Files.readString(log));
      }
    }
    return all.toString();
  }

  private Optional<Path> newestDriver() throws IOException {
    Path work = sparkHome.resolve("work");
    if (!Files.isDirectory(work)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(work)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("driver-"))
          .filter(d -> Files.exists(d.resolve("stderr")))
          .max(java.util.Comparator.comparing(d -> d.getFileName().toString()));
    }
  }

  private void awaitLog(String daemon, String marker, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> logs = Files.list(sparkHome.resolve("logs"))) {
        for (Path log : logs.filter(l -> l.toString().contains(daemon)).toList()) {
          if (Files.readString(log).contains(marker)) {
            return;
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(daemon + " did not log '" + marker + "' within " + seconds + " s");
  }

  private static String logConfig() {
    return "-Dlog4j2.configurationFile=file:" + Path.of("conf/log4j2.properties").toAbsolutePath();
  }

  private static double probability(String output) {
    var m = Pattern.compile("PROBABILITY ([0-9.]+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
