package io.imdbrnn.wordvectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;

import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.WordVectorsSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.prepare.SequenceEncoding;
import io.imdbrnn.prepare.VocabularyFitter;
import io.imdbrnn.runtime.HadoopConfigurations;
import io.imdbrnn.runtime.JobProgress;
import io.imdbrnn.runtime.StageRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns word vectors from a corpus's own texts with Spark MLlib's distributed Word2Vec
 * (skip-gram), on the train split only (and, when given, unlabeled texts one per line) and with the
 * tokenizer that prepares the classifier's data, so that the vectors' words are the vocabulary's
 * words. Writes them in the word2vec text format that {@code train.word-vectors} reads (and any
 * other tool: GloVe's and fastText's readers take it), with a manifest of what made them, as one
 * all-or-nothing output.
 */
public final class WordVectorsJob {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorsJob.class);
  public static final String VECTORS = "word-vectors.txt";
  public static final String MANIFEST = "word-vectors.json";
  private static final String TRAIN = "train";
  private static final String UNLABELED_TEXTS = "word-vectors.unlabeled-texts";

  private final SparkSession spark;
  private final WordVectorsSettings settings;

  public WordVectorsJob(SparkSession spark, WordVectorsSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** What was written: the vectors file, how many vectors, and from how many texts. */
  public record Result(String vectors, long words, long texts) {}

  /** Columns of MLlib's vectors and of the word counts (named as prepare's). */
  private static final String WORD = VocabularyFitter.WORD;

  private static final String VECTOR = "vector";
  private static final String COUNT = VocabularyFitter.COUNT;

  /** What made the vectors, beside them. */
  /**
   * @param unlabeledTextsDigest the digest of {@code word-vectors.unlabeled-texts} (its path is
   *     among the provenance's settings); null when none were read
   */
  public record Manifest(
      int formatVersion,
      long vectors,
      int dimension,
      long texts,
      Provenance provenance,
      String unlabeledTextsDigest) {
    public static final int FORMAT_VERSION = 1;
  }

  public Result execute() {
    String startedAt = Instant.now().toString();
    try (StageRun run = StageRun.open(spark, settings)) {
      Dataset<Row> train =
          ReviewsDataset.read(spark, settings.input())
              .filter(col(ReviewsDataset.SPLIT).equalTo(TRAIN))
              .select(col(ReviewsDataset.TEXT));
      Dataset<Row> texts =
          run.cache(
              SequenceEncoding.tokenize(
                      settings.unlabeledTexts().isEmpty()
                          ? train
                          : train.unionByName(unlabeledTexts()))
                  .select(SequenceEncoding.WORDS)
                  // A blank line is no text; Word2Vec would only skip it.
                  .filter(size(col(SequenceEncoding.WORDS)).gt(0)));
      long count = run.step("tokenizing the texts", texts::count);
      if (count == 0) {
        throw new BadInputException(
            "Reviews dataset "
                + settings.input()
                + " (word-vectors.input) holds no train texts to learn word vectors from"
                + (settings.unlabeledTexts().isEmpty()
                    ? "."
                    : ", nor does " + settings.unlabeledTexts() + " (" + UNLABELED_TEXTS + ")."));
      }
      Dataset<Row> counts = learnable(texts);
      long vocabulary = run.step("counting the words to learn", () -> vocabulary(counts));
      Word2VecModel model =
          run.step(
              String.format(
                  "learning %d-number vectors from %d texts (%d pass%s, %d partition%s)",
                  settings.vectorSize(),
                  count,
                  settings.iterations(),
                  settings.iterations() == 1 ? "" : "es",
                  settings.partitions(),
                  settings.partitions() == 1 ? "" : "s"),
              () -> {
                // MLlib runs one job per pass, its training stage named for this call site.
                try (JobProgress passes =
                    new JobProgress(
                            spark.sparkContext(),
                            "word-vectors: learning",
                            "mapPartitions at Word2Vec.scala",
                            "pass",
                            settings.iterations(),
                            count,
                            "texts",
                            PROGRESS_EVERY)
                        .start()) {
                  return word2Vec().fit(texts);
                }
              });
      // Most frequent first, as word2vec, GloVe and fastText write theirs: a reader that takes the
      // first N words (prepare.word-vectors) then takes the most useful ones.
      Dataset<Row> vectors =
          model
              .getVectors()
              .join(counts, WORD)
              .orderBy(col(COUNT).desc(), col(WORD).asc())
              .select(WORD, VECTOR);
      long words = vocabulary;
      Result result =
          run.write(
              temp -> {
                write(temp, vectors, words);
                writeManifest(temp, words, count, startedAt);
                return new Result(settings.output() + "/" + VECTORS, words, count);
              });
      LOG.info(
          "Learned vectors of {} numbers for {} words from {} texts -> {}",
          settings.vectorSize(),
          words,
          count,
          result.vectors());
      return result;
    }
  }

  /** The lines of {@code word-vectors.unlabeled-texts}, each a text. */
  private Dataset<Row> unlabeledTexts() {
    HadoopConfigurations.requireExists(
        spark.sparkContext().hadoopConfiguration(), settings.unlabeledTexts(), UNLABELED_TEXTS);
    return spark
        .read()
        .text(settings.unlabeledTexts())
        .select(col("value").as(ReviewsDataset.TEXT));
  }

  /** The words MLlib will learn vectors for (seen min-count times or more): word, count. */
  private Dataset<Row> learnable(Dataset<Row> texts) {
    return texts
        .select(explode(col(SequenceEncoding.WORDS)).as(WORD))
        .groupBy(WORD)
        .count()
        .filter(col(COUNT).geq(settings.minCount()));
  }

  /**
   * How many words MLlib will learn vectors for, refusing settings that leave none or more than
   * MLlib can hold, by name.
   */
  private long vocabulary(Dataset<Row> counts) {
    long words = counts.count();
    if (words == 0) {
      throw new BadInputException(
          String.format(
              "No word of reviews dataset %s appears %d times or more in its train split or the"
                  + " unlabeled texts (word-vectors.min-count); no vector can be learned.",
              settings.input(), settings.minCount()));
    }
    // MLlib keeps every vector in one array, indexed by an int.
    if (words * settings.vectorSize() >= Integer.MAX_VALUE) {
      throw new BadInputException(
          String.format(
              "%d words of %d numbers are more than Spark MLlib's Word2Vec holds; raise"
                  + " word-vectors.min-count or lower word-vectors.vector-size.",
              words, settings.vectorSize()));
    }
    return words;
  }

  /** A progress line at most this often; a pass of 25,000 reviews takes about 45 s here. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private Word2Vec word2Vec() {
    return new Word2Vec()
        .setInputCol(SequenceEncoding.WORDS)
        .setOutputCol("vector")
        .setVectorSize(settings.vectorSize())
        .setWindowSize(settings.window())
        .setMinCount(settings.minCount())
        .setMaxIter(settings.iterations())
        .setStepSize(settings.stepSize())
        .setNumPartitions(settings.partitions())
        .setSeed(settings.seed());
  }

  /** The vectors in the word2vec text format, read on the driver, where MLlib keeps them anyway. */
  private void write(String dir, Dataset<Row> vectors, long words) {
    Path file = new Path(dir, VECTORS);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (Writer out =
          new BufferedWriter(
              new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8), 1 << 16)) {
        out.write(words + " " + settings.vectorSize() + "\n");
        Iterator<Row> rows = vectors.toLocalIterator();
        while (rows.hasNext()) {
          Row r = rows.next();
          StringBuilder line = new StringBuilder(r.getString(0));
          Vector v = r.getAs(1);
          for (int i = 0; i < v.size(); i++) {
            line.append(' ').append((float) v.apply(i));
          }
          out.write(line.append('\n').toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeManifest(String dir, long words, long texts, String startedAt) {
    Provenance provenance =
        Provenance.of(
            SettingsSchema.manifestValues(settings),
            Redact.text(settings.input()),
            DataDigest.of(spark.sparkContext().hadoopConfiguration(), settings.input()),
            spark.version(),
            startedAt);
    Path file = new Path(dir, MANIFEST);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (java.io.OutputStream out = fs.create(file, false)) {
        JsonFiles.MAPPER.writeValue(
            out,
            new Manifest(
                Manifest.FORMAT_VERSION,
                words,
                settings.vectorSize(),
                texts,
                provenance,
                settings.unlabeledTexts().isEmpty()
                    ? null
                    : DataDigest.of(
                        spark.sparkContext().hadoopConfiguration(), settings.unlabeledTexts())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
