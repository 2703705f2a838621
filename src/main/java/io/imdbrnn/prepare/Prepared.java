package io.imdbrnn.prepare;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.text.Vocabulary;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Prepared data, not yet written: the rows a task's network reads (every split), the vocabulary
 * fitted on the train split, and the manifest. Training can read it as it is ({@link
 * io.imdbrnn.train.Trainer}) or the prepare stage writes it.
 */
public interface Prepared {
  /** Every split's rows, in the task's prepared layout ({@code tokens/} or {@code windows/}). */
  Dataset<Row> rows();

  /** The vocabulary fitted on the train split, with its counts. */
  FittedVocabulary fitted();

  default Vocabulary vocabulary() {
    return fitted().vocabulary();
  }

  /** The train split's count of each vocabulary unit, in id order from its first word. */
  default List<Long> counts() {
    return fitted().counts();
  }

  /** The manifest of the prepared data (counting the rows may run a Spark job). */
  PreparedManifest manifest();

  /**
   * Writes the prepared dataset's layout (the rows, {@code vocabulary/}, {@code prepare.json}) into
   * {@code dir} and returns the manifest written.
   */
  PreparedManifest writeTo(SparkSession spark, String dir);

  /** One line for the log: what was prepared. */
  String summary();
}
