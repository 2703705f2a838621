package io.imdbrnn.task;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.Task;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.evaluate.Evaluation;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.prepare.Preparation;
import io.imdbrnn.text.TextUnits;
import io.imdbrnn.train.TrainingTask;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything that differs between the tasks ({@code prepare.task}), stage by stage: the one place
 * that answers "what kind of task is this?". The stages ask it and never branch on the task
 * themselves, so a new task is a new implementation of this interface (and the stage pieces it
 * hands out), not edits across the stages.
 */
public interface TaskKind {
  /** The implementation of {@code task}. */
  static TaskKind of(Task task) {
    return switch (task) {
      case CLASSIFY -> Classification.INSTANCE;
      case NEXT_CHAR -> NextTokenModel.CHARS;
      case NEXT_WORD -> NextTokenModel.WORDS;
    };
  }

  Task task();

  /** How texts become this task's prepared data. */
  Preparation preparation(PrepareSettings settings);

  /** The prepared rows (every split) of a prepared dataset of this task. */
  Dataset<Row> preparedRows(SparkSession spark, String prepared);

  /**
   * The network to train on the prepared data: its head follows the data (two classes, K classes, a
   * distribution per step). Settings the task cannot train with are refused by name.
   */
  NetworkSpec network(TrainSettings settings, PreparedManifest prepared);

  /** Reading, batching and validating the prepared rows in training. */
  TrainingTask training(TrainSettings settings, PreparedManifest prepared, NetworkSpec spec);

  /**
   * What the prepared data adds to a checkpoint's fingerprint, so that training never continues a
   * checkpoint made on data of another task, shape or classes.
   */
  Map<String, Object> fingerprint(PreparedManifest prepared);

  /** Scoring a split of prepared data with a bundle of this task. */
  Evaluation evaluation(SparkSession spark, EvaluateSettings settings);

  /**
   * Whether {@code report} (and so {@code run}'s report and promotion evidence) applies: its
   * figures are a classifier's.
   */
  boolean reported();

  /**
   * What {@code generate} samples, for a language model: its units. Empty for a task whose model
   * does not predict the next unit of a text.
   */
  Optional<TextUnits> sampledUnits();
}
