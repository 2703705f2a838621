package io.imdbrnn.promote;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.registry.Decision;
import io.imdbrnn.registry.DecisionLog;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.runtime.SparkStage;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ReviewRescoring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Champion/challenger: measures the registry's champion on the candidate's test reviews, decides by
 * {@link PromotionRule}, and records the decision. On promotion the candidate's bundle is copied
 * into the registry before the pointer moves, and the pointer moves before the log row is written;
 * the pointer carries its decision, so a log that missed the row (the process was killed between
 * the two) is healed by the next run.
 */
public final class PromoteJob {
  private static final Logger LOG = LoggerFactory.getLogger(PromoteJob.class);

  private final SparkSession spark;
  private final PromoteSettings settings;
  private final Configuration conf;
  private final SparkStage stage;

  public PromoteJob(SparkSession spark, PromoteSettings settings) {
    this.spark = spark;
    this.settings = settings;
    this.conf = spark.sparkContext().hadoopConfiguration();
    this.stage = new SparkStage(spark, settings.section());
  }

  /** The decision made; {@link Decision.Action#KEPT} when the champion stays. */
  public Decision execute() {
    Registry registry = new Registry(conf, settings.registry());
    DecisionLog log = new DecisionLog(spark, registry.root());
    registry.sweepStaging();
    Optional<ChampionPointer> champion = registry.champion();
    champion.ifPresent(p -> heal(log, p));
    if (settings.rollback()) {
      return record(log, rollback(registry, champion));
    }
    settings.candidateInputs();
    if (ModelLocation.champion(conf, settings.model()).isPresent()) {
      throw new BadInputException(
          "promote.model " + settings.model() + " is a model registry, not a candidate bundle.");
    }
    ModelBundle candidate =
        stage.step(
            "loading the candidate " + settings.model(),
            () -> ModelBundle.load(conf, settings.model()));
    candidate.requireTask(
        Task.SENTIMENT, settings.model(), "promoted (promotion compares test accuracy)");
    String candidateId = candidate.manifest().modelId();
    ModelLocation.requireSafeId(candidateId, "candidate " + settings.model());
    BinaryMetrics evaluated = candidateMetrics(candidateId);
    if (champion.isPresent() && champion.get().modelId().equals(candidateId)) {
      // A retried promotion that had finished: same answer, nothing new to record.
      LOG.info("Model {} is already the champion of {}", candidateId, registry.root());
      return Decision.fromMap(champion.get().decision());
    }
    return record(log, decide(registry, champion, candidateId, evaluated));
  }

  private Decision record(DecisionLog log, Decision decision) {
    stage.run("recording the decision", () -> log.append(decision));
    LOG.info(
        "Promotion decision {}: {} {} ({})",
        decision.decisionId(),
        decision.action().label(),
        decision.candidateModelId(),
        decision.reason());
    return decision;
  }

  private Decision decide(
      Registry registry,
      Optional<ChampionPointer> champion,
      String candidateId,
      BinaryMetrics evaluated) {
    Dataset<Row> predictions =
        EvaluationDatasets.readPredictions(spark, settings.evaluation())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      OptionalDouble championAccuracy = OptionalDouble.empty();
      String championId = champion.map(ChampionPointer::modelId).orElse(null);
      if (championId != null) {
        ModelBundle current =
            stage.step(
                "loading the champion " + championId,
                () -> ModelBundle.load(conf, registry.modelPath(championId)));
        BinaryMetrics rescored =
            stage.step(
                "re-scoring the champion on the candidate's " + evaluated.n() + " reviews",
                () ->
                    BinaryMetrics.lossAndAccuracy(
                        ReviewRescoring.score(
                            predictions,
                            ReviewsDataset.read(spark, settings.reviews()),
                            settings.reviews(),
                            current,
                            settings.batchSize())));
        championAccuracy = OptionalDouble.of(rescored.accuracy());
      }
      PromotionRule.Verdict verdict =
          PromotionRule.decide(
              evaluated.accuracy(), championAccuracy, settings.tolerance(), settings.minAccuracy());
      Decision decision =
          new Decision(
              UUID.randomUUID().toString(),
              Instant.now(),
              verdict.promote() ? Decision.Action.PROMOTED : Decision.Action.KEPT,
              candidateId,
              evaluated.accuracy(),
              championId,
              championAccuracy.isPresent() ? championAccuracy.getAsDouble() : null,
              evaluated.n(),
              settings.tolerance(),
              settings.minAccuracy(),
              verdict.reason());
      if (verdict.promote()) {
        stage.run(
            "copying the candidate into the registry",
            () -> registry.install(settings.model(), candidateId));
        List<String> previous = new ArrayList<>();
        champion.ifPresent(
            p -> {
              previous.add(p.modelId());
              previous.addAll(p.previous());
            });
        registry.point(
            new ChampionPointer(
                candidateId,
                decision.decisionId(),
                decision.decidedAt().toString(),
                previous,
                decision.toMap()));
      }
      return decision;
    } finally {
      predictions.unpersist();
    }
  }

  private Decision rollback(Registry registry, Optional<ChampionPointer> champion) {
    ChampionPointer current =
        champion.orElseThrow(
            () ->
                new BadInputException(
                    "Model registry " + registry.root() + " has no champion to roll back."));
    if (current.previous().isEmpty()) {
      throw new BadInputException(
          "Model registry "
              + registry.root()
              + " has no earlier champion to roll back to; "
              + current.modelId()
              + " is the first.");
    }
    String restored = current.previous().get(0);
    Decision decision =
        new Decision(
            UUID.randomUUID().toString(),
            Instant.now(),
            Decision.Action.ROLLED_BACK,
            restored,
            null,
            current.modelId(),
            null,
            null,
            settings.tolerance(),
            settings.minAccuracy(),
            "rollback: " + restored + " replaces " + current.modelId());
    registry.point(
        new ChampionPointer(
            restored,
            decision.decisionId(),
            decision.decidedAt().toString(),
            current.previous().subList(1, current.previous().size()),
            decision.toMap()));
    return decision;
  }

  /**
   * The candidate's own figures, from its evaluation, which must be of this bundle on test data.
   */
  private BinaryMetrics candidateMetrics(String candidateId) {
    Row m = EvaluationDatasets.readMetricsRow(spark, settings.evaluation());
    String evaluatedId = m.getString(m.fieldIndex("model_id"));
    if (!candidateId.equals(evaluatedId)) {
      throw new BadInputException(
          String.format(
              "Evaluation %s (promote.evaluation) is of model %s, not of the candidate %s (%s).",
              settings.evaluation(), evaluatedId, settings.model(), candidateId));
    }
    String split = m.getString(m.fieldIndex("split"));
    if (!"test".equals(split)) {
      throw new BadInputException(
          "Evaluation "
              + settings.evaluation()
              + " scored the "
              + split
              + " split; promotion compares models on test data.");
    }
    return BinaryMetrics.fromRow(m);
  }

  private void heal(DecisionLog log, ChampionPointer pointer) {
    if (!pointer.decision().isEmpty() && !log.contains(pointer.decisionId())) {
      LOG.warn(
          "The decision log lacks decision {} that made {} champion (an interrupted promotion);"
              + " recording it now",
          pointer.decisionId(),
          pointer.modelId());
      log.append(Decision.fromMap(pointer.decision()));
    }
  }
}
