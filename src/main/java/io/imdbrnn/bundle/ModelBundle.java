package io.imdbrnn.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdbrnn.config.Task;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.SafeModelZip;
import io.imdbrnn.text.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A model bundle directory: {@code model.zip} (Deeplearning4j's format, updater state included; an
 * ensemble's other members in {@code model-2.zip}, {@code model-3.zip}, ...), {@code
 * vocabulary.tsv} (id, word, count), {@code prepare.json} (how ids were made), {@code
 * manifest.json} (provenance) and {@code history/}. Everything needed to score raw text, readable
 * without Spark. Written inside an {@link AtomicOutput}, so a bundle is complete or absent.
 */
public final class ModelBundle {
  public static final String MODEL = "model.zip";
  public static final String VOCABULARY = "vocabulary.tsv";
  public static final String MANIFEST = "manifest.json";

  /** Bundle files are read only up to these sizes, so a hostile bundle cannot exhaust memory. */
  static final long MAX_MANIFEST_BYTES = 16L << 20;

  static final long MAX_VOCABULARY_BYTES = 1L << 30;
  static final int MAX_VOCABULARY_LINE = 1 << 20;

  private static final ObjectMapper JSON = JsonFiles.MAPPER;

  private final Ensemble networks;
  private final Vocabulary vocabulary;
  private final List<Long> wordCounts;
  private final PreparedManifest prepared;
  private final BundleManifest manifest;

  /**
   * @param wordCounts each word's count in the training split, in id order (written to {@code
   *     vocabulary.tsv} for people reading it)
   */
  public ModelBundle(
      Ensemble networks,
      Vocabulary vocabulary,
      List<Long> wordCounts,
      PreparedManifest prepared,
      BundleManifest manifest) {
    if (networks.size() != manifest.memberCount()) {
      throw new IllegalArgumentException(
          networks.size() + " networks for a manifest of " + manifest.memberCount());
    }
    this.networks = networks;
    this.vocabulary = vocabulary;
    this.wordCounts = List.copyOf(wordCounts);
    this.prepared = prepared;
    this.manifest = manifest;
  }

  /**
   * The network: the only one, or an ensemble's first member (what init-from starts from, and all a
   * language model has).
   */
  public MultiLayerNetwork network() {
    return networks.first();
  }

  /** Every network a classifier scores with (one, or an ensemble's members). */
  public Ensemble ensemble() {
    return networks;
  }

