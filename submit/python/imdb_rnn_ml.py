"""A thin PySpark wrapper over imdb-rnn-spark's Spark ML classes (io.imdbrnn.ml).

The classes live in the JVM; this module calls them through the session's py4j gateway, so the
cluster jar must be on the driver's classpath (spark-submit --jars, or spark.jars). Tested through
real PySpark and spark-submit (RealClientIT): fit, save, load, transform and the SQL function.

    from pyspark.sql import SparkSession
    from imdb_rnn_ml import SentimentClassifier, SentimentModel

    spark = SparkSession.builder.config("spark.jars", "imdb-rnn-spark.jar").getOrCreate()
    reviews = spark.read.parquet("reviews.parquet")          # columns: text, label (0/1)
    model = SentimentClassifier(spark, epochs=3, **{"max-len": 200}).fit(reviews)
    model.transform(reviews).select("text", "probability", "prediction").show()
    model.save("models/sentiment")
    SentimentModel.load(spark, "models/sentiment").register_udf("sentiment")
    spark.sql("SELECT sentiment('A wonderful film') AS p").show()
"""

from pyspark.sql import DataFrame


def _jvm(spark):
    return spark.sparkContext._jvm


class SentimentModel:
    """Wraps io.imdbrnn.ml.SentimentModel: transform adds status, probability and prediction."""

    def __init__(self, spark, java_model):
        self._spark = spark
        self._java = java_model

    @staticmethod
    def load(spark, path):
        """Loads a model bundle directory (from the CLI's train or from save)."""
        return SentimentModel(spark, _jvm(spark).io.imdbrnn.ml.SentimentModel.load(path))

    def set_text_col(self, name):
        self._java.setTextCol(name)
        return self

    def transform(self, df):
        return DataFrame(self._java.transform(df._jdf), self._spark)

    def save(self, path, overwrite=False):
        writer = self._java.write()
        if overwrite:
            writer = writer.overwrite()
        writer.save(path)

    def register_udf(self, name):
        """Registers a SQL function name(text) returning the probability of a positive review."""
        _jvm(self._spark).io.imdbrnn.ml.SentimentModel.registerUdf(
            self._spark._jsparkSession, name, self._java
        )


class SentimentClassifier:
    """Wraps io.imdbrnn.ml.SentimentClassifier; keyword arguments are settings by config name."""

    def __init__(self, spark, text_col="text", label_col="label", **settings):
        self._spark = spark
        self._java = _jvm(spark).io.imdbrnn.ml.SentimentClassifier()
        self._java.setTextCol(text_col).setLabelCol(label_col)
        for name, value in settings.items():
            self._java.setSetting(name.replace("_", "-"), value)

    def fit(self, df):
        return SentimentModel(self._spark, self._java.fit(df._jdf))
