package io.imdbrnn.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdbrnn.config.SettingEnum;
import io.imdbrnn.config.Task;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.labels.LabelIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code <prepared>/prepare.json}: how the token ids were made. Training copies it into the model
 * bundle so that text scored later is tokenized and padded the same way.
 *
 * @param tokenizer the {@code ReviewTokenizer.VERSION} that produced the words
 * @param vocabSize ids in use (reserved ids included): the embedding layer's input size
 * @param requestedVocabSize the {@code prepare.vocab-size} setting (larger than vocabSize when the
 *     train split has fewer distinct words)
 * @param reservedIds pad, start and oov ids
 * @param rows reviews per split (for next-char: windows per split)
 * @param task {@code sentiment} or {@code next-char}; absent (null) in manifests written before the
 *     task existed, which are sentiment
 * @param labels a classifier's classes in index order ({@link LabelIndex}); absent (null) for
 *     next-char and in format-1 manifests, whose classes are IMDB's neg and pos
 * @param ngrams the longest n-gram read as a term ({@code prepare.ngrams}); absent (null) in
 *     manifests written before it existed, which read words only
 */
public record PreparedManifest(
    int formatVersion,
    String tokenizer,
    int vocabSize,
    int requestedVocabSize,
    int maxLen,
    String padding,
    String truncation,
    Map<String, Integer> reservedIds,
    String input,
    Map<String, Long> rows,
    String createdAt,
    String codeVersion,
    String task,
    List<String> labels,
    Integer ngrams) {
  public static final String FILE = "prepare.json";

  /** 2: {@code labels} (any number of classes); format 1 is read as IMDB's neg and pos. */
  public static final int FORMAT_VERSION = 2;

  /** A few hundred bytes when we write it; a larger file is not ours and is not read. */
  static final long MAX_BYTES = 1 << 20;

  private static final ObjectMapper JSON = JsonFiles.MAPPER;

  /**
   * The task the data was prepared for; manifests older than the task are classifiers, and those
   * that say "sentiment" (its former name) too.
   */
  public Task taskOrDefault() {
    if (task == null) {
      return Task.CLASSIFY;
    }
    return SettingEnum.parse(Task.class, task)
        .orElseThrow(
            () ->
                new BadInputException(
                    FILE
                        + " names task '"
                        + task
                        + "'; this version knows "
                        + SettingEnum.allowed(Task.class)));
  }

  /**
   * The longest n-gram a text's terms hold ({@link io.imdbrnn.text.Terms}): 1 (words only) for
   * manifests older than the setting; a value out of range is refused, as the file is untrusted.
   */
  public int ngramsOrDefault() {
    if (ngrams == null) {
      return 1;
    }
    if (ngrams < 1 || ngrams > io.imdbrnn.text.Terms.MAX_N) {
      throw new BadInputException(
          FILE
              + " names n-grams of "
              + ngrams
              + " words; 1 to "
              + io.imdbrnn.text.Terms.MAX_N
              + " are known");
    }
    return ngrams;
  }

  /** The classes of a classifier's data; format-1 manifests (and next-char) have IMDB's two. */
  public LabelIndex labelIndex() {
    return labels == null ? LabelIndex.SENTIMENT : new LabelIndex(labels);
  }

  public static String path(String prepared) {
    return prepared + "/" + FILE;
  }

  public void write(Configuration conf, String prepared) {
    Path p = new Path(path(prepared));
    try (OutputStream out = p.getFileSystem(conf).create(p, false)) {
      JSON.writeValue(out, this);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  public static PreparedManifest read(Configuration conf, String prepared) {
    Path p = new Path(path(prepared));
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new BadInputException("Prepared dataset " + prepared + " has no " + FILE + ".");
      }
      try (InputStream in = BoundedRead.open(fs, p, MAX_BYTES)) {
        return FormatVersion.read(in, PreparedManifest.class, FORMAT_VERSION, p.toString());
      }
    } catch (com.fasterxml.jackson.core.JacksonException | ChecksumException e) {
      throw new BadInputException("Cannot read " + p + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
