package io.imdbrnn.registry;

import io.imdbrnn.fs.JsonFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the decision log: what {@code promote} decided, about which models, on which figures
 * and why. Accuracies are on the same reviews (the candidate's test data); the champion's fields
 * are null when there was none.
 */
public record Decision(
    String decisionId,
    Instant decidedAt,
    Action action,
    String candidateModelId,
    Double candidateAccuracy,
    String championModelId,
    Double championAccuracy,
    Long reviews,
    double tolerance,
    double minAccuracy,
    String reason) {

  /**
   * Ids become file names in the log ({@code <time>-<decisionId>.parquet}) and directory names in
   * {@code models/}, so a decision read back from a file is checked like one made here.
   */
  public Decision {
    io.imdbrnn.bundle.ModelLocation.requireSafeId(decisionId, "decision record");
    io.imdbrnn.bundle.ModelLocation.requireSafeId(candidateModelId, "decision " + decisionId);
    if (championModelId != null) {
      io.imdbrnn.bundle.ModelLocation.requireSafeId(championModelId, "decision " + decisionId);
    }
    if (decidedAt == null || action == null || reason == null) {
      throw new io.imdbrnn.errors.BadInputException(
          "Decision " + decisionId + " lacks its time, action or reason.");
    }
  }

  /** What happened to the pointer. */
  public enum Action {
    PROMOTED,
    KEPT,
    ROLLED_BACK;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static Action of(String label) {
      for (Action a : values()) {
        if (a.label().equals(label)) {
          return a;
        }
      }
      throw new io.imdbrnn.errors.BadInputException("unknown action '" + label + "'");
    }
  }

  public static final StructType SCHEMA =
      new StructType()
          .add("decision_id", DataTypes.StringType, false)
          .add("decided_at", DataTypes.TimestampType, false)
          .add("action", DataTypes.StringType, false)
          .add("candidate_model_id", DataTypes.StringType, false)
          .add("candidate_accuracy", DataTypes.DoubleType, true)
          .add("champion_model_id", DataTypes.StringType, true)
          .add("champion_accuracy", DataTypes.DoubleType, true)
          .add("reviews", DataTypes.LongType, true)
          .add("tolerance", DataTypes.DoubleType, false)
          .add("min_accuracy", DataTypes.DoubleType, false)
          .add("reason", DataTypes.StringType, false);

  public Row toRow() {
    return RowFactory.create(
        decisionId,
        Timestamp.from(decidedAt),
        action.label(),
        candidateModelId,
        candidateAccuracy,
        championModelId,
        championAccuracy,
        reviews,
        tolerance,
        minAccuracy,
        reason);
  }

  /** As stored inside {@code champion.json}, so a log that missed the row can be healed. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap() {
    return JsonFiles.MAPPER.convertValue(this, LinkedHashMap.class);
  }

  /**
   * The decision stored in a file ({@code champion.json}): any field of the wrong type or shape is
   * bad input naming {@code where}.
   */
  public static Decision fromMap(Map<String, Object> m, String where) {
    try {
      return JsonFiles.MAPPER.convertValue(m, Decision.class);
    } catch (IllegalArgumentException e) {
      throw new io.imdbrnn.errors.BadInputException(
          where + " holds a malformed decision record: " + e.getMessage(), e);
    }
  }
}
