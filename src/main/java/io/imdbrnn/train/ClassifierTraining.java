package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.config.ClassWeights;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.ModelScoring;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a text classifier: padded word ids and a class index per text; two classes through the
 * sigmoid head, more through the softmax head (the batches are the same: the label is the index).
 */
public final class ClassifierTraining implements TrainingTask {
  private static final int SCORING_BATCH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierTraining.class);

  private final TrainSettings settings;
  private final int maxLen;
  private final ClassOutputs<?> outputs;
  private final int classes;

  /** Set by {@link #requireTrainable} from the fitting rows' class counts; null for none. */
  private float[] classWeights;

  public ClassifierTraining(TrainSettings settings, int maxLen, ClassOutputs<?> outputs) {
    this.settings = settings;
    this.maxLen = maxLen;
    this.outputs = outputs;
    this.classes = outputs.labels().size();
  }

  @Override
  public Dataset<Row> trainRows(Dataset<Row> prepared) {
    return prepared
        .filter(col(TokenizedDataset.SPLIT).equalTo("train"))
        .select(TokenizedDataset.ID, TokenizedDataset.LABEL, TokenizedDataset.TOKENS);
  }

  /**
   * Refuses no validation rows (when asked for), or training rows of one class only (the classifier
   * would learn a constant).
   */
  @Override
  public void requireTrainable(Dataset<Row> fitRows, long validationCount) {
    Map<Integer, Long> fitLabels = new TreeMap<>();
    for (Row r : fitRows.groupBy(TokenizedDataset.LABEL).count().collectAsList()) {
      fitLabels.put(r.getInt(0), r.getLong(1));
    }
    if (fitLabels.size() < 2 || TrainingTask.validationMissing(settings, validationCount)) {
      throw new BadInputException(
          String.format(
              "Prepared dataset %s (%s) cannot be trained on: its train split has texts of %d"
                  + " class%s for fitting and %d for validation (%s = %s). Training needs two"
                  + " classes or more and a non-empty validation part; nothing was written.",
              settings.input(),
              TrainSettings.INPUT,
              fitLabels.size(),
              fitLabels.size() == 1 ? "" : "es",
              validationCount,
              TrainSettings.VALIDATION_FRACTION,
              settings.validationFraction()));
    }
    if (settings.classWeights() == ClassWeights.BALANCED) {
      classWeights = balanced(fitLabels, classes);
      LOG.info(
          "Class weights (balanced, {} classes in the fitting rows): {}",
          fitLabels.size(),
          summary(classWeights, fitLabels));
    }
  }

  /**
   * Two classes take their weights as each example's labels mask (the batches carry them); more
   * take them in the loss, because DL4J's softmax loss refuses a labels mask on a minibatch of one
   * example ("per output masking"), which dl4j-spark's re-batching of a partition's last rows
   * makes.
   */
  @Override
  public void configure(MultiLayerNetwork net) {
    if (classWeights != null && classes > 2) {
      weighLoss(net, classWeights);
    }
  }

  /** Gives the softmax head's loss a weight per class (class index order). */
  static void weighLoss(MultiLayerNetwork net, float[] weights) {
    BaseOutputLayer head = (BaseOutputLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer();
    head.setLossFn(new LossSparseMCXENT(Nd4j.createFromArray(weights).reshape(1, weights.length)));
  }

  /**
   * n / (K · n_c) for each class c of the fitting rows (K of them); a class without fitting rows
   * gets 0, as it has no text to weigh.
   */
  static float[] balanced(Map<Integer, Long> counts, int classes) {
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    float[] w = new float[classes];
    counts.forEach((c, count) -> w[c] = (float) ((double) n / (counts.size() * (double) count)));
    return w;
  }

  private static String summary(float[] weights, Map<Integer, Long> counts) {
    if (counts.size() <= 10) {
      StringBuilder s = new StringBuilder();
      counts.keySet().forEach(c -> s.append(String.format("%d: %.3f ", c, weights[c])));
      return s.toString().strip();
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int c : counts.keySet()) {
      min = Math.min(min, weights[c]);
      max = Math.max(max, weights[c]);
    }
    return String.format("from %.3f to %.3f", min, max);
  }

  @Override
  public long samples(Dataset<Row> fitRows, long fitCount) {
    return fitCount;
  }

  @Override
  public Batcher<DataSetBatches.Example> batcher(StructType schema) {
    DataSetBatches.Options options =
        new DataSetBatches.Options(
            settings.batchSize(),
            maxLen,
            settings.maskPadding(),
            settings.bucketByLength() ? settings.bucketPoolBatches() : 0,
            classes == 2 ? classWeights : null,
            settings.wordDropout());
    int tokensField = schema.fieldIndex(TokenizedDataset.TOKENS);
    int labelField = schema.fieldIndex(TokenizedDataset.LABEL);
    return new ReviewBatcher(options, tokensField, labelField);
  }

  /** Static, so the closure Spark ships holds the options and not the training task. */
  private record ReviewBatcher(DataSetBatches.Options options, int tokensField, int labelField)
      implements Batcher<DataSetBatches.Example> {
    @Override
    public DataSetBatches.Example example(Row row) {
      return DataSetBatches.Example.of(row, tokensField, labelField, options.maxLen());
    }

    @Override
    public Iterator<DataSet> batches(Iterator<DataSetBatches.Example> examples, long seed) {
      return new DataSetBatches(examples, options, seed);
    }
  }

  @Override
  public Validation validate(Dataset<Row> rows, Ensemble net, NetworkSpec spec) {
    AccuracyFigures m =
        outputs.lossAndAccuracy(
            ModelScoring.score(
                rows, net, outputs, spec.maxLen(), SCORING_BATCH, spec.maskPadding()));
    return new Validation(m.logLoss(), m.accuracy());
  }
}
