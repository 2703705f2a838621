package io.imdbrnn.safety;

import static io.imdbrnn.testing.SmallRuns.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.cli.ImdbRnn;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.fs.StagingArea;
import io.imdbrnn.registry.DecisionLog;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.testing.CliJvm;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.testing.TinyBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model registry attacked as a user with bad luck or bad intent would: pointed at the wrong
 * directory, fed tampered pointers, logs, metrics and bundles, and promoted into twice at once.
 * Each attack is refused with exit 2 and a one-line message naming the file or setting, and the
 * files around it (the registry, the data root) are the same before and after.
 */
class RegistryAttackTest extends SparkTestBase {
  @TempDir static Path shared;
  private static Path work;
  private static String candidate;
  private static String candidateEval;

  @TempDir Path dir;

  @BeforeAll
  static void modelsAndEvaluations() {
    work = shared.resolve("work");
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 31))
            .write(shared.resolve("a.tar.gz"));
    cli("run", "--input", archive.toString(), "--work-dir", work.toString());
    candidate = shared.resolve("candidate").toString();
    candidateEval = shared.resolve("candidate-eval").toString();
    cli(
        "train",
        "--input",
        work.resolve("prepared").toString(),
        "--output",
        candidate,
        "--set",
        "train.seed=7");
    cli(
        "evaluate",
        "--model",
        candidate,
        "--input",
        work.resolve("prepared").toString(),
        "--output",
        candidateEval);
  }

  @Test
  void aDataRootIsNotARegistryAndNothingInItIsDeletedOrWritten() throws Exception {
    Path root = Files.createDirectories(dir.resolve("data-root"));
    FileUtils.copyDirectory(work.resolve("reviews").toFile(), root.resolve("reviews").toFile());
    // Another stage's output in flight, a user's folder named like staging, a user's file.
    Files.createDirectories(root.resolve(".prepared.tmp-0a1b"));
    Files.writeString(root.resolve(".prepared.tmp-0a1b/part-0"), "in flight");
    Files.createDirectories(root.resolve(".notes.tmp-keep"));
    Files.writeString(root.resolve(".notes.tmp-keep/mine.txt"), "mine");
    Files.writeString(root.resolve("notes.txt"), "mine");
    Map<String, String> before = FileTree.snapshot(root);

    CliRun promote = promote(candidate, candidateEval, root);
    assertRefused(promote, "(promote.registry) is not a model registry");
    CliRun rollback = CliRun.of("promote", "--registry", root.toString(), "--rollback");
    assertRefused(rollback, "(promote.registry) is not a model registry");
    assertThat(FileTree.snapshot(root)).isEqualTo(before);
  }

  @Test
  void aRegistryOnAnInputOrOnAnotherStagesOutputIsRefused() throws Exception {
    Path reviews = work.resolve("reviews");
    Map<String, String> before = FileTree.snapshot(reviews);
    assertRefused(
        promote(candidate, candidateEval, reviews),
        "overlaps input " + reviews + " (promote.reviews)");
    assertThat(FileTree.snapshot(reviews)).isEqualTo(before);

    Path prepared = work.resolve("prepared");
    Map<String, String> preparedBefore = FileTree.snapshot(prepared);
    assertRefused(promote(candidate, candidateEval, prepared), "holds the output of prepare");
    assertThat(FileTree.snapshot(prepared)).isEqualTo(preparedBefore);
  }

  @Test
  void tamperedIdsInThePointerCannotWriteOutsideTheRegistry() throws Exception {
    Path registry = dir.resolve("a/b/c/registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    Path pointer = registry.resolve(ChampionPointer.FILE);
    String honest = Files.readString(pointer);
    String decisionId = champion(registry).decisionId();

    Files.writeString(pointer, honest.replace(decisionId, "../../../escape"));
    Map<String, String> before = FileTree.snapshot(dir);
    assertRefused(promote(candidate, candidateEval, registry), "'../../../escape'");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);

    // The decision record inside the pointer is read back too (to heal a log that missed it).
    Files.writeString(pointer, honest.replace("\"action\" : \"promoted\"", "\"action\" : 5"));
    deleteLogRows(registry);
    before = FileTree.snapshot(dir);
    assertRefused(promote(candidate, candidateEval, registry), "malformed decision record");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aRegistryWhoseOwnEntriesAreLinksOrOfTheWrongKindIsRefused() throws Exception {
    Path registry = dir.resolve("registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    String championId = champion(registry).modelId();

    // decisions/ moved out and linked back: an append would land outside the registry.
    Path outside = dir.resolve("outside-decisions");
    Files.move(registry.resolve(DecisionLog.DIR), outside);
    Files.createSymbolicLink(registry.resolve(DecisionLog.DIR), outside);
    Map<String, String> before = FileTree.snapshot(dir);
    assertRefused(promote(candidate, candidateEval, registry), "which is a symbolic link");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
    Files.delete(registry.resolve(DecisionLog.DIR));
    Files.move(outside, registry.resolve(DecisionLog.DIR));

    // The champion's directory linked to a bundle elsewhere: never served, never compared.
    Path model = registry.resolve("models").resolve(championId);
    Path elsewhere = dir.resolve("elsewhere");
    Files.move(model, elsewhere);
    Files.createSymbolicLink(model, elsewhere);
    assertRefused(
        CliRun.of("predict", "--model", registry.toString(), "--text", "a great film"),
        "which is a symbolic link");
    assertRefused(promote(candidate, candidateEval, registry), "which is a symbolic link");
    Files.delete(model);
    Files.move(elsewhere, model);

    // champion.json that is a directory.
    Path pointer = registry.resolve(ChampionPointer.FILE);
    Path saved = Files.move(pointer, dir.resolve("pointer.json"));
    Files.createDirectories(pointer);
    assertRefused(promote(candidate, candidateEval, registry), "that is not a file");
    assertThat(pointer).isDirectory();
    Files.delete(pointer);
    Files.move(saved, pointer);
    assertThat(
            CliRun.of("predict", "--model", registry.toString(), "--text", "a great film")
                .exitCode())
        .isZero();

    // A file where decisions/ should be; a registry under a file.
    Path decisions = registry.resolve(DecisionLog.DIR);
    Path log = Files.move(decisions, dir.resolve("log"));
    Files.writeString(decisions, "not a directory");
    assertRefused(promote(candidate, candidateEval, registry), "holds a file decisions");
    Files.delete(decisions);
    Files.move(log, decisions);
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertRefused(
        promote(candidate, candidateEval, file.resolve("registry")), "plain-file is a file");
    assertThat(file).hasContent("x");
  }

  @Test
  void aCandidateHoldingASymbolicLinkIsRefusedAndItsTargetNeverCopied() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the registry");
    Path linked = dir.resolve("linked-candidate");
    FileUtils.copyDirectory(Path.of(candidate).toFile(), linked.toFile());
    Files.createSymbolicLink(linked.resolve("notes.txt"), secret);
    Path registry = dir.resolve("registry");

    assertRefused(promote(linked.toString(), candidateEval, registry), "symbolic link");
    assertThat(registry).doesNotExist();
  }

  @Test
  void metricsThatAreNotNumbersOrDisagreeWithThePredictionsPromoteNothing() throws Exception {
    Path registry = dir.resolve("registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    Map<String, String> before = FileTree.snapshot(registry);

    Path nan = editedMetrics("nan-eval", "accuracy", Double.NaN);
    assertRefused(
        promote(candidate, nan.toString(), registry, "--set", "promote.min-accuracy=0"),
        "cannot be trusted");
    Path flattering = editedMetrics("flattering-eval", "accuracy", 0.999);
    CliRun run = promote(candidate, flattering.toString(), registry);
    assertRefused(run, "cannot be trusted");
    assertThat(run.err()).contains("accuracy says 0.999000");
    assertThat(FileTree.snapshot(registry)).isEqualTo(before);
  }

  @Test
  void aRollbackToAnEarlierChampionThatIsGoneChangesNothing() throws Exception {
    Path registry = dir.resolve("registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    String first = champion(registry).modelId();
    assertThat(
            promote(candidate, candidateEval, registry, "--set", "promote.tolerance=1.0")
                .exitCode())
        .isZero();
    FileUtils.deleteDirectory(registry.resolve("models").resolve(first).toFile());
    Map<String, String> before = FileTree.snapshot(registry);

    CliRun rollback = CliRun.of("promote", "--registry", registry.toString(), "--rollback");
    assertRefused(rollback, "models/" + first + " does not exist");
    assertThat(FileTree.snapshot(registry)).isEqualTo(before);
    CliRun predict = CliRun.of("predict", "--model", registry.toString(), "--text", "a great film");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
  }

  @Test
  void aForeignOrCorruptFileInTheDecisionLogIsBadInputNamingIt() throws Exception {
    Path registry = dir.resolve("registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    Path decisions = registry.resolve(DecisionLog.DIR);

    Files.writeString(decisions.resolve("0000000000001-bogus.parquet"), "not parquet at all");
    Map<String, String> before = FileTree.snapshot(registry);
    assertRefused(promote(candidate, candidateEval, registry), "0000000000001-bogus.parquet");
    assertThat(FileTree.snapshot(registry)).isEqualTo(before);
    Files.delete(decisions.resolve("0000000000001-bogus.parquet"));

    Files.writeString(decisions.resolve("notes.txt"), "a person's notes");
    assertRefused(promote(candidate, candidateEval, registry), "notes.txt");
    assertRefused(
        CliRun.of("promote", "--registry", registry.toString(), "--rollback"), "notes.txt");
  }

  @Test
  void aLanguageModelAsChampionIsNeitherComparedNorReported() throws Exception {
    Path registry = dir.resolve("registry");
    assertThat(promote(workModel(), workEval(), registry).exitCode()).isZero();
    Path championDir = registry.resolve("models").resolve(champion(registry).modelId());
    FileUtils.deleteDirectory(championDir.toFile());
    TinyBundle.write(championDir, true, "next-char");
    Map<String, String> before = FileTree.snapshot(registry);

    assertRefused(promote(candidate, candidateEval, registry), "was trained for next-char");
    assertThat(FileTree.snapshot(registry)).isEqualTo(before);
    CliRun report =
        CliRun.of(
            "report",
            "--evaluation",
            candidateEval,
            "--model",
            candidate,
            "--reviews",
            work.resolve("reviews").toString(),
            "--registry",
            registry.toString(),
            "--output",
            dir.resolve("report").toString());
    assertRefused(report, "was trained for next-char");
    assertThat(dir.resolve("report")).doesNotExist();

    // run checks its report's registry before its first stage.
    Path runDir = dir.resolve("run");
    assertRefused(runWithReportRegistry(runDir, registry), "was trained for next-char");
    assertThat(runDir.resolve("reviews")).doesNotExist();
    assertRefused(runWithReportRegistry(runDir, work), "(report.registry) is not a model registry");
    assertThat(runDir.resolve("reviews")).doesNotExist();
  }

  @Test
  void twoPromotionsAtOnceTakeTurnsAndLeaveEveryPublishedBundleAsCopied() throws Exception {
    Path registry = dir.resolve("registry");
    List<Process> runs = new ArrayList<>();
    for (String[] c :
        List.of(new String[] {workModel(), workEval()}, new String[] {candidate, candidateEval})) {
      runs.add(
          CliJvm.start(
              List.of(
                  "promote",
                  "--model",
                  c[0],
                  "--evaluation",
                  c[1],
                  "--reviews",
                  work.resolve("reviews").toString(),
                  "--registry",
                  registry.toString(),
                  "--set",
                  "promote.tolerance=1.0",
                  "--set",
                  "promote.min-accuracy=0")));
    }
    for (Process p : runs) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    }
    Registry files = new Registry(spark.sparkContext().hadoopConfiguration(), registry.toString());
    assertThat(files.problems()).isEmpty();
    assertThat(new DecisionLog(spark, registry.toString()).read().count()).isEqualTo(2);
    ChampionPointer pointer = champion(registry);
    assertThat(pointer.previous()).hasSize(1);
    try (Stream<Path> models = Files.list(registry.resolve("models"))) {
      assertThat(models.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(pointer.modelId(), pointer.previous().get(0));
    }
    for (String[] pair :
        List.of(
            new String[] {workModel(), modelId(workModel())},
            new String[] {candidate, modelId(candidate)})) {
      assertThat(regularFiles(registry.resolve("models").resolve(pair[1])))
          .as("models/%s holds exactly the candidate's files", pair[1])
          .isEqualTo(regularFiles(Path.of(pair[0])));
    }
    assertThat(FileTree.names(registry))
        .noneMatch(n -> n.startsWith(StagingArea.PREFIX) || n.equals(Registry.LOCK_FILE));
  }

  private static CliRun runWithReportRegistry(Path workDir, Path registry) {
    return CliRun.of(
        "run",
        "--input",
        shared.resolve("a.tar.gz").toString(),
        "--work-dir",
        workDir.toString(),
        "--set",
        "report.registry=" + registry);
  }

  private static void assertRefused(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(run.errIsOneLine()).as(run.err()).isTrue();
    assertThat(run.err()).contains(message);
  }

  private Path editedMetrics(String name, String column, double value) throws Exception {
    Path copy = dir.resolve(name);
    FileUtils.copyDirectory(Path.of(candidateEval).toFile(), copy.toFile());
    Path metrics = copy.resolve("metrics");
    var rows =
        spark
            .read()
            .parquet(metrics.toString())
            .withColumn(column, functions.lit(value))
            .collectAsList();
    var schema = spark.read().parquet(metrics.toString()).schema();
    FileUtils.deleteDirectory(metrics.toFile());
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(metrics.toString());
    return copy;
  }

  private static void deleteLogRows(Path registry) throws Exception {
    try (Stream<Path> rows = Files.list(registry.resolve(DecisionLog.DIR))) {
      for (Path row : rows.toList()) {
        Files.delete(row);
      }
    }
  }

  private static Map<String, String> regularFiles(Path dir) throws Exception {
    Map<String, String> files = FileTree.snapshot(dir);
    files.keySet().removeIf(k -> k.endsWith("/") || k.endsWith(".crc"));
    return files;
  }

  private static String modelId(String bundle) throws Exception {
    return JsonFiles.MAPPER
        .readTree(Path.of(bundle, "manifest.json").toFile())
        .get("modelId")
        .asText();
  }

  private static String workModel() {
    return work.resolve("model").toString();
  }

  private static String workEval() {
    return work.resolve("evaluation").toString();
  }

  private ChampionPointer champion(Path registry) {
    return ModelLocation.champion(spark.sparkContext().hadoopConfiguration(), registry.toString())
        .orElseThrow();
  }

  private static CliRun promote(String model, String evaluation, Path registry, String... more) {
    return io.imdbrnn.testing.PromoteRun.of(
        model, evaluation, work.resolve("reviews").toString(), registry.toString(), more);
  }
}
