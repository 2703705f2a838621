package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.WordVectorsSettings;
import io.imdbrnn.wordvectors.WordVectorsJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "word-vectors",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Learn word vectors from the train split's texts of a reviews dataset (Spark MLlib"
            + " Word2Vec, skip-gram; labels unused, test split never read), written as"
            + " word-vectors.txt in the word2vec text format: pass it to train with"
            + " --set train.word-vectors=<output>/word-vectors.txt.")
final class WordVectorsCommand extends StageCommand {
  private WordVectorsSettings settings;

  @Override
  protected WordVectorsSettings resolve(Config config) {
    settings = SettingsBinder.bind(WordVectorsSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new WordVectorsJob(spark, settings).execute();
  }

  @Override
  protected boolean usesNativeBackend() {
    return false;
  }
}
