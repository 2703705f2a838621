package io.imdbrnn.embeddings;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads word vectors in the text format GloVe, word2vec ({@code -binary 0}) and fastText ({@code
 * .vec}) share: one word per line followed by its numbers, separated by spaces, with an optional
 * first line {@code <count> <dimension>}; compressed files (e.g. {@code .gz}) are read through
 * Hadoop's codecs. From any Hadoop filesystem.
 *
 * <p>The file is untrusted and may be large (GloVe's largest is 5 GB): it is streamed once, only
 * the vectors of the wanted words are kept (memory bounded by the vocabulary, not the file), lines
 * are bounded, and every line's shape is checked. The numbers of a kept vector must be finite
 * decimals of a size word vectors have. Every refusal names the file and the line.
 */
public final class WordVectorsFile {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorsFile.class);

  /** 300 numbers take about 3,000 characters; a longer line is not a word vector. */
  static final int MAX_LINE_CHARS = 1 << 16;

  /** Word vectors live within a few units of zero; a larger number is not one. */
  static final float MAX_MAGNITUDE = 1000f;

  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern COUNT = Pattern.compile("\\d{1,12}");
  private static final long PROGRESS_LINES = 1_000_000;

  private WordVectorsFile() {}

  /**
   * The vectors of {@code wanted} (word → id) in the file at {@code location}.
   *
   * @param dimension the numbers each vector must have (the embedding's width); a file of another
   *     width is refused, naming both
   * @param settingKey the setting that named the file, for the messages
   */
  public static WordVectors read(
      Configuration conf,
      String location,
      Map<String, Integer> wanted,
      int dimension,
      String settingKey) {
    Path file = new Path(location);
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file) || !fs.getFileStatus(file).isFile()) {
        throw new BadInputException(
            String.format("Word vectors %s (%s) is not a file.", location, settingKey));
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream raw = new DigestInputStream(fs.open(file), sha);
          BufferedReader r = reader(conf, file, raw)) {
        Parse parse = new Parse(location, settingKey, wanted, dimension);
        String line;
        while ((line = BoundedRead.line(r, MAX_LINE_CHARS, file)) != null) {
          parse.line(line);
        }
        // Hash what is left (a compressed file's trailer), so the digest covers every byte.
        raw.transferTo(java.io.OutputStream.nullOutputStream());
        return parse.result("sha256:" + HexFormat.of().formatHex(sha.digest()));
      }
    } catch (CharacterCodingException e) {
      throw new BadInputException(
          String.format(
              "Word vectors %s (%s) is not UTF-8 text: %s", location, settingKey, e.getMessage()),
          e);
    } catch (FileNotFoundException e) {
      throw new BadInputException(
          String.format("Word vectors %s (%s) does not exist.", location, settingKey), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read word vectors " + location + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BufferedReader reader(Configuration conf, Path file, InputStream raw)
      throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    InputStream in = codec == null ? raw : codec.createInputStream(raw);
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  /** The state of one pass over the lines. */
  private static final class Parse {
    private final String location;
    private final String settingKey;
    private final Map<String, Integer> wanted;
    private final int dimension;
    private final Map<Integer, float[]> exact = new HashMap<>();
    private final Map<Integer, float[]> folded = new HashMap<>();
    private long lineNumber;
    private long vectors;
    private long declared = -1;

    Parse(String location, String settingKey, Map<String, Integer> wanted, int dimension) {
      this.location = location;
      this.settingKey = settingKey;
      this.wanted = wanted;
      this.dimension = dimension;
    }

    void line(String raw) {
      lineNumber++;
      String line = raw.stripTrailing();
      if (line.isEmpty()) {
        return;
      }
      String[] fields = line.split(" ");
      if (lineNumber == 1 && isHeader(fields)) {
        return;
      }
      int words = fields.length - dimension;
      if (words < 1 || (vectors == 0 && words > 1)) {
        throw bad(
            String.format(
                "has %d field%s where a word and %d numbers (%s) were expected; the file's"
                    + " vectors must have as many numbers as the embedding is wide",
                fields.length, fields.length == 1 ? "" : "s", dimension, "train.embedding-size"));
      }
      vectors++;
      if (vectors % PROGRESS_LINES == 0) {
        LOG.info("Word vectors {}: {} vectors read, {} words found", location, vectors, found());
      }
      // A word may hold spaces (GloVe's largest files have a few): the numbers are the last fields.
      String word =
          words == 1 ? fields[0] : String.join(" ", java.util.Arrays.copyOf(fields, words));
      Integer id = wanted.get(word);
      if (id != null) {
        exact.putIfAbsent(id, numbers(fields, words));
        return;
      }
      Integer lower = wanted.get(word.toLowerCase(Locale.ROOT));
      if (lower != null && !exact.containsKey(lower) && !folded.containsKey(lower)) {
        folded.put(lower, numbers(fields, words));
      }
    }

    private boolean isHeader(String[] fields) {
      if (fields.length != 2
          || !COUNT.matcher(fields[0]).matches()
          || !COUNT.matcher(fields[1]).matches()) {
        return false;
      }
      long width = Long.parseLong(fields[1]);
      if (width != dimension) {
        throw bad(
            String.format(
                "declares vectors of %d numbers, but train.embedding-size is %d; set it to %d"
                    + " to use these vectors",
                width, dimension, width));
      }
      declared = Long.parseLong(fields[0]);
      return true;
    }

    private float[] numbers(String[] fields, int from) {
      float[] v = new float[dimension];
      for (int i = 0; i < dimension; i++) {
        String s = fields[from + i];
        float x = DECIMAL.matcher(s).matches() ? Float.parseFloat(s) : Float.NaN;
        if (!Float.isFinite(x) || Math.abs(x) > MAX_MAGNITUDE) {
          throw bad(
              String.format(
                  "has '%s' as number %d of its vector: not a decimal number within ±%.0f",
                  s.length() > 40 ? s.substring(0, 40) + "…" : s, i + 1, MAX_MAGNITUDE));
        }
        v[i] = x;
      }
      return v;
    }

    private int found() {
      return exact.size() + folded.size();
    }

    WordVectors result(String digest) {
      if (vectors == 0) {
        throw new BadInputException(
            String.format("Word vectors %s (%s) holds no vectors.", location, settingKey));
      }
      if (declared >= 0 && declared != vectors) {
        LOG.warn(
            "Word vectors {} declares {} vectors in its first line and holds {}",
            location,
            declared,
            vectors);
      }
      Map<Integer, float[]> byId = new HashMap<>(folded);
      byId.putAll(exact);
      if (byId.isEmpty()) {
        throw new BadInputException(
            String.format(
                "Word vectors %s (%s) has none of the %d vocabulary words among its %d vectors:"
                    + " vectors of another language or tokenization cannot start this embedding.",
                location, settingKey, wanted.size(), vectors));
      }
      return new WordVectors(location, digest, dimension, byId, wanted.size(), vectors);
    }

    private BadInputException bad(String what) {
      return new BadInputException(
          String.format(
              "Word vectors %s (%s), line %d, %s.", location, settingKey, lineNumber, what));
    }
  }
}
