package io.imdbrnn.promote;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.fs.FileLock;
import io.imdbrnn.fs.RegularFileCopy;
import io.imdbrnn.registry.Decision;
import io.imdbrnn.registry.DecisionLog;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.ReviewRescoring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
  private final Instant startedAt = Instant.now();

  public PromoteJob(SparkSession spark, PromoteSettings settings) {
    this.spark = spark;
    this.settings = settings;
    this.conf = spark.sparkContext().hadoopConfiguration();
  }

  /** The decision made; {@link Decision.Action#KEPT} when the champion stays. */
  public Decision execute() {
    checkPlacement(conf, settings);
    try (StageRun run = StageRun.withoutOutput(spark, settings.section())) {
      return execute(run);
    }
  }

  private Decision execute(StageRun run) {
    Registry registry = new Registry(conf, settings.registry());
    Candidate candidate = settings.rollback() ? null : candidate(run);
    if (settings.rollback() && registry.champion().isEmpty()) {
      // Checked again under the lock; here so that a rollback never creates a registry.
      throw noChampion(registry);
    }
    try (FileLock lock =
        registry.lock(
            Duration.ofSeconds(settings.lockWaitSeconds()),
            Duration.ofSeconds(settings.lockStaleSeconds()))) {
      registry.sweepStaging();
      DecisionLog log = new DecisionLog(spark, registry.root());
      log.check();
      Optional<ChampionPointer> champion = registry.champion();
      champion.ifPresent(p -> heal(log, p, registry));
      if (settings.rollback()) {
        return record(run, log, rollback(run, registry, champion));
      }
      if (champion.isPresent() && champion.get().modelId().equals(candidate.id())) {
        // A retried promotion that had finished: same answer, nothing new to record.
        LOG.info("Model {} is already the champion of {}", candidate.id(), registry.root());
        return Decision.fromMap(champion.get().decision(), championFile(registry));
      }
      return record(
          run, log, decide(run, registry, champion, candidate.id(), candidate.evidence()));
    }
  }

  /**
   * Refuses, before anything is read or written, a registry that is not one (or empty, or new),
   * that overlaps an input, or a candidate that is itself a registry.
   */
  public static void checkPlacement(Configuration conf, PromoteSettings settings) {
    if (!settings.rollback()) {
      Map<String, String> inputs = settings.candidateInputs();
      if (ModelLocation.champion(conf, settings.model()).isPresent()) {
        throw new BadInputException(
            "promote.model " + settings.model() + " is a model registry, not a candidate bundle.");
      }
      AtomicOutput registry =
          new AtomicOutput(
              conf, settings.registry(), false, PromoteSettings.REGISTRY, Registry.MARKER_STAGE);
      registry.checkPlacement();
      inputs.forEach((key, path) -> registry.checkDistinctFrom(path, key));
    }
    new Registry(conf, settings.registry()).requireRegistryOrNew(PromoteSettings.REGISTRY);
  }

  private record Candidate(String id, CandidateEvidence.Verified evidence) {}

  /** The candidate bundle and its checked figures. */
  private Candidate candidate(StageRun run) {
    ModelBundle bundle =
        run.step(
            "loading the candidate " + settings.model(),
            () -> ModelBundle.load(conf, settings.model()));
    bundle.requireClassifier(settings.model(), "promoted (promotion compares test accuracy)");
    String id = bundle.manifest().modelId();
    ModelLocation.requireSafeId(id, "candidate " + settings.model());
    // Refused here, before the registry is locked or marked, not half way through the copy.
    RegularFileCopy.requireNoLinks(
        conf,
        new org.apache.hadoop.fs.Path(settings.model()),
        "Candidate bundle " + settings.model());
    CandidateEvidence.Verified evidence =
        run.step(
            "checking the candidate's evaluation " + settings.evaluation(),
            () -> CandidateEvidence.verified(spark, settings.evaluation(), id, bundle.labels()));
    return new Candidate(id, evidence);
  }

  private static BadInputException noChampion(Registry registry) {
    return new BadInputException(
        "Model registry " + registry.root() + " has no champion to roll back.");
  }

  private static String championFile(Registry registry) {
    return registry.root() + "/" + ChampionPointer.FILE;
  }

  private Decision record(StageRun run, DecisionLog log, Decision decision) {
    run.run("recording the decision", () -> log.append(decision));
    LOG.info(
        "Promotion decision {}: {} {} ({})",
        decision.decisionId(),
        decision.action().label(),
        decision.candidateModelId(),
        decision.reason());
    return decision;
  }

  private Decision decide(
      StageRun run,
      Registry registry,
      Optional<ChampionPointer> champion,
      String candidateId,
      CandidateEvidence.Verified evaluated) {
    String championId = champion.map(ChampionPointer::modelId).orElse(null);
    OptionalDouble championAccuracy =
        championId == null
            ? OptionalDouble.empty()
            : OptionalDouble.of(rescoredChampion(run, registry, championId, evaluated));
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
      run.run(
          "copying the candidate into the registry",
          () -> registry.install(settings.model(), candidateId));
      List<String> previous = new ArrayList<>();
      champion.ifPresent(
          p -> {
            previous.add(p.modelId());
            previous.addAll(p.previous());
          });
      registry.point(pointer(candidateId, decision, previous, settings.model()));
    }
    return decision;
  }

  /** The champion's accuracy on the candidate's own test reviews. */
  private double rescoredChampion(
      StageRun run, Registry registry, String championId, CandidateEvidence.Verified candidate) {
    String path = registry.modelPath(championId);
    ModelBundle current =
        run.step("loading the champion " + championId, () -> ModelBundle.load(conf, path));
    current.requireClassifier(path, "the champion a classifier is compared with");
    if (!current.labels().equals(candidate.labels())) {
      throw new BadInputException(
          String.format(
              "The champion %s tells apart the classes %s, the candidate the classes %s: their"
                  + " accuracies do not compare. Promote into a registry of this task.",
              championId, current.labels().shown(), candidate.labels().shown()));
    }
    Dataset<Row> predictions = run.cache(candidate.scored());
    return run.step(
        "re-scoring the champion on the candidate's " + candidate.n() + " texts",
        () ->
            CandidateEvidence.accuracy(
                ReviewRescoring.score(
                    predictions,
                    ReviewsDataset.read(spark, settings.reviews()),
                    settings.reviews(),
                    current,
                    settings.batchSize()),
                current.labels()));
  }

  private Decision rollback(StageRun run, Registry registry, Optional<ChampionPointer> champion) {
    ChampionPointer current = champion.orElseThrow(() -> noChampion(registry));
    if (current.previous().isEmpty()) {
      throw new BadInputException(
          "Model registry "
              + registry.root()
              + " has no earlier champion to roll back to; "
              + current.modelId()
              + " is the first.");
    }
    String restored = current.previous().get(0);
    registry.requireInstalled(restored, "the earlier champion");
    run.step(
            "loading the earlier champion " + restored,
            () -> ModelBundle.load(conf, registry.modelPath(restored)))
        .requireClassifier(registry.modelPath(restored), "restored as the champion");
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
        pointer(
            restored,
            decision,
            current.previous().subList(1, current.previous().size()),
            registry.modelPath(restored)));
    return decision;
  }

  /**
   * The pointer that makes {@code modelId} champion, with the decision and this run's provenance.
   */
  private ChampionPointer pointer(
      String modelId, Decision decision, List<String> previous, String bundle) {
    return new ChampionPointer(
        ChampionPointer.FORMAT_VERSION,
        modelId,
        decision.decisionId(),
        decision.decidedAt().toString(),
        previous,
        decision.toMap(),
        Provenance.of(
            SettingsSchema.manifestValues(settings),
            Redact.text(bundle),
            DataDigest.of(conf, bundle),
            spark.version(),
            startedAt.toString()));
  }

  private void heal(DecisionLog log, ChampionPointer pointer, Registry registry) {
    if (!pointer.decision().isEmpty() && !log.contains(pointer.decisionId())) {
      Decision lost = Decision.fromMap(pointer.decision(), championFile(registry));
      if (!lost.decisionId().equals(pointer.decisionId())) {
        throw new BadInputException(
            championFile(registry)
                + " names decision "
                + pointer.decisionId()
                + " but holds the record of decision "
                + lost.decisionId()
                + "; it was edited by hand.");
      }
      LOG.warn(
          "The decision log lacks decision {} that made {} champion (an interrupted promotion);"
              + " recording it now",
          pointer.decisionId(),
          pointer.modelId());
      log.append(lost);
    }
  }
}
