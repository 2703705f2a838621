package io.imdbrnn.report;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.baseline.BaselineManifest;
import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.config.ReportSettings;
import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.CheckedEvaluation;
import io.imdbrnn.scoring.ReviewRescoring;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code report}: gathers the figures of the evaluated model, of the registry's champion
 * re-scored on the same reviews, and of a baseline on the same reviews, and writes {@code
 * report.html} with the figures inline and beside it as PNG files, all or nothing.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
  public static final String PAGE = "report.html";

  private final SparkSession spark;
  private final ReportSettings settings;

  public ReportJob(SparkSession spark, ReportSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** The models in the report, in page order. */
  public List<ModelFigures> execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      Configuration conf = run.hadoopConf();
      CheckedEvaluation evaluation =
          run.step(
              "reading the evaluation " + settings.evaluation(),
              () -> CheckedEvaluation.read(spark, settings.evaluation()));
      String modelId = evaluation.modelId();
      Dataset<Row> predictions = run.cache(evaluation.scored(ReportSettings.EVALUATION));
      Dataset<Row> reviews = reviewsCovering(run, predictions);
      List<ModelFigures> models = new ArrayList<>();
      models.add(
          run.step(
              "figures of " + modelId, () -> evaluated(conf, evaluation, predictions, reviews)));
      champion(conf, modelId)
          .ifPresent(
              pointer ->
                  models.add(championFigures(run, pointer, evaluation, predictions, reviews)));
      if (!settings.baseline().isEmpty()) {
        models.add(
            run.step("figures of the baseline", () -> baseline(evaluation, predictions, reviews)));
      }
      List<ReportCharts.Figure> figures =
          run.step("drawing figures", () -> ReportCharts.draw(models));
      writePage(run, modelId, models, figures);
      return models;
    }
  }

  /** The reviews, if given, checked to hold every evaluated id; null without them. */
  private Dataset<Row> reviewsCovering(StageRun run, Dataset<Row> predictions) {
    if (settings.reviews().isEmpty()) {
      return null;
    }
    Dataset<Row> reviews = run.cache(ReviewsDataset.read(spark, settings.reviews()));
    run.step(
        "checking that the reviews hold every evaluated id",
        () -> {
          ReviewRescoring.requireCovers(
              predictions, reviews, settings.reviews() + " (" + ReportSettings.REVIEWS + ")");
          return null;
        });
    return reviews;
  }

  /** The registry's champion, re-scored on the evaluated reviews. */
  private ModelFigures championFigures(
      StageRun run,
      ChampionPointer pointer,
      CheckedEvaluation evaluation,
      Dataset<Row> predictions,
      Dataset<Row> reviews) {
    String bundlePath = pointer.bundlePath(settings.registry());
    ModelBundle bundle = championBundle(run.hadoopConf(), bundlePath);
    evaluation.requireSameClasses(
        bundle.labels(), "The registry's champion " + pointer.modelId() + " (" + bundlePath + ")");
    Dataset<Row> scored =
        run.cache(
            ReviewRescoring.score(
                predictions, reviews, settings.reviews(), bundle, settings.batchSize()));
    return run.step(
        "re-scoring the champion " + pointer.modelId(),
        () ->
            EvaluationFigures.of(
                "champion",
                pointer.modelId(),
                scored,
                evaluation.labels(),
                evaluation.topK(),
                reviews,
                history(bundlePath),
                flattened(bundle.manifest())));
  }

  /** {@code report.html} and its figures, written aside and moved into place. */
  private void writePage(
      StageRun run, String modelId, List<ModelFigures> models, List<ReportCharts.Figure> figures) {
    Configuration conf = run.hadoopConf();
    String html =
        ReportPage.render(
            "Evaluation report: " + models.get(0).role() + " " + modelId,
            Instant.now().toString(),
            models,
            figures);
    run.write(
        temp -> {
          write(conf, new Path(temp, PAGE), html.getBytes(StandardCharsets.UTF_8));
          for (ReportCharts.Figure f : figures) {
            write(conf, new Path(temp, f.file()), f.png());
          }
          return null;
        });
    LOG.info(
        "Report of {} with {} figures and {} model(s): {}/{}",
        modelId,
        figures.size(),
        models.size(),
        settings.output(),
        PAGE);
  }

  private ModelFigures evaluated(
      Configuration conf,
      CheckedEvaluation evaluation,
      Dataset<Row> predictions,
      Dataset<Row> reviews) {
    String modelId = evaluation.modelId();
    if (settings.model().isEmpty()) {
      Optional<BaselineManifest> baseline = BaselineManifest.find(conf, settings.evaluation());
      Map<String, String> provenance =
          baseline.map(ReportJob::flattened).orElse(Map.of("modelId", modelId));
      String role = baseline.isPresent() ? "baseline" : "model";
      return EvaluationFigures.of(
          role,
          modelId,
          predictions,
          evaluation.labels(),
          evaluation.topK(),
          reviews,
          List.of(),
          provenance);
    }
    ModelBundle bundle = ModelBundle.load(conf, settings.model());
    bundle.requireClassifier(settings.model(), "reported on");
    if (!bundle.manifest().modelId().equals(modelId)) {
      throw new BadInputException(
          String.format(
              "Evaluation %s (%s) is of model %s, not of %s (%s), model %s.",
              settings.evaluation(),
              ReportSettings.EVALUATION,
              modelId,
              settings.model(),
              ReportSettings.MODEL,
              bundle.manifest().modelId()));
    }
    evaluation.requireSameClasses(
        bundle.labels(), "Model bundle " + settings.model() + " (" + ReportSettings.MODEL + ")");
    return EvaluationFigures.of(
        "model",
        modelId,
        predictions,
        evaluation.labels(),
        evaluation.topK(),
        reviews,
        history(ModelLocation.resolve(conf, settings.model())),
        flattened(bundle.manifest()));
  }

  /** The champion's bundle, which must be a classifier to stand beside the model. */
  private static ModelBundle championBundle(Configuration conf, String bundlePath) {
    ModelBundle bundle = ModelBundle.load(conf, bundlePath);
    bundle.requireClassifier(bundlePath, "reported as the champion");
    return bundle;
  }

  /**
   * Checks {@code report.registry} as far as can be done before any work: a registry (or empty),
   * whose champion, if any, is a complete classifier bundle; {@code run} calls it before its first
   * stage.
   */
  public static void checkRegistry(Configuration conf, ReportSettings settings) {
    if (settings.registry().isEmpty()) {
      return;
    }
    Registry registry = new Registry(conf, settings.registry());
    registry.requireRegistryOrNew(ReportSettings.REGISTRY);
    Optional<ChampionPointer> pointer = registry.champion();
    if (pointer.isPresent()) {
      if (settings.reviews().isEmpty()) {
        throw new BadInputException(
            ReportSettings.REGISTRY
                + " needs "
                + ReportSettings.REVIEWS
                + ": the champion is re-scored on the reviews' text.");
      }
      registry.requireInstalled(pointer.get().modelId(), "the champion");
      championBundle(conf, pointer.get().bundlePath(settings.registry()));
    }
  }

  /** The registry's champion, unless there is none or it is the evaluated model itself. */
  private Optional<ChampionPointer> champion(Configuration conf, String modelId) {
    if (settings.registry().isEmpty()) {
      return Optional.empty();
    }
    new Registry(conf, settings.registry()).requireRegistryOrNew(ReportSettings.REGISTRY);
    Optional<ChampionPointer> pointer = ModelLocation.champion(conf, settings.registry());
    if (pointer.isPresent() && settings.reviews().isEmpty()) {
      throw new BadInputException(
          ReportSettings.REGISTRY
              + " needs "
              + ReportSettings.REVIEWS
              + ": the champion is re-scored on the reviews' text.");
    }
    return pointer.filter(p -> !p.modelId().equals(modelId));
  }

  private ModelFigures baseline(
      CheckedEvaluation evaluation, Dataset<Row> predictions, Dataset<Row> reviews) {
    CheckedEvaluation baseline = CheckedEvaluation.read(spark, settings.baseline());
    evaluation.requireSameClasses(
        baseline.labels(),
        "Baseline " + settings.baseline() + " (" + ReportSettings.BASELINE + ")");
    Dataset<Row> all = baseline.scored(ReportSettings.BASELINE);
    // The same texts as the model, or the comparison would mean nothing.
    Dataset<Row> same =
        all.join(
            predictions.select(col(TokenizedDataset.ID).as("_id")),
            all.col(TokenizedDataset.ID).equalTo(col("_id")),
            "left_semi");
    long n = predictions.count();
    long matched = same.count();
    if (matched != n) {
      throw new BadInputException(
          String.format(
              "Baseline %s (%s) scored %d of the evaluation's %d texts; it must be evaluated on"
                  + " the same test texts.",
              settings.baseline(), ReportSettings.BASELINE, matched, n));
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String id = baseline.modelId();
    Map<String, String> provenance =
        BaselineManifest.find(conf, settings.baseline())
            .map(ReportJob::flattened)
            .orElse(Map.of("modelId", id));
    return EvaluationFigures.of(
        "baseline",
        id,
        same,
        evaluation.labels(),
        evaluation.topK(),
        reviews,
        List.of(),
        provenance);
  }

  private List<ModelFigures.Epoch> history(String bundle) {
    Path dir = new Path(HistoryDataset.path(bundle));
    try {
      if (!dir.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(dir)) {
        return List.of();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir, e);
    }
    List<Row> rows;
    try {
      rows =
          spark
              .read()
              .schema(HistoryDataset.SCHEMA)
              .parquet(dir.toString())
              // An ensemble's curves are its first member's (the others' are alike).
              .filter("member IS NULL OR member = 1")
              .orderBy("epoch")
              .collectAsList();
    } catch (Exception e) {
      // Scala does not declare the SparkException of a corrupt file; it is the bundle's fault.
      throw new BadInputException(
          "Model bundle "
              + bundle
              + " has an unreadable training history "
              + dir
              + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
    List<ModelFigures.Epoch> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new ModelFigures.Epoch(
              r.getInt(r.fieldIndex("epoch")),
              r.getDouble(r.fieldIndex("train_loss")),
              r.getDouble(r.fieldIndex("validation_loss")),
              r.getDouble(r.fieldIndex("validation_accuracy"))));
    }
    return out;
  }

  /** A typed manifest as one row per leaf for the report's provenance table. */
  private static Map<String, String> flattened(Record manifest) {
    return ProvenanceRows.flatten(JsonFiles.MAPPER.convertValue(manifest, LinkedHashMap.class));
  }

  private static void write(Configuration conf, Path file, byte[] bytes) {
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
