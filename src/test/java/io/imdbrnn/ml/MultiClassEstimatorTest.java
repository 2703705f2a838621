package io.imdbrnn.ml;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Estimator on three topics with string and with numeric labels, checked by Spark's own
 * evaluator, IndexToString and CrossValidator, unchanged.
 */
class MultiClassEstimatorTest extends SparkTestBase {
  private static final String[][] TOPICS = {
    {"food", "recipe", "taste", "dinner", "spice", "bread"},
    {"sports", "goal", "match", "team", "coach", "league"},
    {"tech", "chip", "code", "software", "laptop", "server"}
  };
  private static final String[] FILLER = {"the", "a", "was", "very", "and", "it", "we", "saw"};

  /** Texts of a few topic words among filler words; the label as a name and as 0.0, 1.0, 2.0. */
  private static Dataset<Row> topics(int perTopic, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < perTopic; i++) {
      for (int t = 0; t < TOPICS.length; t++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 10; w++) {
          text.append(
                  w % 3 == 0
                      ? TOPICS[t][1 + random.nextInt(TOPICS[t].length - 1)]
                      : FILLER[random.nextInt(FILLER.length)])
              .append(' ');
        }
        rows.add(RowFactory.create(text.toString(), TOPICS[t][0], (double) t));
      }
    }
    StructType schema =
        new StructType()
            .add("body", DataTypes.StringType)
            .add("topic", DataTypes.StringType)
            .add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  private static SentimentClassifier classifier(String labelCol, int epochs) {
    return new SentimentClassifier()
        .setTextCol("body")
        .setLabelCol(labelCol)
        .setSetting("epochs", epochs)
        .setSetting("learning-rate", 0.01)
        .setSetting("cell", "gru")
        .setSetting("pooling", "max")
        .setSetting("max-len", 16)
        .setSetting("vocab-size", 60)
        .setSetting("batch-size", 8)
        .setSetting("workers", 1);
  }

  @Test
  void stringLabelsGiveVectorsAClassIndexAndTheLabelBack() {
    Dataset<Row> data = topics(60, 3);
    SentimentModel model = classifier("topic", 6).fit(data);
    Dataset<Row> scored = model.transform(data).cache();
    Row first = scored.first();
    assertThat(first.<Vector>getAs("probability").size()).isEqualTo(3);
    assertThat(first.<Vector>getAs("rawPrediction").size()).isEqualTo(3);
    assertThat(first.<Vector>getAs("probability").toArray())
        .satisfies(
            p ->
                assertThat(p[0] + p[1] + p[2])
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4)));
    assertThat(first.<String>getAs("predictedLabel")).isIn("food", "sports", "tech");

    // Spark's own tools, unchanged: the classes are ordered as StringIndexer's alphabetAsc does.
    Dataset<Row> indexed =
        new StringIndexer()
            .setInputCol("topic")
            .setOutputCol("topicIndex")
            .setStringOrderType("alphabetAsc")
            .fit(scored)
            .transform(scored);
    double accuracy =
        new MulticlassClassificationEvaluator()
            .setLabelCol("topicIndex")
            .setPredictionCol("prediction")
            .setMetricName("accuracy")
            .evaluate(indexed);
    assertThat(accuracy).isGreaterThan(0.8);
    Dataset<Row> named =
        new IndexToString().setInputCol("prediction").setOutputCol("name").transform(scored);
    assertThat(named.filter("name <> predictedLabel").count()).isZero();
    assertThat(named.filter("name = topic").count()).isGreaterThan((long) (0.8 * 180));
  }

  @Test
  void anEnsembleFitsThroughTheEstimatorAndIsSavedWithEveryMember(@TempDir Path dir)
      throws java.io.IOException {
    Dataset<Row> data = topics(30, 4);
    SentimentModel model = classifier("topic", 2).setSetting("ensemble-size", 2).fit(data);
    assertThat(model.bundle().ensemble().size()).isEqualTo(2);
    String path = dir.resolve("ensemble").toString();
    model.write().save(path);
    SentimentModel loaded = SentimentModel.load(path);
    assertThat(loaded.bundle().ensemble().size()).isEqualTo(2);
    Dataset<Row> few = data.limit(5);
    List<Row> before = model.transform(few).select("probability").collectAsList();
    List<Row> after = loaded.transform(few).select("probability").collectAsList();
    for (int i = 0; i < before.size(); i++) {
      double[] b = before.get(i).<Vector>getAs(0).toArray();
      double[] a = after.get(i).<Vector>getAs(0).toArray();
      for (int c = 0; c < b.length; c++) {
        assertThat(a[c]).isCloseTo(b[c], org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void crossValidatorTunesItOnNumericLabels() {
    Dataset<Row> data = topics(40, 5);
    SentimentClassifier classifier = classifier("label", 2);
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(
                (org.apache.spark.ml.param.IntParam) classifier.getParam("epochs"),
                new int[] {2, 5})
            .build();
    CrossValidatorModel cv =
        new CrossValidator()
            .setEstimator(classifier)
            .setEstimatorParamMaps(grid)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setNumFolds(2)
            .setSeed(7)
            .fit(data);
    assertThat(cv.avgMetrics()).hasSize(2);
    double accuracy =
        new MulticlassClassificationEvaluator()
            .setMetricName("accuracy")
            .evaluate(cv.bestModel().transform(data));
    assertThat(accuracy).isGreaterThan(0.6);
  }
}
