package io.imdbrnn.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main code: one package per concern on six floors, imports only running
 * downwards, and no cycle. A new import that breaks this fails here with the offending classes.
 *
 * <ol>
 *   <li>foundations without Spark: {@code errors}, {@code config}, {@code text}, {@code labels},
 *       {@code model};
 *   <li>shared services: {@code fs}, {@code bundle}, {@code embeddings} (these without Spark),
 *       {@code runtime}, {@code datasets}, {@code scoring}, {@code registry};
 *   <li>stages: {@code ingest}, {@code prepare}, {@code train}, {@code evaluate}, {@code predict},
 *       {@code baseline}, {@code report}, {@code promote}; prepare, train and evaluate hold each
 *       task's pieces, callable on DataFrames;
 *   <li>the task seam {@code task}, which hands each stage its task's pieces;
 *   <li>the path-to-path stages that serve every task, {@code pipeline};
 *   <li>the ways in: the command line {@code cli} and the Spark ML API {@code ml}.
 * </ol>
 */
class PackageLayersTest {
  private static final String[] STAGES = {
    "io.imdbrnn.ingest..",
    "io.imdbrnn.prepare..",
    "io.imdbrnn.train..",
    "io.imdbrnn.evaluate..",
    "io.imdbrnn.predict..",
    "io.imdbrnn.generate..",
    "io.imdbrnn.baseline..",
    "io.imdbrnn.report..",
    "io.imdbrnn.promote..",
    "io.imdbrnn.wordvectors.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.imdbrnn");
  }

  @Test
  void packagesHaveNoCycles() {
    ArchRule rule = slices().matching("io.imdbrnn.(*)..").should().beFreeOfCycles();
    rule.check(classes);
  }

  @Test
  void importsRunOnlyDownTheFloors() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.imdbrnn..")
            .layer("foundations")
            .definedBy(
                "io.imdbrnn.errors..",
                "io.imdbrnn.config..",
                "io.imdbrnn.text..",
                "io.imdbrnn.labels..",
                "io.imdbrnn.model..")
            .layer("services")
            .definedBy(
                "io.imdbrnn.fs..",
                "io.imdbrnn.bundle..",
                "io.imdbrnn.runtime..",
                "io.imdbrnn.datasets..",
                "io.imdbrnn.scoring..",
                "io.imdbrnn.registry..",
                "io.imdbrnn.embeddings..")
            .layer("stages")
            .definedBy(STAGES)
            .layer("tasks")
            .definedBy("io.imdbrnn.task..")
            .layer("pipeline")
            .definedBy("io.imdbrnn.pipeline..")
            .layer("interfaces")
            .definedBy("io.imdbrnn.cli..", "io.imdbrnn.ml..")
            .whereLayer("interfaces")
            .mayOnlyBeAccessedByLayers("interfaces")
            .whereLayer("pipeline")
            .mayOnlyBeAccessedByLayers("interfaces")
            .whereLayer("tasks")
            .mayOnlyBeAccessedByLayers("interfaces", "pipeline")
            .whereLayer("stages")
            .mayOnlyBeAccessedByLayers("interfaces", "pipeline", "tasks", "stages")
            .whereLayer("services")
            .mayOnlyBeAccessedByLayers("interfaces", "pipeline", "tasks", "stages", "services")
            .withOptionalLayers(true);
    rule.check(classes);
  }

  /**
   * The stages ask the task seam ({@code io.imdbrnn.task}) what to do and never decide by the task
   * themselves: no class of theirs names a task (an {@code if} on one) or switches over the tasks.
   * A bundle of the wrong task is refused through {@code ModelBundle.requireClassifier}.
   */
  @Test
  void onlyTheTaskSeamBranchesOnTheTask() {
    ArchRule rule =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAnyPackage(STAGES)
            .or()
            .resideInAnyPackage(
                "io.imdbrnn.pipeline..", "io.imdbrnn.scoring..", "io.imdbrnn.datasets..")
            .should()
            .accessField(io.imdbrnn.config.Task.class, "CLASSIFY")
            .orShould()
            .accessField(io.imdbrnn.config.Task.class, "NEXT_CHAR")
            .orShould()
            .callMethod(io.imdbrnn.config.Task.class, "values")
            .because(
                "a new task must be one new implementation of the task seam, not edits in"
                    + " every stage");
    rule.check(classes);
  }

  /**
   * Two classes or more is a question for {@code scoring.ClassOutputs}, which every stage asks how
   * a classifier's outputs read. Only it, the task seam (which picks the network's head) and the
   * two readers that check a written class count against a network or a file compare class counts
   * through {@code LabelIndex.outputs()}.
   */
  @Test
  void onlyClassOutputsTellsTwoClassesFromMore() {
    ArchRule rule =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideOutsideOfPackages("io.imdbrnn.task..", "io.imdbrnn.labels..")
            .and()
            .doNotHaveFullyQualifiedName(io.imdbrnn.scoring.ClassOutputs.class.getName())
            .and()
            .doNotHaveFullyQualifiedName(io.imdbrnn.bundle.ModelBundle.class.getName())
            .and()
            .doNotHaveFullyQualifiedName(io.imdbrnn.datasets.EvaluationDatasets.class.getName())
            .should()
            .callMethod(io.imdbrnn.labels.LabelIndex.class, "outputs")
            .because(
                "the two kinds of classifier output must read the same in every stage: one"
                    + " implementation each, not a branch per stage");
    rule.check(classes);
  }

  @Test
  void theBundleAndTextPackagesDoNotUseSpark() {
    ArchRule rule =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAnyPackage(
                "io.imdbrnn.bundle..",
                "io.imdbrnn.text..",
                "io.imdbrnn.labels..",
                "io.imdbrnn.fs..",
                "io.imdbrnn.embeddings..",
                "io.imdbrnn.config..",
                "io.imdbrnn.model..",
                "io.imdbrnn.generate..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..");
    rule.check(classes);
  }
}
