package io.imdbrnn.testing;

import io.imdbrnn.bundle.BundleManifest;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.Cell;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A small, untrained but complete model bundle written through Hadoop's local filesystem (so with
 * {@code .crc} checksums, as {@code train} writes it): for tests of loading and scoring, in a
 * fraction of a second and without Spark.
 */
public final class TinyBundle {
  public static final int VOCAB_SIZE = 40;
  public static final int MAX_LEN = 12;

  private TinyBundle() {}

  public static Path write(Path dir) {
    return write(dir, false, "sentiment");
  }

  /**
   * A bundle whose network is a next-char language model (a softmax at every step) or a classifier,
   * and whose {@code prepare.json} names {@code preparedTask}: the two disagree when a test wants a
   * bundle whose files lie about what it is.
   */
  public static Path write(Path dir, boolean nextCharNetwork, String preparedTask) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < VOCAB_SIZE - Vocabulary.FIRST_WORD_ID; i++) {
      words.add(i == 0 ? "great" : i == 1 ? "awful" : "w" + i);
    }
    var network =
        NetworkFactory.create(
            nextCharNetwork
                ? new NetworkSpec(
                    Cell.GRU,
                    VOCAB_SIZE,
                    MAX_LEN,
                    4,
                    5,
                    1e-3,
                    7,
                    false,
                    1,
                    false,
                    0,
                    io.imdbrnn.config.Pooling.LAST,
                    io.imdbrnn.model.Head.NEXT_TOKEN)
                : new NetworkSpec(Cell.SIMPLE_RNN, VOCAB_SIZE, MAX_LEN, 4, 5, 1e-3, 7, false));
    PreparedManifest prepared =
        new PreparedManifest(
            PreparedManifest.FORMAT_VERSION,
            ReviewTokenizer.VERSION,
            VOCAB_SIZE,
            VOCAB_SIZE,
            MAX_LEN,
            "pre",
            "pre",
            Map.of("pad", 0, "start", 1, "oov", 2),
            "synthetic",
            Map.of("train", 10L),
            "2026-01-01T00:00:00Z",
            "test",
            preparedTask,
            null,
            null);
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.FORMAT_VERSION,
            "tiny",
            new BundleManifest.Network("simple-rnn", VOCAB_SIZE, MAX_LEN, 4, 5, false, 0),
            Map.of(),
            0,
            0,
            Map.of(),
            io.imdbrnn.bundle.Provenance.of(
                Map.of(), "synthetic", null, "test", "2026-01-01T00:00:00Z"),
            null);
    new ModelBundle(
            io.imdbrnn.model.Ensemble.of(network),
            new Vocabulary(words),
            counts(),
            prepared,
            manifest)
        .write(new Configuration(), dir.toString());
    return dir;
  }

  /** The word counts the bundle's vocabulary file records. */
  public static List<Long> counts() {
    return new ArrayList<>(Collections.nCopies(VOCAB_SIZE - Vocabulary.FIRST_WORD_ID, 1L));
  }
}
