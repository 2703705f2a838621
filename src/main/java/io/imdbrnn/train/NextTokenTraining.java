package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.scoring.TokenMetrics;
import io.imdbrnn.scoring.WindowRows;
import io.imdbrnn.scoring.WindowScoring;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a language model: windows of character or word ids, a softmax over the vocabulary at
 * every step. Windows of one text stay on one side of the validation split (it hashes the text id).
 * Progress counts ids predicted per second.
 */
public final class NextTokenTraining implements TrainingTask {
  private static final Logger LOG = LoggerFactory.getLogger(NextTokenTraining.class);

  private final TrainSettings settings;
  private final int vocabSize;
  private final String unit;

  /**
   * @param unit what one id is ({@code char}, {@code word}), for the log
   */
  public NextTokenTraining(TrainSettings settings, int vocabSize, String unit) {
    this.settings = settings;
    this.vocabSize = vocabSize;
    this.unit = unit;
  }

  @Override
  public Dataset<Row> trainRows(Dataset<Row> prepared) {
    return prepared
        .filter(col(WindowsDataset.SPLIT).equalTo("train"))
        .select(WindowsDataset.ID, WindowsDataset.WINDOW, WindowsDataset.CHARS);
  }

  @Override
  public void requireTrainable(Dataset<Row> fitRows, long validationCount) {
    if (TrainingTask.validationMissing(settings, validationCount) || fitRows.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Prepared dataset %s (%s) cannot be trained on: its train split has %s windows for"
                  + " fitting and %d for validation (%s = %s). Training needs both; nothing was"
                  + " written.",
              settings.input(),
              TrainSettings.INPUT,
              fitRows.isEmpty() ? "no" : "some",
              validationCount,
              TrainSettings.VALIDATION_FRACTION,
              settings.validationFraction()));
    }
  }

  @Override
  public long samples(Dataset<Row> fitRows, long fitCount) {
    Row r = fitRows.agg(sum(size(col(WindowsDataset.CHARS)).minus(1))).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  @Override
  public Batcher<int[]> batcher(StructType schema) {
    int charsField = schema.fieldIndex(WindowsDataset.CHARS);
    int batchSize = settings.batchSize();
    int vocab = vocabSize;
    return new WindowBatcher(charsField, batchSize, vocab);
  }

  /** Static, so the closure Spark ships holds three numbers and not the training task. */
  private record WindowBatcher(int charsField, int batchSize, int vocabSize)
      implements Batcher<int[]> {
    @Override
    public int[] example(Row row) {
      return WindowRows.ids(row, charsField);
    }

    @Override
    public Iterator<DataSet> batches(Iterator<int[]> windows, long seed) {
      return new WindowBatches(windows, batchSize, vocabSize);
    }
  }

  @Override
  public Validation validate(Dataset<Row> rows, Ensemble net, NetworkSpec spec) {
    // A language model is never an ensemble (NextTokenModel refuses train.ensemble-size).
    TokenMetrics m = TokenMetrics.of(WindowScoring.score(rows, net.first()));
    LOG.info("Validation: {}", m.summary(unit));
    return new Validation(m.natsPerToken(), m.accuracy());
  }
}
