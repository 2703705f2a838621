package io.imdbrnn.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the artifacts users run: the shaded cluster jar (target/$JAR_NAME) and the local launcher.
 * Runs after {@code package} (failsafe), in child JVMs that see only Spark's jars and the cluster
 * jar.
 */
class ClusterJarIT {
  @TempDir Path dir;

  private static Path jar;
  private static String mainClass;

  @BeforeAll
  static void locateJar() throws IOException {
    Properties app = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("submit/app.env"))) {
      app.load(in);
    }
    jar = Path.of("target", app.getProperty("JAR_NAME"));
    mainClass = app.getProperty("MAIN_CLASS");
    assertThat(jar).as("cluster jar; run through `mvn verify`").isRegularFile();
  }

  @Test
  void jarCarriesTheNativeBackendButNotSparkOrLogging() throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass);
      List<String> names = Collections.list(j.entries()).stream().map(ZipEntry::getName).toList();
      assertThat(names)
          .contains(
              "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class",
              "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so",
              "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libjnind4jcpu.so",
              "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
              "org/nd4j/kryo/Nd4jRegistrator.class",
              "io/imdbrnn/runtime/NdArrayKryoRegistrator.class",
              "org/deeplearning4j/spark/impl/paramavg/ParameterAveragingTrainingMaster.class",
              "io/imdbrnn/config/SettingsSchema.class");
      assertThat(names)
          .noneMatch(n -> n.startsWith("org/slf4j/") || n.startsWith("org/apache/logging/"));
      assertThat(names)
          .noneMatch(
              n ->
                  n.startsWith("org/apache/commons/lang3/")
                      || n.startsWith("org/apache/commons/compress/"));
      assertThat(names)
          .filteredOn(n -> n.startsWith("org/apache/spark/") && n.endsWith(".class"))
          .as("only dl4j-spark's helper may live in Spark's package")
          .allMatch(n -> n.startsWith("org/apache/spark/TaskContextHelper"));
      assertThat(names).anyMatch(n -> n.startsWith("io/imdbrnn/shaded/commons/compress/"));
    }
  }

  @Test
  void nativeBackendAndKryoRegistratorWorkFromTheJar() throws Exception {
    String cp =
        "target/spark-lib/*"
            + File.pathSeparator
            + jar
            + File.pathSeparator
            + "target/test-classes";
    List<String> cmd = new ArrayList<>(List.of(javaBin()));
    cmd.addAll(jvmFlags());
    cmd.addAll(List.of("-cp", cp, NativeBackendProbe.class.getName()));
    Result r = run(cmd);
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output)
        .contains("backend=org.nd4j.linalg.cpu.nativecpu.CpuBackend")
        .contains("mmul-sum=54.0")
        .contains("kryo-roundtrip=true");
  }

  @Test
  void localLauncherRunsIngestAndPrepare() throws Exception {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(5, 3))
            .write(dir.resolve("a.tar.gz"));
    Result ingest =
        run(
            List.of(
                "submit/local.sh",
                "ingest",
                "--input",
                archive.toString(),
                "--output",
                dir + "/reviews"));
    assertThat(ingest.code).as(ingest.output).isZero();
    assertThat(ingest.output).contains("Ingested 20 texts");
    Result prepare =
        run(
            List.of(
                "submit/local.sh",
                "prepare",
                "--input",
                dir + "/reviews",
                "--output",
                dir + "/prepared"));
    assertThat(prepare.code).as(prepare.output).isZero();
    assertThat(dir.resolve("prepared/prepare.json")).content().contains("\"maxLen\" : 500");

    Result bad =
        run(
            List.of(
                "submit/local.sh",
                "prepare",
                "--input",
                dir + "/nothing",
                "--output",
                dir + "/p2"));
    assertThat(bad.code).isEqualTo(2);
    assertThat(bad.output).contains("Reviews dataset " + dir + "/nothing does not exist.");
    assertThat(dir.resolve("p2")).doesNotExist();
  }

  /**
   * submit/cluster.sh against a SPARK_HOME whose bin/spark-submit starts Spark's real SparkSubmit
   * class (from target/spark-lib), so the wrapper, conf/spark-cluster.properties and the cluster
   * jar go through the same submission code a cluster uses, with a local master.
   */
  @Test
  void clusterWrapperSubmitsTheJarThroughSparkSubmit() throws Exception {
    Path sparkHome = dir.resolve("spark-home");
    Path submit = sparkHome.resolve("bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(
        submit,
        "#!/usr/bin/env bash\n"
            + "exec "
            + javaBin()
            + " "
            + String.join(" ", jvmFlags())
            + " -cp '"
            + Path.of("target/spark-lib").toAbsolutePath()
            + "/*' org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    submit.toFile().setExecutable(true);
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(2, 4))
            .write(dir.resolve("a.tar.gz"));

    ProcessBuilder pb =
        new ProcessBuilder(
            "submit/cluster.sh",
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--",
            "ingest",
            "--input",
            archive.toString(),
            "--output",
            dir + "/reviews");
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    Result r = run(pb);
    assertThat(r.code).as(r.output).isZero();
    assertThat(dir.resolve("reviews/_SUCCESS")).exists();

    pb = new ProcessBuilder("submit/cluster.sh", "--master", "local[2]");
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    Result usage = run(pb);
    assertThat(usage.code).isEqualTo(2);
    assertThat(usage.output)
        .contains("usage: cluster.sh [spark-submit options] -- <command> [options]");
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    Result r = run(List.of("submit/local.sh", "--version"));
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output)
        .containsPattern("imdb-rnn-spark \\d+\\.\\d+\\.\\d+")
        .contains("Spark 3.5.7");
  }

  private record Result(int code, String output) {}

  private Result run(List<String> cmd) throws Exception {
    return run(new ProcessBuilder(cmd));
  }

  private Result run(ProcessBuilder pb) throws Exception {
    Path log = Files.createTempFile(dir, "proc", ".log");
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + pb.command() + "\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The same list the launchers source, so the test cannot drift from submit/java-opts.sh. */
  private static List<String> jvmFlags() throws IOException {
    return Files.readAllLines(Path.of("submit/java-opts.sh")).stream()
        .map(String::strip)
        .filter(l -> l.startsWith("--add-opens=") || l.startsWith("--add-modules="))
        .toList();
  }
}
