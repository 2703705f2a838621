package io.imdbrnn.prepare;

import io.imdbrnn.runtime.StageRun;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns texts (the reviews dataset's columns: id, split, label, text) into what one task's network
 * reads, fitting whatever the task fits (vocabulary, classes) on the train split only. Nothing is
 * written: the result is DataFrames and a manifest, which the prepare stage writes.
 */
public interface Preparation {
  Prepared prepare(StageRun run, Dataset<Row> texts);
}
