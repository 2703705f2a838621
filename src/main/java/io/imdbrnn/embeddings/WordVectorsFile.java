package io.imdbrnn.embeddings;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.Decompressed;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
    Pass pass = new Pass(location, settingKey, dimension);
    Lookup lookup = new Lookup(wanted, pass);
    String digest = stream(conf, location, settingKey, line -> pass.line(line, lookup), true);
    pass.requireVectors();
    if (pass.declared >= 0 && pass.declared != pass.vectors) {
      LOG.warn(
          "Word vectors {} declares {} vectors in its first line and holds {}",
          location,
          pass.declared,
          pass.vectors);
    }
    Map<Integer, float[]> byId = lookup.byId();
    if (byId.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Word vectors %s (%s) has none of the %d vocabulary words among its %d vectors:"
                  + " vectors of another language or tokenization cannot start this embedding.",
              location, settingKey, wanted.size(), pass.vectors));
    }
    return new WordVectors(location, digest, pass.dimension, byId, wanted.size(), pass.vectors);
  }

  /**
   * The words of the file at {@code location} in the file's order (word2vec, GloVe and fastText
   * write the most frequent first), lower-cased, that {@code take} accepts, each once, until {@code
   * limit} are found: the file is read no further, so a few words of a 5 GB file cost a few lines.
   * Every line read is checked as {@link #read} checks it; the vectors' width is the file's own
   * (its header's, else its first line's).
   */
  public static List<String> words(
      Configuration conf, String location, String settingKey, Predicate<String> take, int limit) {
    Set<String> found = new LinkedHashSet<>();
    if (limit <= 0) {
      return List.of();
    }
    Pass pass = new Pass(location, settingKey, 0);
    stream(
        conf,
        location,
        settingKey,
        line ->
            pass.line(
                    line,
                    (word, fields, from) -> {
                      String lower = word.toLowerCase(Locale.ROOT);
                      if (take.test(lower)) {
                        found.add(lower);
                      }
                    })
                && found.size() < limit,
        false);
    pass.requireVectors();
    return List.copyOf(found);
  }

  /**
   * Feeds each line to {@code sink} until it returns false or the file ends.
   *
   * @param whole read (and hash) every byte even after the sink stops
   * @return {@code sha256:<hex>} of the bytes read (the whole file's when {@code whole})
   */
  private static String stream(
      Configuration conf,
      String location,
      String settingKey,
      Predicate<String> sink,
      boolean whole) {
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
        String line;
        while ((line = BoundedRead.line(r, MAX_LINE_CHARS, file)) != null) {
          if (!sink.test(line)) {
            break;
          }
        }
        if (whole) {
          // Hash what is left (a compressed file's trailer), so the digest covers every byte.
          raw.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
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
    InputStream in = Decompressed.of(conf, file, raw);
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  /** What a pass does with each vector line. */
  private interface Visitor {
    /**
     * @param fields the line's fields; the numbers start at {@code from}
     */
    void vector(String word, String[] fields, int from);
  }

  /** Keeps the vectors of the wanted words: exact spellings first, then lower-cased ones. */
  private static final class Lookup implements Visitor {
    private final Map<String, Integer> wanted;
    private final Map<Integer, float[]> exact = new HashMap<>();
    private final Map<Integer, float[]> folded = new HashMap<>();
    private final Pass pass;

    Lookup(Map<String, Integer> wanted, Pass pass) {
      this.wanted = wanted;
      this.pass = pass;
    }

    @Override
    public void vector(String word, String[] fields, int from) {
      Integer id = wanted.get(word);
      if (id != null) {
        exact.putIfAbsent(id, pass.numbers(fields, from));
        return;
      }
      Integer lower = wanted.get(word.toLowerCase(Locale.ROOT));
      if (lower != null && !exact.containsKey(lower) && !folded.containsKey(lower)) {
        folded.put(lower, pass.numbers(fields, from));
      }
    }

    Map<Integer, float[]> byId() {
      Map<Integer, float[]> byId = new HashMap<>(folded);
      byId.putAll(exact);
      return byId;
    }
  }

  /** The state of one pass over the lines: the line count, the header, every line's shape. */
  private static final class Pass {
    private final String location;
    private final String settingKey;

    /** Numbers per vector; 0 until the first line tells, when the caller does not know it. */
    private int dimension;

    private final boolean dimensionGiven;
    private long lineNumber;
    private long vectors;
    private long declared = -1;

    Pass(String location, String settingKey, int dimension) {
      this.location = location;
      this.settingKey = settingKey;
      this.dimension = dimension;
      this.dimensionGiven = dimension > 0;
    }

    /** Checks one line and hands its vector, if it has one, to {@code visitor}; always true. */
    boolean line(String raw, Visitor visitor) {
      lineNumber++;
      String line = raw.stripTrailing();
      if (line.isEmpty()) {
        return true;
      }
      String[] fields = line.split(" ");
      if (lineNumber == 1 && isHeader(fields)) {
        return true;
      }
      if (dimension == 0) {
        dimension = fields.length - 1;
      }
      int words = fields.length - dimension;
      if (dimension < 1 || words < 1 || (vectors == 0 && words > 1)) {
        throw bad(
            dimensionGiven
                ? String.format(
                    "has %d field%s where a word and %d numbers (train.embedding-size) were"
                        + " expected; the file's vectors must have as many numbers as the"
                        + " embedding is wide",
                    fields.length, fields.length == 1 ? "" : "s", dimension)
                : String.format(
                    "has %d field%s where a word and %d numbers were expected, as many as the"
                        + " file's first vector has",
                    fields.length, fields.length == 1 ? "" : "s", Math.max(dimension, 1)));
      }
      vectors++;
      if (vectors % PROGRESS_LINES == 0) {
        LOG.info("Word vectors {}: {} vectors read", location, vectors);
      }
      // A word may hold spaces (GloVe's largest files have a few): the numbers are the last fields.
      String word =
          words == 1 ? fields[0] : String.join(" ", java.util.Arrays.copyOf(fields, words));
      visitor.vector(word, fields, words);
      return true;
    }

    private boolean isHeader(String[] fields) {
      if (fields.length != 2
          || !COUNT.matcher(fields[0]).matches()
          || !COUNT.matcher(fields[1]).matches()) {
        return false;
      }
      long width = Long.parseLong(fields[1]);
      if (!dimensionGiven) {
        if (width < 1 || width > MAX_LINE_CHARS / 2) {
          throw bad(String.format("declares vectors of %d numbers", width));
        }
        dimension = (int) width;
      } else if (width != dimension) {
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

    void requireVectors() {
      if (vectors == 0) {
        throw new BadInputException(
            String.format("Word vectors %s (%s) holds no vectors.", location, settingKey));
      }
    }

    private BadInputException bad(String what) {
      return new BadInputException(
          String.format(
              "Word vectors %s (%s), line %d, %s.", location, settingKey, lineNumber, what));
    }
  }
}
