package io.imdbrnn.examples;

import io.imdbrnn.ml.SentimentClassifier;
import io.imdbrnn.ml.SentimentModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training and scoring from Spark code: a DataFrame of reviews (a {@code body} and a {@code stars}
 * column) goes through a Pipeline of Spark's SQLTransformer (stars to a 0/1 label) and the
 * SentimentClassifier; the fitted pipeline is saved, loaded and used on new text, in a batch and as
 * a SQL function.
 *
 * <p>Run it with the cluster jar on the classpath, e.g. {@code spark-submit --class
 * io.imdbrnn.examples.SentimentPipelineExample ...} after building the examples, with two Parquet
 * paths: reviews to train on and the directory to save the pipeline to.
 */
public final class SentimentPipelineExample {
  private SentimentPipelineExample() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("sentiment pipeline example").getOrCreate();
    Dataset<Row> reviews = spark.read().parquet(args[0]);

    SQLTransformer labels =
        new SQLTransformer().setStatement("SELECT *, IF(stars >= 7, 1, 0) AS label FROM __THIS__");
    SentimentClassifier classifier =
        new SentimentClassifier()
            .setTextCol("body")
            .setSetting("epochs", 3)
            .setSetting("max-len", 200);
    PipelineModel model =
        new Pipeline().setStages(new PipelineStage[] {labels, classifier}).fit(reviews);
    model.write().overwrite().save(args[1]);

    PipelineModel loaded = PipelineModel.load(args[1]);
    loaded.transform(reviews).select("body", "status", "probability", "prediction").show(5);

    SentimentModel sentiment = (SentimentModel) loaded.stages()[1];
    SentimentModel.registerUdf(spark, "sentiment", sentiment);
    spark.sql("SELECT sentiment('A wonderful, moving film.') AS p").show();
    spark.stop();
  }
}
