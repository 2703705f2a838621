package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.text.Vocabulary;
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
    return batches(rows, DataSetBatches.Options.plain(batchSize, maxLen), 7L);
  }

  private static List<DataSet> batches(List<Row> rows, DataSetBatches.Options options, long seed) {
    List<DataSet> out = new ArrayList<>();
    DataSetBatches.fromRows(rows.iterator(), options, 3, 2, seed).forEachRemaining(out::add);
    return out;
  }

  /** Rows of 12 ids whose real lengths are 1..12, labels alternating, in a scrambled order. */
  private static List<Row> rowsOfAllLengths() {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      int length = 1 + (k * 5) % 12;
      Integer[] ids = new Integer[12];
      for (int t = 0; t < 12; t++) {
        ids[t] = t < 12 - length ? 0 : 1 + (t + k) % 9;
      }
      rows.add(row(k % 2, ids));
    }
    return rows;
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

  @Test
  void maskedBatchesAreTrimmedToTheirLongestReviewWithAPaddingMask() {
    List<Row> rows = List.of(row(1, 0, 0, 0, 7, 5), row(0, 0, 0, 3, 4, 4), row(1, 0, 0, 0, 0, 0));
    List<DataSet> out = batches(rows, new DataSetBatches.Options(3, 5, true, 0), 1L);
    assertThat(out).hasSize(1);
    DataSet ds = out.get(0);
    assertThat(ds.getFeatures().shape()).containsExactly(3, 1, 3);
    assertThat(ds.getFeatures().reshape(3, 3).toFloatMatrix())
        .isDeepEqualTo(new float[][] {{0, 7, 5}, {3, 4, 4}, {0, 0, 0}});
    // An all-padding row keeps one step, so the last-step output has something to read.
    assertThat(ds.getFeaturesMaskArray().toFloatMatrix())
        .isDeepEqualTo(new float[][] {{0, 1, 1}, {1, 1, 1}, {0, 0, 1}});
  }

  @Test
  void bucketingGroupsSimilarLengthsAndKeepsEveryRowOnce() {
    List<Row> rows = rowsOfAllLengths();
    List<DataSet> out = batches(rows, new DataSetBatches.Options(3, 12, true, 4), 5L);
    assertThat(out).hasSize(4);
    List<Integer> widths = new ArrayList<>();
    int examples = 0;
    float labelSum = 0;
    for (DataSet ds : out) {
      widths.add((int) ds.getFeatures().size(2));
      examples += ds.numExamples();
      labelSum += ds.getLabels().sumNumber().floatValue();
      // Each batch holds three consecutive lengths, so it is trimmed to the longest of them.
      float[] maskRowSums = ds.getFeaturesMaskArray().sum(1).toFloatVector();
      float longest = 0;
      float shortest = Float.MAX_VALUE;
      for (float v : maskRowSums) {
        longest = Math.max(longest, v);
        shortest = Math.min(shortest, v);
      }
      assertThat(longest - shortest).isEqualTo(2f);
      assertThat(longest).isEqualTo(ds.getFeatures().size(2));
    }
    assertThat(examples).isEqualTo(12);
    assertThat(labelSum).isEqualTo(6f);
    assertThat(widths).containsExactlyInAnyOrder(3, 6, 9, 12);
    // The batch order is shuffled by the seed, not sorted.
    assertThat(widths).isNotEqualTo(List.of(3, 6, 9, 12));
    assertThat(batches(rows, new DataSetBatches.Options(3, 12, true, 4), 5L).get(0).getFeatures())
        .isEqualTo(out.get(0).getFeatures());
  }

  @Test
  void batchesOfDifferentLengthsMergeAsDl4jSparkWorkersMergeThem() {
    // dl4j-spark re-batches a worker's DataSets (IteratorDataSetIterator), merging a short one with
    // the next: the merged batch must keep every row's mask.
    List<DataSet> out = batches(rowsOfAllLengths(), new DataSetBatches.Options(3, 12, true, 4), 5L);
    DataSet merged = DataSet.merge(List.of(out.get(0), out.get(1)));
    assertThat(merged.numExamples()).isEqualTo(6);
    long width = Math.max(out.get(0).getFeatures().size(2), out.get(1).getFeatures().size(2));
    assertThat(merged.getFeatures().shape()).containsExactly(6, 1, width);
    assertThat(merged.getFeaturesMaskArray().sumNumber().floatValue())
        .isEqualTo(
            out.get(0).getFeaturesMaskArray().sumNumber().floatValue()
                + out.get(1).getFeaturesMaskArray().sumNumber().floatValue());
  }

  @Test
  void bucketingWithoutMaskingIsRefused() {
    assertThatThrownBy(() -> new DataSetBatches.Options(32, 500, false, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs masked padding");
  }

  /** 200 rows of 50 ids: 10 of padding, the start marker, then words (ids 3 to 99). */
  private static List<Row> wordRows() {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      Integer[] ids = new Integer[50];
      for (int t = 0; t < 50; t++) {
        ids[t] = t < 10 ? Vocabulary.PAD : t == 10 ? Vocabulary.START : 3 + (t * 7 + k) % 97;
      }
      rows.add(row(k % 2, ids));
    }
    return rows;
  }

  private static DataSetBatches.Options dropping(double p) {
    return new DataSetBatches.Options(16, 50, false, 0, null, p);
  }

  @Test
  void wordDropoutReplacesAboutItsShareOfWordsByTheUnknownWordAndNothingElse() {
    List<DataSet> plain = batches(wordRows(), dropping(0), 3L);
    List<DataSet> dropped = batches(wordRows(), dropping(0.25), 3L);
    assertThat(dropped).hasSameSizeAs(plain);
    long words = 0;
    long replaced = 0;
    for (int b = 0; b < plain.size(); b++) {
      float[][] before = plain.get(b).getFeatures().toFloatMatrix();
      float[][] after = dropped.get(b).getFeatures().toFloatMatrix();
      assertThat(dropped.get(b).getLabels()).isEqualTo(plain.get(b).getLabels());
      for (int i = 0; i < before.length; i++) {
        for (int t = 0; t < before[i].length; t++) {
          if (before[i][t] > Vocabulary.OOV) {
            words++;
            if (after[i][t] != before[i][t]) {
              replaced++;
              assertThat(after[i][t]).isEqualTo((float) Vocabulary.OOV);
            }
          } else {
            // Padding and the start marker carry the length, not words: never dropped.
            assertThat(after[i][t]).isEqualTo(before[i][t]);
          }
        }
      }
    }
    // 7,800 words at 0.25: the share lies within a few standard deviations (0.005) of it.
    assertThat((double) replaced / words).isBetween(0.22, 0.28);
  }

  @Test
  void wordDropoutIsSeededAndDrawnAfreshEachEpochWithoutTouchingTheExamples() {
    List<DataSetBatches.Example> examples = new ArrayList<>();
    for (Row r : wordRows()) {
      examples.add(DataSetBatches.Example.of(r, 3, 2, 50));
    }
    List<float[]> kept = examples.stream().map(e -> e.ids().clone()).toList();
    List<DataSet> epoch1 = new ArrayList<>();
    new DataSetBatches(examples.iterator(), dropping(0.25), 11L).forEachRemaining(epoch1::add);
    List<DataSet> again = new ArrayList<>();
    new DataSetBatches(examples.iterator(), dropping(0.25), 11L).forEachRemaining(again::add);
    List<DataSet> epoch2 = new ArrayList<>();
    new DataSetBatches(examples.iterator(), dropping(0.25), 12L).forEachRemaining(epoch2::add);
    assertThat(again.get(0).getFeatures()).isEqualTo(epoch1.get(0).getFeatures());
    assertThat(epoch2.get(0).getFeatures()).isNotEqualTo(epoch1.get(0).getFeatures());
    for (int i = 0; i < examples.size(); i++) {
      assertThat(examples.get(i).ids()).isEqualTo(kept.get(i));
    }
    assertThatThrownBy(() -> dropping(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wordDropout");
  }
}
