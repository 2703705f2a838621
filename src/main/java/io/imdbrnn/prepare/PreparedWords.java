package io.imdbrnn.prepare;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.datasets.TokenizedDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A classifier's prepared data: {@code rows} in {@link TokenizedDataset}'s columns (id, split,
 * class index, padded word ids), the vocabulary fitted on the train split, and the manifest.
 */
record PreparedWords(Dataset<Row> rows, FittedVocabulary fitted, PreparedManifest manifest)
    implements Prepared {

  @Override
  public PreparedManifest writeTo(SparkSession spark, String dir) {
    rows.write().parquet(TokenizedDataset.path(dir));
    fitted.write(spark, dir);
    manifest.write(spark.sparkContext().hadoopConfiguration(), dir);
    return manifest;
  }

  @Override
  public String summary() {
    return String.format(
        "%d texts %s of %d classes: vocabulary of %d ids, sequences of %d ids",
        manifest.rows().values().stream().mapToLong(Long::longValue).sum(),
        manifest.rows(),
        manifest.labelIndex().size(),
        vocabulary().size(),
        manifest.maxLen());
  }
}