  /** The file of member {@code m} (from 0): {@code model.zip}, then {@code model-2.zip}, ... */
  static String memberFile(int m) {
    return m == 0 ? MODEL : "model-" + (m + 1) + ".zip";
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public PreparedManifest prepared() {
    return prepared;
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The classes a classifier tells apart, in index order (from {@code prepare.json}). */
  public io.imdbrnn.labels.LabelIndex labels() {
    return prepared.labelIndex();
  }

  /** What the network was trained for (from {@code prepare.json}). */
  public Task task() {
    return prepared.taskOrDefault();
  }

  /**
   * Refuses a bundle that is not a classifier (of any number of classes), for the stages whose
   * figures are a classifier's: report, promote, predict, the Spark ML model.
   */
  public void requireClassifier(String location, String use) {
    requireTaskOf(Task.CLASSIFY, location, use);
  }

  private void requireTaskOf(Task expected, String location, String use) {
    if (task() != expected) {
      throw new BadInputException(
          String.format(
              "Model bundle %s was trained for %s (%s) and cannot be %s; it needs a %s bundle.",
              location, task().settingName(), PreparedManifest.FILE, use, expected.settingName()));
    }
  }

  /**
   * Whether the network was trained with masked padding, so it must be scored with masks too.
   * Bundles written before the setting existed were not.
   */
  public boolean maskPadding() {
    return manifest.network() != null && manifest.network().maskPadding();
  }

  /** Writes every file but {@code history/} (appended during training) into {@code dir}. */
  public void write(Configuration conf, String dir) {
    try {
      FileSystem fs = new Path(dir).getFileSystem(conf);
      for (int m = 0; m < networks.size(); m++) {
        try (OutputStream out = fs.create(new Path(dir, memberFile(m)), false)) {
          ModelSerializer.writeModel(networks.members().get(m), out, true);
        }
      }
      try (Writer w =
          new OutputStreamWriter(
              fs.create(new Path(dir, VOCABULARY), false), StandardCharsets.UTF_8)) {
        List<String> words = vocabulary.words();
        for (int id = 0; id < vocabulary.size(); id++) {
          String word =
              id < Vocabulary.FIRST_WORD_ID
                  ? Vocabulary.RESERVED_WORDS.get(id)
                  : words.get(id - Vocabulary.FIRST_WORD_ID);
          long count =
              id < Vocabulary.FIRST_WORD_ID ? 0 : wordCounts.get(id - Vocabulary.FIRST_WORD_ID);
          w.write(id + "\t" + word + "\t" + count + "\n");
        }
      }
      prepared.write(conf, dir);
      try (OutputStream out = fs.create(new Path(dir, MANIFEST), false)) {
        JSON.writeValue(out, manifest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write model bundle " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads and cross-checks a bundle: the network's embedding must take exactly the vocabulary's
   * ids, and the vocabulary file must match the size {@code prepare.json} records. A model registry
   * loads its current champion ({@link ModelLocation}).
   */
  public static ModelBundle load(Configuration conf, String location) {
    String dir = ModelLocation.resolve(conf, location);
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(conf);
      requireComplete(fs, root, dir);
      BundleManifest manifest = readManifest(fs, root, dir);
      PreparedManifest prepared = PreparedManifest.read(conf, dir);
      checkMembers(fs, root, dir, manifest, prepared);
      List<Long> counts = new ArrayList<>();
      Vocabulary vocabulary = readVocabulary(fs, new Path(root, VOCABULARY), counts);
      List<MultiLayerNetwork> members = new ArrayList<>();
      for (int m = 0; m < manifest.memberCount(); m++) {
        MultiLayerNetwork network = readNetwork(fs, root, dir, memberFile(m));
        checkNetwork(dir, network, vocabulary, prepared);
        checkTask(dir, network, prepared);
        members.add(network);
      }
      checkManifest(dir, manifest, prepared);
      checkNgrams(dir, prepared);
      return new ModelBundle(Ensemble.of(members), vocabulary, counts, prepared, manifest);
    } catch (ChecksumException e) {
      throw new BadInputException(
          "Model bundle "
              + dir
              + " is corrupt: a file fails its checksum ("
              + e.getMessage()
              + ").",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model bundle " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void requireComplete(FileSystem fs, Path root, String dir) throws IOException {
    if (!fs.isDirectory(root)) {
      throw new BadInputException("Model bundle " + dir + " does not exist or is not a directory.");
    }
    for (String file : List.of(MODEL, VOCABULARY, PreparedManifest.FILE, MANIFEST)) {
      if (!fs.exists(new Path(root, file))) {
        throw new BadInputException(
            "Model bundle " + dir + " is incomplete: " + file + " is missing.");
      }
    }
  }

  /**
   * An ensemble's manifest must list 2 to {@link TrainSettings#MAX_ENSEMBLE_SIZE} members, each
   * with its file, and be a classifier's: the count comes from a file and is not trusted.
   */
  private static void checkMembers(
      FileSystem fs, Path root, String dir, BundleManifest manifest, PreparedManifest prepared)
      throws IOException {
    List<BundleManifest.Member> members = manifest.members();
    int n = members == null ? 1 : members.size();
    if (members != null
        && (n < 2 || n > TrainSettings.MAX_ENSEMBLE_SIZE || members.contains(null))) {
      throw new BadInputException(
          String.format(
              "Model bundle %s has a corrupt %s: an ensemble lists 2 to %d members, it lists %d%s.",
              dir,
              MANIFEST,
              TrainSettings.MAX_ENSEMBLE_SIZE,
              n,
              members.contains(null) ? " with an empty entry" : ""));
    }
    // A member file the manifest does not list would be silently left out of every score.
    if (fs.exists(new Path(root, memberFile(n)))) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: it holds %s, which %s does not list.",
              dir, memberFile(n), MANIFEST));
    }
    if (members == null) {
      return;
    }
    if (prepared.taskOrDefault() != Task.CLASSIFY) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: %s lists %d members, but an ensemble is a"
                  + " classifier and %s says task %s.",
              dir, MANIFEST, n, PreparedManifest.FILE, prepared.taskOrDefault().settingName()));
    }
    for (int m = 1; m < n; m++) {
      if (!fs.exists(new Path(root, memberFile(m)))) {
        throw new BadInputException(
            String.format(
                "Model bundle %s is incomplete: %s lists %d members and %s is missing.",
                dir, MANIFEST, n, memberFile(m)));
      }
    }
  }

  private static BundleManifest readManifest(FileSystem fs, Path root, String dir)
      throws IOException {
    try (InputStream in = BoundedRead.open(fs, new Path(root, MANIFEST), MAX_MANIFEST_BYTES)) {
      return FormatVersion.read(
          in,
          BundleManifest.class,
          BundleManifest.ENSEMBLE_FORMAT_VERSION,
          "Model bundle " + dir + ": " + MANIFEST,
          tree -> Provenance.upgradeLegacy(tree, "preparedInput"));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BadInputException(
          "Model bundle " + dir + " has an unreadable " + MANIFEST + ": " + e.getMessage(), e);
    }
  }

  private static MultiLayerNetwork readNetwork(FileSystem fs, Path root, String dir, String file)
      throws IOException {
    BoundedRead.requireAtMost(fs, new Path(root, file), SafeModelZip.MAX_ZIP_BYTES);
    try (InputStream in = fs.open(new Path(root, file))) {
      return SafeModelZip.read(in, false, "Model bundle " + dir + ": " + file);
    } catch (BadInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // DL4J could not build a network from what the zip holds: the bundle is corrupt.
      throw new BadInputException(
          "Model bundle " + dir + " has a corrupt " + file + ": " + e.getMessage(), e);
    }
  }

  /** The network's embedding must take exactly the vocabulary's ids and read max-len steps. */
  private static void checkNetwork(
      String dir, MultiLayerNetwork network, Vocabulary vocabulary, PreparedManifest prepared) {
    long embeddingIds = network.getLayer(0).getParam("W").size(0);
    if (vocabulary.size() != prepared.vocabSize() || embeddingIds != prepared.vocabSize()) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: the network's embedding takes %d ids, %s"
                  + " lists %d, %s says %d.",
              dir,
              embeddingIds,
              VOCABULARY,
              vocabulary.size(),
              PreparedManifest.FILE,
              prepared.vocabSize()));
    }
    var embedding = network.getLayerWiseConfigurations().getConf(0).getLayer();
    if (embedding instanceof EmbeddingSequenceLayer e
        && !e.isInferInputLength()
        && e.getInputLength() != prepared.maxLen()) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: the network reads %d steps, %s says max-len"
                  + " %d.",
              dir, e.getInputLength(), PreparedManifest.FILE, prepared.maxLen()));
    }
  }

  /**
   * The task {@code prepare.json} names must be the one the network's output layer computes, so
   * that an edited file cannot make a language model pass for a classifier or the reverse.
   */
  private static void checkTask(String dir, MultiLayerNetwork network, PreparedManifest prepared) {
    Task written = prepared.taskOrDefault();
    boolean classifier = classifies(network, dir);
    if (classifier) {
      checkClasses(dir, network, prepared);
    }
    if ((written == Task.CLASSIFY) != classifier) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: %s says task %s, but its network computes"
                  + " %s (its output layer is a %s).",
              dir,
              PreparedManifest.FILE,
              written.settingName(),
              classifier ? "a class per text" : "a next-token distribution at every step",
              outputLayer(network).getClass().getSimpleName()));
    }
  }

  /** The n-grams {@code prepare.json} names must be known, and a classifier's. */
  private static void checkNgrams(String dir, PreparedManifest prepared) {
    int n;
    try {
      n = prepared.ngramsOrDefault();
    } catch (BadInputException e) {
      throw new BadInputException("Model bundle " + dir + ": " + e.getMessage(), e);
    }
    if (n > 1 && prepared.taskOrDefault() != Task.CLASSIFY) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: %s names n-grams of %d words for a %s"
                  + " model, which reads one unit at a time.",
              dir, PreparedManifest.FILE, n, prepared.taskOrDefault().settingName()));
    }
  }

  /** A classifier's outputs must be one (two classes) or one per class of {@code prepare.json}. */
  private static void checkClasses(
      String dir, MultiLayerNetwork network, PreparedManifest prepared) {
    long outputs = ((org.deeplearning4j.nn.conf.layers.OutputLayer) outputLayer(network)).getNOut();
    io.imdbrnn.labels.LabelIndex labels = prepared.labelIndex();
    long expected = labels.outputs();
    if (outputs != expected) {
      throw new BadInputException(
          String.format(
              "Model bundle %s does not fit together: %s names %d classes, but its network has %d"
                  + " output%s.",
              dir, PreparedManifest.FILE, labels.size(), outputs, outputs == 1 ? "" : "s"));
    }
  }

  /**
   * What a network computes, from its output layer: one output per text (a sigmoid, or a softmax
   * over the classes) is a classifier; a softmax over the vocabulary at every step is a language
   * model (next-char or next-word: the vocabulary tells them apart, and {@code prepare.json} names
   * it).
   */
  static boolean classifies(MultiLayerNetwork network, String dir) {
    org.deeplearning4j.nn.conf.layers.Layer out = outputLayer(network);
    if (out instanceof org.deeplearning4j.nn.conf.layers.RnnOutputLayer) {
      return false;
    }
    if (out instanceof org.deeplearning4j.nn.conf.layers.OutputLayer) {
      return true;
    }
    throw new BadInputException(
        String.format(
            "Model bundle %s holds a network whose output layer (%s) no task of this program"
                + " has.",
            dir, out.getClass().getSimpleName()));
  }

  private static org.deeplearning4j.nn.conf.layers.Layer outputLayer(MultiLayerNetwork network) {
    var confs = network.getLayerWiseConfigurations().getConfs();
    return confs.get(confs.size() - 1).getLayer();
  }

  /** The manifest's record of the network must agree with {@code prepare.json}. */
  private static void checkManifest(
      String dir, BundleManifest manifest, PreparedManifest prepared) {
    BundleManifest.Network network = manifest.network();
    int maxLen = network == null ? 0 : network.maxLen();
    int vocabSize = network == null ? 0 : network.vocabSize();
    if (maxLen != prepared.maxLen()) {
      throw misfit(dir, "maxLen", maxLen, prepared.maxLen());
    }
    if (vocabSize != prepared.vocabSize()) {
      throw misfit(dir, "vocabSize", vocabSize, prepared.vocabSize());
    }
  }

  private static BadInputException misfit(String dir, String field, int recorded, int expected) {
    return new BadInputException(
        String.format(
            "Model bundle %s does not fit together: %s records network.%s = %d, %s says %d.",
            dir, MANIFEST, field, recorded, PreparedManifest.FILE, expected));
  }

  /** The vocabulary; each word's count is added to {@code counts}. */
  private static Vocabulary readVocabulary(FileSystem fs, Path file, List<Long> counts)
      throws IOException {
    List<String> words = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                BoundedRead.open(fs, file, MAX_VOCABULARY_BYTES), StandardCharsets.UTF_8))) {
      String line;
      int expected = 0;
      while ((line = BoundedRead.line(r, MAX_VOCABULARY_LINE, file)) != null) {
        String[] f = line.split("\t", -1);
        if (f.length != 3 || !f[0].equals(Integer.toString(expected))) {
          throw new BadInputException(
              "Vocabulary "
                  + file
                  + " is corrupt at line "
                  + (expected + 1)
                  + ": expected id "
                  + expected
                  + ", word, count.");
        }
        if (expected >= Vocabulary.FIRST_WORD_ID) {
          words.add(f[1]);
          counts.add(parseCount(f[2], file, expected + 1));
        }
        expected++;
      }
    }
    return new Vocabulary(words);
  }

  private static long parseCount(String count, Path file, int line) {
    try {
      return Long.parseLong(count.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "Vocabulary " + file + " is corrupt at line " + line + ": the count is not a number.");
    }
  }
}
