package io.imdbrnn.registry;

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

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

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
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decisionId", decisionId);
    m.put("decidedAt", decidedAt.toString());
    m.put("action", action.label());
    m.put("candidateModelId", candidateModelId);
    m.put("candidateAccuracy", candidateAccuracy);
    m.put("championModelId", championModelId);
    m.put("championAccuracy", championAccuracy);
    m.put("reviews", reviews);
    m.put("tolerance", tolerance);
    m.put("minAccuracy", minAccuracy);
    m.put("reason", reason);
    return m;
  }

  /**
   * The decision stored in a file ({@code champion.json}): any field of the wrong type or shape is
   * bad input naming {@code where}.
   */
  public static Decision fromMap(Map<String, Object> m, String where) {
    try {
      return fromMap(m);
    } catch (ClassCastException
        | NullPointerException
        | java.time.format.DateTimeParseException
        | IllegalArgumentException e) {
      throw new io.imdbrnn.errors.BadInputException(
          where + " holds a malformed decision record: " + e.getMessage(), e);
    }
  }

  private static Decision fromMap(Map<String, Object> m) {
    return new Decision(
        (String) m.get("decisionId"),
        Instant.parse((String) m.get("decidedAt")),
        Action.of((String) m.get("action")),
        (String) m.get("candidateModelId"),
        number(m.get("candidateAccuracy")),
        (String) m.get("championModelId"),
        number(m.get("championAccuracy")),
        m.get("reviews") == null ? null : ((Number) m.get("reviews")).longValue(),
        number(m.get("tolerance")),
        number(m.get("minAccuracy")),
        (String) m.get("reason"));
  }

  private static Double number(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }
}
