package io.imdbrnn.predict;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.TextScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores reviews given on the command line, standard input, a text file or a directory, on this
 * machine without Spark, and prints one line per review. A review that cannot be scored gets a
 * status (empty, no-words, invalid-utf8, too-long) instead of failing the run.
 */
public final class LocalPredictor {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPredictor.class);

  private final PredictSettings settings;
  private final InputKind kind;
  private final List<String> texts;
  private final InputStream stdin;

  public LocalPredictor(
      PredictSettings settings, InputKind kind, List<String> texts, InputStream stdin) {
    this.settings = settings;
    this.kind = kind;
    this.texts = texts;
    this.stdin = stdin;
  }

  public List<Prediction> predict(ModelBundle bundle) {
    RawReviews reader =
        new RawReviews(settings.maxReviewBytes(), Charset.forName(settings.encoding()));
    List<RawReviews.Item> items = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      items.add(reader.text("text:" + (i + 1), texts.get(i)));
    }
    items.addAll(
        switch (kind) {
          case NONE -> List.of();
          case STDIN -> reader.lines(stdin, "stdin");
          case LINES -> readLines(reader, Path.of(settings.input()));
          case FILES -> reader.files(Path.of(settings.input()));
          default -> throw new IllegalStateException(kind + " is a dataset input");
        });
    List<List<String>> scorable = new ArrayList<>();
    for (RawReviews.Item item : items) {
      if (Prediction.OK.equals(item.status())) {
        scorable.add(item.words());
      }
    }
    double[][] outputs = TextScorer.of(bundle, settings.batchSize()).outputs(scorable);
    ClassOutputs<?> classes = ClassOutputs.of(bundle.labels());
    List<Prediction> out = new ArrayList<>(items.size());
    int next = 0;
    for (RawReviews.Item item : items) {
      double[] scored = Prediction.OK.equals(item.status()) ? outputs[next++] : null;
      out.add(new Prediction(item.id(), item.status(), classes, scored));
    }
    LOG.info(
        "Scored {} of {} reviews with model {}",
        scorable.size(),
        items.size(),
        bundle.manifest().modelId());
    return out;
  }

  public void print(List<Prediction> predictions, PrintWriter out) {
    PredictionWriter.forFormat(settings.outputFormat()).write(predictions, out);
  }

  private static List<RawReviews.Item> readLines(RawReviews reader, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return reader.lines(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
