package io.imdbrnn.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The metrics against values computed by hand, and the AUCs against Spark MLlib's own. */
class BinaryMetricsTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType()
          .add(TokenizedDataset.LABEL, DataTypes.IntegerType, false)
          .add(ModelScoring.PROBABILITY, DataTypes.DoubleType, false);

  private Dataset<Row> scored(int[] labels, double[] probabilities) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create(labels[i], probabilities[i]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void countsAndRatesMatchAHandComputation() {
    // Predicted positive at >= 0.5: TP = {0.9, 0.5}, FP = {0.7}, TN = {0.1, 0.2}, FN = {0.4}.
    int[] labels = {1, 1, 0, 0, 0, 1};
    double[] p = {0.9, 0.5, 0.7, 0.1, 0.2, 0.4};
    BinaryMetrics m = BinaryMetrics.full(scored(labels, p));

    assertThat(m.n()).isEqualTo(6);
    assertThat(m.truePositives()).isEqualTo(2);
    assertThat(m.falsePositives()).isEqualTo(1);
    assertThat(m.trueNegatives()).isEqualTo(2);
    assertThat(m.falseNegatives()).isEqualTo(1);
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-12));
    double logLoss =
        -(Math.log(0.9)
                + Math.log(0.5)
                + Math.log(0.3)
                + Math.log(0.9)
                + Math.log(0.8)
                + Math.log(0.4))
            / 6;
    assertThat(m.logLoss()).isCloseTo(logLoss, within(1e-12));
    // Of the 9 positive/negative pairs, the positive scores higher in 7 (0.4 loses to 0.7, and
    // 0.5 loses to 0.7): ROC AUC = 7/9.
    assertThat(m.rocAuc()).isCloseTo(7.0 / 9, within(1e-12));
  }

  @Test
  void logLossClipsCertainMistakesLikeKeras() {
    BinaryMetrics m = BinaryMetrics.lossAndAccuracy(scored(new int[] {1}, new double[] {0.0}));
    assertThat(m.logLoss()).isCloseTo(-Math.log(1e-7), within(1e-9));
    assertThat(m.rocAuc()).isNaN();
  }

  @Test
  void aucsAgreeWithSparkMllib() {
    Random random = new Random(11);
    int n = 2000;
    int[] labels = new int[n];
    double[] p = new double[n];
    List<Tuple2<Object, Object>> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextBoolean() ? 1 : 0;
      p[i] = Math.min(1, Math.max(0, 0.5 + (labels[i] - 0.5) * 0.4 + random.nextGaussian() * 0.3));
      pairs.add(new Tuple2<>(p[i], (double) labels[i]));
    }
    BinaryMetrics m = BinaryMetrics.full(scored(labels, p));
    BinaryClassificationMetrics mllib =
        new BinaryClassificationMetrics(
            org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(pairs)
                .rdd());
    assertThat(m.rocAuc()).isCloseTo(mllib.areaUnderROC(), within(1e-9));
    assertThat(m.prAuc()).isCloseTo(mllib.areaUnderPR(), within(1e-9));
    assertThat(m.rocAuc()).isBetween(0.7, 0.95);
  }
}
