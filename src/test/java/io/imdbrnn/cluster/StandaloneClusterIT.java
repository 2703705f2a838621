package io.imdbrnn.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.testing.Ports;
import io.imdbrnn.testing.SharedData;
import io.imdbrnn.testing.SparkTestBase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster of separate JVMs on 127.0.0.1: a Master and two Workers from the
 * classes in spark-core, with the shaded cluster jar submitted through Spark's own {@code
 * SparkSubmit} and {@code conf/spark-cluster.properties}, as {@code submit/cluster.sh} does. Runs
 * ingest → prepare → train → evaluate with two executors, and kills one executor JVM during
 * training: the job must finish and write complete outputs. Every process it starts is killed
 * afterwards, also on failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT extends SparkTestBase {
  @TempDir static Path dir;

  private final List<Process> daemons = new ArrayList<>();
  private String master;

  @BeforeAll
  void startCluster() throws Exception {
    Path sparkHome = dir.resolve("spark-home");
    Files.createDirectories(sparkHome);
    // Workers build executor class paths from $SPARK_HOME/jars, which Spark's launcher trusts only
    // in a release layout (a RELEASE file) with a known Scala version.
    Files.createSymbolicLink(
        sparkHome.resolve("jars"), Path.of("target/spark-lib").toAbsolutePath());
    Files.writeString(sparkHome.resolve("RELEASE"), "Spark 3.5.7 (target/spark-lib)\n");
    int port = Ports.free();
    master = "spark://127.0.0.1:" + port;
    daemons.add(
        daemon(
            sparkHome,
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            Integer.toString(Ports.free())));
    for (int i = 1; i <= 2; i++) {
      daemons.add(
          daemon(
              sparkHome,
              "worker" + i,
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--webui-port",
              Integer.toString(Ports.free()),
              "--cores",
              "1",
              "--memory",
              "4g",
              "--work-dir",
              dir.resolve("work" + i).toString(),
              master));
    }
    awaitLog(dir.resolve("worker1.log"), "Successfully registered with master", 60);
    awaitLog(dir.resolve("worker2.log"), "Successfully registered with master", 60);
  }

  @AfterAll
  void stopCluster() {
    for (Process p : daemons) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : daemons) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void pipelineSurvivesALostExecutorDuringTraining() throws Exception {
    String reviews = dir.resolve("reviews").toString();
    String prepared = dir.resolve("prepared").toString();
    String model = dir.resolve("model").toString();
    String eval = dir.resolve("eval").toString();
    assertThat(
            submit(
                "ingest",
                List.of(
                    "ingest",
                    "--input",
                    // Executors run in the Workers' directories: paths must be absolute.
                    SharedData.labeledArchive().toAbsolutePath().toString(),
                    "--output",
                    reviews)))
        .isZero();
    assertThat(
            submit(
                "prepare",
                List.of("prepare", "--input", reviews, "--output", prepared, "--max-len", "80")))
        .isZero();

    Process train =
        start(
            "train",
            List.of(
                "train",
                "--input",
                prepared,
                "--output",
                model,
                "--epochs",
                "3",
                "--workers",
                "2"));
    Path trainLog = dir.resolve("train.log");
    awaitLog(trainLog, "epoch 2/3: fitting ...", 300);
    // Master, Workers, executors and the driver: nothing may listen beyond loopback.
    java.util.Set<Long> pids = new java.util.HashSet<>();
    pids.add(train.pid());
    for (Process d : daemons) {
      pids.add(d.pid());
      d.descendants().forEach(h -> pids.add(h.pid()));
    }
    assertThat(Listeners.nonLoopback(pids)).as("listeners outside loopback").isEmpty();
    Thread.sleep(1500);
    ProcessHandle executor = executors().get(0);
    String killed = executor.info().commandLine().orElse("?");
    executor.destroyForcibly();
    assertThat(train.waitFor(10, TimeUnit.MINUTES)).as("train finished").isTrue();
    String log = Files.readString(trainLog);
    assertThat(train.exitValue()).as(log).isZero();
    System.out.println("killed executor: " + killed.substring(0, Math.min(200, killed.length())));
    log.lines()
        .filter(
            l ->
                l.contains("EpochLoop: epoch")
                    || l.contains("Lost executor")
                    || l.contains("Lost task")
                    || l.contains("Removed executor")
                    || l.contains("Granted executor"))
        .forEach(l -> System.out.println("train: " + l));
    assertThat(log).contains("Lost executor");

    assertThat(spark.read().parquet(HistoryDataset.path(model)).orderBy("epoch").collectAsList())
        .extracting(r -> r.getInt(0))
        .containsExactly(1, 2, 3);
    assertThat(Path.of(model + ".checkpoints")).doesNotExist();
    assertThat(
            submit(
                "evaluate",
                List.of("evaluate", "--model", model, "--input", prepared, "--output", eval)))
        .isZero();
    double accuracy =
        spark
            .read()
            .parquet(EvaluationDatasets.metricsPath(eval))
            .first()
            .<Double>getAs("accuracy");
    System.out.println("test accuracy after a lost executor: " + accuracy);
    assertThat(accuracy).isGreaterThan(0.70);
  }

  /** Executor JVMs the Workers started. */
  private List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Process d : daemons) {
      d.descendants()
          .filter(
              h ->
                  h.info()
                      .commandLine()
                      .map(c -> c.contains("CoarseGrainedExecutorBackend"))
                      .orElse(false))
          .forEach(out::add);
    }
    assertThat(out).as("running executors").isNotEmpty();
    return out;
  }

  private int submit(String name, List<String> args) throws Exception {
    Process p = start(name, args);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(name + " timed out");
    }
    if (p.exitValue() != 0) {
      System.out.println(Files.readString(dir.resolve(name + ".log")));
    }
    return p.exitValue();
  }

  /** SparkSubmit as submit/cluster.sh calls it, in client mode against the standalone master. */
  private Process start(String name, List<String> args) throws IOException {
    // Client mode: this JVM is the driver, so its flags are given here, not as driver options.
    List<String> cmd = new ArrayList<>(java());
    cmd.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            Path.of("target/spark-lib").toAbsolutePath() + "/*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--properties-file",
            "conf/spark-cluster.properties",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.executor.memory=1500m",
            "--conf",
            "spark.executor.memoryOverhead=1500m",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.cores.max=2",
            "--class",
            mainClass(),
            Path.of("target/imdb-rnn-spark.jar").toAbsolutePath().toString()));
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  private Process daemon(Path sparkHome, String name, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(java());
    cmd.addAll(List.of("-Xmx512m", "-cp", Path.of("target/spark-lib").toAbsolutePath() + "/*"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_NO_DAEMONIZE", "1");
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    return pb.start();
  }

  private static List<String> java() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Files.readAllLines(Path.of("submit/java-opts.sh")).stream()
        .map(String::strip)
        .filter(l -> l.startsWith("--add-opens=") || l.startsWith("--add-modules="))
        .forEach(cmd::add);
    return cmd;
  }

  private static String mainClass() throws IOException {
    Optional<String> line =
        Files.readAllLines(Path.of("submit/app.env")).stream()
            .filter(l -> l.startsWith("MAIN_CLASS="))
            .findFirst();
    return line.orElseThrow().substring("MAIN_CLASS=".length()).replace("\"", "").strip();
  }

  private static void awaitLog(Path log, String marker, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
          if (r.lines().anyMatch(l -> l.contains(marker))) {
            return;
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no '"
            + marker
            + "' in "
            + log
            + " within "
            + seconds
            + " s:\n"
            + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }
}
