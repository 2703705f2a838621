package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.JavaConverters;

class DataSetBatchesTest {
  /** A row as Spark hands it to executor code: arrays arrive as Scala sequences. */
  private static Row row(int label, Integer... tokens) {
    Object ids = JavaConverters.asScalaBuffer(new ArrayList<>(List.of(tokens))).toSeq();
    return RowFactory.create("id", "train", label, ids, tokens.length);
  }

  private static List<DataSet> batches(List<Row> rows, int batchSize, int maxLen) {
    List<DataSet> out = new ArrayList<>();
    new DataSetBatches(rows.iterator(), batchSize, maxLen, 3, 2).forEachRemaining(out::add);
    return out;
  }

  @Test
  void groupsRowsIntoMinibatchesWithALastPartialOne() {
    List<Row> rows = List.of(row(1, 0, 1, 5), row(0, 1, 4, 4), row(1, 0, 0, 1));
    List<DataSet> out = batches(rows, 2, 3);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).getFeatures().shape()).containsExactly(2, 3);
    assertThat(out.get(0).getFeatures().toFloatMatrix())
        .isDeepEqualTo(new float[][] {{0, 1, 5}, {1, 4, 4}});
    assertThat(out.get(0).getLabels().toFloatMatrix()).isDeepEqualTo(new float[][] {{1}, {0}});
    assertThat(out.get(1).numExamples()).isEqualTo(1);
    assertThat(out.get(1).getFeatures().toFloatMatrix()).isDeepEqualTo(new float[][] {{0, 0, 1}});
  }

  @Test
  void noRowsGiveNoBatches() {
    assertThat(batches(List.of(), 4, 3)).isEmpty();
  }

  @Test
  void rowOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> batches(List.of(row(1, 1, 2)), 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 tokens; the prepared data promises 3.");
  }
}
